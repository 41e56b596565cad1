// Rolling mean / population std and rolling z-score over the `window` points before each index
// (no look-ahead). Hand-written hot loops: sliding sums of values shifted by a reference K (the
// window mean, re-derived exactly every few blocks) staged per block, then an f64x2 pass; the z-score
// of all-finite full windows runs four lanes at once instead (rolling-lanes.ts).
import { BLOCK, SUM_BUF, SQ_BUF, COUNT_BUF } from './scratch';
import { laneRuns } from './rolling-lanes';

/** Re-derive the shift and the sums from scratch at least this often (points), and every 4 windows. */
const REBASE_MIN: i32 = BLOCK * 8;

// Sliding state: shift K, sum of (x - K), sum of (x - K)^2, number of finite points in the window.
let shift: f64 = 0;
let sum: f64 = 0;
let sumSq: f64 = 0;
let count: f64 = 0;
/** The last rebase found a value for its shift (a finite value in its window or ahead of it). */
let anchored: bool = false;

/** 1 when every value of v[from, to) is finite (neither NaN nor ±Infinity), else 0. */
export function allFinite(vPtr: usize, from: i32, to: i32): i32 {
  // x · 0 is ±0 when x is finite, NaN otherwise; four independent sums so the adds do not wait on
  // each other (multiplies and adds run on different pipes).
  const zero = f64x2.splat(0);
  let a0 = zero;
  let a1 = zero;
  let a2 = zero;
  let a3 = zero;
  let i = from;
  for (; i + 7 < to; i += 8) {
    const p = vPtr + (<usize>i << 3);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(p), zero));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(p, 16), zero));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(p, 32), zero));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(p, 48), zero));
  }
  for (; i + 1 < to; i += 2) a0 = f64x2.add(a0, f64x2.mul(v128.load(vPtr + (<usize>i << 3)), zero));
  const acc = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let tail: f64 = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (i < to) tail += load<f64>(vPtr + (<usize>i << 3)) * 0;
  return i32(tail == 0);
}

/**
 * Sets the sliding state exactly for the window v[max(0, i - window), i): two passes, shifted by the
 * window mean. An empty window takes its shift from the first finite value in v[i, ahead) instead
 * (a numeric reference only: results do not depend on it, precision does).
 */
export function rebase(vPtr: usize, i: i32, window: i32, ahead: i32): void {
  const lo = max(0, i - window);
  let first: f64 = 0;
  let found = false;
  let n: f64 = 0;
  let s: f64 = 0;
  for (let k = lo; k < i; k++) {
    const x = load<f64>(vPtr + (<usize>k << 3));
    if (x - x != 0) continue;
    if (!found) {
      first = x;
      found = true;
    }
    n += 1;
    s += x - first;
  }
  for (let k = i; !found && k < ahead; k++) {
    const x = load<f64>(vPtr + (<usize>k << 3));
    if (x - x != 0) continue;
    first = x;
    found = true;
  }
  const k0 = n > 0 ? first + s / n : first;
  let s1: f64 = 0;
  let s2: f64 = 0;
  for (let k = lo; k < i; k++) {
    const x = load<f64>(vPtr + (<usize>k << 3));
    if (x - x != 0) continue;
    const d = x - k0;
    s1 += d;
    s2 += d * d;
  }
  shift = k0;
  sum = s1;
  sumSq = s2;
  count = n;
  anchored = found;
}

/** The sliding state as the last rebase or stage left it (read by rolling-lanes.ts). */
@inline export function stateShift(): f64 { return shift; }
@inline export function stateSum(): f64 { return sum; }
@inline export function stateSumSq(): f64 { return sumSq; }

/**
 * Stages window sums for outputs i in [start, start + n) into the block buffers, advancing the
 * sliding state. `checked` = false is the fast path when every value involved is finite.
 */
