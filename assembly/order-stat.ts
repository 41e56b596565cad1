// Rolling order statistics over the `window` points before each index (no look-ahead), over the
// sorted window of sorted-window.ts: the median/MAD robust z, the ML detectors' series features
// (trailing median and MAD) and (windows up to COUNT_MAX, for rolling-iqr.ts and iqr-lanes.ts) the
// IQR-fence scores.
import { kthValue, middleDeviations, nextValue } from './middle-deviations';
import { allFinite } from './rolling';
import {
  between, fenceDistance, inUnits, MAD_TO_SIGMA, meanAbsDeviationOf, MEAN_AD_TO_SIGMA, quantileFraction, quantileOffset, SIGMA_TO_IQR,
} from './robust-scale';
import { at, belowLeave, fillWindow, lowerBound, notAboveEnter, positionsOf, slide, upperBound, windowPtr, windowSize } from './sorted-window';

// Where the type-7 quartiles and median are read (the lower order statistic's offset in the window
// and the fraction towards the next): they depend on the size alone, which changes only around
// non-finite points, so placeReads recomputes them only then (per point they cost ~10% of the IQR
// kernel's time at window 100).
let readSize: i32 = -1;
let q1Off: usize = 0;
let q1Frac: f64 = 0;
let medianOff: usize = 0;
let medianFrac: f64 = 0;
let q3Off: usize = 0;
let q3Frac: f64 = 0;

/** Places the reads for the current window's size (iqr-lanes.ts: for its two windows of the same size). */
@inline
export function placeReads(): void {
  if (windowSize() == readSize) return;
  readSize = windowSize();
  q1Off = quantileOffset(readSize, 0.25);
  q1Frac = quantileFraction(readSize, 0.25);
  medianOff = quantileOffset(readSize, 0.5);
  medianFrac = quantileFraction(readSize, 0.5);
  q3Off = quantileOffset(readSize, 0.75);
  q3Frac = quantileFraction(readSize, 0.75);
}

/** Median absolute deviation around `med` (type-7 median of the deviations). */
function medianAbsDeviation(med: f64): f64 {
  middleDeviations(windowPtr(), windowSize(), med);
  return (windowSize() & 1) == 1 ? kthValue : kthValue * 0.5 + nextValue * 0.5;
}

/** Robust z of finite x: (x − median) / (1.4826·MAD), with the mean-absolute-deviation fallback. */
@inline
function madRaw(x: f64): f64 {
  placeReads();
  const med = between(windowPtr() + medianOff, medianFrac);
  let scale = MAD_TO_SIGMA * medianAbsDeviation(med);
  if (scale == 0) scale = MEAN_AD_TO_SIGMA * meanAbsDeviationOf(windowPtr(), windowSize(), med);
  return inUnits(x - med, scale);
}

/** IQR-fence distance of finite x from the window's quartiles, with the IQR-0 fallback (rolling-iqr.ts). */
@inline
function iqrRaw(x: f64): f64 {
  placeReads();
  return iqrRawAt(windowPtr(), x);
}

/** iqrRaw over the sorted window at s, of the size placeReads last placed the reads for. */
@inline
export function iqrRawAt(s: usize, x: f64): f64 {
  const q1 = between(s + q1Off, q1Frac);
  const q3 = between(s + q3Off, q3Frac);
  let scale = q3 - q1;
  if (scale == 0) scale = SIGMA_TO_IQR * MEAN_AD_TO_SIGMA * meanAbsDeviationOf(s, readSize, between(s + medianOff, medianFrac));
  return fenceDistance(x, q1, q3, scale);
}

/** What scoreRange writes per point (a compile-time constant at each call site). */
const MAD: i32 = 0;
const IQR: i32 = 1;
const FEATURES: i32 = 2;

const NEGATIVE_ZERO: i64 = 0x8000000000000000;

/**
 * The ML detectors' feature row of finite x over a full window of finite values (`w`: the window in
 * series order), as the plain sort of each window computes it (test/reference/series-features.ts):
 * x − median and the MAD, the median of an even count (a + b) / 2 of the middle two (an infinite
 * median, where a + b overflows, makes every deviation infinite).
 */
