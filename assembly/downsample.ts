// Min/max per equal-width time bucket for charts (t sorted ascending). Hand-written: bucket edges are
// found by galloping search on t, then each bucket's finite min/max is an f64x2 sweep over v.

/** Bucket of time t: floor((t - t0) / (t1 - t0) * buckets), clamped to buckets - 1 (the reference formula). */
@inline
function bucketOf(t: f64, t0: f64, span: f64, buckets: f64): f64 {
  return min(Math.floor((t - t0) / span * buckets), buckets - 1);
}

/** First index in [lo, hi) whose time is >= t0 (hi when none). */
function lowerBound(tPtr: usize, lo: i32, hi: i32, t0: f64): i32 {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (load<f64>(tPtr + (<usize>mid << 3)) < t0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) whose bucket is > b (hi when none), galloping forward from lo. */
function bucketEnd(tPtr: usize, lo: i32, hi: i32, b: f64, t0: f64, span: f64, buckets: f64): i32 {
  let step = 1;
  let probe = lo;
  while (probe < hi && bucketOf(load<f64>(tPtr + (<usize>probe << 3)), t0, span, buckets) <= b) {
    lo = probe + 1;
    probe = lo + step;
    step <<= 1;
  }
  hi = min(hi, probe);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bucketOf(load<f64>(tPtr + (<usize>mid << 3)), t0, span, buckets) <= b) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Finite min and max of the last bucket swept.
let bucketMin: f64 = 0;
let bucketMax: f64 = 0;

/** Finite min/max of v[from, to) into bucketMin/bucketMax (NaN when no finite value). */
function sweepMinMax(vPtr: usize, from: i32, to: i32): void {
  const posInf = f64x2.splat(Infinity);
  const negInf = f64x2.splat(-Infinity);
  const zero = f64x2.splat(0);
  let lo = posInf;
  let hi = negInf;
  let i = from;
  for (; i + 1 < to; i += 2) {
    const x = v128.load(vPtr + (<usize>i << 3));
    const finite = f64x2.eq(f64x2.sub(x, x), zero);
    lo = f64x2.min(lo, v128.bitselect(x, posInf, finite));
    hi = f64x2.max(hi, v128.bitselect(x, negInf, finite));
  }
  let mn = min(f64x2.extract_lane(lo, 0), f64x2.extract_lane(lo, 1));
  let mx = max(f64x2.extract_lane(hi, 0), f64x2.extract_lane(hi, 1));
  if (i < to) {
    const x = load<f64>(vPtr + (<usize>i << 3));
    if (x - x == 0) {
      mn = min(mn, x);
      mx = max(mx, x);
    }
  }
  const any = mn <= mx;
  bucketMin = any ? mn : NaN;
  bucketMax = any ? mx : NaN;
}

/**
 * For the points with t0 <= t < t1, writes per non-empty bucket its start time
 * t0 + b * (t1 - t0) / buckets and the finite min/max of v (NaN if none). Returns buckets written.
 */
export function downsampleMinMax(
  tPtr: usize, vPtr: usize, len: i32, t0: f64, t1: f64, buckets: i32,
  outTPtr: usize, outMinPtr: usize, outMaxPtr: usize,
): i32 {
  if (buckets <= 0 || !(t1 > t0)) return 0;
  const span = t1 - t0;
  const nb = <f64>buckets;
  let i = lowerBound(tPtr, 0, len, t0);
  const end = lowerBound(tPtr, i, len, t1);
  let written = 0;
  while (i < end) {
    const b = bucketOf(load<f64>(tPtr + (<usize>i << 3)), t0, span, nb);
    const next = bucketEnd(tPtr, i + 1, end, b, t0, span, nb);
    sweepMinMax(vPtr, i, next);
    const o = <usize>written << 3;
    store<f64>(outTPtr + o, t0 + b * span / nb);
    store<f64>(outMinPtr + o, bucketMin);
    store<f64>(outMaxPtr + o, bucketMax);
    written++;
    i = next;
  }
  return written;
}
