// A pair's departure from its own correlation baseline, per bin, in σ: rolling Pearson r, its Fisher z
// (r capped at ±0.9999), an EWMA baseline of z lagged one window and an EWMA σ of ordinary departures.
// Hand-written: the Fisher z pass runs two bins per step (f64x2 log, fdlibm's reduction and polynomial);
// the baseline (pair-baseline.ts) is a recurrence whose state (in the caller's memory) carries over
// consecutive calls, so a dataset's columns are copied in once per stretch for all of its pairs; two
// pairs at a time run their baselines in the two lanes of f64x2.
import { LG1, LG2, LG3, LG4, LG5, LG6, LG7, LN2_HI, LN2_LO } from './fdlibm';
import { baselineOne, baselineTwo } from './pair-baseline';
import { rollingPearson } from './pearson';

/**
 * fisherZ's constants, each in both lanes, loaded into locals before its loop (V8 rebuilds a v128
 * literal at every use: three instructions per constant per step).
 */
const FZ: usize = memory.data<f64>([
  -0.9999, -0.9999, 0.9999, 0.9999, 1, 1, 0.5, 0.5,
  LG1, LG1, LG2, LG2, LG3, LG3, LG4, LG4, LG5, LG5, LG6, LG6, LG7, LG7,
  LN2_HI, LN2_HI, LN2_LO, LN2_LO,
], 16);
/** Integer constants of log's argument reduction, each in both lanes. */
const FZ_BITS: usize = memory.data<i64>([
  0x0009_5f62_0000_0000, 0x0009_5f62_0000_0000, 0x3ff, 0x3ff,
  0x000f_ffff_ffff_ffff, 0x000f_ffff_ffff_ffff, 0x3fe6_a09e_0000_0000, 0x3fe6_a09e_0000_0000,
], 16);

/**
 * z[k] = 0.5 · log((1 + c) / (1 - c)), c = r[k] capped at ±0.9999, for k in [from, to); NaN stays NaN.
 * Two bins per step; the log is fdlibm's (reduction to 2^k · m with m in [sqrt(2)/2, sqrt(2)), then its
 * polynomial), within 1 ulp like Math.log, on the ratio, which lies in [5e-5, 2e4] (normal, positive).
 */
function fisherZ(rPtr: usize, from: i32, to: i32, zPtr: usize): void {
  const lo = v128.load(FZ);
  const hi = v128.load(FZ, 16);
  const one = v128.load(FZ, 32);
  const half = v128.load(FZ, 48);
  const lg1 = v128.load(FZ, 64);
  const lg2 = v128.load(FZ, 80);
  const lg3 = v128.load(FZ, 96);
  const lg4 = v128.load(FZ, 112);
  const lg5 = v128.load(FZ, 128);
  const lg6 = v128.load(FZ, 144);
  const lg7 = v128.load(FZ, 160);
  const ln2Hi = v128.load(FZ, 176);
  const ln2Lo = v128.load(FZ, 192);
  const offset = v128.load(FZ_BITS);
  const bias = v128.load(FZ_BITS, 16);
  const mantissa = v128.load(FZ_BITS, 32);
  const sqrtHalf = v128.load(FZ_BITS, 48);
  // One spare lane at the end is computed into scratch the callers leave room for.
  for (let k = from; k < to; k += 2) {
    const o = <usize>k << 3;
    const c = f64x2.pmax(f64x2.pmin(v128.load(rPtr + o), hi), lo);
    const q = f64x2.div(f64x2.add(one, c), f64x2.sub(one, c));
    // Reduce q = 2^k · m.
    const shifted = i64x2.add(q, offset);
    const e = i64x2.sub(i64x2.shr_u(shifted, 52), bias); // shifted is positive (q is): no sign to extend
    const m = i64x2.add(v128.and(shifted, mantissa), sqrtHalf);
    const dk = f64x2.convert_low_i32x4_s(v128.shuffle<i32>(e, e, 0, 2, 0, 2));
    const f = f64x2.sub(m, one);
    const hfsq = f64x2.mul(f64x2.mul(half, f), f);
    const s = f64x2.div(f, f64x2.add(m, one)); // m + 1 = 2 + f exactly (f = m − 1 is exact)
    const z = f64x2.mul(s, s);
    const w = f64x2.mul(z, z);
    const t1 = f64x2.mul(w, f64x2.add(lg2, f64x2.mul(w, f64x2.add(lg4, f64x2.mul(w, lg6)))));
    const t2 = f64x2.mul(z, f64x2.add(lg1, f64x2.mul(w, f64x2.add(lg3, f64x2.mul(w, f64x2.add(lg5, f64x2.mul(w, lg7)))))));
    const r = f64x2.add(t2, t1);
    let log = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, r)), f64x2.mul(dk, ln2Lo));
    log = f64x2.add(f64x2.sub(log, hfsq), f);
    log = f64x2.add(log, f64x2.mul(dk, ln2Hi));
    // A NaN ratio (r NaN) gives a NaN (all bits set).
    v128.store(zPtr + o, v128.or(f64x2.mul(half, log), f64x2.ne(q, q)));
  }
}

/**
 * Bins [first, len) of one pair, two per step: where the level is at least minZ in magnitude and z is
 * finite, dev = |z - level| / σ raises maxA and maxB, and a dev above threshold becomes an event
 * (bin, dev, r, level). Returns the events written. Level, σ, z and the maxima hold len + 1 values.
 */
