// Rolling IQR fences by Suomela's block method ("Median filtering is equivalent to sorting", 2014):
// the series is cut into blocks of `window` points, each sorted once into a doubly linked list; the
// window spans the older block A (its values leave by unlinking) and the newer block B (its values
// join by re-linking, the reverse of unlinking them all), and each quartile is a pair of positions in
// A and B that moves a step or two per point: O(log window) per point for the sort, O(1) for the rest.
// Windows up to COUNT_MAX keep the sorted window (sorted-window.ts, iqr-lanes.ts), faster there (see rollingIqr).
import { sortBlock, sortedKeys, sortedOffsets } from './block-sort';
import { sortedWindowIqr, sortedWindowsBytes } from './iqr-lanes';
import { COUNT_MAX } from './sorted-window';
import { fenceDistance, meanAbsDeviationOf, MEAN_AD_TO_SIGMA, quantileOf, SIGMA_TO_IQR } from './robust-scale';

// A block's list: node records of 16 bytes (value f64, next i32, prev i32); node 0 is the head
// (-Infinity), nodes 1..m the block's m finite values ascending, m + 1 the tail (+Infinity). nodeOf
// maps the offset of a point from the block's first point inside the input to its node (0: not finite).
let aList: usize = 0;
let aNodeOf: usize = 0;
let aFrom: i32 = 0;
let bList: usize = 0;
let bNodeOf: usize = 0;
let bFrom: i32 = 0;
/** First index of block B (block A is the `window` points before it; either may start before the input). */
let bStart: i32 = 0;
// The block sort's buffers; keysA doubles as the merged window for the IQR-0 fallback.
let keysA: usize = 0;
let offsA: usize = 0;
let keysB: usize = 0;
let offsB: usize = 0;

@inline function val(list: usize, node: i32): f64 { return load<f64>(list + (<usize>node << 4)); }
@inline function next(list: usize, node: i32): i32 { return load<i32>(list + (<usize>node << 4), 8); }
@inline function prev(list: usize, node: i32): i32 { return load<i32>(list + (<usize>node << 4), 12); }
@inline function setNext(list: usize, node: i32, to: i32): void { store<i32>(list + (<usize>node << 4), to, 8); }
@inline function setPrev(list: usize, node: i32, to: i32): void { store<i32>(list + (<usize>node << 4), to, 12); }

/** Bytes of one block's list and map for blocks of up to `cap` points inside the input. */
@inline
function blockBytes(cap: i32): i32 {
  return (((cap + 2) << 4) + (cap << 2) + 15) & ~15;
}

/** Scratch bytes rollingIqr needs for windows of up to `cap` = min(window, points in the call) points. */
export function rollingIqrScratchBytes(cap: i32): i32 {
  return max(sortedWindowsBytes(cap), 2 * blockBytes(cap) + cap * 24 + 32);
}

function layout(scratch: usize, cap: i32): void {
  const list = <usize>(cap + 2) << 4;
  aList = scratch;
  aNodeOf = aList + list;
  bList = scratch + <usize>blockBytes(cap);
  bNodeOf = bList + list;
  keysA = scratch + <usize>(2 * blockBytes(cap));
  keysB = keysA + (<usize>cap << 3);
  offsA = keysB + (<usize>cap << 3);
  offsB = offsA + (<usize>cap << 2);
}

/** Sorts v[from, to) into the list at `list` (all linked) and its map at nodeOf; returns its count. */
function loadBlock(vPtr: usize, from: i32, to: i32, list: usize, nodeOf: usize): i32 {
  const m = sortBlock(vPtr, from, to, keysA, offsA, keysB, offsB);
  store<f64>(list, -Infinity);
  for (let r = 0; r < m; r++) store<f64>(list + (<usize>(r + 1) << 4), load<f64>(sortedKeys + (<usize>r << 3)));
  store<f64>(list + (<usize>(m + 1) << 4), Infinity);
  memory.fill(nodeOf, 0, <usize>(to - from) << 2);
  for (let r = 0; r < m; r++) store<i32>(nodeOf + (<usize>load<i32>(sortedOffsets + (<usize>r << 2)) << 2), r + 1);
  for (let r = 0; r <= m + 1; r++) {
    setNext(list, r, r + 1);
    setPrev(list, r, r - 1);
  }
  return m;
}

