// EWMA deviation kernel (WebAssembly) against its plain-TS twin on random inputs (NaN, ±Infinity,
// empty, length 1, constants, huge magnitudes); resuming from the returned state equals one call, and the
// four-lane path (long calls) and the block path (short calls) equal the one-point-at-a-time loop bit for bit.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { EWMA_LANE_POINTS } from '../../src/kernels/ewma';
import { EWMA_STATE_LENGTH, type EwmaOptions } from '../../src/kernels/ewma-types';
import { seriesArb, cutsArb, valueArb } from '../reference/detector-checks';
import { twinEwmaDeviation } from '../reference/ewma';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

function run(v: Float64Array, opts: EwmaOptions): { dev: Float64Array; flags: Uint8Array } {
  const dev = new Float64Array(v.length);
  const flags = new Uint8Array(v.length);
  kernels.ewmaDeviation(v, 0, opts, new Float64Array(EWMA_STATE_LENGTH), dev, flags);
  return { dev, flags };
}

/** Largest finite |value| (the scale rounding is measured against). */
const magnitude = (v: Float64Array): number => v.reduce((m, x) => (Number.isFinite(x) ? Math.max(m, Math.abs(x)) : m), 0);

/**
 * dev within 1e-7·max(1, |dev|) where the EWM std is well above the values' rounding (std > 1e-6 ×
 * magnitude); NaN/±Infinity/0 exactly as the twin wherever the twin's variance is 0 or the point
 * is not judged; flags equal away from the threshold.
 */
function expectClose(v: Float64Array, opts: EwmaOptions): void {
  const got = run(v, opts);
  const want = { dev: new Float64Array(v.length), flags: new Uint8Array(v.length) };
  twinEwmaDeviation(v, opts, want.dev, want.flags);
  const mag = magnitude(v);
  // The points that break these rules (the first few): checked without expect() per point, which
  // would cost more than the kernel on the long series.
  const wrong: string[] = [];
  for (let i = 0; i < v.length && wrong.length < 5; i++) {
    const [g, w] = [got.dev[i], want.dev[i]];
    let ok = true;
    if (Number.isNaN(g) !== Number.isNaN(w)) ok = false;
    else if (!Number.isFinite(v[i]) || Number.isNaN(w)) ok = Number.isNaN(w) || Object.is(g, w);
    else if (Number.isFinite(w) && Number.isFinite(g) && Math.abs(w) <= 1e6) {
      // (skipped otherwise: variance ~0 is ill-conditioned, a deviation against a near-zero variance rounding-dominated)
      const tol = 1e-7 * Math.max(1, Math.abs(w)) + (mag > 1e6 ? 1e-3 : 0);
      ok = Math.abs(g - w) <= tol && (Math.abs(Math.abs(w) - opts.threshold) <= tol || got.flags[i] === want.flags[i]);
    }
    if (!ok) wrong.push(`i=${i} v=${v[i]} got=${g} flag ${got.flags[i]} want=${w} flag ${want.flags[i]}`);
  }
  expect(wrong).toEqual([]);
}

const optsArb = fc.record({
  alpha: fc.double({ min: 0.001, max: 1, noNaN: true }),
  warmUp: fc.integer({ min: 1, max: 30 }),
  threshold: fc.double({ min: 0.5, max: 8, noNaN: true }),
});

