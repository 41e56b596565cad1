// Rolling order statistics over the `window` points before each index (no look-ahead): a sorted window
// kept by a blocked count (or binary search) + one shift of the values between the leaving and the
// entering value's positions per point (no sort per point), and over it the median/MAD robust z, the
// ML detectors' series features (trailing median and MAD) and (windows up to COUNT_MAX, for
// rolling-iqr.ts) the IQR-fence scores.
import { kthValue, middleDeviations, nextValue } from './middle-deviations';
import { allFinite } from './rolling';
import {
  between, fenceDistance, inUnits, MAD_TO_SIGMA, meanAbsDeviationOf, MEAN_AD_TO_SIGMA, quantileFraction, quantileOffset, SIGMA_TO_IQR,
} from './robust-scale';

// The sorted finite values of the current window live at sortedPtr (caller memory, min(window, len) +
// BLOCK + 2 f64: the values, then +Infinity sentinels padding a partial last block and pairwise reads).
let sortedPtr: usize = 0;
let size: i32 = 0;

/** First index whose value is >= x (x finite); branch-free halving. */
@inline
function lowerBound(x: f64): i32 {
  let base = 0;
  let n = size;
  while (n > 1) {
    const half = n >> 1;
    base = select<i32>(base + half, base, load<f64>(sortedPtr + (<usize>(base + half - 1) << 3)) < x);
    n -= half;
  }
  return base + i32(n == 1 && load<f64>(sortedPtr + (<usize>base << 3)) < x);
}

/** First index whose value is > x (x finite); branch-free halving. */
@inline
function upperBound(x: f64): i32 {
  let base = 0;
  let n = size;
  while (n > 1) {
    const half = n >> 1;
    base = select<i32>(base + half, base, load<f64>(sortedPtr + (<usize>(base + half - 1) << 3)) <= x);
    n -= half;
  }
  return base + i32(n == 1 && load<f64>(sortedPtr + (<usize>base << 3)) <= x);
}

/** Windows up to this size find both positions by counting over blocks (below); larger ones by binary search. */
export const COUNT_MAX: i32 = 512;

/** Values per block of the blocked count: the last value of each block is its sample. */
const BLOCK: i32 = 16;

// Positions from positionsOf: values < leave, and values <= enter.
let below: i32 = 0;
let notAbove: i32 = 0;

/**
 * lowerBound(leave) and upperBound(enter) at once. Small windows first count the blocks of BLOCK
 * values whose last value is below `leave` (resp. at most `enter`) — a sorted window makes those a
 * prefix — then search the one block each lands in (searchIn; the +Infinity sentinels at
 * s[size..size + BLOCK) pad a partial last block). The block count takes one f64x2 compare per block
 * for both: the values at most `enter` are the values below the next double above it (3–5% faster on
 * the IQR kernel at window 100 than two scalar compares).
 */
@inline
function positionsOf(leave: f64, enter: f64): void {
  if (size > COUNT_MAX) {
    below = lowerBound(leave);
    notAbove = upperBound(enter);
    return;
  }
  positionsIn(sortedPtr, size, leave, enter);
}

/** positionsOf's blocked count in the sorted window of n <= COUNT_MAX values at `sorted` (iqr-lanes.ts runs two windows). */
@inline
export function positionsIn(sorted: usize, n: i32, leave: f64, enter: f64): void {
  const blocks = n / BLOCK;
  const bits = reinterpret<i64>(enter + 0.0); // -0 as 0
  const keys = f64x2.replace_lane(f64x2.splat(leave), 1, reinterpret<f64>(bits + select<i64>(1, -1, bits >= 0)));
  let counts = i64x2.splat(0);
  let p = sorted + (<usize>(BLOCK - 1) << 3);
  // Two blocks per iteration.
  let j = 1;
  for (; j < blocks; j += 2, p += <usize>BLOCK << 4) {
    counts = i64x2.sub(counts, i64x2.add(f64x2.lt(v128.load64_splat(p), keys), f64x2.lt(v128.load64_splat(p, BLOCK << 3), keys)));
  }
  if (j == blocks) counts = i64x2.sub(counts, f64x2.lt(v128.load64_splat(p), keys));
  const bl = <i32>i64x2.extract_lane(counts, 0);
  const be = <i32>i64x2.extract_lane(counts, 1);
  below = bl * BLOCK + searchIn(sorted + (<usize>(bl * BLOCK) << 3), leave, false);
  notAbove = be * BLOCK + searchIn(sorted + (<usize>(be * BLOCK) << 3), enter, true);
}