/** Block B becomes A; the next `window` points, sorted, become B with every node unlinked (last first). */
function nextBlocks(vPtr: usize, len: i32, window: i32): void {
  let t = aList; aList = bList; bList = t;
  t = aNodeOf; aNodeOf = bNodeOf; bNodeOf = t;
  aFrom = bFrom;
  bStart += window;
  bFrom = max(0, bStart);
  const to = min(len, bStart + window);
  const B = bList;
  loadBlock(vPtr, bFrom, to, B, bNodeOf);
  for (let k = to - bFrom - 1; k >= 0; k--) {
    const x = load<i32>(bNodeOf + (<usize>k << 2));
    if (x == 0) continue;
    const p = prev(B, x);
    const q = next(B, x);
    setNext(B, p, q);
    setPrev(B, q, p);
  }
}

/** How many of the window's n values are at or below the type-7 quantile p's lower order statistic. */
@inline
function rankCount(n: i32, p: f64): i32 {
  return n == 0 ? 0 : <i32>(<f64>(n - 1) * p) + 1;
}

/**
 * Moves the quartile's positions (pa in A, pb in B; `count` values at or before them) until they hold
 * exactly the c smallest values of the window: advance the one whose next value is smaller, retreat
 * the one whose value is larger, then swap a step while a value past one position is below the other.
 * Returns pa | pb << 32.
 */
@inline
function settle(A: usize, B: usize, pa: i32, pb: i32, count: i32, c: i32): i64 {
  while (count < c) {
    const na = next(A, pa);
    const nb = next(B, pb);
    const takeA = val(A, na) <= val(B, nb);
    pa = select<i32>(na, pa, takeA);
    pb = select<i32>(pb, nb, takeA);
    count++;
  }
  while (count > c) {
    const backA = val(A, pa) >= val(B, pb);
    pa = select<i32>(prev(A, pa), pa, backA);
    pb = select<i32>(pb, prev(B, pb), backA);
    count--;
  }
  while (val(B, next(B, pb)) < val(A, pa)) {
    pa = prev(A, pa);
    pb = next(B, pb);
  }
  while (val(A, next(A, pa)) < val(B, pb)) {
    pb = prev(B, pb);
    pa = next(A, pa);
  }
  return <i64>(<u32>pa) | (<i64>pb << 32);
}

/** Type-7 quantile p of the window's n values from the positions of its lower order statistic. */
@inline
function quantileAt(A: usize, B: usize, pa: i32, pb: i32, n: i32, p: f64): f64 {
  const h = <f64>(n - 1) * p;
  const lo = <i32>h;
  const frac = h - <f64>lo;
  // The larger of the two positions' values, and the smaller of the values after them, read through
  // selected addresses: f64 max/min compile to branches, and which list holds them is a coin toss.
  const pA = A + (<usize>pa << 4);
  const pB = B + (<usize>pb << 4);
  const a = load<f64>(select<usize>(pA, pB, load<f64>(pA) >= load<f64>(pB)));
  if (frac == 0) return a;
  const nA = A + (<usize>next(A, pa) << 4);
  const nB = B + (<usize>next(B, pb) << 4);
  return a * (1 - frac) + load<f64>(select<usize>(nA, nB, load<f64>(nA) <= load<f64>(nB))) * frac;
}

/** The window's n values ascending into keysA (merging the two lists), for the IQR-0 fallback. */
function mergedWindow(A: usize, B: usize, n: i32): usize {
  let p = next(A, 0);
  let q = next(B, 0);
  for (let r = 0; r < n; r++) {
    const x = val(A, p);
    const y = val(B, q);
    if (y < x) {
      store<f64>(keysA + (<usize>r << 3), y);
      q = next(B, q);
    } else {
      store<f64>(keysA + (<usize>r << 3), x);
      p = next(A, p);
    }
  }
  return keysA;
}

/** IQR-fence distance of finite x (quartiles q1, q3 of the window's n values), with the IQR-0 fallback. */
@inline
function iqrRaw(A: usize, B: usize, x: f64, q1: f64, q3: f64, n: i32): f64 {
  let scale = q3 - q1;
  if (scale == 0) {
    const s = mergedWindow(A, B, n);
    scale = SIGMA_TO_IQR * MEAN_AD_TO_SIGMA * meanAbsDeviationOf(s, n, quantileOf(s, n, 0.5));
  }
  return fenceDistance(x, q1, q3, scale);
}