@inline
function stageBlock(vPtr: usize, start: i32, n: i32, window: i32, rebased: bool, checked: bool): void {
  const k = shift;
  let s1 = sum;
  let s2 = sumSq;
  let c = count;
  let j = 0;
  if (rebased) {
    store<f64>(SUM_BUF, s1);
    store<f64>(SQ_BUF, s2);
    store<f64>(COUNT_BUF, c);
    j = 1;
  }
  // Warm-up: nothing leaves the window yet (i - 1 - window < 0).
  const warmEnd = min(n, window + 1 - start);
  for (; j < warmEnd; j++) {
    const x = load<f64>(vPtr + (<usize>(start + j - 1) << 3));
    const ok = x - x == 0;
    const d = checked ? select<f64>(x - k, 0, ok) : x - k;
    s1 += d;
    s2 += d * d;
    c += checked ? select<f64>(1, 0, ok) : 1;
    const o = <usize>j << 3;
    store<f64>(SUM_BUF + o, s1);
    store<f64>(SQ_BUF + o, s2);
    store<f64>(COUNT_BUF + o, c);
  }
  let inPtr = vPtr + (<usize>(start + j - 1) << 3);
  const lag = <usize>window << 3;
  for (; j < n; j++) {
    const x = load<f64>(inPtr);
    const y = load<f64>(inPtr - lag);
    inPtr += 8;
    let din = x - k;
    let dout = y - k;
    if (checked) {
      const okIn = x - x == 0;
      const okOut = y - y == 0;
      din = select<f64>(din, 0, okIn);
      dout = select<f64>(dout, 0, okOut);
      c += select<f64>(1, 0, okIn) - select<f64>(1, 0, okOut);
    }
    s1 += din - dout;
    s2 += din * din - dout * dout;
    const o = <usize>j << 3;
    store<f64>(SUM_BUF + o, s1);
    store<f64>(SQ_BUF + o, s2);
    store<f64>(COUNT_BUF + o, c);
  }
  sum = s1;
  sumSq = s2;
  count = c;
}

/** Walks the outputs [first, len) block by block; `finish` turns staged sums into outputs. */
@inline
function sweep(vPtr: usize, len: i32, first: i32, window: i32, finish: (vPtr: usize, start: i32, n: i32, outIndex: i32) => void): void {
  const checked = allFinite(vPtr, max(0, first - window - 1), len) == 0;
  const rebaseEvery = max(REBASE_MIN, window * 4);
  let sinceRebase = rebaseEvery;
  for (let start = first; start < len; start += BLOCK) {
    const n = min(BLOCK, len - start);
    const rebased = sinceRebase >= rebaseEvery;
    if (rebased) {
      rebase(vPtr, start, window, min(len, start + rebaseEvery));
      sinceRebase = 0;
    }
    if (checked) stageBlock(vPtr, start, n, window, rebased, true);
    else stageBlock(vPtr, start, n, window, rebased, false);
    sinceRebase += n;
    finish(vPtr, start, n, start - first);
  }
}

// Outputs of the current call (module globals so `finish` callbacks need no closure).
let outA: usize = 0;
let outB: usize = 0;
let zThreshold: f64 = 0;

function finishMeanStd(vPtr: usize, start: i32, n: i32, outIndex: i32): void {
  const k = shift;
  const meanPtr = outA + (<usize>outIndex << 3);
  const stdPtr = outB + (<usize>outIndex << 3);
  // Pairs in f64x2 (the same divisions, max and sqrt as the scalar tail, lane by lane).
  const kv = f64x2.splat(k);
  const zero = f64x2.splat(0);
  const two = f64x2.splat(2);
  const nan = f64x2.splat(NaN);
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const o = <usize>j << 3;
    const c = v128.load(COUNT_BUF + o);
    const m = f64x2.div(v128.load(SUM_BUF + o), c);
    const variance = f64x2.max(f64x2.sub(f64x2.div(v128.load(SQ_BUF + o), c), f64x2.mul(m, m)), zero);
    const valid = f64x2.ge(c, two);
    v128.store(meanPtr + o, v128.bitselect(f64x2.add(kv, m), nan, valid));
    v128.store(stdPtr + o, v128.bitselect(f64x2.sqrt(variance), nan, valid));
  }
  if (j < n) {
    const o = <usize>j << 3;
    const c = load<f64>(COUNT_BUF + o);
    const m = load<f64>(SUM_BUF + o) / c;
    const variance = max(load<f64>(SQ_BUF + o) / c - m * m, 0);
    const valid = c >= 2;
    store<f64>(meanPtr + o, select<f64>(k + m, NaN, valid));
    store<f64>(stdPtr + o, select<f64>(Math.sqrt(variance), NaN, valid));
  }
}