@inline
function featureRow(x: f64, w: usize, out: usize): void {
  const m = windowSize() >> 1;
  const odd = (windowSize() & 1) == 1;
  let med = odd ? at(m) : (at(m - 1) + at(m)) / 2;
  let mad = Infinity;
  if (med - med == 0) {
    middleDeviations(windowPtr(), windowSize(), med);
    mad = odd ? kthValue : (kthValue + nextValue) / 2;
  }
  // The window holds −0 as 0; x − ±0 differs only for x = −0, and then the sign of a zero median counts.
  if (med == 0 && reinterpret<i64>(x) == NEGATIVE_ZERO) med = stableMedian(w);
  store<f64>(out, x - med);
  store<f64>(out, mad, 8);
}

/** The median of the window at w (windowSize() values in series order) as a stable sort of it gives it: its zeros keep their signs, in series order. */
function stableMedian(w: usize): f64 {
  const negatives = lowerBound(0);
  const zeros = upperBound(0) - negatives;
  const m = windowSize() >> 1;
  const upper = stableAt(w, m, negatives, zeros);
  return (windowSize() & 1) == 1 ? upper : (stableAt(w, m - 1, negatives, zeros) + upper) / 2;
}

/** Rank r of a stable sort of the window at w: the sorted window's value, or the zero of that rank in series order. */
function stableAt(w: usize, r: i32, negatives: i32, zeros: i32): f64 {
  if (r < negatives || r >= negatives + zeros) return at(r);
  let k = -1;
  let z = r - negatives; // zeros still to pass
  do {
    k++;
    z -= i32(load<f64>(w + (<usize>k << 3)) == 0);
  } while (z >= 0);
  return load<f64>(w + (<usize>k << 3));
}

// Positions of the next slide's values (v[i] joins, v[i − window] leaves), carried from one scoreRange to the next.
let nextSlideP: i32 = 0;
let nextSlideQ: i32 = 0;

/**
 * The sliding loop the scores share, over outputs [from, to); `kind` and `checked` are compile-time
 * constants at each call site. Each slide's positions are counted a point ahead, in the window
 * before the previous slide, and then corrected for the two values that slide moved: the count no
 * longer waits for the previous slide's stores, and each shift's length is known as soon as it
 * starts (with slide's paired moves: 9–17% less CPU time at window 100 than counting inside slide,
 * on the bench's series). `checked` = false is the fast path where every value involved is finite
 * and every point slides the window with a value leaving: no test per value (8–9% less CPU time at
 * window 100).
 */
@inline
function scoreRange(
  vPtr: usize, from: i32, to: i32, first: i32, window: i32, minCount: i32, threshold: f64, rawPtr: usize, flagPtr: usize, kind: i32, checked: bool,
): void {
  let p = nextSlideP;
  let q = nextSlideQ;
  // The previous point's x and nextLeave: the values the slide at i moves in and out.
  let enter = from > first ? load<f64>(vPtr + (<usize>(from - 1) << 3)) : NaN;
  let leave = from > first && from - 1 - window >= 0 ? load<f64>(vPtr + (<usize>(from - 1 - window) << 3)) : NaN;
  for (let i = from; i < to; i++) {
    const x = load<f64>(vPtr + (<usize>i << 3));
    const nextLeave = !checked || i - window >= 0 ? load<f64>(vPtr + (<usize>(i - window) << 3)) : NaN;
    let nextP = 0;
    let nextQ = 0;
    if (!checked || (x - x == 0 && nextLeave - nextLeave == 0)) {
      positionsOf(nextLeave, x);
      nextP = belowLeave();
      nextQ = notAboveEnter();
    }
    if (!checked || i > first) {
      slide(enter, leave, p, q, checked);
      const joined = i32(!checked || enter - enter == 0);
      const left = i32(!checked || leave - leave == 0);
      nextP += (joined & i32(enter < nextLeave)) - (left & i32(leave < nextLeave));
      nextQ += (joined & i32(enter <= x)) - (left & i32(leave <= x));
    }
    p = nextP;
    q = nextQ;
    enter = x;
    leave = nextLeave;
    const o = <usize>(i - first);
    if (kind == FEATURES) {
      if (!checked || (x - x == 0 && windowSize() >= minCount)) featureRow(x, vPtr + (<usize>(i - window) << 3), rawPtr + (o << 4));
      else v128.store(rawPtr + (o << 4), f64x2.splat(NaN));
      continue;
    }
    let raw: f64 = NaN;
    if (!checked) {
      if (windowSize() >= minCount) raw = kind == IQR ? iqrRaw(x) : madRaw(x);
    } else if (x == x && windowSize() >= minCount) raw = x - x != 0 ? x : kind == IQR ? iqrRaw(x) : madRaw(x);
    store<f64>(rawPtr + (o << 3), raw);
    store<u8>(flagPtr + o, u8(Math.abs(raw) > threshold));
  }
  nextSlideP = p;
  nextSlideQ = q;
}

