// The rolling z-score's fast path (rolling.ts): the window full (count == window) and every value
// finite, which each block's sums confirm (else rolling.ts's checked sweep takes over). Four lanes,
// each a run of consecutive points with its own sliding state, two lanes per f64x2 (the EWMA
// kernel's layout): each step is a plain recurrence per lane, no shuffles across lanes, one
// loop-carried add per sum.
import { flagsOf } from './ewma-point';
import { allFinite, rebase, stateShift, stateSum, stateSumSq } from './rolling';

/** Per-lane state of laneZScores: shift, shifted sum, shifted sum of squares (lanes 0-1, then 2-3). */
const LANE_K: usize = memory.data(32, 16);
const LANE_S1: usize = memory.data(32, 16);
const LANE_S2: usize = memory.data(32, 16);
// Vector constants, loaded (V8 re-creates v128 constants at every use, four instructions for 1.0).
const Z_ABS: usize = memory.data<u64>([0x7fffffffffffffff, 0x7fffffffffffffff], 16);
const Z_ONE: usize = memory.data<f64>([1, 1], 16);
/** The call's threshold in both lanes. */
const Z_THRESHOLD: usize = memory.data(16, 16);

/** Lanes a and b's values at p + a·gap and p + b·gap in one f64x2. */
@inline
function gather(p: usize, gap: usize): v128 {
  return v128.load64_lane(p + gap, v128.load64_zero(p), 1);
}

/** The window std of a pair of lanes (0 when rounding takes the variance below 0). */
@inline
function laneStd(m: v128, s2: v128, invN: v128): v128 {
  return f64x2.sqrt(f64x2.pmax(f64x2.splat(0), f64x2.sub(f64x2.mul(s2, invN), f64x2.mul(m, m))));
}

/**
 * dx / sd, 0 for 0 / 0 (std 0 and x on the mean) and where std is 0 and x equals the point before it
 * (`same`): a one-valued window whose mean the carried sums leave a rounding off its value.
 */
@inline
function exactZ(dx: v128, sd: v128, same: v128): v128 {
  const q = f64x2.div(dx, sd);
  return v128.andnot(v128.and(q, f64x2.eq(q, q)), v128.and(f64x2.eq(sd, f64x2.splat(0)), same));
}

/** Lanes a and b: their value at p equals the one before it. */
@inline
function sameAsBefore(p: usize, gap: usize): v128 {
  return f64x2.eq(gather(p, gap), gather(p - 8, gap));
}

/** Bounds on the product of two lanes' stds for laneBlock's shared division, 2^-1000 and 2^1000 (its inverse and the quotients stay normal). */
const Z_PRODUCT_LO: usize = memory.data<f64>([9.332636185032189e-302, 9.332636185032189e-302], 16);
const Z_PRODUCT_HI: usize = memory.data<f64>([1.0715086071862673e301, 1.0715086071862673e301], 16);

/** laneBlock's outcomes. */
const BLOCK_DONE: i32 = 0;
/** A product of two stds fell outside [2^-1000, 2^1000]: run the block again exactly. */
const BLOCK_RANGE: i32 = 1;
/** A value the block read is not finite (the lanes' sums are not): the caller's sweep takes over. */
const BLOCK_NOT_FINITE: i32 = 2;

/**
 * z-scores for outputs [start, start + 4·lane) (start >= window; 4·lane >= window, or every value the
 * block reads known finite): lane j runs the `lane` points from start + j·lane, its state derived
 * exactly by rebase at its first point. Not
 * `exact`: the two pairs of lanes share one division, 1 / (sdA·sdB), which times sdB is 1 / sdA and
 * times sdA is 1 / sdB (square roots and divisions bound this loop: 11% less time than two
 * divisions, in L2 at window 64). BLOCK_RANGE when a product fell outside [2^-1000, 2^1000] (a std
 * of 0 among them): the block is then run again exactly; each lane starts from its rebase, so the
 * result depends only on the input. BLOCK_NOT_FINITE when a lane's shifted sum ends non-finite: the
 * lanes' values and lagged values (each entering or leaving its lane's sum) run over all the block
 * reads when 4·lane >= window (rebase windows included), so a NaN or infinity among them leaves a sum
 * NaN or infinite for good (as overflow past about 1e306 does: then the sweep scores the rest). This
 * takes the place of a finiteness pass over the input (6–7% of the copying row's time at window 64).
 */
