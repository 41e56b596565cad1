// The adaptive z-score detector's per-point work (src/analysis/detectors/zscore.ts): the rolling mean
// and std of a long and a short window (window sums staged by rollingStageCarry, re-derived exactly at
// absolute indices that are multiples of `period`), the threshold raised by recent volatility, and the
// raw z, score and flag of each point, all in one call.
import { rollingStageCarry, stateShift } from './rolling';
import { BLOCK, COUNT_BUF, SQ_BUF, SUM_BUF } from './scratch';

// State layout (f64 slots): long window's carry state [0, 5), short window's [5, 10), absolute index of
// the next point.
const LONG: usize = 0;
const SHORT: usize = 40;
const POS: usize = 80;

/** The short window's std for each point of a piece (BLOCK points, the staging's length). */
const SHORT_STD: usize = memory.data(BLOCK * 8, 16);

function clearCarry(p: usize): void {
  for (let k: usize = 0; k < 5; k++) store<f64>(p + (k << 3), 0);
}

/*
 * Both passes below go two points at a time in f64x2, an odd last point in lane 0 (its lane 1 reads the
 * next slot, whatever it holds, and is not stored). Window stats from staged sums: r = 1 / count,
 * divided out again only when the count changes (a full window of finite values keeps it), mean offset
 * m = sum · r, variance max(sumSq · r − m², 0); NaN where the count is below 2. The max with 0 is a
 * compare and select (f64x2.max's NaN and −0 rules cost V8 a dozen instructions): the difference is
 * never −0, as sumSq · r ≥ +0, so the select keeps Math.max's result, NaN included.
 */

/** Constants of the passes, loaded into locals before their loops (V8 would rebuild splats inside them). */
const CONSTS: usize = memory.data(128, 16);
const C_ZERO: usize = 0;
const C_ONE: usize = 16;
const C_TWO: usize = 32;
const C_HALF: usize = 48;
const C_INF: usize = 64;
const C_NAN: usize = 80;
const C_ABS: usize = 96;
const C_NONE: usize = 112;

function setConsts(): void {
  v128.store(CONSTS + C_ZERO, f64x2.splat(0));
  v128.store(CONSTS + C_ONE, f64x2.splat(1));
  v128.store(CONSTS + C_TWO, f64x2.splat(2));
  v128.store(CONSTS + C_HALF, f64x2.splat(0.5));
  v128.store(CONSTS + C_INF, f64x2.splat(Infinity));
  v128.store(CONSTS + C_NAN, f64x2.splat(NaN));
  v128.store(CONSTS + C_ABS, i64x2.splat(0x7fffffffffffffff));
  v128.store(CONSTS + C_NONE, f64x2.splat(-1)); // a count no window has
}

/** 1 / c, or inv when c is the count it was taken of (lastCount). */
@inline
function reciprocal(c: v128, lastCount: v128, inv: v128, one: v128): v128 {
  if (i64x2.all_true(f64x2.eq(c, lastCount))) return inv;
  return f64x2.div(one, c);
}

/**
 * max(sq · inv − m², 0) as Math.max gives it, as a compare and select: +0 for −0 too (a carried sum of
 * squares can end −0, and σ = −0 would turn dx / σ's sign), NaN kept.
 */
@inline
function varianceOf(sq: v128, m: v128, inv: v128, zero: v128): v128 {
  const t = f64x2.sub(f64x2.mul(sq, inv), f64x2.mul(m, m));
  return v128.bitselect(zero, t, f64x2.le(t, zero));
}

/** SHORT_STD[0, n) from the staged sums of the short window. */
function shortStds(n: i32): void {
  const zero = v128.load(CONSTS + C_ZERO);
  const one = v128.load(CONSTS + C_ONE);
  const two = v128.load(CONSTS + C_TWO);
  const nan = v128.load(CONSTS + C_NAN);
  let lastCount = v128.load(CONSTS + C_NONE);
  let inv = zero;
  for (let j = 0; j < n; j += 2) {
    const o = <usize>j << 3;
    const c = v128.load(COUNT_BUF + o);
    inv = reciprocal(c, lastCount, inv, one);
    lastCount = c;
    const m = f64x2.mul(v128.load(SUM_BUF + o), inv);
    const variance = varianceOf(v128.load(SQ_BUF + o), m, inv, zero);
    v128.store(SHORT_STD + o, v128.bitselect(f64x2.sqrt(variance), nan, f64x2.ge(c, two)));
  }
}

/**
 * Scores the n points at xPtr from the long window's staged sums (shifted by k) and SHORT_STD: every
 * operation of the rule (adaptiveZScore's comment) on both lanes, its branches as selects; the clamp of
 * the volatility factor to [1, limit] is two compares and selects, which keep a NaN as Math.min/max do.
 */
