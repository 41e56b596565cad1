// EWMA deviation on four lanes at once: four stretches of one series advance in lockstep (lanes 0, 1 and
// 2, 3 in two f64x2 vectors), which breaks the recurrence's latency chain; lanes 1–3 start from a guessed
// state, warm up until it is forgotten, and are checked bit for bit against the true state (or redone).
import {
  alphaParam, betaParam, devOf, minCountParam, RSQRT_HI, RSQRT_LO, scalarRun, setState, stateCount, stateMean,
  stateVariance, thresholdParam,
} from './ewma-point';

/** Lane states: means, variances, counts (4 f64 each), and their copy when lanes 1–3 reach their ranges. */
const LANE_M: usize = memory.data(32, 16);
const LANE_S: usize = memory.data(32, 16);
const LANE_C: usize = memory.data(32, 16);
const SNAP_M: usize = memory.data(32, 16);
const SNAP_S: usize = memory.data(32, 16);
const SNAP_C: usize = memory.data(32, 16);
/** Vector constants, stored per call and loaded per block (V8 re-creates v128 constants at every use). */
const CONSTS: usize = memory.data(160, 16);
const C_HALF: usize = 0;
const C_ONE_HALF: usize = 16;
const C_ONE_F32: usize = 32;
const C_ONE_I8: usize = 48;
const C_ABS: usize = 64;
const C_ALPHA: usize = 80;
const C_BETA: usize = 96;
const C_THRESHOLD: usize = 112;
const C_HI: usize = 128;

/** Steps per block: a block runs vectorised when its lanes are warm and its variances in the f32 range. */
const BLOCK: i32 = 32;

// Per call: the lowest starting variance and highest ending one for which every variance inside a
// block lies in [RSQRT_LO, RSQRT_HI] (S shrinks by at most the factor β per point).
let blockLo: f64 = 0;
let blockHi: f64 = 0;

function setConstants(): void {
  const beta = betaParam();
  const decay = Math.pow(beta, <f64>BLOCK);
  blockLo = decay > 0 ? (RSQRT_LO / decay) * 2 : Infinity;
  blockHi = RSQRT_HI * decay * 0.5;
  v128.store(CONSTS + C_HALF, f64x2.splat(0.5));
  v128.store(CONSTS + C_ONE_HALF, f64x2.splat(1.5));
  v128.store(CONSTS + C_ONE_F32, f32x4.splat(1));
  v128.store(CONSTS + C_ONE_I8, i8x16.splat(1));
  v128.store(CONSTS + C_ABS, i64x2.splat(0x7fffffffffffffff));
  v128.store(CONSTS + C_ALPHA, f64x2.splat(alphaParam()));
  v128.store(CONSTS + C_BETA, f64x2.splat(beta));
  v128.store(CONSTS + C_THRESHOLD, f64x2.splat(thresholdParam()));
  v128.store(CONSTS + C_HI, f64x2.splat(blockHi));
}

/** All-ones when both lanes of x are finite. */
@inline
function bothFinite(x: v128): bool {
  return i64x2.all_true(f64x2.eq(f64x2.sub(x, x), f64x2.splat(0)));
}

/**
 * `steps` steps of the four lanes (lane k at p + k·gap in the input, q + k·gap in dev, f + k·gap/8 in
 * flags) with devOf's operations in f64x2 and one f32x4 reciprocal square root for all four. Assumes
 * every lane warm, finite inputs and variances in range; returns false (lane states untouched, outputs
 * to be rewritten) when the block's end state shows otherwise: a non-finite input leaves a non-finite
 * mean, and blockHi bounds every variance of the block.
 */