describe('ewmaDeviation kernel', () => {
  it('matches the twin on random series with NaN, ±Infinity, repeats and huge values', () => {
    fc.assert(fc.property(seriesArb(400), optsArb, (v, opts) => expectClose(v, opts)), { numRuns: 300 });
  });

  it('empty, length 1, constant, huge offset', () => {
    const opts = { alpha: 0.1, warmUp: 1, threshold: 3 };
    expect(run(new Float64Array(0), opts).dev.length).toBe(0);
    expect(run(Float64Array.of(4), opts).dev[0]).toBeNaN();
    const constant = run(new Float64Array(101).fill(7.3), opts);
    expect(Array.from(constant.dev.subarray(1)).every((d) => d === 0)).toBe(true);
    const off = new Float64Array(103).fill(7.3);
    off[102] = 7.4;
    expect(run(off, opts).dev[102]).toBe(Infinity);
    const rand = Array.from({ length: 5000 }, (_, i) => 1e12 + Math.sin(i) * 10);
    expectClose(Float64Array.from(rand), { alpha: 0.02, warmUp: 10, threshold: 3 });
  });

  it('NaN and ±Infinity are not absorbed', () => {
    const v = Float64Array.of(1, 2, 1, 2, NaN, Infinity, -Infinity, 1, 2, 1);
    const w = Float64Array.of(1, 2, 1, 2, 1, 2, 1);
    const a = run(v, { alpha: 0.3, warmUp: 2, threshold: 3 });
    const b = run(w, { alpha: 0.3, warmUp: 2, threshold: 3 });
    expect(a.dev[4]).toBeNaN();
    expect([a.dev[5], a.dev[6], a.flags[5], a.flags[6]]).toEqual([Infinity, -Infinity, 1, 1]);
    for (const [i, j] of [[7, 4], [8, 5], [9, 6]]) expect(Math.abs(a.dev[i] - b.dev[j])).toBeLessThan(1e-12);
  });

  it('resuming at the returned index with the returned state equals one call, bit for bit', () => {
    fc.assert(
      fc.property(seriesArb(300).chain((v) => fc.tuple(fc.constant(v), cutsArb(v.length), optsArb)), ([v, cuts, opts]) => {
        const whole = run(v, opts);
        const state = new Float64Array(EWMA_STATE_LENGTH);
        let resume = 0;
        for (const cut of [...cuts, v.length]) {
          if (cut < resume) continue;
          const part = v.slice(resume, cut);
          const dev = new Float64Array(part.length);
          const flags = new Uint8Array(part.length);
          const next = kernels.ewmaDeviation(part, 0, opts, state, dev, flags);
          for (let i = 0; i < part.length; i++) {
            expect(Object.is(dev[i], whole.dev[resume + i]), `i=${resume + i}`).toBe(true);
            expect(flags[i]).toBe(whole.flags[resume + i]);
          }
          // Resume at the returned block boundary: the state stands before v[resume + next].
          resume += next;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('long series over several segments equals the twin', () => {
    const n = 300_003;
    expect(n / 4).toBeGreaterThan(EWMA_LANE_POINTS); // each lane runs over more than one segment
    const v = Float64Array.from({ length: n }, (_, i) => 50 + Math.sin(i / 7) * 3 + ((i * 7919) % 13) / 13 + (i % 977 === 0 ? NaN : 0));
    expectClose(v, { alpha: 0.05, warmUp: 20, threshold: 4 });
  });
});

/** The kernel over v in calls of at most `chunk` points (short calls run one point at a time), state carried. */
function runChunked(v: Float64Array, opts: EwmaOptions, chunk: number): { dev: Float64Array; flags: Uint8Array; state: Float64Array } {
  const dev = new Float64Array(v.length);
  const flags = new Uint8Array(v.length);
  const state = new Float64Array(EWMA_STATE_LENGTH);
  for (let from = 0; from < v.length; from += chunk) {
    const to = Math.min(v.length, from + chunk);
    kernels.ewmaDeviation(v.subarray(from, to), 0, opts, state, dev.subarray(from, to), flags.subarray(from, to));
  }
  return { dev, flags, state };
}

function expectSameBits(v: Float64Array, opts: EwmaOptions): void {
  const whole = runChunked(v, opts, v.length);
  // Calls of 997 points run blocks of 32 without per-point checks where they can; calls of 31 points
  // run every point through the per-point loop.
  for (const chunk of [997, 31]) {
    const pointwise = runChunked(v, opts, chunk);
    for (let i = 0; i < v.length; i++) {
      if (!Object.is(whole.dev[i], pointwise.dev[i]) || whole.flags[i] !== pointwise.flags[i]) {
        expect(`chunk ${chunk} i=${i} v=${v[i]} dev ${whole.dev[i]} flag ${whole.flags[i]}`).toBe(`chunk ${chunk} i=${i} v=${v[i]} dev ${pointwise.dev[i]} flag ${pointwise.flags[i]}`);
      }
    }
    expect(Array.from(whole.state)).toEqual(Array.from(pointwise.state));
  }
}

describe('ewmaDeviation on four lanes', () => {
  const walk = (n: number, seed: number): Float64Array => {
    let s = seed;
    let level = 1e6;
    return Float64Array.from({ length: n }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      level += (s / 2 ** 32 - 0.5) * 4;
      return level + ((s >>> 7) % 1000) / 100;
    });
  };

  it('equals the one-point-at-a-time results bit for bit on a long random walk', () => {
    expectSameBits(walk(300_000, 7), { alpha: 1 - 2 ** (-1 / 20), warmUp: 40, threshold: 4.5 });
    expectSameBits(walk(100_000, 8), { alpha: 0.3, warmUp: 4, threshold: 2 });
  });

  it('equals them on long random series with NaN, ±Infinity and huge values, for any α', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 30_000, maxLength: 60_000 }), optsArb, (a, opts) => expectSameBits(Float64Array.from(a), opts)),
      { numRuns: 6 },
    );
  });

  it('recomputes a lane whose guessed state cannot be the true one (a NaN run over its warm-up)', () => {
    // Lane 1 starts warming up near a quarter of the series and sees only NaN before its own range:
    // its count stays 0 while the true count is 15 000, so it must be redone from the true state.
    const v = walk(100_000, 9);
    v.fill(NaN, 15_000, 40_000);
    expectSameBits(v, { alpha: 1 - 2 ** (-1 / 20), warmUp: 40, threshold: 4.5 });
    // A constant run: lanes that start inside it guess variance 0, the true one is still decaying.
    const c = walk(100_000, 10);
    c.fill(5, 10_000);
    expectSameBits(c, { alpha: 0.05, warmUp: 10, threshold: 3 });
  });
});

