// EWMA deviation on four lanes at once: four stretches of one series advance in lockstep (lanes 0, 1 and
// 2, 3 in two f64x2 vectors), which breaks the recurrence's latency chain; lanes 1–3 start from a guessed
// state, warm up until it is forgotten, and are checked bit for bit against the true state (or redone).
import {
  BLOCK, C_ABS, C_ALPHA, C_BETA, C_HALF, C_HI, C_LO, C_ONE_F32, C_ONE_HALF, C_THRESHOLD, CONSTS, flagsOf,
  minCountParam, scalarRun, setState, stateCount, stateMean, stateVariance,
} from './ewma-point';

/** Lane states: means, variances, counts (4 f64 each), and their copy when lanes 1–3 reach their ranges. */
const LANE_M: usize = memory.data(32, 16);
const LANE_S: usize = memory.data(32, 16);
const LANE_C: usize = memory.data(32, 16);
const SNAP_M: usize = memory.data(32, 16);
const SNAP_S: usize = memory.data(32, 16);
const SNAP_C: usize = memory.data(32, 16);
/** All-ones when both lanes of x are finite. */
@inline
function bothFinite(x: v128): bool {
  return i64x2.all_true(f64x2.eq(f64x2.sub(x, x), f64x2.splat(0)));
}

/**
 * Up to `blocks` blocks of BLOCK steps of the four lanes (lane k at p + k·gap in the input, q + k·gap in
 * dev, f + k·gap/8 in flags) with devOf's operations in f64x2 and one f32x4 reciprocal square root for
 * all four, the lane states in locals from block to block. Assumes every lane warm; a block runs when
 * its starting variances are at least blockLo, and counts when its end state shows finite inputs and
 * variances in range (a non-finite input leaves a non-finite mean, and blockHi bounds every variance
 * of the block). Returns the blocks done: the lane states are those after them, and the outputs of the
 * block that stopped the run are to be rewritten.
 */
function fastBlocks(p: usize, q: usize, f: usize, gap: usize, blocks: i32): i32 {
  const half = v128.load(CONSTS + C_HALF);
  const oneHalf = v128.load(CONSTS + C_ONE_HALF);
  const one = v128.load(CONSTS + C_ONE_F32);
  const absMask = v128.load(CONSTS + C_ABS);
  const a = v128.load(CONSTS + C_ALPHA);
  const b = v128.load(CONSTS + C_BETA);
  const thr = v128.load(CONSTS + C_THRESHOLD);
  const hi = v128.load(CONSTS + C_HI);
  const lo = v128.load(CONSTS + C_LO);
  let mA0 = v128.load(LANE_M);
  let mB0 = v128.load(LANE_M + 16);
  let sA0 = v128.load(LANE_S);
  let sB0 = v128.load(LANE_S + 16);
  const o = q - p; // from an input to its output
  let done = 0;
  for (; done < blocks; done++) {
    if (!i64x2.all_true(v128.and(f64x2.ge(sA0, lo), f64x2.ge(sB0, lo)))) break;
    let mA = mA0;
    let mB = mB0;
    let sA = sA0;
    let sB = sB0;
    const p0 = p;
    const end = p + (<usize>BLOCK << 3);
    while (p < end) {
      // One step: lane k's point at p + k·gap, lanes (0, 1) in A and (2, 3) in B; each output stored as
      // it is made (steps in pairs, stored as pairs, kept four results live and V8 spilled the lane
      // states to the stack, a store and a load in the recurrence's chain: 14.1 ms against 13.3 per
      // 10 M points).
      const dA = f64x2.sub(v128.load64_lane(p + gap, v128.load64_zero(p), 1), mA);
      const dB = f64x2.sub(v128.load64_lane(p + 3 * gap, v128.load64_zero(p + 2 * gap), 1), mB);
      const y = f32x4.div(one, f32x4.sqrt(v128.shuffle<i32>(f32x4.demote_f64x2_zero(sA), f32x4.demote_f64x2_zero(sB), 0, 1, 4, 5)));
      const yA = f64x2.promote_low_f32x4(y);
      const yB = f64x2.promote_low_f32x4(v128.shuffle<i32>(y, y, 2, 3, 2, 3));
      const zA = f64x2.mul(dA, f64x2.mul(yA, f64x2.sub(oneHalf, f64x2.mul(f64x2.mul(half, sA), f64x2.mul(yA, yA)))));
      const zB = f64x2.mul(dB, f64x2.mul(yB, f64x2.sub(oneHalf, f64x2.mul(f64x2.mul(half, sB), f64x2.mul(yB, yB)))));
      const adA = f64x2.mul(a, dA);
      const adB = f64x2.mul(a, dB);
      mA = f64x2.add(mA, adA);
      mB = f64x2.add(mB, adB);
      sA = f64x2.mul(b, f64x2.add(sA, f64x2.mul(adA, dA)));
      sB = f64x2.mul(b, f64x2.add(sB, f64x2.mul(adB, dB)));
      v128.store64_lane(p + o, zA, 0);
      v128.store64_lane(p + o + gap, zA, 1);
      v128.store64_lane(p + o + 2 * gap, zB, 0);
      v128.store64_lane(p + o + 3 * gap, zB, 1);
      p += 8;
    }
    if (!(bothFinite(mA) && bothFinite(mB) && i64x2.all_true(v128.and(f64x2.le(sA, hi), f64x2.le(sB, hi))))) break;
    for (let k: usize = 0; k < 4; k++) flagsOf(p0 + o + k * gap, f + k * (gap >> 3), BLOCK, absMask, thr);
    f += <usize>BLOCK;
    mA0 = mA;
    mB0 = mB;
    sA0 = sA;
    sB0 = sB;
  }
  v128.store(LANE_M, mA0);
  v128.store(LANE_M + 16, mB0);
  v128.store(LANE_S, sA0);
  v128.store(LANE_S + 16, sB0);
  const counted = f64x2.splat(<f64>(done * BLOCK));
  v128.store(LANE_C, f64x2.add(v128.load(LANE_C), counted));
  v128.store(LANE_C + 16, f64x2.add(v128.load(LANE_C + 16), counted));
  return done;
}

