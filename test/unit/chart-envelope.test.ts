// Min/max envelopes of lines on one time axis (the chaos lab's charts): short ranges come back whole,
// long ones keep each bucket's extremes in time order, gaps stay gaps, and the range's edges are kept.
import { describe, expect, it } from 'vitest';
import { alignedEnvelope } from '../../src/ui/chart-envelope';

const maxOf = (v: Float64Array) => v.reduce((m, x) => Math.max(m, x), -Infinity);
const minOf = (v: Float64Array) => v.reduce((m, x) => Math.min(m, x), Infinity);

function walk(n: number, seed: number): Float64Array {
  let s = seed;
  let x = 0;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    x += s / 2147483648 - 0.5;
    return x;
  });
}

describe('alignedEnvelope', () => {
  it('returns a short range as it is, with one point either side', () => {
    const t = Float64Array.from({ length: 10 }, (_, i) => i * 10);
    const v = Float64Array.from({ length: 10 }, (_, i) => i);
    const out = alignedEnvelope(t, [v], 25, 55, 100);
    expect([...out.t]).toEqual([20, 30, 40, 50, 60]);
    expect([...out.lines[0]]).toEqual([2, 3, 4, 5, 6]);
  });

  it('keeps every bucket extreme in time order, and the range extremes of both lines', () => {
    const n = 200_000;
    const t = Float64Array.from({ length: n }, (_, i) => 1000 + i * 7);
    const a = walk(n, 1);
    const b = walk(n, 2);
    const out = alignedEnvelope(t, [a, b], t[0], t[n - 1], 500);
    expect(out.t.length).toBeLessThanOrEqual(1002);
    expect(out.t.length).toBeGreaterThan(900);
    for (let i = 1; i < out.t.length; i++) expect(out.t[i]).toBeGreaterThanOrEqual(out.t[i - 1]);
    for (const [j, v] of [a, b].entries()) {
      expect(maxOf(out.lines[j])).toBe(maxOf(v));
      expect(minOf(out.lines[j])).toBe(minOf(v));
    }
    // Bucket by bucket: the pair at (first time, last time) is that bucket's min and max, in the order they occur.
    const at = (x: number) => Math.round((x - 1000) / 7);
    for (let k = 0; k + 1 < out.t.length; k += 2) {
      const i0 = at(out.t[k]);
      const i1 = at(out.t[k + 1]);
      const slice = a.subarray(i0, i1 + 1);
      const lo = minOf(slice);
      const hi = maxOf(slice);
      const loFirst = slice.indexOf(lo) <= slice.indexOf(hi);
      expect([out.lines[0][k], out.lines[0][k + 1]]).toEqual(loFirst ? [lo, hi] : [hi, lo]);
    }
  });

  it('gives NaN where a line has no value in a bucket, and reduces only the asked range', () => {
    const n = 100_000;
    const t = Float64Array.from({ length: n }, (_, i) => i);
    const v = walk(n, 3);
    v.fill(NaN, 40_000, 60_000);
    const whole = alignedEnvelope(t, [v], 0, n - 1, 100);
    const mid = whole.t.findIndex((x) => x >= 45_000);
    expect(Number.isNaN(whole.lines[0][mid])).toBe(true);
    const part = alignedEnvelope(t, [v], 10_000, 10_150, 100);
    expect(part.t[0]).toBe(9_999);
    expect(part.t[part.t.length - 1]).toBe(10_151);
    expect(part.t.length).toBe(153);
  });
});