describe('ewmaDeviation on resident arrays', () => {
  it('works in place and gives the bits of the copying path; the views stay valid', async () => {
    const own = await loadKernelsNode();
    const n = 120_003;
    const arrays = own.residentArrays(n * 17 + 64, 8 << 20);
    const v = arrays.float64(n);
    const dev = arrays.float64(n);
    const flags = arrays.uint8(n);
    for (let i = 0; i < n; i++) v[i] = 100 + Math.sin(i / 9) * 5 + ((i * 7919) % 17) / 3 + (i % 5003 === 0 ? 40 : 0) + (i % 7717 === 0 ? NaN : 0);
    const opts = { alpha: 1 - 2 ** (-1 / 20), warmUp: 40, threshold: 4.5 };
    const state = new Float64Array(EWMA_STATE_LENGTH);
    expect(own.ewmaDeviation(v, 0, opts, state, dev, flags)).toBe(n);
    const copied = runChunked(v.slice(), opts, n);
    for (let i = 0; i < n; i++) {
      if (!Object.is(dev[i], copied.dev[i]) || flags[i] !== copied.flags[i]) expect(`${i}: ${dev[i]} ${flags[i]}`).toBe(`${i}: ${copied.dev[i]} ${copied.flags[i]}`);
    }
    expect(Array.from(state)).toEqual(Array.from(copied.state));
    // Other kernels' scratch stays below the arena; a call on copies after this one leaves the views intact.
    own.ewmaDeviation(v.slice(0, 1000), 0, opts, new Float64Array(EWMA_STATE_LENGTH), new Float64Array(1000), new Uint8Array(1000));
    expect([v.length, dev.length, flags.length]).toEqual([n, n, n]);
    expect(Object.is(dev[n - 1], copied.dev[n - 1])).toBe(true);
    expect(() => arrays.float64(arrays.freeBytes())).toThrow(RangeError);
    expect(() => own.residentArrays(1024)).toThrow();
  });

  it('outputs from `first` on, in place, as the copying path does', async () => {
    const own = await loadKernelsNode();
    const arrays = own.residentArrays(1 << 20, 1 << 20);
    const v = arrays.float64(5000);
    for (let i = 0; i < v.length; i++) v[i] = Math.cos(i) * 3 + (i % 101 === 0 ? 30 : 0);
    const dev = arrays.float64(4000);
    const flags = arrays.uint8(4000);
    const opts = { alpha: 0.1, warmUp: 5, threshold: 3 };
    own.ewmaDeviation(v, 1000, opts, new Float64Array(EWMA_STATE_LENGTH), dev, flags);
    const want = run(v.slice(), opts);
    expect(Array.from(dev)).toEqual(Array.from(want.dev.subarray(1000)));
    expect(Array.from(flags)).toEqual(Array.from(want.flags.subarray(1000)));
  });
});
