// The sorted window the rolling order statistics (order-stat.ts, iqr-lanes.ts) slide: the finite values
// of the `window` points before an output, ascending, kept by a blocked count (or binary search) of
// the leaving and the entering value's positions + one shift of the values between them per point (no
// sort per point).

// The sorted finite values of the current window live at sortedPtr (caller memory, min(window, len) +
// BLOCK + 2 f64: the values, then +Infinity sentinels padding a partial last block and pairwise reads).
let sortedPtr: usize = 0;
let size: i32 = 0;

/** The current window's address and its number of values. */
@inline export function windowPtr(): usize { return sortedPtr; }
@inline export function windowSize(): i32 { return size; }

/** The number of the window's values below x (orEqual: at most x), x finite; branch-free halving. */
@inline
function countBelow(x: f64, orEqual: bool): i32 {
  let base = 0;
  let n = size;
  while (n > 1) {
    const half = n >> 1;
    const v = load<f64>(sortedPtr + (<usize>(base + half - 1) << 3));
    base = select<i32>(base + half, base, orEqual ? v <= x : v < x);
    n -= half;
  }
  const v = load<f64>(sortedPtr + (<usize>base << 3));
  return base + i32(n == 1 && (orEqual ? v <= x : v < x));
}

/** First index whose value is >= x (x finite). */
@inline export function lowerBound(x: f64): i32 { return countBelow(x, false); }
/** First index whose value is > x (x finite). */
@inline export function upperBound(x: f64): i32 { return countBelow(x, true); }

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
export function positionsOf(leave: f64, enter: f64): void {
  if (size > COUNT_MAX) {
    below = lowerBound(leave);
    notAbove = upperBound(enter);
    return;
  }
  positionsIn(sortedPtr, size, leave, enter);
}

/** positionsOf's blocked count in the sorted window of n <= COUNT_MAX values at `sorted` (iqr-lanes.ts runs two windows at once). */
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
export function at(i: i32): f64 {
  return load<f64>(sortedPtr + (<usize>i << 3));
}

/**
 * Slides the window by one point: `enter` joins and `leave` departs (each only when finite; -0 is
 * stored as 0 so equal values are bit-identical). When both are finite, p = the number of values
 * < leave and q = the number <= enter (order-stat.ts's scoreRange counts them a point ahead), and the len values
 * between the two positions move one slot towards p's in ceil(len / 2) v128 moves (the last may
 * carry one value more, into the slot `enter` then takes), their ends and direction picked by
 * integer selects: whether `enter` lands above or below `leave` is a coin toss per point, and a
 * branch on it (two loops, one per direction) mispredicted about half the time. The moves run
 * upwards in either direction, each vector loaded before the store that overlaps it (the one
 * before it, when the values move up), so the addresses are two pointers and constant offsets;
 * four moves per iteration (2–3% less time on the IQR kernel at window 100 than two); the last three
 * moves' vectors are loaded before the loop and stored after it (repeats of the same values where the
 * loop moved them already; in place at s when there is none). `leave` is in the window whenever it
 * is finite; `checked` = false: both are (scoreRange's fast path, iqr-lanes.ts).
 */
@inline
export function slide(enter: f64, leave: f64, p: i32, q: i32, checked: bool): void {
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

/** Makes `sorted` the current window and fills it with v[max(0, first − window), first) (the window of output `first`). */
export function fillWindow(vPtr: usize, len: i32, first: i32, window: i32, sorted: usize): void {
  sortedPtr = sorted;
  size = 0;
  const slots = min(window, len) + BLOCK + 2;
  for (let k = 0; k < slots; k++) store<f64>(sortedPtr + (<usize>k << 3), Infinity);
  for (let k = max(0, first - window); k < first; k++) slide(load<f64>(vPtr + (<usize>k << 3)), NaN, 0, 0, true);
}

/** Bytes of the sorted window for windows of up to `cap` points: the values, BLOCK + 2 sentinels and pad. */
export function sortedWindowBytes(cap: i32): i32 {
  return (cap + BLOCK + 2) << 3;
}
