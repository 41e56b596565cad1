// The rolling IQR over the sorted window (sorted-window.ts; scored as order-stat.ts scores it), its
// fast path (every value finite, the window full) on two lanes: the outputs are cut in two halves,
// each with its own sorted window (the second filled from the points before it), and each step
// advances both. A step's count, shift and quartile reads wait on the previous step's stores to the
// same window; the other lane's step does not, so the processor overlaps the two. A window's sorted
// values depend only on the values in it, so the result is the one-window result bit for bit.
import { iqrCheckedScores, iqrFastScores, iqrRawAt, nextSlidePositions, placeReads } from './order-stat';
import { belowLeave, fillWindow, notAboveEnter, positionsIn, slideIn, sortedWindowBytes } from './sorted-window';

/** Fewest fast-path outputs (and windows' worth of them) for which the second window is filled. */
const LANES_MIN: i32 = 256;
const LANES_MIN_WINDOWS: i32 = 4;

/** Scratch bytes of sortedWindowIqr for windows of up to `cap` points: two sorted windows, the second 16-aligned. */
export function sortedWindowsBytes(cap: i32): i32 {
  return 2 * sortedWindowBytes(cap) + 16;
}

/** The IQR-fence score of finite x over the full window at s, into raw and flag. */
@inline
function score(s: usize, x: f64, k: f64, rawAt: usize, flagAt: usize): void {
  const raw = iqrRawAt(s, x);
  store<f64>(rawAt, raw);
  store<u8>(flagAt, u8(Math.abs(raw) > k));
}

/**
 * One fast-path step of the window at s for output i, as order-stat.ts's scoreRange takes it: count
 * the next slide's positions, slide (v[i − 1] joins, v[i − 1 − window] leaves; positions pq), correct
 * the count for it, score v[i]. Returns the next slide's positions, p | q << 32.
 */
@inline
function step(vPtr: usize, s: usize, i: i32, window: i32, pq: i64, k: f64, rawAt: usize, flagAt: usize): i64 {
  const at = vPtr + (<usize>i << 3);
  const lag = <usize>window << 3;
  const x = load<f64>(at);
  const nextLeave = load<f64>(at - lag);
  const enter = load<f64>(at - 8);
  const leave = load<f64>(at - lag - 8);
  positionsIn(s, window, nextLeave, x);
  let p = belowLeave();
  let q = notAboveEnter();
  slideIn(s, enter, leave, <i32>pq, <i32>(pq >>> 32), false);
  p += i32(enter < nextLeave) - i32(leave < nextLeave);
  q += i32(enter <= x) - i32(leave <= x);
  score(s, x, k, rawAt, flagAt);
  return <i64>(<u32>p) | (<i64>q << 32);
}

/**
 * rollingIqr (rolling-iqr.ts) over the sorted window, windows up to COUNT_MAX; `sorted` holds
 * sortedWindowsBytes(min(window, len)) bytes. The checked part as order-stat.ts scores it; a fast
 * path of LANES_MIN outputs or more (and LANES_MIN_WINDOWS windows) on two lanes.
 */
export function sortedWindowIqr(
  vPtr: usize, len: i32, first: i32, window: i32, minCount: i32, k: f64, sorted: usize, rawPtr: usize, flagPtr: usize,
): void {
  const fast = iqrCheckedScores(vPtr, len, first, window, minCount, k, sorted, rawPtr, flagPtr);
  const n = len - fast;
  if (n < max(LANES_MIN, LANES_MIN_WINDOWS * window) || window < minCount) {
    iqrFastScores(vPtr, fast, len, first, window, minCount, k, rawPtr, flagPtr);
    return;
  }
  // Both windows hold `window` values from here on (every value finite, the window full).
  placeReads();
  // Lane A: outputs [fast, mid), from the checked part's window; lane B: mid, whose window is filled
  // (no slide), then [mid + 1, len).
  const half = (n - 1) >> 1;
  const mid = fast + half;
  const sB = (sorted + <usize>sortedWindowBytes(window) + 15) & ~15;
  fillWindow(vPtr, len, mid, window, sB);
  const xB = load<f64>(vPtr + (<usize>mid << 3));
  positionsIn(sB, window, load<f64>(vPtr + (<usize>(mid - window) << 3)), xB);
  let pqB = <i64>(<u32>belowLeave()) | (<i64>notAboveEnter() << 32);
  score(sB, xB, k, rawPtr + (<usize>(mid - first) << 3), flagPtr + <usize>(mid - first));
  let pqA = nextSlidePositions();
  for (let j = 0; j < half; j++) {
    const oA = <usize>(fast + j - first);
    const oB = <usize>(mid + 1 + j - first);
    pqA = step(vPtr, sorted, fast + j, window, pqA, k, rawPtr + (oA << 3), flagPtr + oA);
    pqB = step(vPtr, sB, mid + 1 + j, window, pqB, k, rawPtr + (oB << 3), flagPtr + oB);
  }
  for (let i = mid + 1 + half; i < len; i++) {
    const o = <usize>(i - first);
    pqB = step(vPtr, sB, i, window, pqB, k, rawPtr + (o << 3), flagPtr + o);
  }
}