function scorePiece(xPtr: usize, n: i32, k: f64, threshold: f64, adaptLimit: f64, warmUp: f64, rawPtr: usize, scorePtr: usize, flagPtr: usize): void {
  const zero = v128.load(CONSTS + C_ZERO);
  const one = v128.load(CONSTS + C_ONE);
  const two = v128.load(CONSTS + C_TWO);
  const half = v128.load(CONSTS + C_HALF);
  const inf = v128.load(CONSTS + C_INF);
  const nan = v128.load(CONSTS + C_NAN);
  const absMask = v128.load(CONSTS + C_ABS);
  const shift = f64x2.splat(k);
  const thr0 = f64x2.splat(threshold);
  const limit = f64x2.splat(adaptLimit);
  const warm = f64x2.splat(warmUp);
  let lastCount = v128.load(CONSTS + C_NONE);
  let inv = zero;
  for (let j = 0; j < n; j += 2) {
    const o = <usize>j << 3;
    const c = v128.load(COUNT_BUF + o);
    inv = reciprocal(c, lastCount, inv, one);
    lastCount = c;
    const m = f64x2.mul(v128.load(SUM_BUF + o), inv);
    const valid = f64x2.ge(c, two);
    const mean = v128.bitselect(f64x2.add(shift, m), nan, valid);
    const sd = v128.bitselect(f64x2.sqrt(varianceOf(v128.load(SQ_BUF + o), m, inv, zero)), nan, valid);
    const x = v128.load(xPtr + o);
    const recent = v128.load(SHORT_STD + o);
    // The long window's finite count is the warm-up count.
    const judged = v128.and(f64x2.ge(c, warm), v128.and(f64x2.eq(x, x), f64x2.eq(mean, mean)));
    const adapt = v128.and(f64x2.gt(sd, zero), f64x2.eq(recent, recent));
    const f = f64x2.sqrt(f64x2.div(recent, sd));
    const atLeastOne = v128.bitselect(one, f, f64x2.lt(f, one));
    const factor = v128.bitselect(limit, atLeastOne, f64x2.gt(atLeastOne, limit));
    const thr = v128.bitselect(f64x2.mul(thr0, factor), thr0, adapt);
    const dx = f64x2.sub(x, mean);
    // σ is +0 or more (the sqrt of a max with 0), so dx / σ is dx / 0 where σ = 0; 0 / 0 is 0 here,
    // and so is x equal to the point before it: a window of one value c can leave its mean k + m a
    // rounding off c (the shift k is another value), and c then read as infinitely far from it.
    const same = v128.or(f64x2.eq(dx, zero), f64x2.eq(x, v128.load(xPtr + o - 8)));
    const z = v128.bitselect(zero, f64x2.div(dx, sd), v128.and(f64x2.eq(sd, zero), same));
    const raw = v128.bitselect(z, x, f64x2.eq(f64x2.sub(x, x), zero));
    const dev = v128.and(raw, absMask);
    let score = v128.bitselect(one, f64x2.div(dev, f64x2.add(dev, thr)), f64x2.eq(dev, inf));
    score = v128.bitselect(score, zero, v128.and(f64x2.gt(dev, zero), judged));
    const flag = f64x2.gt(score, half);
    const r = v128.bitselect(raw, nan, judged);
    if (j + 1 < n) {
      v128.store(rawPtr + o, r);
      v128.store(scorePtr + o, score);
      store<u16>(flagPtr + j, <u16>((i64x2.extract_lane(flag, 0) & 1) | ((i64x2.extract_lane(flag, 1) & 1) << 8)));
    } else {
      store<f64>(rawPtr + o, f64x2.extract_lane(r, 0));
      store<f64>(scorePtr + o, f64x2.extract_lane(score, 0));
      store<u8>(flagPtr + j, <u8>(i64x2.extract_lane(flag, 0) & 1));
    }
  }
}

/**
 * Outputs i in [first, len) of v (raw z, score in [0, 1], flag) at rawPtr/scorePtr/flagPtr + (i − first),
 * continuing the state at statePtr (layout above; v holds min(window + 1, points so far) points before
 * `first`). A point is judged once `warmUp` finite values are in its window: its threshold is
 * threshold × clamp(sqrt(σ_short / σ_long), 1, adaptLimit) when σ_long > 0 and σ_short is defined, its
 * score |z| / (|z| + threshold) (0 for NaN and until judged; 1 for ±Infinity, whose raw is the value).
 */
export function adaptiveZScore(
  vPtr: usize, len: i32, first: i32, window: i32, shortWindow: i32, threshold: f64, adaptLimit: f64, period: f64, warmUp: i32,
  statePtr: usize, rawPtr: usize, scorePtr: usize, flagPtr: usize,
): void {
  const base = load<f64>(statePtr + POS) - <f64>first; // absolute index of v[0]
  setConsts();
  let a = first;
  while (a < len) {
    const at = base + <f64>a;
    const phase = at - Math.floor(at / period) * period;
    if (phase == 0) {
      clearCarry(statePtr + LONG);
      clearCarry(statePtr + SHORT);
    }
    const b = <i32>min<f64>(<f64>len, <f64>a + min<f64>(period - phase, <f64>BLOCK));
    rollingStageCarry(vPtr, b, a, shortWindow, statePtr + SHORT);
    shortStds(b - a);
    rollingStageCarry(vPtr, b, a, window, statePtr + LONG);
    const o = <usize>(a - first);
    scorePiece(vPtr + (<usize>a << 3), b - a, stateShift(), threshold, adaptLimit, <f64>warmUp, rawPtr + (o << 3), scorePtr + (o << 3), flagPtr + o);
    a = b;
  }
  store<f64>(statePtr + POS, base + <f64>len);
}
