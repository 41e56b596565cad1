// What the rolling order-statistic kernels share once a window's sorted values are known: the type-7
// quantile, the mean absolute deviation fallback, the normal-consistency factors, the unit change and
// the IQR-fence distance.

/** Normal-consistency factors: σ = 1.4826·MAD = 1.2533·mean |x − median|; IQR = 1.349·σ. */
export const MAD_TO_SIGMA: f64 = 1.4826;
export const MEAN_AD_TO_SIGMA: f64 = 1.2533;
export const SIGMA_TO_IQR: f64 = 1.349;

/** Type-7 quantile p of the n ascending f64 at s (linear between order statistics, written not to overflow). */
@inline
export function quantileOf(s: usize, n: i32, p: f64): f64 {
  return between(s + quantileOffset(n, p), quantileFraction(n, p));
}

/** Byte offset of the lower of the two order statistics the type-7 quantile p of n values reads. */
@inline
export function quantileOffset(n: i32, p: f64): usize {
  return <usize><i32>(<f64>(n - 1) * p) << 3;
}

/** How far the type-7 quantile p of n values lies from that order statistic towards the next. */
@inline
export function quantileFraction(n: i32, p: f64): f64 {
  const h = <f64>(n - 1) * p;
  return h - <f64><i32>h;
}

/** The f64 at `at`, or `frac` of the way from it to the next one (the type-7 interpolation). */
@inline
export function between(at: usize, frac: f64): f64 {
  const a = load<f64>(at);
  return frac == 0 ? a : a * (1 - frac) + load<f64>(at, 8) * frac;
}

/** Mean absolute deviation of the n ascending f64 at s around `center` (summed in ascending order). */
export function meanAbsDeviationOf(s: usize, n: i32, center: f64): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(load<f64>(s + (<usize>i << 3)) - center);
  return sum / <f64>n;
}

/** Deviation of x in units of `scale`; scale 0: 0 when x sits on `center`, else ±Infinity; scale ∞: 0. */
@inline
export function inUnits(d: f64, scale: f64): f64 {
  if (scale == Infinity) return 0;
  return scale == 0 ? (d == 0 ? 0 : d / 0) : d / scale;
}

/**
 * Distance of finite x beyond [q1, q3] in units of `scale` (0 between; −0 below q1 when scale is
 * ∞, as −inUnits(q1 − x, ∞)). The difference from the nearer fence is picked by integer selects on
 * its bits (which side x falls on is a coin toss per point, and a branch on it mispredicts; f64
 * selects compile to branches) and divided once: x − q1 = −(q1 − x) exactly, so the quotient is
 * the one −inUnits(q1 − x, scale) gives.
 */
@inline
export function fenceDistance(x: f64, q1: f64, q3: f64, scale: f64): f64 {
  const d = reinterpret<f64>(select<i64>(reinterpret<i64>(x - q3), select<i64>(reinterpret<i64>(x - q1), 0, x < q1), x > q3));
  if (scale == Infinity) return copysign<f64>(0, d);
  return scale == 0 ? (d == 0 ? 0 : d / 0) : d / scale;
}
