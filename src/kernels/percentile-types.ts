// Typed surface of the percentile kernels (assembly/select.ts, percentile.ts, sketch.ts): exact
// quantiles by selection, per-bucket percentile series, the quantile sketch; joins `Kernels` in types.ts.

/** Per-bucket quantiles of a series: rows of bucket start, value count and nq quantiles. */
export interface PercentileRows {
  /** Bucket start (ms), one per bucket holding at least one point. */
  t: Float64Array;
  /** Values in the bucket that are not NaN. */
  count: Float64Array;
  /** Row-major: q[r · qs.length + j] is quantile qs[j] of bucket r (NaN when count is 0). */
  q: Float64Array;
}

export interface PercentileKernels {
  /**
   * Exact type-7 quantiles (linear between the order statistics ⌊p(n−1)⌋ and the next, as numpy's
   * default and Prometheus' quantile_over_time) of the values of v that are not NaN (±Infinity
   * included), for each probability of qs (in [0, 1], any order) into out; v is not modified.
   * By selection (Floyd–Rivest) on a copy, no sort. Returns n, the values used; n = 0 gives NaN.
   */
  exactQuantiles(v: Float64Array, qs: ArrayLike<number>, out: Float64Array): number;

  /**
   * Tumbling time buckets [t0 + b·bucketMs, t0 + (b+1)·bucketMs) over points with ascending t
   * (points before t0 or with NaN t are skipped); for each bucket holding points, its exact type-7
   * quantiles qs of its values that are not NaN (rolling p50/p90/p99/p99.9 series).
   */
  percentileBuckets(t: Float64Array, v: Float64Array, t0: number, bucketMs: number, qs: ArrayLike<number>): PercentileRows;

  /**
   * Inserts `values` into the sketch `state` (layout: src/kernels/sketch-layout.ts, copied in and
   * out): NaN skipped, |x| under the smallest normal f64 counted as zero, ±Infinity counted apart.
   * Returns the values counted.
   */
  sketchInsert(state: Float64Array, values: Float64Array): number;

  /**
   * Merges the sketch states `sources` (same layout; only their headers and non-empty bins are
   * copied) into `state`, in one kernel call. All must share the index mapping (the same α).
   */
  sketchMerge(state: Float64Array, sources: readonly Float64Array[]): void;
}
