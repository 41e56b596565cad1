// Seasonal baseline and residual scores: per phase bin, the median of the bin's means over the last
// cycles (no look-ahead) and a robust residual scale; hand-written, f64x2 over points sharing a bin.

// State layout (f64 slots; mirrored in src/kernels/seasonal-state.ts): a 4-slot header, six per-bin
// arrays, then two rings of `cycles` rows of `bins` (bin means and mean |residual| per past cycle).
const H_CYCLE = 0; // index of the open cycle, NaN before the first point
const H_STORED = 1; // past cycles in the rings (<= cycles)
const H_HEAD = 2; // ring row the next closed cycle goes to
const HEADER: i32 = 4;
const A_SUM = 0; // open cycle: sum of finite values in the bin
const A_COUNT = 1; // open cycle: finite values in the bin
const A_ABS = 2; // open cycle: sum of |value - level| where both are finite
const A_ABSN = 3; // open cycle: how many such residuals
const A_LEVEL = 4; // baseline level of the bin (median of past cycle means), NaN if none
const A_SCALE = 5; // residual scale of the bin (σ of its and its neighbours' past residuals: binScale), NaN if none
const ARRAYS: i32 = 6;

/**
 * Median |residual| → σ for Gaussian residuals (1 / Φ⁻¹(3/4)). A bin's ring value is the mean |residual|
 * of its points in one cycle, and a detected period gets at most one bin per sampling step, so that is
 * one |residual| per bin and cycle: their median is 0.674σ. (sqrt(π/2), right for means of many, made
 * every scale 15 % short.) Bins holding several points per cycle get a scale up to 18 % wide.
 */
const MAD_TO_SIGMA: f64 = 1.482602218505602;
/** Mean |residual| → σ (sqrt(π/2)): the scale when more than half the pooled residuals are 0, as the mad detector does. */
const MEAN_AD_TO_SIGMA: f64 = 1.2533141373155;
const MAX_CYCLES: i32 = 64;
/**
 * Phase bins on each side of a bin whose past residuals also give its scale: one |residual| per cycle
 * and bin is too few (the median of four is often a fraction of σ, and every such bin then flags
 * ordinary noise), and the noise level changes slowly with the phase.
 */
const SCALE_REACH: i32 = 2;
const MEDIAN_BUF: usize = memory.data(MAX_CYCLES * (2 * SCALE_REACH + 1) * 8, 16);

let state: usize = 0;
let nBins: i32 = 0;
let nCycles: i32 = 0;

@inline
function slot(index: i32): usize {
  return state + (<usize>index << 3);
}

@inline
function binSlot(array: i32, b: i32): usize {
  return slot(HEADER + array * nBins + b);
}

@inline
function ringSlot(ring: i32, row: i32, b: i32): usize {
  return slot(HEADER + ARRAYS * nBins + (ring * nCycles + row) * nBins + b);
}

/**
 * Sorts the finite values of ring `ring` over the first `stored` rows at bins b − reach … b + reach
 * (around the cycle; reach below bins / 2) into MEDIAN_BUF, ascending; returns how many there are.
 */
function gather(ring: i32, b: i32, stored: i32, reach: i32): i32 {
  let m = 0;
  for (let j = b - reach; j <= b + reach; j++) {
    const bin = j < 0 ? j + nBins : j >= nBins ? j - nBins : j;
    for (let row = 0; row < stored; row++) {
      const x = load<f64>(ringSlot(ring, row, bin));
      if (x - x != 0) continue;
      let k = m;
      while (k > 0 && load<f64>(MEDIAN_BUF + (<usize>(k - 1) << 3)) > x) {
        store<f64>(MEDIAN_BUF + (<usize>k << 3), load<f64>(MEDIAN_BUF + (<usize>(k - 1) << 3)));
        k--;
      }
      store<f64>(MEDIAN_BUF + (<usize>k << 3), x);
      m++;
    }
  }
  return m;
}

