// Rolling Pearson kernel (WebAssembly) against the from-scratch reference and the sliding twin, on random
// columns with NaN, ±Infinity, empty, length 1, constants, huge offsets, and across segment boundaries.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEGMENT_POINTS, type KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { referencePearson, twinPearson, windowPearson } from '../reference/pearson';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

function pearson(x: Float64Array, y: Float64Array, window: number): Float64Array {
  const out = new Float64Array(x.length);
  kernels.rollingPearson(x, y, window, out);
  return out;
}

/** Spread (max - min) of the finite values and their largest magnitude. */
function rangeOf(v: ArrayLike<number>): { range: number; magnitude: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i])) [lo, hi] = [Math.min(lo, v[i]), Math.max(hi, v[i])];
  return hi > lo ? { range: hi - lo, magnitude: Math.max(-lo, hi) } : { range: 0, magnitude: Math.max(Math.abs(lo), Math.abs(hi)) || 0 };
}

/**
 * Fewer than 2 jointly finite pairs: both NaN. Well-conditioned windows (each side's variance above
 * 1e-6 · n · range², i.e. not nearly constant next to values that passed through): |Δr| <= 1e-7 plus
 * 100 ulp of the largest magnitude over the smaller window σ (values at a huge offset are quantized).
 * Nearly constant windows are ill-conditioned for any sliding algorithm and only have to be in [-1, 1] or NaN.
 */
function expectClose(x: Float64Array, y: Float64Array, window: number, got: Float64Array): void {
  const { range: rx, magnitude: mx } = rangeOf(x);
  const { range: ry, magnitude: my } = rangeOf(y);
  for (let i = 0; i < x.length; i++) {
    const ref = windowPearson(x, y, i, window);
    const where = `i=${i} window=${window} ref=${ref.r} got=${got[i]}`;
    expect(Number.isNaN(got[i]) || Math.abs(got[i]) <= 1, where).toBe(true);
    if (ref.n < 2) {
      expect(got[i], where).toBeNaN();
      continue;
    }
    if (ref.vx > 1e-6 * ref.n * rx * rx && ref.vy > 1e-6 * ref.n * ry * ry) {
      const sigma = Math.min(Math.sqrt(ref.vx / ref.n), Math.sqrt(ref.vy / ref.n));
      const grain = (100 * Number.EPSILON * Math.max(mx, my)) / sigma;
      expect(Math.abs(got[i] - ref.r), where).toBeLessThanOrEqual(1e-7 + grain);
    }
  }
}

const special = fc.constantFrom(NaN, Infinity, -Infinity);
const value = fc.oneof(
  // Magnitudes below 1e-100 flushed to 0: their squares underflow for every algorithm.
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-100 ? 0 : v)) },
  { weight: 2, arbitrary: fc.integer({ min: -2, max: 2 }) },
  { weight: 1, arbitrary: special },
);
const pairArb = fc.integer({ min: 0, max: 200 }).chain((n) =>
  fc.record({
    x: fc.array(value, { minLength: n, maxLength: n }).map((a) => Float64Array.from(a)),
    y: fc.array(value, { minLength: n, maxLength: n }).map((a) => Float64Array.from(a)),
    window: fc.integer({ min: 1, max: 50 }),
  }),
);

