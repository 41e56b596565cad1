// histogram_quantile's arithmetic on one set of cumulative buckets, as Prometheus computes it
// (promql/quantile.go BucketQuantile): sort by upper bound, merge equal bounds, force monotonic
// counts, find the bucket of rank q·count and interpolate linearly inside it.

export interface Bucket {
  /** The `le` bound (+Infinity for the last bucket). */
  upperBound: number;
  /** Cumulative count of observations <= upperBound. */
  count: number;
}

/** Prometheus' tolerance for counts that differ by floating-point noise only (smallDeltaTolerance). */
const SMALL_DELTA = 1e-12;
const MIN_NORMAL = 2.2250738585072014e-308;

/** almost.Equal of Prometheus' util/almost: relative difference under epsilon. */
function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/**
 * Makes counts non-decreasing in place: a count within 1e-12 (relative) of the last kept one, or below
 * it, is replaced by it (ensureMonotonicAndIgnoreSmallDeltas). Returns whether a real decrease was fixed.
 */
export function forceMonotonic(buckets: Bucket[]): boolean {
  let forced = false;
  let prev = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i].count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA)) {
      buckets[i].count = prev;
      continue;
    }
    if (curr < prev) {
      buckets[i].count = prev;
      forced = true;
      continue;
    }
    prev = curr;
  }
  return forced;
}

export interface BucketQuantileResult {
  value: number;
  /** Bucket counts decreased somewhere and were forced monotonic (Prometheus annotates this). */
  forcedMonotonic: boolean;
}

/**
 * Quantile q of the cumulative buckets (not modified): NaN for q NaN, −Infinity for q < 0, +Infinity
 * for q > 1; NaN without a +Inf bucket, with fewer than 2 buckets or no observations. The rank q·count
 * falling in the +Inf bucket gives the highest finite bound; in the lowest bucket with a bound <= 0,
 * that bound; else linear interpolation from the previous bound (0 for the lowest bucket) to this one.
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): BucketQuantileResult {
  if (Number.isNaN(q)) return { value: NaN, forcedMonotonic: false };
  if (q < 0) return { value: -Infinity, forcedMonotonic: false };
  if (q > 1) return { value: Infinity, forcedMonotonic: false };
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.length === 0 || sorted[sorted.length - 1].upperBound !== Infinity) return { value: NaN, forcedMonotonic: false };
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count; // coalesceBuckets
    else buckets.push({ upperBound: b.upperBound, count: b.count });
  }
  const forcedMonotonic = forceMonotonic(buckets);
  if (buckets.length < 2) return { value: NaN, forcedMonotonic };
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return { value: NaN, forcedMonotonic };
  let rank = q * observations;
  let b = 0;
  while (b < buckets.length - 1 && !(buckets[b].count >= rank)) b++;
  if (b === buckets.length - 1) return { value: buckets[buckets.length - 2].upperBound, forcedMonotonic };
  if (b === 0 && buckets[0].upperBound <= 0) return { value: buckets[0].upperBound, forcedMonotonic };
  let start = 0;
  let count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return { value: start + (buckets[b].upperBound - start) * (rank / count), forcedMonotonic };
}