function judge(
  first: i32, len: i32, minZ: f64, threshold: f64,
  rPtr: usize, zPtr: usize, levelPtr: usize, sigmaPtr: usize, maxAPtr: usize, maxBPtr: usize, eventPtr: usize,
): i32 {
  const least = f64x2.splat(minZ);
  const over = f64x2.splat(threshold);
  let events = 0;
  for (let i = first; i < len; i += 2) {
    const o = <usize>i << 3;
    const level = v128.load(levelPtr + o);
    const z = v128.load(zPtr + o);
    const judged = v128.and(f64x2.ge(f64x2.abs(level), least), f64x2.eq(z, z));
    const dev = v128.and(f64x2.div(f64x2.abs(f64x2.sub(z, level)), v128.load(sigmaPtr + o)), judged);
    v128.store(maxAPtr + o, f64x2.pmax(v128.load(maxAPtr + o), dev));
    v128.store(maxBPtr + o, f64x2.pmax(v128.load(maxBPtr + o), dev));
    if (!v128.any_true(f64x2.gt(dev, over))) continue;
    for (let k = i; k < min(i + 2, len); k++) {
      const d = k == i ? f64x2.extract_lane(dev, 0) : f64x2.extract_lane(dev, 1);
      if (!(d > threshold)) continue;
      const e = eventPtr + (<usize>events << 5);
      const ko = <usize>k << 3;
      store<f64>(e, <f64>k);
      store<f64>(e, d, 8);
      store<f64>(e, load<f64>(rPtr + ko), 16);
      store<f64>(e, load<f64>(levelPtr + ko), 24);
      events++;
    }
  }
  return events;
}

/**
 * One pair over one stretch of aligned columns x, y: rolling r over `window` (rollingPearson, outputs
 * from index `pearsonFirst` into r), then for bins i in [first, len): fold z[i - window] (when
 * i - window >= pearsonFirst and finite) into the pair's baseline, judge bin i once `warm` values are
 * folded and |baseline| >= minZ, and for a finite z[i] take dev = |z[i] - baseline| / σ,
 * σ = max(floor, sqrt(pi / 2) · spread): maxA[i] and maxB[i] are raised to dev, and a dev above
 * threshold is appended to events as (i, dev, r[i], baseline z). Departures move the level clipped at
 * 2 σ and the spread only while within threshold σ (or during the warm-up). The baseline state
 * (level, spread, weight, folded: 4 f64) is read from and written back to statePtr (zeros start a new
 * one). The per-bin level and σ go through the level and sigma buffers; these, r, z and the maxima hold
 * len + 1 values and are indexed like x. Returns the events written.
 */
export function pairDeviation(
  xPtr: usize, yPtr: usize, len: i32, pearsonFirst: i32, first: i32, window: i32,
  alpha: f64, floor: f64, threshold: f64, minZ: f64, warm: i32, statePtr: usize,
  rPtr: usize, zPtr: usize, levelPtr: usize, sigmaPtr: usize, maxAPtr: usize, maxBPtr: usize, eventPtr: usize,
): i32 {
  if (len <= first) return 0;
  rollingPearson(xPtr, yPtr, len, pearsonFirst, window, rPtr + (<usize>pearsonFirst << 3));
  fisherZ(rPtr, pearsonFirst, len, zPtr);
  baselineOne(first, len, pearsonFirst, window, alpha, floor, threshold, warm, statePtr, zPtr, levelPtr, sigmaPtr);
  return judge(first, len, minZ, threshold, rPtr, zPtr, levelPtr, sigmaPtr, maxAPtr, maxBPtr, eventPtr);
}

/** Events of the first pair in the last pairDeviationTwo call. */
let firstEvents = 0;
export function pairDeviationTwoFirstEvents(): i32 {
  return firstEvents;
}

/**
 * pairDeviation for two pairs at once: pair k (k = 0, 1) of columns xk, yk, its state at
 * statePtr + 32·k, its r, z, level and σ at work + (4k + 0, 1, 2, 3) · span, its maxima at maxAk / maxBk.
 * The events of pair 0, then those of pair 1, go to eventPtr; returns their total (pair 0's count:
 * pairDeviationTwoFirstEvents). Each pair's results are those pairDeviation gives it, bit for bit.
 */
export function pairDeviationTwo(
  x0: usize, y0: usize, x1: usize, y1: usize, len: i32, pearsonFirst: i32, first: i32, window: i32,
  alpha: f64, floor: f64, threshold: f64, minZ: f64, warm: i32, statePtr: usize, work: usize, span: usize,
  maxA0: usize, maxB0: usize, maxA1: usize, maxB1: usize, eventPtr: usize,
): i32 {
  firstEvents = 0;
  if (len <= first) return 0;
  const r0 = work;
  const z0 = work + span;
  const level0 = work + 2 * span;
  const sigma0 = work + 3 * span;
  const r1 = work + 4 * span;
  const z1 = work + 5 * span;
  const level1 = work + 6 * span;
  const sigma1 = work + 7 * span;
  const from = <usize>pearsonFirst << 3;
  rollingPearson(x0, y0, len, pearsonFirst, window, r0 + from);
  rollingPearson(x1, y1, len, pearsonFirst, window, r1 + from);
  fisherZ(r0, pearsonFirst, len, z0);
  fisherZ(r1, pearsonFirst, len, z1);
  baselineTwo(first, len, pearsonFirst, window, alpha, floor, threshold, warm, statePtr, z0, z1, level0, level1, sigma0, sigma1);
  firstEvents = judge(first, len, minZ, threshold, r0, z0, level0, sigma0, maxA0, maxB0, eventPtr);
  return firstEvents + judge(first, len, minZ, threshold, r1, z1, level1, sigma1, maxA1, maxB1, eventPtr + (<usize>firstEvents << 5));
}