@inline
function laneBlock(vPtr: usize, start: i32, lane: i32, window: i32, invWindow: f64, scorePtr: usize, exact: bool): i32 {
  for (let j = 0; j < 4; j++) {
    const at = start + j * lane;
    rebase(vPtr, at, window, at + lane);
    store<f64>(LANE_K + (<usize>j << 3), stateShift());
    store<f64>(LANE_S1 + (<usize>j << 3), stateSum());
    store<f64>(LANE_S2 + (<usize>j << 3), stateSumSq());
  }
  const kA = v128.load(LANE_K);
  const kB = v128.load(LANE_K, 16);
  let s1A = v128.load(LANE_S1);
  let s1B = v128.load(LANE_S1, 16);
  let s2A = v128.load(LANE_S2);
  let s2B = v128.load(LANE_S2, 16);
  const invN = f64x2.splat(invWindow);
  let lowest = v128.load(Z_PRODUCT_HI);
  let highest = v128.load(Z_PRODUCT_LO);
  const gap = <usize>lane << 3;
  const lag = <usize>window << 3;
  const toOut = scorePtr - (vPtr + (<usize>start << 3)); // from an input to its score
  let p = vPtr + (<usize>start << 3);
  const end = p + gap;
  while (p < end) {
    const ekA = f64x2.sub(gather(p, gap), kA);
    const ekB = f64x2.sub(gather(p + 2 * gap, gap), kB);
    const lkA = f64x2.sub(gather(p - lag, gap), kA);
    const lkB = f64x2.sub(gather(p - lag + 2 * gap, gap), kB);
    const mA = f64x2.mul(s1A, invN);
    const mB = f64x2.mul(s1B, invN);
    const sdA = laneStd(mA, s2A, invN);
    const sdB = laneStd(mB, s2B, invN);
    let zA: v128, zB: v128;
    if (exact) {
      zA = exactZ(f64x2.sub(ekA, mA), sdA, sameAsBefore(p, gap));
      zB = exactZ(f64x2.sub(ekB, mB), sdB, sameAsBefore(p + 2 * gap, gap));
    } else {
      const product = f64x2.mul(sdA, sdB);
      lowest = f64x2.pmin(lowest, product);
      highest = f64x2.pmax(highest, product);
      const r = f64x2.div(v128.load(Z_ONE), product);
      zA = f64x2.mul(f64x2.sub(ekA, mA), f64x2.mul(sdB, r));
      zB = f64x2.mul(f64x2.sub(ekB, mB), f64x2.mul(sdA, r));
    }
    // Sum deltas e − l; sum-of-squares deltas e² − l² = (e − l)(e + l), all shifted by k.
    const dA = f64x2.sub(ekA, lkA);
    const dB = f64x2.sub(ekB, lkB);
    s1A = f64x2.add(s1A, dA);
    s1B = f64x2.add(s1B, dB);
    s2A = f64x2.add(s2A, f64x2.mul(dA, f64x2.add(ekA, lkA)));
    s2B = f64x2.add(s2B, f64x2.mul(dB, f64x2.add(ekB, lkB)));
    const out = p + toOut;
    v128.store64_lane(out, zA, 0);
    v128.store64_lane(out + gap, zA, 1);
    v128.store64_lane(out + 2 * gap, zB, 0);
    v128.store64_lane(out + 3 * gap, zB, 1);
    p += 8;
  }
  const zero = f64x2.splat(0);
  if (!i64x2.all_true(v128.and(f64x2.eq(f64x2.mul(s1A, zero), zero), f64x2.eq(f64x2.mul(s1B, zero), zero)))) return BLOCK_NOT_FINITE;
  return exact || i64x2.all_true(v128.and(f64x2.ge(lowest, v128.load(Z_PRODUCT_LO)), f64x2.le(highest, v128.load(Z_PRODUCT_HI)))) ? BLOCK_DONE : BLOCK_RANGE;
}

/**
 * laneBlock and the block's flags: with the shared division, or exactly when a product is out of its
 * range. False (nothing written that counts) when a value the block reads is not finite.
 */
function laneZScores(vPtr: usize, start: i32, lane: i32, window: i32, invWindow: f64, scorePtr: usize, flagPtr: usize): bool {
  const outcome = laneBlock(vPtr, start, lane, window, invWindow, scorePtr, false);
  if (outcome == BLOCK_NOT_FINITE) return false;
  if (outcome == BLOCK_RANGE) laneBlock(vPtr, start, lane, window, invWindow, scorePtr, true);
  flagsOf(scorePtr, flagPtr, lane << 2, v128.load(Z_ABS), v128.load(Z_THRESHOLD));
  return true;
}

/**
 * Fast z-scores for outputs [from, to), from >= window, while every value read is finite: blocks of
 * four lanes of up to `every` points each (a lane's state is re-derived exactly at its start, so no
 * sums run longer than that), the last few points one at a time after a rebase. Returns `to`, or the
 * first output of the block (or tail) that read a value that is not finite: outputs from there on
 * are left to the caller. `invWindow` (1 / window) comes in as a parameter: computed inside, V8's
 * optimizing compiler had placed the division in the hot loop.
 */
export function laneRuns(
  vPtr: usize, from: i32, to: i32, window: i32, every: i32, invWindow: f64, threshold: f64, scorePtr: usize, flagPtr: usize,
): i32 {
  v128.store(Z_THRESHOLD, f64x2.splat(threshold));
  let i = from;
  while (true) {
    const lane = min(every, ((to - i) >> 2) & ~3); // a multiple of 4, so blocks are multiples of 16 (flagsOf)
    if (lane < 4) break;
    // The lanes' lagged values together run over [i − window, i − window + 4·lane), their own over
    // [i, i + 4·lane): all the block reads unless 4·lane < window (a short last block), checked here.
    if (lane << 2 < window && allFinite(vPtr, i - window, i + (lane << 2)) == 0) return i;
    const o = <usize>(i - from);
    if (!laneZScores(vPtr, i, lane, window, invWindow, scorePtr + (o << 3), flagPtr + o)) return i;
    i += lane << 2;
  }
  if (i >= to) return to;
  if (allFinite(vPtr, i - window, to) == 0) return i;
  rebase(vPtr, i, window, to);
  let s1 = stateSum();
  let s2 = stateSumSq();
  const k = stateShift();
  const w = <f64>window;
  for (; i < to; i++) {
    const x = load<f64>(vPtr + (<usize>i << 3));
    const ek = x - k;
    const lk = load<f64>(vPtr + (<usize>(i - window) << 3)) - k;
    const m = s1 / w;
    const sd = Math.sqrt(max(s2 / w - m * m, 0));
    const dx = ek - m;
    const z: f64 = sd == 0 && (dx == 0 || x == load<f64>(vPtr + (<usize>(i - 1) << 3))) ? 0 : dx / sd;
    const o = <usize>(i - from);
    store<f64>(scorePtr + (o << 3), z);
    store<u8>(flagPtr + o, u8(Math.abs(z) > threshold));
    s1 += ek - lk;
    s2 += (ek - lk) * (ek + lk);
  }
  return to;
}
