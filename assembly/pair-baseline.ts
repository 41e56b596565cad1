// A pair's correlation baseline, bin by bin: the bias-corrected EWMA level of Fisher z lagged one window
// and the EWMA spread of ordinary departures, for one pair (scalar) or two pairs at once (one per f64x2
// lane, the same operations in the same order per lane, so either gives the same bits). The state of a
// pair (level, spread, weight, folded: 4 f64) carries over consecutive calls.

/** Mean |deviation| → σ for Gaussian deviations (sqrt(pi / 2)). */
const MEAN_ABS_TO_SIGMA: f64 = 1.2533141373155001;
/** Departures are clipped at this many σ before they update the baseline. */
const CLIP: f64 = 2;
/** Bytes of one pair's state. */
const PAIR_STATE_BYTES: usize = 32;

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
 * Bins [first, len) of one pair: folds z[i - window] (when i - window >= zFirst and finite) into the
 * baseline at statePtr, then writes the level bin i is judged against (NaN before `warm` folds) and its
 * σ at levelPtr / sigmaPtr (indexed like z). Departures move the level clipped at CLIP σ, and the spread
 * only while within threshold σ (or during the warm-up).
 */
export function baselineOne(
  first: i32, len: i32, zFirst: i32, window: i32, alpha: f64, floor: f64, threshold: f64, warm: i32,
  statePtr: usize, zPtr: usize, levelPtr: usize, sigmaPtr: usize,
): void {
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
    if (j >= zFirst) {
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
    const o = <usize>i << 3;
    store<f64>(levelPtr + o, n >= warm ? m : NaN);
    store<f64>(sigmaPtr + o, sigmaOf(q, floor));
  }
  store<f64>(statePtr, m);
  store<f64>(statePtr, q, 8);
  store<f64>(statePtr, w, 16);
  store<f64>(statePtr, <f64>n, 24);
}

/** baselineTwo's constants (10 × f64x2). */
const LANE_CONSTS: usize = memory.data(160, 16);

/** Lane 0 from a, lane 1 from b (f64 at each). */
@inline
function pairOf(a: usize, b: usize): v128 {
  return v128.load64_lane(b, v128.load64_zero(a), 1);
}

/** Stores lane 0 of x at a and lane 1 at b. */
@inline
function storePair(a: usize, b: usize, x: v128): void {
  v128.store64_lane(a, x, 0);
  v128.store64_lane(b, x, 1);
}

/**
 * baselineOne for two pairs at once, pair k in lane k: its state at statePtr + k · PAIR_STATE_BYTES,
 * its z, level and σ at z0 / z1, level0 / level1, sigma0 / sigma1. The common step (both lanes fold an
 * ordinary z near their level) runs without selects; the others (a non-finite z, a first fold, a
 * departure, a weight still changing) select per lane.
 */