/** Median of the m ascending values in MEDIAN_BUF; NaN if none. */
function bufferMedian(m: i32): f64 {
  if (m == 0) return NaN;
  const mid = m >> 1;
  const hi = load<f64>(MEDIAN_BUF + (<usize>mid << 3));
  return m & 1 ? hi : (load<f64>(MEDIAN_BUF + (<usize>(mid - 1) << 3)) + hi) / 2;
}

/**
 * σ of bin b's residuals: MAD_TO_SIGMA × the median |residual| over bins b ± reach and the stored
 * cycles, or, when that median is 0 (mostly exact repeats: counts at 0, a flat phase), MEAN_AD_TO_SIGMA
 * × their mean (summed in ascending order), so that one small change is not an infinite deviation.
 */
function binScale(b: i32, stored: i32, reach: i32): f64 {
  const m = gather(1, b, stored, reach);
  const median = bufferMedian(m);
  if (median != 0) return MAD_TO_SIGMA * median;
  let sum: f64 = 0;
  for (let k = 0; k < m; k++) sum += load<f64>(MEDIAN_BUF + (<usize>k << 3));
  return MEAN_AD_TO_SIGMA * (sum / <f64>m);
}

/** Moves the open cycle's bin means into the rings and re-derives every bin's level and scale. */
function closeCycle(): void {
  const row = <i32>load<f64>(slot(H_HEAD));
  for (let b = 0; b < nBins; b++) {
    const count = load<f64>(binSlot(A_COUNT, b));
    const absn = load<f64>(binSlot(A_ABSN, b));
    store<f64>(ringSlot(0, row, b), count > 0 ? load<f64>(binSlot(A_SUM, b)) / count : NaN);
    store<f64>(ringSlot(1, row, b), absn > 0 ? load<f64>(binSlot(A_ABS, b)) / absn : NaN);
    store<f64>(binSlot(A_SUM, b), 0);
    store<f64>(binSlot(A_COUNT, b), 0);
    store<f64>(binSlot(A_ABS, b), 0);
    store<f64>(binSlot(A_ABSN, b), 0);
  }
  store<f64>(slot(H_HEAD), <f64>((row + 1) % nCycles));
  const stored = min(<i32>load<f64>(slot(H_STORED)) + 1, nCycles);
  store<f64>(slot(H_STORED), <f64>stored);
  const reach = min(SCALE_REACH, (nBins - 1) >> 1);
  for (let b = 0; b < nBins; b++) {
    store<f64>(binSlot(A_LEVEL, b), bufferMedian(gather(0, b, stored, 0)));
    store<f64>(binSlot(A_SCALE, b), binScale(b, stored, reach));
  }
}

/**
 * Scores v[0, n) at times t[0, n) (ascending) against the seasonal baseline in `statePtr` (which it
 * advances). A point's global bin is g = floor((t - anchor) · invWidth); its cycle floor(g / bins),
 * its phase bin g - cycle · bins. raw = (v - level) / scale (0 when v == level), NaN while the bin has
 * no level or scale yet or v / t is not finite; score = |raw| / (|raw| + threshold) (1 at ±Infinity,
 * 0 for NaN); flag = |raw| > threshold. Sums are added point by point in order, so any split of the
 * points into calls gives bit-identical results.
 */
