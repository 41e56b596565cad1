// A pair's departure from its own correlation baseline, per bin, in σ: rolling Pearson r, its Fisher z
// (r capped at ±0.9999), an EWMA baseline of z lagged one window and an EWMA σ of ordinary departures.
// Hand-written: the Fisher z pass runs two bins per step (f64x2 log, fdlibm's reduction and polynomial);
// the baseline is one scalar recurrence whose state (in the caller's memory) carries over consecutive
// calls, so a dataset's columns are copied in once per stretch for all of its pairs.
import { LG1, LG2, LG3, LG4, LG5, LG6, LG7, LN2_HI, LN2_LO } from './fdlibm';
import { rollingPearson } from './pearson';

/** Mean |deviation| → σ for Gaussian deviations (sqrt(pi / 2)). */
const MEAN_ABS_TO_SIGMA: f64 = 1.2533141373155001;
/** Departures are clipped at this many σ before they update the baseline. */
const CLIP: f64 = 2;

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
    const e = i64x2.sub(i64x2.shr_s(shifted, 52), bias);
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
 * σ of a spread: max(floor, sqrt(pi / 2) · spread) for the finite, non-negative spreads the baseline
 * keeps, as one compare (f64.max's NaN and −0 rules cost V8 a chain of branches per use).
 */
@inline
function sigmaOf(spread: f64, floor: f64): f64 {
  const sigma = MEAN_ABS_TO_SIGMA * spread;
  return sigma > floor ? sigma : floor;
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
  let m = load<f64>(statePtr);
  let q = load<f64>(statePtr, 8);
  let w = load<f64>(statePtr, 16);
  let n = <i32>load<f64>(statePtr, 24);
  const keep = 1 - alpha;
  // Gain of a new z on the bias-corrected EWMAs (alpha / weight after the fold) and the factor an
  // unchanged spread is scaled by (weight before / after); constant once the weight stops changing.
  let gain = alpha / (keep * w + alpha);
  let stay = 1 - gain;
  let shrink = w / (keep * w + alpha);
  for (let i = first; i < len; i++) {
    const j = i - window;
    if (j >= pearsonFirst) {
      const zj = load<f64>(zPtr + (<usize>j << 3));
      if (zj == zj) {
        const w1 = keep * w + alpha;
        if (w1 != w) {
          gain = alpha / w1;
          stay = 1 - gain;
          shrink = w / w1;
        }
        if (w > 0) {
          const sigma = sigmaOf(q, floor);
          const e = zj - m;
          const ae = abs(e);
          // After the warm-up the spread learns from ordinary variation only.
          if (ae <= threshold * sigma || n < warm) q = stay * q + gain * ae;
          else q *= shrink;
          // A departure moves the level by at most CLIP σ.
          if (ae <= CLIP * sigma) m = stay * m + gain * zj;
          else m += gain * copysign(CLIP * sigma, e);
        } else {
          m = zj;
        }
        w = w1;
        n++;
      }
    }
    // The baseline and σ bin i is judged against (level NaN: not judged yet).
    const o = <usize>i << 3;
    store<f64>(levelPtr + o, n >= warm ? m : NaN);
    store<f64>(sigmaPtr + o, sigmaOf(q, floor));
  }
  const events = judge(first, len, minZ, threshold, rPtr, zPtr, levelPtr, sigmaPtr, maxAPtr, maxBPtr, eventPtr);
  store<f64>(statePtr, m);
  store<f64>(statePtr, q, 8);
  store<f64>(statePtr, w, 16);
  store<f64>(statePtr, <f64>n, 24);
  return events;
}