/** True when every lane has absorbed minCount points (their outputs are judged). */
function lanesWarm(): bool {
  const minCount = minCountParam();
  for (let k: usize = 0; k < 4; k++) {
    if (!(load<f64>(LANE_C + (k << 3)) >= minCount)) return false;
  }
  return true;
}

/** Steps [from, to) of the four lanes (see fastBlocks for the pointers), fast where possible. */
function runSteps(p: usize, q: usize, f: usize, gap: usize, from: i32, to: i32): void {
  let j = from;
  while (j < to) {
    let steps = min(BLOCK, to - j);
    if (steps == BLOCK && lanesWarm()) {
      const blocks = (to - j) / BLOCK;
      const o = <usize>j;
      const done = fastBlocks(p + (o << 3), q + (o << 3), f + o, gap, blocks);
      j += done * BLOCK;
      if (done == blocks) continue;
    }
    // One block (or the tail) one point at a time per lane.
    const o = <usize>j;
    for (let k: usize = 0; k < 4; k++) {
      setState(load<f64>(LANE_M + (k << 3)), load<f64>(LANE_S + (k << 3)), load<f64>(LANE_C + (k << 3)));
      scalarRun(p + k * gap + (o << 3), steps, q + k * gap + (o << 3), f + k * (gap >> 3) + o, true);
      store<f64>(LANE_M + (k << 3), stateMean());
      store<f64>(LANE_S + (k << 3), stateVariance());
      store<f64>(LANE_C + (k << 3), stateCount());
    }
    j += steps;
  }
}

/** Lane k's state at its first own point equals the true state there, so all its outputs are the true ones. */
function laneMatches(k: usize): bool {
  const minCount = minCountParam();
  return (
    stateCount() >= minCount &&
    load<f64>(SNAP_C + (k << 3)) >= minCount &&
    reinterpret<u64>(stateMean()) == load<u64>(SNAP_M + (k << 3)) &&
    reinterpret<u64>(stateVariance()) == load<u64>(SNAP_S + (k << 3))
  );
}

/**
 * Steps [from, to) of a walk of the four lanes over one series (lane k's inputs for these steps at
 * vPtr + k·gap, its outputs at devPtr + k·gap and flagPtr + k·gap/8), the lane states carried from the
 * previous call of the walk. Lanes 1–3 run `warm` steps ahead of their own ranges: step 0 starts the walk
 * (lane 0 from the state in ewma-point.ts, lanes 1–3 fresh with count 0), and their states at step
 * `warm` are kept for ewmaLanesJoin. The warm-up outputs of lane k are lane k − 1's last ones, to be
 * taken from lane k − 1.
 */
export function ewmaLanesStep(vPtr: usize, devPtr: usize, flagPtr: usize, gap: usize, from: i32, to: i32, warm: i32): void {
  if (from == 0) {
      for (let k: usize = 0; k < 4; k++) {
      store<f64>(LANE_M + (k << 3), k == 0 ? stateMean() : 0);
      store<f64>(LANE_S + (k << 3), k == 0 ? stateVariance() : 0);
      store<f64>(LANE_C + (k << 3), k == 0 ? stateCount() : 0);
    }
  }
  // Pointers as of step 0 (wrapping below 0 is fine: runSteps only adds steps ≥ from back).
  const o = <usize>from << 3;
  const p = vPtr - o;
  const q = devPtr - o;
  const f = flagPtr - <usize>from;
  if (from < warm && to >= warm) {
    runSteps(p, q, f, gap, from, warm);
    memory.copy(SNAP_M, LANE_M, 32);
    memory.copy(SNAP_S, LANE_S, 32);
    memory.copy(SNAP_C, LANE_C, 32);
    from = warm;
  }
  runSteps(p, q, f, gap, from, to);
}

/**
 * After a walk: k = 0 makes lane 0's end state the true state (in ewma-point.ts); then, for k = 1, 2,
 * 3 in turn, true when lane k's state at its first own point equals the true state there (equal mean
 * and variance bits, both warm), so all its own outputs are the ones a single pass gives, and the true
 * state moves to lane k's end; false when lane k's own points must be run again one at a time from the
 * true state.
 */
export function ewmaLanesJoin(k: i32): bool {
  const at = <usize>k << 3;
  if (k == 0) {
    setState(load<f64>(LANE_M), load<f64>(LANE_S), load<f64>(LANE_C));
    return true;
  }
  if (!laneMatches(<usize>k)) return false;
  setState(load<f64>(LANE_M + at), load<f64>(LANE_S + at), stateCount() + (load<f64>(LANE_C + at) - load<f64>(SNAP_C + at)));
  return true;
}