/**
 * Fills the window of output `first` into `sorted` and scores outputs [first, fast), checked, where
 * `fast` (returned) is where every point slides the window with a value leaving (and the first output,
 * which does not slide) when all of v is finite, else len: outputs [fast, len) are left to the fast path.
 */
@inline
function checkedScores(
  vPtr: usize, len: i32, first: i32, window: i32, minCount: i32, threshold: f64, sorted: usize, rawPtr: usize, flagPtr: usize, kind: i32,
): i32 {
  readSize = -1;
  fillWindow(vPtr, len, first, window, sorted);
  nextSlideP = 0;
  nextSlideQ = 0;
  const fastFrom = allFinite(vPtr, 0, len) != 0 ? min(len, max(first + 1, window + 1)) : len;
  scoreRange(vPtr, first, fastFrom, first, window, minCount, threshold, rawPtr, flagPtr, kind, true);
  return fastFrom;
}

/** Scores outputs [first, len): checkedScores, then the fast path, unchecked. */
@inline
function windowScores(
  vPtr: usize, len: i32, first: i32, window: i32, minCount: i32, threshold: f64, sorted: usize, rawPtr: usize, flagPtr: usize, kind: i32,
): void {
  const fastFrom = checkedScores(vPtr, len, first, window, minCount, threshold, sorted, rawPtr, flagPtr, kind);
  scoreRange(vPtr, fastFrom, len, first, window, minCount, threshold, rawPtr, flagPtr, kind, false);
}

/**
 * The IQR scores' checked part (checkedScores): returns where the fast path starts, with the window
 * of its first output at `sorted` save its slide, whose positions are nextSlidePositions.
 */
export function iqrCheckedScores(
  vPtr: usize, len: i32, first: i32, window: i32, minCount: i32, k: f64, sorted: usize, rawPtr: usize, flagPtr: usize,
): i32 {
  return checkedScores(vPtr, len, first, window, minCount, k, sorted, rawPtr, flagPtr, IQR);
}

/** The positions of the slide at iqrCheckedScores' end, p | q << 32 (see scoreRange). */
export function nextSlidePositions(): i64 {
  return <i64>(<u32>nextSlideP) | (<i64>nextSlideQ << 32);
}

/** The IQR scores' fast path over outputs [from, to) after iqrCheckedScores (one window). */
export function iqrFastScores(
  vPtr: usize, from: i32, to: i32, first: i32, window: i32, minCount: i32, k: f64, rawPtr: usize, flagPtr: usize,
): void {
  scoreRange(vPtr, from, to, first, window, minCount, k, rawPtr, flagPtr, IQR, false);
}

/**
 * Rolling robust z-score for outputs i in [first, len): raw = (v − median) / (1.4826·MAD) over the
 * finite values of the `window` points before i; flag = |raw| > threshold. NaN while fewer than
 * minCount finite points are in the window and for NaN; ±Infinity for ±Infinity (never in the
 * window). MAD 0: the scale is 1.2533 × the mean absolute deviation around the median; both 0: 0 on
 * the median, else ±Infinity. `sorted` holds sortedWindowBytes(min(window, len)) bytes.
 */
export function rollingMad(
  vPtr: usize, len: i32, first: i32, window: i32, minCount: i32, threshold: f64, sorted: usize, rawPtr: usize, flagPtr: usize,
): void {
  windowScores(vPtr, len, first, window, minCount, threshold, sorted, rawPtr, flagPtr, MAD);
}

/**
 * The ML detectors' series features for outputs i in [first, len), row i − first (2 f64) at outPtr:
 * v[i] − median and the median absolute deviation of the `window` points before i (medians of an even
 * count: (a + b) / 2 of the middle two); NaN NaN when fewer than `window` points precede i or one of
 * them or v[i] is not finite. `sorted` holds sortedWindowBytes(min(window, len)) bytes.
 */
export function trailingMedianMad(vPtr: usize, len: i32, first: i32, window: i32, sorted: usize, outPtr: usize): void {
  windowScores(vPtr, len, first, window, window, 0, sorted, outPtr, 0, FEATURES);
}