describe('rollingPearson', () => {
  it('matches the reference on mixed columns (NaN, ±Infinity, empty, length 1, window > length)', () => {
    fc.assert(fc.property(pairArb, ({ x, y, window }) => expectClose(x, y, window, pearson(x, y, window))), { numRuns: 300 });
  });

  it('matches the reference on all-finite correlated columns at huge offsets (f64x2 path)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0, 1e9, -1e12, 3.7e14),
        fc.integer({ min: 2, max: 40 }),
        (pairs, offset, window) => {
          const x = Float64Array.from(pairs, ([a]) => offset + a);
          const y = Float64Array.from(pairs, ([a, b]) => 2 * a + b - offset / 3);
          expectClose(x, y, window, pearson(x, y, window));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('matches the reference and the twin on long all-finite columns (two blocks at once, one per f64x2 lane)', () => {
    const n = SEGMENT_POINTS * 2 + 777;
    let seed = 5;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    let walk = 0;
    const x = Float64Array.from({ length: n }, (_, i) => (walk += rand() - 0.5) + Math.sin(i / 50));
    const y = Float64Array.from(x, (v) => 2 - 0.5 * v + rand());
    for (const window of [60, 3000]) {
      const want = new Float64Array(n);
      twinPearson(x, y, window, want);
      const got = pearson(x, y, window);
      let worst = 0;
      for (let i = window; i < n; i++) worst = Math.max(worst, Number.isNaN(got[i] - want[i]) ? Infinity : Math.abs(got[i] - want[i]));
      expect(worst, `w=${window}`).toBeLessThanOrEqual(1e-9);
    }
    // At a huge offset, with a constant stretch of x (zero variance: NaN) inside a block; 50 000 points
    // hold the blocks [16384, 32768) and [32768, 49152) that run together.
    const shifted = x.subarray(0, 50_000).map((v) => 1e9 + v);
    shifted.fill(shifted[40_000], 40_000, 40_300);
    for (const window of [2, 40]) expectClose(shifted, y.subarray(0, 50_000), window, pearson(shifted, y.subarray(0, 50_000), window));
    const flat = new Float64Array(50_000).fill(7);
    expect(pearson(flat, y.subarray(0, 50_000), 60).every((r) => Number.isNaN(r))).toBe(true);
  });

  it('agrees with the twin when one non-finite value sits in a long finite series (the all-finite paths notice it)', () => {
    // Segments of SEGMENT_POINTS outputs, blocks of 16 384: inside either block of a pair run together,
    // in the window before a block, in a short last block's window, in the first window.
    const n = SEGMENT_POINTS * 2 + 777;
    const at = [70_000, 90_000, 98_304 - 30, 131_072 - 10, 131_072 + 100, 10];
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 30) + rand());
    const y = Float64Array.from(x, (v) => v + rand());
    for (const [k, i] of at.entries()) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const [xs, ys] = [x.slice(), y.slice()];
        (k % 2 ? ys : xs)[i] = bad;
        const want = new Float64Array(n);
        twinPearson(xs, ys, 60, want);
        const got = pearson(xs, ys, 60);
        let worst = 0;
        for (let j = 0; j < n; j++) worst = Math.max(worst, Number.isNaN(want[j]) !== Number.isNaN(got[j]) ? Infinity : Math.abs(got[j] - want[j]) || 0);
        expect(worst, `${bad} at ${i}`).toBeLessThanOrEqual(1e-9);
      }
    }
    // A block shorter than its window after the first one: a NaN in that window never leaves it.
    pearson(x.subarray(0, 1000), y.subarray(0, 1000), 60); // clean: the kernel trusts the next call
    const short = x.slice(0, 100);
    short[50] = NaN;
    expectClose(short, y.subarray(0, 100), 60, pearson(short, y.subarray(0, 100), 60));
  });

  it('agrees with the twin across segment boundaries on a long series', () => {
    const n = SEGMENT_POINTS * 2 + 777;
    let seed = 3;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const x = Float64Array.from({ length: n }, () => rand());
    const y = Float64Array.from(x, (v, i) => (i % 5000 === 0 ? NaN : v + rand()));
    for (const window of [3, 100, 20_000]) {
      const want = new Float64Array(n);
      twinPearson(x, y, window, want);
      const got = pearson(x, y, window);
      for (let i = 0; i < n; i += 97) {
        if (Number.isNaN(want[i])) expect(got[i], `i=${i} w=${window}`).toBeNaN();
        else expect(Math.abs(got[i] - want[i]), `i=${i} w=${window}`).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it('gives NaN for constant sides and ±1 for exact linear relations', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => i);
    expect([...pearson(x, new Float64Array(20).fill(4), 5)].every((r) => Number.isNaN(r))).toBe(true);
    const up = pearson(x, Float64Array.from(x, (v) => 3 * v + 1), 5);
    const down = pearson(x, Float64Array.from(x, (v) => -v), 5);
    expect(up[0]).toBeNaN();
    for (let i = 1; i < 20; i++) {
      expect(up[i]).toBeCloseTo(1, 12);
      expect(down[i]).toBeCloseTo(-1, 12);
    }
    expect(referencePearson(x, x, 3)[2]).toBeCloseTo(1, 12);
    expect(pearson(new Float64Array(0), new Float64Array(0), 4).length).toBe(0);
    expect(() => kernels.rollingPearson(x, new Float64Array(3), 4, new Float64Array(20))).toThrow(/points/);
  });
});