function fastBlock(p: usize, q: usize, f: usize, gap: usize, steps: i32): bool {
  const half = v128.load(CONSTS + C_HALF);
  const oneHalf = v128.load(CONSTS + C_ONE_HALF);
  const one = v128.load(CONSTS + C_ONE_F32);
  const absMask = v128.load(CONSTS + C_ABS);
  const a = v128.load(CONSTS + C_ALPHA);
  const b = v128.load(CONSTS + C_BETA);
  const thr = v128.load(CONSTS + C_THRESHOLD);
  let mA = v128.load(LANE_M);
  let mB = v128.load(LANE_M + 16);
  let sA = v128.load(LANE_S);
  let sB = v128.load(LANE_S + 16);
  const end = p + (<usize>steps << 3);
  const p0 = p;
  while (p < end) {
    // Two steps: lane k's points j, j + 1 in one load, transposed to (lane 0, lane 1) and (lane 2, lane 3).
    const x0 = v128.load(p);
    const x1 = v128.load(p + gap);
    const x2 = v128.load(p + 2 * gap);
    const x3 = v128.load(p + 3 * gap);
    let dA = f64x2.sub(v128.shuffle<f64>(x0, x1, 0, 2), mA);
    let dB = f64x2.sub(v128.shuffle<f64>(x2, x3, 0, 2), mB);
    let y = f32x4.div(one, f32x4.sqrt(v128.shuffle<i32>(f32x4.demote_f64x2_zero(sA), f32x4.demote_f64x2_zero(sB), 0, 1, 4, 5)));
    let yA = f64x2.promote_low_f32x4(y);
    let yB = f64x2.promote_low_f32x4(v128.shuffle<i32>(y, y, 2, 3, 2, 3));
    const zA0 = f64x2.mul(dA, f64x2.mul(yA, f64x2.sub(oneHalf, f64x2.mul(f64x2.mul(half, sA), f64x2.mul(yA, yA)))));
    const zB0 = f64x2.mul(dB, f64x2.mul(yB, f64x2.sub(oneHalf, f64x2.mul(f64x2.mul(half, sB), f64x2.mul(yB, yB)))));
    let adA = f64x2.mul(a, dA);
    let adB = f64x2.mul(a, dB);
    mA = f64x2.add(mA, adA);
    mB = f64x2.add(mB, adB);
    sA = f64x2.mul(b, f64x2.add(sA, f64x2.mul(adA, dA)));
    sB = f64x2.mul(b, f64x2.add(sB, f64x2.mul(adB, dB)));
    dA = f64x2.sub(v128.shuffle<f64>(x0, x1, 1, 3), mA);
    dB = f64x2.sub(v128.shuffle<f64>(x2, x3, 1, 3), mB);
    y = f32x4.div(one, f32x4.sqrt(v128.shuffle<i32>(f32x4.demote_f64x2_zero(sA), f32x4.demote_f64x2_zero(sB), 0, 1, 4, 5)));
    yA = f64x2.promote_low_f32x4(y);
    yB = f64x2.promote_low_f32x4(v128.shuffle<i32>(y, y, 2, 3, 2, 3));
    const zA1 = f64x2.mul(dA, f64x2.mul(yA, f64x2.sub(oneHalf, f64x2.mul(f64x2.mul(half, sA), f64x2.mul(yA, yA)))));
    const zB1 = f64x2.mul(dB, f64x2.mul(yB, f64x2.sub(oneHalf, f64x2.mul(f64x2.mul(half, sB), f64x2.mul(yB, yB)))));
    adA = f64x2.mul(a, dA);
    adB = f64x2.mul(a, dB);
    mA = f64x2.add(mA, adA);
    mB = f64x2.add(mB, adB);
    sA = f64x2.mul(b, f64x2.add(sA, f64x2.mul(adA, dA)));
    sB = f64x2.mul(b, f64x2.add(sB, f64x2.mul(adB, dB)));
    const o = q - p0;
    v128.store(p + o, v128.shuffle<f64>(zA0, zA1, 0, 2));
    v128.store(p + o + gap, v128.shuffle<f64>(zA0, zA1, 1, 3));
    v128.store(p + o + 2 * gap, v128.shuffle<f64>(zB0, zB1, 0, 2));
    v128.store(p + o + 3 * gap, v128.shuffle<f64>(zB0, zB1, 1, 3));
    p += 16;
  }
  const hi = v128.load(CONSTS + C_HI);
  if (!(bothFinite(mA) && bothFinite(mB) && i64x2.all_true(v128.and(f64x2.le(sA, hi), f64x2.le(sB, hi))))) return false;
  for (let k: usize = 0; k < 4; k++) flagsOf(q + k * gap, f + k * (gap >> 3), steps, absMask, thr);
  v128.store(LANE_M, mA);
  v128.store(LANE_M + 16, mB);
  v128.store(LANE_S, sA);
  v128.store(LANE_S + 16, sB);
  v128.store(LANE_C, f64x2.add(v128.load(LANE_C), f64x2.splat(<f64>steps)));
  v128.store(LANE_C + 16, f64x2.add(v128.load(LANE_C + 16), f64x2.splat(<f64>steps)));
  return true;
}

/**
 * flags[j] = |dev[j]| > threshold for j < n (n a multiple of 16): sixteen compares narrowed to bytes
 * (the i64 masks pack to i16, then i8, twice; all single instructions).
 */