function finishZScore(vPtr: usize, start: i32, n: i32, outIndex: i32): void {
  const kv = f64x2.splat(shift);
  const one = f64x2.splat(1);
  const two = f64x2.splat(2);
  const zero = f64x2.splat(0);
  const nan = f64x2.splat(NaN);
  const thr = f64x2.splat(zThreshold);
  const scorePtr = outA + (<usize>outIndex << 3);
  const flagPtr = outB + <usize>outIndex;
  const xPtr = vPtr + (<usize>start << 3);
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const o = <usize>j << 3;
    const c = v128.load(COUNT_BUF + o);
    const inv = f64x2.div(one, c);
    const m = f64x2.mul(v128.load(SUM_BUF + o), inv);
    const variance = f64x2.max(f64x2.sub(f64x2.mul(v128.load(SQ_BUF + o), inv), f64x2.mul(m, m)), zero);
    const sd = f64x2.sqrt(variance);
    const x = v128.load(xPtr + o);
    const dx = f64x2.sub(f64x2.sub(x, kv), m);
    let z = f64x2.div(dx, sd);
    // std == 0 and v == mean, or v equal to the point before it (a one-valued window whose mean the
    // carried sums leave a rounding off its value): score 0 (0 / 0 would be NaN).
    const same = v128.or(f64x2.eq(dx, zero), f64x2.eq(x, v128.load(xPtr + o - 8)));
    z = v128.bitselect(zero, z, v128.and(f64x2.eq(sd, zero), same));
    // Fewer than 2 finite points in the window, or v itself non-finite: NaN.
    const invalid = v128.or(f64x2.lt(c, two), f64x2.ne(f64x2.sub(x, x), zero));
    z = v128.bitselect(nan, z, invalid);
    v128.store(scorePtr + o, z);
    const flag = f64x2.gt(f64x2.abs(z), thr);
    store<u16>(flagPtr + j, <u16>((i64x2.extract_lane(flag, 0) & 1) | ((i64x2.extract_lane(flag, 1) & 1) << 8)));
  }
  if (j < n) {
    const o = <usize>j << 3;
    const c = load<f64>(COUNT_BUF + o);
    const m = load<f64>(SUM_BUF + o) / c;
    const sd = Math.sqrt(max(load<f64>(SQ_BUF + o) / c - m * m, 0));
    const x = load<f64>(xPtr + o);
    const dx = x - shift - m;
    let z: f64 = sd == 0 && (dx == 0 || x == load<f64>(xPtr + o - 8)) ? 0 : dx / sd;
    if (c < 2 || x - x != 0) z = NaN;
    store<f64>(scorePtr + o, z);
    store<u8>(flagPtr + j, u8(Math.abs(z) > zThreshold));
  }
}

/**
 * Rolling mean and population std for outputs i in [first, len) of v (values before `first` only
 * feed the window); writes mean[i - first] and std[i - first]. NaN where < 2 finite points.
 */
export function rollingMeanStd(vPtr: usize, len: i32, first: i32, window: i32, meanPtr: usize, stdPtr: usize): void {
  outA = meanPtr;
  outB = stdPtr;
  sweep(vPtr, len, first, window, finishMeanStd);
}

/**
 * Rolling z-score for outputs i in [first, len): score[i - first] (f64) and flag[i - first] (u8,
 * 1 when |score| > threshold). Semantics in src/kernels/types.ts.
 */