/** The positions the last positionsIn found: values < leave, and values <= enter. */
@inline export function belowLeave(): i32 { return below; }
@inline export function notAboveEnter(): i32 { return notAbove; }

/**
 * The number of the BLOCK (16) values at b that are < x (orEqual: <= x), known to be fewer than 16:
 * a binary search of four dependent loads with integer selects, no branch (3–4% less time on the IQR
 * kernel at window 100 than counting all sixteen with eight f64x2 compares, whose extra instructions
 * cost more than the loads' latency once two windows' steps overlap: iqr-lanes.ts).
 */
@inline
function searchIn(b: usize, x: f64, orEqual: bool): i32 {
  let p = b;
  if (orEqual) {
    p += select<usize>(64, 0, load<f64>(p, 56) <= x);
    p += select<usize>(32, 0, load<f64>(p, 24) <= x);
    p += select<usize>(16, 0, load<f64>(p, 8) <= x);
    p += select<usize>(8, 0, load<f64>(p) <= x);
  } else {
    p += select<usize>(64, 0, load<f64>(p, 56) < x);
    p += select<usize>(32, 0, load<f64>(p, 24) < x);
    p += select<usize>(16, 0, load<f64>(p, 8) < x);
    p += select<usize>(8, 0, load<f64>(p) < x);
  }
  return <i32>((p - b) >> 3);
}

@inline
function at(i: i32): f64 {
  return load<f64>(sortedPtr + (<usize>i << 3));
}

/**
 * Slides the window by one point: `enter` joins and `leave` departs (each only when finite; -0 is
 * stored as 0 so equal values are bit-identical). When both are finite, p = the number of values
 * < leave and q = the number <= enter (windowScores counts them a point ahead), and the len values
 * between the two positions move one slot towards p's in ceil(len / 2) v128 moves (the last may
 * carry one value more, into the slot `enter` then takes), their ends and direction picked by
 * integer selects: whether `enter` lands above or below `leave` is a coin toss per point, and a
 * branch on it (two loops, one per direction) mispredicted about half the time. The moves run
 * upwards in either direction, each vector loaded before the store that overlaps it (the one
 * before it, when the values move up), so the addresses are two pointers and constant offsets;
 * four moves per iteration (2–3% less time on the IQR kernel at window 100 than two); the last three
 * moves' vectors are loaded before the loop and stored after it (repeats of the same values where the
 * loop moved them already; in place at s when there is none). `leave` is in the window whenever it
 * is finite; `checked` = false: both are (scoreRange's fast path).
 */
@inline
function slide(enter: f64, leave: f64, p: i32, q: i32, checked: bool): void {
  slideIn(sortedPtr, enter, leave, p, q, checked);
}