export function seasonalScore(
  tPtr: usize, vPtr: usize, n: i32, statePtr: usize, bins: i32, cycles: i32, anchor: f64, invWidth: f64,
  threshold: f64, rawPtr: usize, scorePtr: usize, flagPtr: usize,
): void {
  state = statePtr;
  nBins = bins;
  nCycles = min(cycles, MAX_CYCLES);
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const inf = f64x2.splat(Infinity);
  const thr = f64x2.splat(threshold);
  const anchorV = f64x2.splat(anchor);
  const invW = f64x2.splat(invWidth);
  let g: f64 = NaN;
  let b = 0;
  let level: f64 = NaN;
  let scale: f64 = NaN;
  let sum: f64 = 0;
  let count: f64 = 0;
  let absSum: f64 = 0;
  let absN: f64 = 0;
  let i = 0;
  while (i < n) {
    const o = <usize>i << 3;
    const t = load<f64>(tPtr + o);
    if (t - t != 0) {
      store<f64>(rawPtr + o, NaN);
      store<f64>(scorePtr + o, 0);
      store<u8>(flagPtr + i, 0);
      i++;
      continue;
    }
    const gi = Math.floor((t - anchor) * invWidth);
    if (gi != g) {
      if (g == g) {
        store<f64>(binSlot(A_SUM, b), sum);
        store<f64>(binSlot(A_COUNT, b), count);
        store<f64>(binSlot(A_ABS, b), absSum);
        store<f64>(binSlot(A_ABSN, b), absN);
      }
      g = gi;
      const c = Math.floor(g / <f64>bins);
      const open = load<f64>(slot(H_CYCLE));
      if (c != open) {
        if (open == open) closeCycle();
        store<f64>(slot(H_CYCLE), c);
      }
      b = min(bins - 1, max(0, <i32>(g - c * <f64>bins)));
      level = load<f64>(binSlot(A_LEVEL, b));
      scale = load<f64>(binSlot(A_SCALE, b));
      sum = load<f64>(binSlot(A_SUM, b));
      count = load<f64>(binSlot(A_COUNT, b));
      absSum = load<f64>(binSlot(A_ABS, b));
      absN = load<f64>(binSlot(A_ABSN, b));
    }
    const judged = level - level == 0 && scale - scale == 0;
    // Two points in the same bin (the common case): raw, score and flag f64x2.
    if (judged && i + 1 < n) {
      const tv = v128.load(tPtr + o);
      const gv = f64x2.floor(f64x2.mul(f64x2.sub(tv, anchorV), invW));
      if (i64x2.all_true(f64x2.eq(gv, f64x2.splat(g)))) {
        const vv = v128.load(vPtr + o);
        const v0 = f64x2.extract_lane(vv, 0);
        const v1 = f64x2.extract_lane(vv, 1);
        if (v0 - v0 == 0) {
          sum += v0;
          count += 1;
          absSum += Math.abs(v0 - level);
          absN += 1;
        }
        if (v1 - v1 == 0) {
          sum += v1;
          count += 1;
          absSum += Math.abs(v1 - level);
          absN += 1;
        }
        const res = f64x2.sub(vv, f64x2.splat(level));
        let raw = v128.bitselect(zero, f64x2.div(res, f64x2.splat(scale)), f64x2.eq(res, zero));
        raw = v128.bitselect(raw, f64x2.splat(NaN), f64x2.eq(f64x2.sub(vv, vv), zero)); // ±Infinity v: NaN
        const d = f64x2.abs(raw);
        let score = v128.bitselect(one, f64x2.div(d, f64x2.add(d, thr)), f64x2.eq(d, inf));
        score = v128.bitselect(score, zero, f64x2.eq(score, score));
        v128.store(rawPtr + o, raw);
        v128.store(scorePtr + o, score);
        const bits = i64x2.bitmask(f64x2.gt(d, thr));
        store<u16>(flagPtr + i, <u16>((bits & 1) | ((bits & 2) << 7)));
        i += 2;
        continue;
      }
    }
    const v = load<f64>(vPtr + o);
    let raw: f64 = NaN;
    if (v - v == 0) {
      sum += v;
      count += 1;
      if (level - level == 0) {
        const res = v - level;
        absSum += Math.abs(res);
        absN += 1;
        if (judged) raw = res == 0 ? 0 : res / scale;
      }
    }
    const d = Math.abs(raw);
    store<f64>(rawPtr + o, raw);
    store<f64>(scorePtr + o, d == Infinity ? 1 : d > 0 ? d / (d + threshold) : 0);
    store<u8>(flagPtr + i, u8(d > threshold));
    i++;
  }
  if (g == g) {
    store<f64>(binSlot(A_SUM, b), sum);
    store<f64>(binSlot(A_COUNT, b), count);
    store<f64>(binSlot(A_ABS, b), absSum);
    store<f64>(binSlot(A_ABSN, b), absN);
  }
}