/**
 * Rolling IQR fences for outputs i in [first, len): raw[i − first] = (v − Q3)/IQR above Q3,
 * −(Q1 − v)/IQR below Q1, 0 between (quartiles type 7 over the finite values of the `window`
 * points before i); flag = |raw| > k. NaN while fewer than minCount finite points are in the window
 * and for NaN; ±Infinity for ±Infinity (never in the window). IQR 0: the scale is the IQR a normal
 * distribution with the window's mean absolute deviation around the median would have (1.349 ×
 * 1.2533 × meanAD); both 0: 0 inside [Q1, Q3], else ±Infinity. An infinite IQR judges nothing (0).
 * `scratch` holds rollingIqrScratchBytes(min(window, len)) bytes. Windows up to COUNT_MAX keep the
 * sorted window of sorted-window.ts (one shift per point is cheaper there: 34 vs 77 ns per point at
 * window 100, 44 vs 79 at 200, 62 vs 85 at 400; the blocks win past it: 111 vs 158 at 700; earlier,
 * 121 vs 235 at 2000; CPU time on the bench's series, best of an in-process A/B on a busy machine).
 */
export function rollingIqr(
  vPtr: usize, len: i32, first: i32, window: i32, minCount: i32, k: f64, scratch: usize, rawPtr: usize, flagPtr: usize,
): void {
  if (window <= COUNT_MAX) {
    sortedWindowIqr(vPtr, len, first, window, minCount, k, scratch, rawPtr, flagPtr);
    return;
  }
  if (first >= len) return;
  layout(scratch, min(window, len));
  // Block B starts at `first` (the first window is block A); nextBlocks turns it into A.
  bStart = first - window;
  bFrom = max(0, bStart);
  loadBlock(vPtr, bFrom, first, bList, bNodeOf);
  nextBlocks(vPtr, len, window);
  let A = aList;
  let B = bList;
  let aMap = aNodeOf;
  let bMap = bNodeOf;
  let n = 0;
  for (let r = next(A, 0); val(A, r) < Infinity; r = next(A, r)) n++;
  let c1 = rankCount(n, 0.25);
  let c3 = rankCount(n, 0.75);
  let s1 = settle(A, B, 0, 0, 0, c1);
  let s3 = settle(A, B, 0, 0, 0, c3);
  let a1 = <i32>s1;
  let b1 = <i32>(s1 >>> 32);
  let a3 = <i32>s3;
  let b3 = <i32>(s3 >>> 32);
  for (let i = first; i < len; i++) {
    if (i > first) {
      const e = i - 1;
      if (e == bStart + window) {
        nextBlocks(vPtr, len, window);
        A = aList;
        B = bList;
        aMap = aNodeOf;
        bMap = bNodeOf;
        a1 = b1;
        b1 = 0;
        a3 = b3;
        b3 = 0;
      }
      let n1 = c1;
      let n3 = c3;
      const l = e - window;
      const x = l >= 0 ? load<i32>(aMap + (<usize>(l - aFrom) << 2)) : 0;
      if (x != 0) {
        const p = prev(A, x);
        const q = next(A, x);
        n1 -= i32(x <= a1);
        n3 -= i32(x <= a3);
        a1 = select<i32>(p, a1, x == a1);
        a3 = select<i32>(p, a3, x == a3);
        setNext(A, p, q);
        setPrev(A, q, p);
        n--;
      }
      const y = load<i32>(bMap + (<usize>(e - bFrom) << 2));
      if (y != 0) {
        setNext(B, prev(B, y), y);
        setPrev(B, next(B, y), y);
        n1 += i32(y < b1);
        n3 += i32(y < b3);
        n++;
      }
      c1 = rankCount(n, 0.25);
      c3 = rankCount(n, 0.75);
      s1 = settle(A, B, a1, b1, n1, c1);
      s3 = settle(A, B, a3, b3, n3, c3);
      a1 = <i32>s1;
      b1 = <i32>(s1 >>> 32);
      a3 = <i32>s3;
      b3 = <i32>(s3 >>> 32);
    }
    const v = load<f64>(vPtr + (<usize>i << 3));
    let raw: f64 = NaN;
    if (v == v && n >= minCount) raw = v - v != 0 ? v : iqrRaw(A, B, v, quantileAt(A, B, a1, b1, n, 0.25), quantileAt(A, B, a3, b3, n, 0.75), n);
    const o = <usize>(i - first);
    store<f64>(rawPtr + (o << 3), raw);
    store<u8>(flagPtr + o, u8(Math.abs(raw) > k));
  }
}