/** slide in the sorted window at s (`checked`: of `size` values, sortedPtr's). */
@inline
export function slideIn(s: usize, enter: f64, leave: f64, p: i32, q: i32, checked: bool): void {
  const inOk = !checked || enter - enter == 0;
  const outOk = !checked || leave - leave == 0;
  if (inOk && outOk) {
    const x = enter + 0.0;
    const enterAbove = q > p;
    const dst = select<i32>(p, q + 1, enterAbove);
    const src = select<i32>(p + 1, q, enterAbove);
    const len = select<i32>(q - 1 - p, p - q, enterAbove);
    const moves = (len + 1) >> 1;
    // The lowest moved vector (when the values move up and len is odd, it carries the value below
    // the span into the slot `enter` then takes); d is where a's vector goes.
    let a = s + (<usize>select<i32>(src, src + len - (moves << 1), enterAbove) << 3);
    let d = a + (<usize>(dst - src) << 3);
    // The last three moves' vectors (index clamped to 0: a repeat of the first) are loaded before
    // the loop and stored after it; without moves, s's vector in place.
    const tail = select<usize>(a, s, moves > 0);
    const shift = select<usize>(<usize>(dst - src) << 3, 0, moves > 0);
    const t1 = tail + (<usize>max(moves - 3, 0) << 4);
    const t2 = tail + (<usize>max(moves - 2, 0) << 4);
    const t3 = tail + (<usize>max(moves - 1, 0) << 4);
    const last1 = v128.load(t1);
    const last2 = v128.load(t2);
    const last3 = v128.load(t3);
    let cur = v128.load(a);
    for (let c = moves >> 2; c > 0; c--, a += 64, d += 64) {
      const n1 = v128.load(a, 16);
      v128.store(d, cur);
      const n2 = v128.load(a, 32);
      v128.store(d, n1, 16);
      const n3 = v128.load(a, 48);
      v128.store(d, n2, 32);
      cur = v128.load(a, 64);
      v128.store(d, n3, 48);
    }
    v128.store(t1 + shift, last1);
    v128.store(t2 + shift, last2);
    v128.store(t3 + shift, last3);
    store<f64>(s + (<usize>(q - i32(enterAbove)) << 3), x);
  } else if (outOk) {
    const p = lowerBound(leave);
    memory.copy(s + (<usize>p << 3), s + (<usize>(p + 1) << 3), <usize>(size - 1 - p) << 3);
    size--;
    store<f64>(s + (<usize>size << 3), Infinity);
  } else if (inOk) {
    const x = enter + 0.0;
    const q = upperBound(x);
    memory.copy(s + (<usize>(q + 1) << 3), s + (<usize>q << 3), <usize>(size - q) << 3);
    store<f64>(s + (<usize>q << 3), x);
    size++;
    store<f64>(s + (<usize>size << 3), Infinity);
  }
}

// Where the type-7 quartiles and median are read (the lower order statistic's address and the
// fraction towards the next): they depend on the size alone, which changes only around non-finite
// points, so placeReads recomputes them only then (per point they cost ~10% of the IQR kernel's
// time at window 100).
let readSize: i32 = -1;
let q1At: usize = 0;
let q1Frac: f64 = 0;
let medianAt: usize = 0;
let medianFrac: f64 = 0;
let q3At: usize = 0;
let q3Frac: f64 = 0;

@inline
function placeReads(): void {
  if (size == readSize) return;
  readSize = size;
  q1At = sortedPtr + quantileOffset(size, 0.25);
  q1Frac = quantileFraction(size, 0.25);
  medianAt = sortedPtr + quantileOffset(size, 0.5);
  medianFrac = quantileFraction(size, 0.5);
  q3At = sortedPtr + quantileOffset(size, 0.75);
  q3Frac = quantileFraction(size, 0.75);
}

/** Median absolute deviation around `med` (type-7 median of the deviations). */
function medianAbsDeviation(med: f64): f64 {
  middleDeviations(sortedPtr, size, med);
  return (size & 1) == 1 ? kthValue : kthValue * 0.5 + nextValue * 0.5;
}

/** Fills the window of output `first` from v[max(0, first − window), first). */
function fill(vPtr: usize, len: i32, first: i32, window: i32): void {
  size = 0;
  const slots = min(window, len) + BLOCK + 2;
  for (let k = 0; k < slots; k++) store<f64>(sortedPtr + (<usize>k << 3), Infinity);
  for (let k = max(0, first - window); k < first; k++) slide(load<f64>(vPtr + (<usize>k << 3)), NaN, 0, 0, true);
}

