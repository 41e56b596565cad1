// Weighted type-7 quantiles (the sampling report's adjusted-count estimates): equal to the ordinary type-7
// quantile of the brute-force expansion (each value repeated w times) on small integer weights, equal bit for
// bit to the kernel's quantiles at weight 1, and continuous between integer weights.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelQuantiles, weightedQuantiles, type QuantileFn } from '../../src/analysis/traces/quantiles';
import { loadKernelsNode } from '../../src/kernels/node';
import { sortedQuantiles } from '../reference/percentiles';

let quantiles: QuantileFn;
beforeAll(async () => {
  quantiles = kernelQuantiles(await loadKernelsNode());
});

const QS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

/** Each value repeated weights[i] times. */
function expand(values: readonly number[], weights: readonly number[]): Float64Array {
  const out: number[] = [];
  values.forEach((v, i) => {
    for (let k = 0; k < weights[i]; k++) out.push(v);
  });
  return Float64Array.from(out);
}

describe('weightedQuantiles', () => {
  it('on integer weights equals the type-7 quantile of the expansion (values repeated w times)', () => {
    const row = fc.tuple(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), fc.integer({ min: 0, max: 6 }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.constantFrom(...QS), (rows, q) => {
        const values = rows.map((r) => r[0]);
        const weights = rows.map((r) => r[1]);
        const [got] = weightedQuantiles(values, weights, [q]);
        const [want] = sortedQuantiles(expand(values, weights), [q]);
        expect(got).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

  it('hand-worked: 10 weighs 1, 20 weighs 3, 40 weighs 1 is the list 10 20 20 20 40', () => {
    // h = 4q: p50 at position 2 → 20; p90 at 3.6 → 20 + 0.6·(40 − 20) = 32; p10 at 0.4 → 10 + 0.4·10 = 14.
    expect(weightedQuantiles([40, 10, 20], [1, 1, 3], [0.5, 0.9, 0.1])).toEqual([20, 32, 14]);
    // An adjusted count of 10 (kept at 10 %) outweighs nine traces kept for certain.
    expect(weightedQuantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], [1, 1, 1, 1, 1, 1, 1, 1, 1, 10], [0.5])).toEqual([100]);
    // −0 sorts before +0, as in a Float64Array (fast-check found the tie once).
    expect(Object.is(weightedQuantiles([0, -0], [1, 1], [0])[0], -0)).toBe(true);
  });

  it('at weight 1 is the kernel quantile bit for bit (but for the sign of a zero), NaN skipped', () => {
    // The kernel selects without ordering −0 and +0 (they compare equal), so either may come back for a zero.
    const zeroSigned = (x: ArrayLike<number>): number[] => Array.from(x, (y) => y + 0);
    fc.assert(
      fc.property(fc.array(fc.double({ noDefaultInfinity: true }), { minLength: 1, maxLength: 200 }), (values) => {
        const v = Float64Array.from(values);
        expect(zeroSigned(weightedQuantiles(v, new Float64Array(v.length).fill(1), QS))).toEqual(zeroSigned(quantiles(v, QS)));
      }),
      { numRuns: 500 },
    );
  });

  it('is continuous in the weights: between two integer weights it lies between their answers', () => {
    const at = (w: number): number => weightedQuantiles([1, 2, 3], [1, w, 1], [0.9])[0];
    for (let w = 1; w < 6; w++) {
      expect(at(w + 0.5)).toBeGreaterThanOrEqual(Math.min(at(w), at(w + 1)));
      expect(at(w + 0.5)).toBeLessThanOrEqual(Math.max(at(w), at(w + 1)));
    }
  });

  it('NaN each when no value has weight', () => {
    expect(weightedQuantiles([], [], [0.5, 0.99])).toEqual([NaN, NaN]);
    expect(weightedQuantiles([1, NaN], [0, 5], [0.5])).toEqual([NaN]);
  });
});
