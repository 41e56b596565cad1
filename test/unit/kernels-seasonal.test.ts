// Seasonal baseline kernel (WebAssembly) against its plain-TypeScript twin, bit for bit, on random
// series (NaN and ±Infinity values and times, huge magnitudes, empty, length 1) split into random calls.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { A_LEVEL, A_SCALE, newSeasonalState, SEASONAL_HEADER } from '../../src/kernels/seasonal-state';
import type { SeasonalBaseline } from '../../src/kernels/seasonal-types';
import { twinSeasonalScore } from '../reference/seasonal';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

interface Run {
  raw: Float64Array;
  score: Float64Array;
  flag: Uint8Array;
  state: Float64Array;
}

type ScoreFn = (t: Float64Array, v: Float64Array, b: SeasonalBaseline, thr: number, raw: Float64Array, score: Float64Array, flag: Uint8Array) => void;

/** Runs `fn` over the points cut into calls at `cuts`, carrying one baseline. */
function runIn(fn: ScoreFn, t: Float64Array, v: Float64Array, shape: Omit<SeasonalBaseline, 'state'>, thr: number, cuts: number[]): Run {
  const n = v.length;
  const out = { raw: new Float64Array(n), score: new Float64Array(n), flag: new Uint8Array(n) };
  const baseline = { ...shape, state: newSeasonalState(shape.bins, shape.cycles) };
  let from = 0;
  for (const to of [...cuts.filter((c) => c <= n), n]) {
    const r = { raw: new Float64Array(to - from), score: new Float64Array(to - from), flag: new Uint8Array(to - from) };
    fn(t.subarray(from, to), v.subarray(from, to), baseline, thr, r.raw, r.score, r.flag);
    out.raw.set(r.raw, from);
    out.score.set(r.score, from);
    out.flag.set(r.flag, from);
    from = to;
  }
  return { ...out, state: baseline.state };
}

const kernelFn: ScoreFn = (...a) => kernels.seasonalScore(...a);

function expectIdentical(a: Run, b: Run): void {
  for (let i = 0; i < a.raw.length; i++) {
    expect(Object.is(a.raw[i], b.raw[i]), `raw[${i}] ${a.raw[i]} vs ${b.raw[i]}`).toBe(true);
    expect(Object.is(a.score[i], b.score[i]), `score[${i}]`).toBe(true);
    expect(a.flag[i], `flag[${i}]`).toBe(b.flag[i]);
  }
  for (let i = 0; i < a.state.length; i++) expect(Object.is(a.state[i], b.state[i]), `state[${i}]`).toBe(true);
}

const value = fc.oneof(
  { weight: 10, arbitrary: fc.double({ min: -100, max: 100, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 3, 3, 1e300, -1e300) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

const caseArb = fc.record({
  steps: fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 50 }) }, { weight: 1, arbitrary: fc.constant(NaN) }), { maxLength: 300 }),
  values: fc.array(value, { minLength: 300, maxLength: 300 }),
  bins: fc.integer({ min: 1, max: 8 }),
  cycles: fc.integer({ min: 1, max: 6 }),
  period: fc.integer({ min: 20, max: 400 }),
  anchor: fc.integer({ min: -100, max: 100 }),
  threshold: fc.double({ min: 0.5, max: 6, noNaN: true }),
  cuts: fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 6 }).map((c) => c.sort((a, b) => a - b)),
});