@inline
function flagsOf(dev: usize, flags: usize, n: i32, absMask: v128, thr: v128): void {
  const one = v128.load(CONSTS + C_ONE_I8);
  for (let j: usize = 0; j < <usize>n; j += 16) {
    const at = dev + (j << 3);
    const g0 = f64x2.gt(v128.and(v128.load(at), absMask), thr);
    const g1 = f64x2.gt(v128.and(v128.load(at, 16), absMask), thr);
    const g2 = f64x2.gt(v128.and(v128.load(at, 32), absMask), thr);
    const g3 = f64x2.gt(v128.and(v128.load(at, 48), absMask), thr);
    const g4 = f64x2.gt(v128.and(v128.load(at, 64), absMask), thr);
    const g5 = f64x2.gt(v128.and(v128.load(at, 80), absMask), thr);
    const g6 = f64x2.gt(v128.and(v128.load(at, 96), absMask), thr);
    const g7 = f64x2.gt(v128.and(v128.load(at, 112), absMask), thr);
    const lo = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(g0, g1), i16x8.narrow_i32x4_s(g2, g3));
    const hi = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(g4, g5), i16x8.narrow_i32x4_s(g6, g7));
    v128.store(flags + j, v128.and(i8x16.narrow_i16x8_s(lo, hi), one));
  }
}

/** True when every lane is warm and starts with a variance that keeps the whole block in range. */
function blockCanBeFast(): bool {
  const minCount = minCountParam();
  for (let k: usize = 0; k < 4; k++) {
    if (!(load<f64>(LANE_C + (k << 3)) >= minCount && load<f64>(LANE_S + (k << 3)) >= blockLo)) return false;
  }
  return true;
}

/** Steps [from, to) of the four lanes (see fastBlock for the pointers), block by block. */
function runSteps(p: usize, q: usize, f: usize, gap: usize, from: i32, to: i32): void {
  for (let j = from; j < to; j += BLOCK) {
    const steps = min(BLOCK, to - j);
    const o = <usize>j;
    if (steps == BLOCK && blockCanBeFast() && fastBlock(p + (o << 3), q + (o << 3), f + o, gap, steps)) continue;
    for (let k: usize = 0; k < 4; k++) {
      setState(load<f64>(LANE_M + (k << 3)), load<f64>(LANE_S + (k << 3)), load<f64>(LANE_C + (k << 3)));
      scalarRun(p + k * gap + (o << 3), steps, q + k * gap + (o << 3), f + k * (gap >> 3) + o, true);
      store<f64>(LANE_M + (k << 3), stateMean());
      store<f64>(LANE_S + (k << 3), stateVariance());
      store<f64>(LANE_C + (k << 3), stateCount());
    }
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
 * Points [start, start + 4·lane − 3·warm) from the state in ewma-point.ts (left there, advanced), with
 * outputs for point i at dev0 + 8i, flag0 + i. Lane k covers lane points from start + k·(lane − warm);
 * lanes 1–3 start fresh (count 0) and their first `warm` points are lane k − 1's last ones, rewritten by
 * it later. When lane k − 1 ends, its true state is compared with lane k's state at that point: equal
 * mean and variance bits (and both warm) mean lane k computed exactly what one pass would; otherwise
 * lane k's own points are recomputed one at a time from the true state.
 */
export function runLanes(vPtr: usize, start: i32, lane: i32, warm: i32, dev0: usize, flag0: usize): void {
  setConstants();
  const own = lane - warm;
  const gap = <usize>own << 3;
  for (let k: usize = 0; k < 4; k++) {
    store<f64>(LANE_M + (k << 3), k == 0 ? stateMean() : 0);
    store<f64>(LANE_S + (k << 3), k == 0 ? stateVariance() : 0);
    store<f64>(LANE_C + (k << 3), k == 0 ? stateCount() : 0);
  }
  const s = <usize>start;
  const p = vPtr + (s << 3);
  const q = dev0 + (s << 3);
  const f = flag0 + s;
  runSteps(p, q, f, gap, 0, warm);
  memory.copy(SNAP_M, LANE_M, 32);
  memory.copy(SNAP_S, LANE_S, 32);
  memory.copy(SNAP_C, LANE_C, 32);
  runSteps(p, q, f, gap, warm, lane);
  setState(load<f64>(LANE_M), load<f64>(LANE_S), load<f64>(LANE_C));
  for (let k: usize = 1; k < 4; k++) {
    if (laneMatches(k)) {
      const c = stateCount() + (load<f64>(LANE_C + (k << 3)) - load<f64>(SNAP_C + (k << 3)));
      setState(load<f64>(LANE_M + (k << 3)), load<f64>(LANE_S + (k << 3)), c);
    } else {
      const from = s + k * <usize>own + <usize>warm;
      scalarRun(vPtr + (from << 3), own, dev0 + (from << 3), flag0 + from, true);
    }
  }
}
