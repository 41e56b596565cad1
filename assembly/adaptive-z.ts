// The adaptive z-score detector's per-point work (src/analysis/detectors/zscore.ts): the rolling mean
// and std of a long and a short window (rollingMeanStdCarry, re-derived exactly at absolute indices that
// are multiples of `period`), the threshold raised by recent volatility, and the score, flag and raw z
// of each point, all in one call; the same arithmetic as the detector's TypeScript loop, bit for bit.
import { rollingMeanStdCarry } from './rolling';

/** Outputs per rollingMeanStdCarry call: the four staged stat arrays (8 × 4 × this bytes) stay in L1/L2. */
export const ADAPTIVE_Z_PIECE: i32 = 2048;

// State layout (f64 slots): long window's carry state [0, 5), short window's [5, 10), finite values in
// the long window before the next point, absolute index of the next point.
const LONG: usize = 0;
const SHORT: usize = 40;
const FINITE: usize = 80;
const POS: usize = 88;

/** Per-point stats of one piece, in static memory (ADAPTIVE_Z_PIECE points each). */
const MEAN: usize = memory.data(ADAPTIVE_Z_PIECE * 8, 16);
const STD: usize = memory.data(ADAPTIVE_Z_PIECE * 8, 16);
const SHORT_MEAN: usize = memory.data(ADAPTIVE_Z_PIECE * 8, 16);
const SHORT_STD: usize = memory.data(ADAPTIVE_Z_PIECE * 8, 16);
/** Finite values in each point's long window (f64, to compare in f64x2 against warmUp). */
const COUNT: usize = memory.data(ADAPTIVE_Z_PIECE * 8, 16);

function clearCarry(p: usize): void {
  for (let k: usize = 0; k < 5; k++) store<f64>(p + (k << 3), 0);
}

/**
 * Scores the n points at xPtr from the staged stats (MEAN, STD, SHORT_STD, COUNT from index 0), two at a
 * time in f64x2: every operation of the scalar rule (adaptiveZScore's comment) on both lanes, its
 * branches as selects, so each lane gets the bits the scalar rule gives (an odd last point runs as a
 * pair with a copy of itself and stores one lane).
 */
function scorePiece(xPtr: usize, n: i32, threshold: f64, adaptLimit: f64, warmUp: f64, rawPtr: usize, scorePtr: usize, flagPtr: usize): void {
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const half = f64x2.splat(0.5);
  const inf = f64x2.splat(Infinity);
  const nan = f64x2.splat(NaN);
  const thr0 = f64x2.splat(threshold);
  const limit = f64x2.splat(adaptLimit);
  const warm = f64x2.splat(warmUp);
  for (let j = 0; j < n; j += 2) {
    const last = j + 1 == n; // an odd last point: both lanes hold it
    const o = <usize>j << 3;
    const x = last ? f64x2.splat(load<f64>(xPtr + o)) : v128.load(xPtr + o);
    const mean = last ? f64x2.splat(load<f64>(MEAN + o)) : v128.load(MEAN + o);
    const sd = last ? f64x2.splat(load<f64>(STD + o)) : v128.load(STD + o);
    const recent = last ? f64x2.splat(load<f64>(SHORT_STD + o)) : v128.load(SHORT_STD + o);
    const count = last ? f64x2.splat(load<f64>(COUNT + o)) : v128.load(COUNT + o);
    const judged = v128.and(f64x2.ge(count, warm), v128.and(f64x2.eq(x, x), f64x2.eq(mean, mean)));
    const adapt = v128.and(f64x2.gt(sd, zero), f64x2.eq(recent, recent));
    const factor = f64x2.min(limit, f64x2.max(one, f64x2.sqrt(f64x2.div(recent, sd))));
    const thr = v128.bitselect(f64x2.mul(thr0, factor), thr0, adapt);
    const dx = f64x2.sub(x, mean);
    // σ is +0 or more (the sqrt of a max with 0), so dx / σ is dx / 0 where σ = 0; 0 / 0 is 0 here.
    const z = v128.bitselect(zero, f64x2.div(dx, sd), v128.and(f64x2.eq(sd, zero), f64x2.eq(dx, zero)));
    const raw = v128.bitselect(z, x, f64x2.eq(f64x2.sub(x, x), zero));
    const dev = f64x2.abs(raw);
    let score = v128.bitselect(one, f64x2.div(dev, f64x2.add(dev, thr)), f64x2.eq(dev, inf));
    score = v128.bitselect(score, zero, v128.and(f64x2.gt(dev, zero), judged));
    const flag = f64x2.gt(score, half);
    const r = v128.bitselect(raw, nan, judged);
    if (last) {
      store<f64>(rawPtr + o, f64x2.extract_lane(r, 0));
      store<f64>(scorePtr + o, f64x2.extract_lane(score, 0));
      store<u8>(flagPtr + j, <u8>(i64x2.extract_lane(flag, 0) & 1));
    } else {
      v128.store(rawPtr + o, r);
      v128.store(scorePtr + o, score);
      store<u16>(flagPtr + j, <u16>((i64x2.extract_lane(flag, 0) & 1) | ((i64x2.extract_lane(flag, 1) & 1) << 8)));
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
  let finite = <i32>load<f64>(statePtr + FINITE);
  const base = load<f64>(statePtr + POS) - <f64>first; // absolute index of v[0]
  // Index from which a point's window has a value to drop (the absolute index i − window ≥ 0).
  const dropFrom = <i32>max<f64>(<f64>first, min<f64>(<f64>len, <f64>window - base));
  let a = first;
  while (a < len) {
    const at = base + <f64>a;
    const phase = at - Math.floor(at / period) * period;
    if (phase == 0) {
      clearCarry(statePtr + LONG);
      clearCarry(statePtr + SHORT);
    }
    const b = <i32>min<f64>(<f64>len, <f64>a + min<f64>(period - phase, <f64>ADAPTIVE_Z_PIECE));
    rollingMeanStdCarry(vPtr, b, a, window, statePtr + LONG, MEAN, STD);
    rollingMeanStdCarry(vPtr, b, a, shortWindow, statePtr + SHORT, SHORT_MEAN, SHORT_STD);
    // The long window's finite values before each point, one pass (the running count decides the warm-up).
    for (let i = a; i < b; i++) {
      store<f64>(COUNT + (<usize>(i - a) << 3), <f64>finite);
      const x = load<f64>(vPtr + (<usize>i << 3));
      finite += i32(x - x == 0);
      if (i >= dropFrom) {
        const y = load<f64>(vPtr + (<usize>(i - window) << 3));
        finite -= i32(y - y == 0);
      }
    }
    scorePiece(vPtr + (<usize>a << 3), b - a, threshold, adaptLimit, <f64>warmUp, rawPtr + (<usize>(a - first) << 3), scorePtr + (<usize>(a - first) << 3), flagPtr + <usize>(a - first));
    a = b;
  }
  store<f64>(statePtr + FINITE, <f64>finite);
  store<f64>(statePtr + POS, base + <f64>len);
}