export function baselineTwo(
  first: i32, len: i32, zFirst: i32, window: i32, alpha: f64, floor: f64, threshold: f64, warm: i32,
  statePtr: usize, z0: usize, z1: usize, level0: usize, level1: usize, sigma0: usize, sigma1: usize,
): void {
  const s1 = statePtr + PAIR_STATE_BYTES;
  let m = pairOf(statePtr, s1);
  let q = pairOf(statePtr + 8, s1 + 8);
  let w = pairOf(statePtr + 16, s1 + 16);
  let n = pairOf(statePtr + 24, s1 + 24);
  // The loop's constants go through memory: V8 rebuilds a v128 splat at every use inside the loop
  // (and converting `warm` there put a false dependency into the recurrence), not a load.
  v128.store(LANE_CONSTS, f64x2.splat(alpha));
  v128.store(LANE_CONSTS, f64x2.splat(1 - alpha), 16);
  v128.store(LANE_CONSTS, f64x2.splat(1), 32);
  v128.store(LANE_CONSTS, f64x2.splat(floor), 48);
  v128.store(LANE_CONSTS, f64x2.splat(MEAN_ABS_TO_SIGMA), 64);
  v128.store(LANE_CONSTS, f64x2.splat(threshold), 80);
  v128.store(LANE_CONSTS, f64x2.splat(CLIP), 96);
  v128.store(LANE_CONSTS, f64x2.splat(<f64>warm), 112);
  v128.store(LANE_CONSTS, f64x2.splat(NaN), 128);
  v128.store(LANE_CONSTS, i64x2.splat(0x8000000000000000), 144);
  const a = v128.load(LANE_CONSTS);
  const keep = v128.load(LANE_CONSTS, 16);
  const one = v128.load(LANE_CONSTS, 32);
  const lowest = v128.load(LANE_CONSTS, 48);
  const toSigma = v128.load(LANE_CONSTS, 64);
  const over = v128.load(LANE_CONSTS, 80);
  const clip = v128.load(LANE_CONSTS, 96);
  const warmed = v128.load(LANE_CONSTS, 112);
  const nan = v128.load(LANE_CONSTS, 128);
  const sign = v128.load(LANE_CONSTS, 144);
  const zero = f64x2.splat(0);
  let w1 = f64x2.add(f64x2.mul(keep, w), a);
  let gain = f64x2.div(a, w1);
  let stay = f64x2.sub(one, gain);
  let shrink = f64x2.div(w, w1);
  let sigma = f64x2.pmax(lowest, f64x2.mul(toSigma, q));
  for (let i = first; i < len; i++) {
    const j = i - window;
    if (j >= zFirst) {
      const jo = <usize>j << 3;
      const zj = pairOf(z0 + jo, z1 + jo);
      const valid = f64x2.eq(zj, zj);
      if (v128.any_true(valid)) {
        w1 = f64x2.add(f64x2.mul(keep, w), a);
        const changed = v128.and(f64x2.ne(w1, w), valid);
        if (v128.any_true(changed)) {
          const g = f64x2.div(a, w1);
          gain = v128.bitselect(g, gain, changed);
          stay = v128.bitselect(f64x2.sub(one, g), stay, changed);
          shrink = v128.bitselect(f64x2.div(w, w1), shrink, changed);
        }
        const e = f64x2.sub(zj, m);
        const ae = f64x2.abs(e);
        const clipped = f64x2.mul(clip, sigma);
        const ordinary = v128.or(f64x2.le(ae, f64x2.mul(over, sigma)), f64x2.lt(n, warmed));
        const near = f64x2.le(ae, clipped);
        const learned = f64x2.add(f64x2.mul(stay, q), f64x2.mul(gain, ae));
        const toward = f64x2.add(f64x2.mul(stay, m), f64x2.mul(gain, zj));
        const started = f64x2.gt(w, zero);
        // The common case (both lanes fold an ordinary, near z into a started baseline) takes a branch
        // on the masks instead of selecting by them, which kept the compares inside the recurrence's
        // latency chain.
        if (i64x2.all_true(v128.and(v128.and(ordinary, near), v128.and(started, valid)))) {
          m = toward;
          q = learned;
          w = w1;
          n = f64x2.add(n, one);
        } else {
          let qNew = v128.bitselect(learned, f64x2.mul(q, shrink), ordinary);
          const capped = f64x2.add(m, f64x2.mul(gain, v128.or(v128.and(e, sign), clipped)));
          let mNew = v128.bitselect(toward, capped, near);
          // A lane's first fold sets the level to z and leaves the spread.
          mNew = v128.bitselect(mNew, zj, started);
          qNew = v128.bitselect(qNew, q, started);
          m = v128.bitselect(mNew, m, valid);
          q = v128.bitselect(qNew, q, valid);
          w = v128.bitselect(w1, w, valid);
          n = f64x2.add(n, v128.and(one, valid));
        }
        sigma = f64x2.pmax(lowest, f64x2.mul(toSigma, q));
      }
    }
    const o = <usize>i << 3;
    storePair(level0 + o, level1 + o, v128.bitselect(m, nan, f64x2.ge(n, warmed)));
    storePair(sigma0 + o, sigma1 + o, sigma);
  }
  storePair(statePtr, s1, m);
  storePair(statePtr + 8, s1 + 8, q);
  storePair(statePtr + 16, s1 + 16, w);
  storePair(statePtr + 24, s1 + 24, n);
}
