// The percentile function trace analysis takes (so it can be tested apart from the kernels), and its
// implementation by the percentile core: exact type-7 quantiles by selection in WebAssembly; the same
// quantiles of weighted values (sampled traces standing for their adjusted counts), in TypeScript.

import { exactQuantiles } from '../percentiles/exact';
import type { PercentileKernels } from '../../kernels/percentile-types';

/** Quantiles qs (each in [0, 1]) of the values that are not NaN; NaN each when there are none. */
export type QuantileFn = (values: Float64Array, qs: readonly number[]) => number[];

/** The percentile core's exact quantiles as a QuantileFn. */
export function kernelQuantiles(kernels: PercentileKernels): QuantileFn {
  return (values, qs) => exactQuantiles(kernels, values, qs).values;
}

/** The percentiles trace views and the CLI report, by name. */
export const LATENCY_QS = [0.5, 0.9, 0.99, 0.999] as const;

export interface LatencyPercentiles {
  p50: number;
  p90: number;
  p99: number;
  'p99.9': number;
}

export function latencyPercentiles(quantiles: QuantileFn, values: Float64Array): LatencyPercentiles {
  const [p50, p90, p99, p999] = values.length ? quantiles(values, LATENCY_QS) : [NaN, NaN, NaN, NaN];
  return { p50, p90, p99, 'p99.9': p999 };
}

/** The type-7 step from x towards its upper neighbour y, as the kernel computes it (overflow-safe). */
function type7Between(x: number, y: number, frac: number): number {
  const value = x === y ? x : x + (y - x) * frac;
  return value - value === 0 ? value : x * (1 - frac) + y * frac;
}

/**
 * Weighted quantiles qs of the values that are not NaN, value i standing for weights[i] copies of itself (a
 * sampled trace's adjusted count, ≥ 1; weight 0 leaves a value out). Definition: type 7 of that expansion,
 * made continuous in the weights. Sorted ascending, with C the running weight sum, value i holds the positions
 * [C(i−1), C(i) − 1] and the step to value i + 1 is linear over [C(i) − 1, C(i)]; the quantile is that
 * piecewise-linear function at h = (W − 1)·q, W the total weight. With integer weights this is exactly the
 * ordinary type-7 quantile of the list holding each value weights[i] times; with every weight 1 it is the
 * kernel's (QuantileFn) result bit for bit. NaN each when no value has weight.
 */
export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>, qs: readonly number[]): number[] {
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]) && weights[i] > 0) rows.push(i);
  if (!rows.length) return qs.map(() => NaN);
  // Ascending as a Float64Array sorts (−0 before +0: 1/−0 is −Infinity).
  rows.sort((a, b) => values[a] - values[b] || 1 / values[a] - 1 / values[b] || a - b);
  const cumulative = new Float64Array(rows.length);
  let total = 0;
  for (let j = 0; j < rows.length; j++) cumulative[j] = total += weights[rows[j]];
  return qs.map((q) => {
    const h = Math.max(0, (total - 1) * q);
    // The first value whose positions end after h (binary search on C).
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > h) hi = mid;
      else lo = mid + 1;
    }
    const x = values[rows[lo]];
    const frac = h - (cumulative[lo] - 1);
    return frac > 0 && lo + 1 < rows.length ? type7Between(x, values[rows[lo + 1]], frac) : x;
  });
}
