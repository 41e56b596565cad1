// Quantiles read from a sketch state (layout in src/kernels/sketch-layout.ts): the DDSketch rank
// walk from −Infinity up, each bucket answered by a value within α of every value it holds.
import { SLOT, storeBins } from '../../kernels/sketch-layout';

/** The value 2^⌊y⌋ · (1 + y − ⌊y⌋): inverse of the kernel's log2 approximation. */
function fromLog(y: number): number {
  const e = Math.floor(y);
  return Math.pow(2, e) * (1 + y - e);
}

/**
 * The bucket at index i holds |x| in (g((i−1)/m), g(i/m)]; its answer is their harmonic mean
 * 2/(1/lo + 1/hi), within (r−1)/(r+1) ≤ α of both ends (r = hi/lo ≤ 1 + 1/m).
 */
export function bucketValue(index: number, mult: number): number {
  const lo = fromLog((index - 1) / mult);
  const hi = Math.min(fromLog(index / mult), Number.MAX_VALUE); // the top bucket ends at the largest f64
  return lo * (2 / (1 + lo / hi)); // = 2·lo·hi/(lo + hi), without overflow or subnormal reciprocals
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Quantile q of the sketch: the value of rank q·(count − 1) counted from the lowest (DDSketch's
 * rank rule), as its bucket's value clamped to the sketch's [min, max]. NaN when empty or q ∉ [0, 1].
 */
export function sketchQuantile(state: Float64Array, q: number): number {
  const count = state[SLOT.count];
  if (!(count > 0) || !(q >= 0 && q <= 1)) return NaN;
  return sketchValueAtRank(state, q * (count - 1));
}

/** The value of rank `rank` (0 = the lowest value; fractional ranks round down) of a non-empty sketch. */
export function sketchValueAtRank(state: Float64Array, rank: number): number {
  const mn = state[SLOT.min];
  const mx = state[SLOT.max];
  const mult = state[SLOT.mult];
  let seen = state[SLOT.negInf];
  if (seen > rank) return -Infinity;
  const neg = storeBins(state, true);
  for (let k = neg.counts.length - 1; k >= 0; k--) {
    seen += neg.counts[k];
    if (seen > rank) return clamp(-bucketValue(neg.lo + k, mult), mn, mx);
  }
  seen += state[SLOT.zero];
  if (seen > rank) return clamp(0, mn, mx);
  const pos = storeBins(state, false);
  for (let k = 0; k < pos.counts.length; k++) {
    seen += pos.counts[k];
    if (seen > rank) return clamp(bucketValue(pos.lo + k, mult), mn, mx);
  }
  return state[SLOT.posInf] > 0 ? Infinity : mx;
}

/**
 * Quantile q read as the exact type-7 quantile is computed: the values of ranks ⌊q(n−1)⌋ and the next,
 * interpolated linearly. Each is within α of its order statistic, so the result is within α of the exact
 * type-7 quantile (for values of one sign), where sketchQuantile's single rank can be further off in a
 * sparse tail. NaN when empty or q ∉ [0, 1].
 */
export function sketchQuantileInterpolated(state: Float64Array, q: number): number {
  const count = state[SLOT.count];
  if (!(count > 0) || !(q >= 0 && q <= 1)) return NaN;
  const rank = q * (count - 1);
  const k = Math.floor(rank);
  const lo = sketchValueAtRank(state, k);
  const f = rank - k;
  if (f === 0 || k + 1 >= count) return lo;
  const hi = sketchValueAtRank(state, k + 1);
  return lo === hi ? lo : lo + (hi - lo) * f;
}