export function rollingZScore(vPtr: usize, len: i32, first: i32, window: i32, threshold: f64, scorePtr: usize, flagPtr: usize): void {
  outA = scorePtr;
  outB = flagPtr;
  zThreshold = threshold;
  const full = max(first, window);
  if (window < 2 || full >= len) {
    sweep(vPtr, len, first, window, finishZScore);
    return;
  }
  sweep(vPtr, full, first, window, finishZScore);
  const skip = <usize>(full - first);
  const stop = laneRuns(vPtr, full, len, window, max(REBASE_MIN, window * 4), 1 / <f64>window, threshold, scorePtr + (skip << 3), flagPtr + skip);
  if (stop >= len) return;
  // A value that is not finite from the block at `stop` on: the checked sweep scores the rest.
  outA = scorePtr + (<usize>(stop - first) << 3);
  outB = flagPtr + <usize>(stop - first);
  sweep(vPtr, len, stop, window, finishZScore);
}

/**
 * rollingMeanStd for outputs [first, len) continuing a sliding state (f64 × 5 at statePtr: shift, sum,
 * sumSq, count, valid). valid 0: the state is derived exactly (two passes) for the window of output
 * `first` (v holds `window` points before it); valid 1: it is the state after output first − 1, and v
 * holds window + 1 points before `first`. No periodic rebase inside: a caller needing one starts
 * again with valid 0. Writes the state after the last output back, so split calls equal one call;
 * it stays fresh while no finite value has been seen (the shift of an empty window is taken from the
 * first finite value ahead, which a later call may be the first to see).
 */
export function rollingMeanStdCarry(vPtr: usize, len: i32, first: i32, window: i32, statePtr: usize, meanPtr: usize, stdPtr: usize): void {
  if (first >= len) return;
  outA = meanPtr;
  outB = stdPtr;
  const carried = beginCarry(vPtr, len, first, window, statePtr);
  const checked = allFinite(vPtr, max(0, first - window - 1), len) == 0;
  for (let start = first; start < len; start += BLOCK) {
    const n = min(BLOCK, len - start);
    const rebased = !carried && start == first;
    if (checked) stageBlock(vPtr, start, n, window, rebased, true);
    else stageBlock(vPtr, start, n, window, rebased, false);
    finishMeanStd(vPtr, start, n, start - first);
  }
  endCarry(statePtr, carried);
}

/**
 * rollingMeanStdCarry's staging alone, for 1 to BLOCK outputs [first, len): leaves each output's window
 * sums (shifted by stateShift()) and finite count in SUM_BUF, SQ_BUF and COUNT_BUF from index 0.
 */
export function rollingStageCarry(vPtr: usize, len: i32, first: i32, window: i32, statePtr: usize): void {
  const carried = beginCarry(vPtr, len, first, window, statePtr);
  if (allFinite(vPtr, max(0, first - window - 1), len) == 0) stageBlock(vPtr, first, len - first, window, !carried, true);
  else stageBlock(vPtr, first, len - first, window, !carried, false);
  endCarry(statePtr, carried);
}

/** Loads the sliding state at statePtr when it is carried (returns true), else derives it for output `first`. */
function beginCarry(vPtr: usize, len: i32, first: i32, window: i32, statePtr: usize): bool {
  const carried = load<f64>(statePtr + 32) != 0;
  if (carried) {
    shift = load<f64>(statePtr);
    sum = load<f64>(statePtr + 8);
    sumSq = load<f64>(statePtr + 16);
    count = load<f64>(statePtr + 24);
  } else rebase(vPtr, first, window, len);
  return carried;
}

/** Stores the sliding state after the last output (valid once a finite value fixed the shift). */
function endCarry(statePtr: usize, carried: bool): void {
  store<f64>(statePtr, shift);
  store<f64>(statePtr + 8, sum);
  store<f64>(statePtr + 16, sumSq);
  store<f64>(statePtr + 24, count);
  store<f64>(statePtr + 32, carried || anchored ? 1 : 0);
}
