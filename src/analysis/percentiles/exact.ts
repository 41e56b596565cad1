// Exact percentiles of a column and rolling percentile series (per time bucket) by selection in the
// kernels; the named percentiles (p50, p90, p99, p99.9) the views, the CLI and the SLO engine report.
import type { PercentileKernels } from '../../kernels/percentile-types';

/** The percentiles reported by default, by name. */
export const STANDARD_PERCENTILES = { p50: 0.5, p90: 0.9, p99: 0.99, 'p99.9': 0.999 } as const;
export type PercentileName = keyof typeof STANDARD_PERCENTILES;
export const STANDARD_QS: readonly number[] = Object.values(STANDARD_PERCENTILES);

/** Exact type-7 quantiles of the values that are not NaN (v untouched); NaN each when there are none. */
export function exactQuantiles(kernels: PercentileKernels, column: Float64Array, qs: readonly number[]): { count: number; values: number[] } {
  const out = new Float64Array(qs.length);
  const count = kernels.exactQuantiles(column, qs, out);
  return { count, values: Array.from(out) };
}

/** One line per probability over time: the bucket starts and, per probability, its values. */
export interface PercentileSeries {
  t: Float64Array;
  count: Float64Array;
  /** lines[j][r]: quantile qs[j] of bucket r. */
  lines: Float64Array[];
  qs: readonly number[];
}

/**
 * Rolling percentile series: quantiles qs of the points in each `bucketMs` time bucket (aligned to
 * multiples of bucketMs from t0, by default the first point's bucket), buckets without points left out.
 */
export function percentileSeries(
  kernels: PercentileKernels, t: Float64Array, v: Float64Array, bucketMs: number, qs: readonly number[] = STANDARD_QS, t0?: number,
): PercentileSeries {
  const first = t.find((x) => Number.isFinite(x));
  const origin = t0 ?? (first === undefined ? 0 : Math.floor(first / bucketMs) * bucketMs);
  const rows = kernels.percentileBuckets(t, v, origin, bucketMs, qs);
  const n = rows.t.length;
  const lines = qs.map((_, j) => Float64Array.from({ length: n }, (_, r) => rows.q[r * qs.length + j]));
  return { t: rows.t, count: rows.count, lines, qs };
}