describe('seasonalScore', () => {
  it('equals the twin bit for bit, whole and in random pieces (NaN / ±Infinity values and times, huge values)', () => {
    fc.assert(
      fc.property(caseArb, ({ steps, values, bins, cycles, period, anchor, threshold, cuts }) => {
        let now = 1.7e12;
        const t = Float64Array.from(steps, (s) => (Number.isNaN(s) ? NaN : (now += s)));
        const v = Float64Array.from(values.slice(0, t.length));
        const shape = { bins, cycles, anchor: 1.7e12 + anchor, invWidth: bins / period };
        const twin = runIn(twinSeasonalScore, t, v, shape, threshold, []);
        expectIdentical(runIn(kernelFn, t, v, shape, threshold, []), twin);
        expectIdentical(runIn(kernelFn, t, v, shape, threshold, cuts), twin);
      }),
      { numRuns: 300 },
    );
  });

  it('equals the twin on mostly repeated values (counts: the zero-median scale falls back to the mean |residual|)', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.constantFrom(0, 0, 0, 0, 1, 2, NaN), { minLength: 300, maxLength: 300 }), (c, counts) => {
        const t = Float64Array.from({ length: 300 }, (_, i) => 1.7e12 + i * 10);
        const v = Float64Array.from(counts);
        const shape = { bins: c.bins, cycles: c.cycles, anchor: 1.7e12, invWidth: c.bins / c.period };
        const twin = runIn(twinSeasonalScore, t, v, shape, c.threshold, []);
        expectIdentical(runIn(kernelFn, t, v, shape, c.threshold, c.cuts), twin);
      }),
      { numRuns: 200 },
    );
  });

  it('a count that is usually 0 scores its 1s finitely and flags a 5 (median |residual| 0: the scale is the mean one)', () => {
    // Period 20 ms, 10 bins of 2 points; a 1 at one point in ten (a fixed pseudo-random draw), else 0.
    const n = 400;
    const t = Float64Array.from({ length: n }, (_, i) => i);
    let seed = 7;
    const v = Float64Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 < 0.1 ? 1 : 0));
    v[350] = 5;
    const r = runIn(kernelFn, t, v, { bins: 10, cycles: 4, anchor: 0, invWidth: 10 / 20 }, 4, []);
    const scored = [...r.raw].map((x, i) => [x, i]).filter(([x]) => !Number.isNaN(x));
    expect(scored.length).toBeGreaterThan(300);
    expect(scored.every(([x]) => Number.isFinite(x))).toBe(true); // with MAD × 1.4826 alone: ±Infinity at every 1
    expect(r.flag[350]).toBe(1);
    expect(scored.filter(([, i]) => v[i] === 1).length).toBeGreaterThan(20);
  });

  it('scores nothing before two cycles, then flags a deviation from the per-phase median', () => {
    // Period 8 ms, 2 bins: values 0 in the first half of each cycle, 10 in the second, noise ±0.5.
    const n = 80;
    const t = Float64Array.from({ length: n }, (_, i) => i);
    const v = Float64Array.from({ length: n }, (_, i) => (i % 8 < 4 ? 0 : 10) + (i % 2 ? 0.5 : -0.5));
    v[58] = 10; // a normal-looking value in the wrong phase
    const r = runIn(kernelFn, t, v, { bins: 2, cycles: 3, anchor: 0, invWidth: 2 / 8 }, 4, []);
    expect([...r.flag.subarray(0, 16)].every((f) => f === 0)).toBe(true);
    expect([...r.raw.subarray(0, 16)].every((x) => Number.isNaN(x))).toBe(true);
    expect([...r.raw.subarray(16)].every((x) => Number.isFinite(x))).toBe(true);
    expect(r.flag[58]).toBe(1);
    expect([...r.flag].reduce((a, b) => a + b, 0)).toBe(1);
    expect(r.state[SEASONAL_HEADER + A_LEVEL * 2]).toBe(0);
    expect(r.state[SEASONAL_HEADER + A_LEVEL * 2 + 1]).toBe(10);
    expect(r.state[SEASONAL_HEADER + A_SCALE * 2]).toBeCloseTo(0.5 * 1.482602218505602, 12); // median |residual| → σ
  });

  it('handles empty input and rejects a state of the wrong size', () => {
    const shape = { bins: 3, cycles: 2, anchor: 0, invWidth: 0.1 };
    const e = new Float64Array(0);
    expect(() => kernels.seasonalScore(e, e, { ...shape, state: newSeasonalState(3, 2) }, 4, e, e, new Uint8Array(0))).not.toThrow();
    expect(() => kernels.seasonalScore(e, e, { ...shape, state: new Float64Array(5) }, 4, e, e, new Uint8Array(0))).toThrow(/slots/);
  });
});