/** Robust z of finite x: (x − median) / (1.4826·MAD), with the mean-absolute-deviation fallback. */
@inline
function madRaw(x: f64): f64 {
  placeReads();
  const med = between(medianAt, medianFrac);
  let scale = MAD_TO_SIGMA * medianAbsDeviation(med);
  if (scale == 0) scale = MEAN_AD_TO_SIGMA * meanAbsDeviationOf(sortedPtr, size, med);
  return inUnits(x - med, scale);
}

/** IQR-fence distance of finite x from the window's quartiles, with the IQR-0 fallback (rolling-iqr.ts). */
@inline
function iqrRaw(x: f64): f64 {
  placeReads();
  return iqrFence(sortedPtr, size, x, between(q1At, q1Frac), between(q3At, q3Frac), medianAt, medianFrac);
}

/** IQR-fence distance of finite x from the quartiles q1, q3 of the n sorted values at s (median read at medAt, medFrac), with the IQR-0 fallback. */
@inline
export function iqrFence(s: usize, n: i32, x: f64, q1: f64, q3: f64, medAt: usize, medFrac: f64): f64 {
  let scale = q3 - q1;
  if (scale == 0) scale = SIGMA_TO_IQR * MEAN_AD_TO_SIGMA * meanAbsDeviationOf(s, n, between(medAt, medFrac));
  return fenceDistance(x, q1, q3, scale);
}

/** Bytes of the sorted window for windows of up to `cap` points: the values, BLOCK + 2 sentinels and pad. */
export function sortedWindowBytes(cap: i32): i32 {
  return (cap + BLOCK + 2) << 3;
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
  const m = size >> 1;
  const odd = (size & 1) == 1;
  let med = odd ? at(m) : (at(m - 1) + at(m)) / 2;
  let mad = Infinity;
  if (med - med == 0) {
    middleDeviations(sortedPtr, size, med);
    mad = odd ? kthValue : (kthValue + nextValue) / 2;
  }
  // The window holds −0 as 0; x − ±0 differs only for x = −0, and then the sign of a zero median counts.
  if (med == 0 && reinterpret<i64>(x) == NEGATIVE_ZERO) med = stableMedian(w);
  store<f64>(out, x - med);
  store<f64>(out, mad, 8);
}

/** The median of the window at w (size values) as a stable sort of it gives it: its zeros keep their signs, in series order. */
function stableMedian(w: usize): f64 {
  const negatives = lowerBound(0);
  const zeros = upperBound(0) - negatives;
  const m = size >> 1;
  const upper = stableAt(w, m, negatives, zeros);
  return (size & 1) == 1 ? upper : (stableAt(w, m - 1, negatives, zeros) + upper) / 2;
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
      nextP = below;
      nextQ = notAbove;
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
      if (!checked || (x - x == 0 && size >= minCount)) featureRow(x, vPtr + (<usize>(i - window) << 3), rawPtr + (o << 4));
      else v128.store(rawPtr + (o << 4), f64x2.splat(NaN));
      continue;
    }
    let raw: f64 = NaN;
    if (!checked) {
      if (size >= minCount) raw = kind == IQR ? iqrRaw(x) : madRaw(x);
    } else if (x == x && size >= minCount) raw = x - x != 0 ? x : kind == IQR ? iqrRaw(x) : madRaw(x);
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
  sortedPtr = sorted;
  readSize = -1;
  fill(vPtr, len, first, window);
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

/** Fills the sorted window at `sorted` with v[max(0, first − window), first) (the window of output `first`). */
export function fillWindow(vPtr: usize, len: i32, first: i32, window: i32, sorted: usize): void {
  sortedPtr = sorted;
  fill(vPtr, len, first, window);
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
