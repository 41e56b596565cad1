// Anomaly-likelihood detector (after HTM), per point, over a state in the caller's memory: the surprise
// of level / day / week forecasts, its recent mean against the long-run Gaussian, range rules, rest.
// Hand-written port of test/reference/likelihood.ts, operation for operation (bit-identical results).
import { fdlibmLog } from './fdlibm';
import {
  C_ALPHA, C_AVERAGING, C_ERROR_CAP, C_HISTORY, C_LEARNING, C_NOVELTY, C_REST, C_SCALE_ALPHA, C_SEASONAL,
  F_DAY, F_LEVEL, F_WEEK, get, K_KEYS, K_LAG_DAY, K_LAG_WEEK, L_MEAN, L_PAST_COUNT, L_PAST_NEXT,
  L_RECENT_COUNT, L_RECENT_NEXT, L_RECENT_SUM, L_SEEN, L_STD, M_LAST_ALARM, M_READY, M_SEEN, N_KEYS, N_LAG_DAY,
  N_LAG_WEEK, put, R_LEVEL, R_OFFSET_DAY, R_OFFSET_WEEK, R_VALUE, sectionsOf, S_KEYS, S_LAG_DAY, S_LAG_WEEK,
  S_PAST, S_RECENT, setState, state, X_KEYS, X_MAX, X_MIN, X_STEP,
} from './likelihood-layout';
import { addKey, keysNeeded, noveltyNext } from './likelihood-novelty';
import { normalTail } from './normal-tail';
import { pairwiseSquares, pairwiseSum } from './pairwise-sum';

/** HTM's bounds on the fitted distribution of averaged surprises. */
const MIN_MEAN: f64 = 0.03;
const MIN_VARIANCE: f64 = 0.0003;
/** Refit the distribution every this many points. */
const REFIT_EVERY: i64 = 100;
/** A value further than this fraction of the range seen outside it is novel. */
const SPATIAL_TOLERANCE: f64 = 0.05;
const DAY_MS: f64 = 86_400_000;
const WEEK_MS: f64 = 7 * DAY_MS;
/** The lag history is compacted once the lagged point is this far in (and past its middle). */
const COMPACT_AFTER: i32 = 4096;

// Configuration of the current call.
let learning: f64 = 0;
let alpha: f64 = 0;
let scaleAlpha: f64 = 0;
let errorCap: f64 = 0;
let seasonal: bool = false;
let rest: f64 = 0;
let novelty: f64 = 0;
let averaging: i32 = 0;
let history: i32 = 0;
let lnTiny: f64 = 0;

@inline
function sectionPtr(slot: i32): usize {
  return state + (<usize>slot << 3);
}

/** Whether x is beyond the range [min, max] at slot r (judged before x widens it) by 5% of its width. */
function outside(r: i32, x: f64, warmUp: f64): bool {
  if (x != x) return false;
  const lo = get(r);
  const hi = get(r + 1);
  const margin = SPATIAL_TOLERANCE * (hi - lo);
  const seen = get(r + 2) + 1;
  put(r + 2, seen);
  const out = seen > warmUp && hi > lo && (x > hi + margin || x < lo - margin);
  if (x > hi) put(r + 1, x);
  if (x < lo) put(r, x);
  return out;
}

/** Surprise of an absolute error against the typical error at slot e (capped at 1), then learns it. */
function errorSurprise(e: i32, err: f64): f64 {
  const current = get(e);
  const scale = current != current ? err : current;
  const raw: f64 = scale > 0 ? Math.min(1, err / (errorCap * scale)) : err > 0 ? 1 : 0;
  put(e, current != current ? err : current + scaleAlpha * (err - current));
  return raw;
}

/** Surprise of x against the EWMA level at slot f (NaN for the first value), then learns x. */
function levelSurprise(f: i32, x: f64): f64 {
  const level = get(f);
  if (level != level) {
    put(f, x);
    return NaN;
  }
  const s = errorSurprise(f + 1, Math.abs(x - level));
  put(f, level + alpha * (x - level));
  return s;
}

/**
 * Surprise of x against x(t − lag) plus the recent offset (forecaster at slot f, history of (t, v) pairs
 * at section `pairs`); NaN until the history reaches back one lag.
 */
function laggedSurprise(f: i32, pairs: i32, lag: f64, t: f64, x: f64): f64 {
  const base = sectionPtr(pairs);
  let len = <i32>get(f + 2);
  let at = <i32>get(f + 3);
  store<f64>(base + (<usize>len << 4), t);
  store<f64>(base + (<usize>len << 4) + 8, x);
  len++;
  const target = t - lag;
  let s: f64 = NaN;
  if (load<f64>(base) <= target) {
    while (at + 1 < len && load<f64>(base + (<usize>(at + 1) << 4)) <= target) at++;
    if (at > COMPACT_AFTER && 2 * at > len) {
      memory.copy(base, base + (<usize>at << 4), <usize>(len - at) << 4);
      len -= at;
      at = 0;
    }
    s = levelSurprise(f, x - load<f64>(base + (<usize>at << 4) + 8));
  }
  put(f + 2, <f64>len);
  put(f + 3, <f64>at);
  return s;
}

/** The smallest surprise of x over the forecasters that can judge it; 0 when none can yet. */
function surprise(t: f64, x: f64): f64 {
  let s = levelSurprise(F_LEVEL, x);
  if (seasonal) {
    let e = laggedSurprise(F_DAY, S_LAG_DAY, DAY_MS, t, x);
    if (!(e >= s)) s = e != e ? s : e;
    e = laggedSurprise(F_WEEK, S_LAG_WEEK, WEEK_MS, t, x);
    if (!(e >= s)) s = e != e ? s : e;
  }
  return s != s ? 0 : s;
}

/** Pushes x into the ring of `size` at section `ring` (count and cursor at slots c, c + 1); returns what it replaced. */
@inline
function ringPush(ring: i32, size: i32, c: i32, x: f64): f64 {
  const next = <i32>get(c + 1);
  const p = sectionPtr(ring) + (<usize>next << 3);
  const old = load<f64>(p);
  store<f64>(p, x);
  put(c + 1, next + 1 == size ? 0 : <f64>(next + 1));
  if (get(c) < <f64>size) put(c, get(c) + 1);
  return old;
}

/**
 * Refits the mean and std of the averaged surprises in the history ring as HTM's estimateNormal does
 * (numpy.mean, numpy.var: pairwise sums over the ring as it lies in memory), with HTM's lower bounds.
 */
function refit(): void {
  const n = <i32>get(L_PAST_COUNT);
  const d = sectionPtr(S_PAST);
  const mean = pairwiseSum(d, n) / <f64>n;
  put(L_MEAN, Math.max(mean, MIN_MEAN));
  put(L_STD, Math.sqrt(Math.max(pairwiseSquares(d, n, mean) / <f64>n, MIN_VARIANCE)));
}

/** Learns a surprise; returns HTM's log-likelihood score of the recent mean (0 while learning or below the mean). */
function likelihoodOf(s: f64): f64 {
  const seen = get(L_SEEN) + 1;
  put(L_SEEN, seen);
  // L_RECENT_COUNT and L_RECENT_NEXT are adjacent, as are L_PAST_COUNT and L_PAST_NEXT.
  const sum = get(L_RECENT_SUM) + (s - ringPush(S_RECENT, averaging, L_RECENT_COUNT, s));
  put(L_RECENT_SUM, sum);
  const averaged = sum / get(L_RECENT_COUNT);
  ringPush(S_PAST, history, L_PAST_COUNT, averaged);
  if (seen <= learning) {
    if (seen == learning) refit();
    return 0;
  }
  if (<i64>seen % REFIT_EVERY == 0) refit();
  const z = (averaged - get(L_MEAN)) / get(L_STD);
  return z > 0 ? fdlibmLog(1.0000000001 - (1 - normalTail(z))) / lnTiny : 0;
}

/** Scores x (finite) at time t in [0, 1] from what came before it, then learns it. */
function step(t: f64, x: f64): f64 {
  const seen = get(M_SEEN) + 1;
  put(M_SEEN, seen);
  const spatial = outside(R_VALUE, x, 0);
  const s = surprise(t, x);
  const score = likelihoodOf(novelty > 0 ? (1 - novelty) * s + novelty * noveltyNext(x) : s);
  let shifted = outside(R_LEVEL, get(F_LEVEL), 0);
  if (seasonal) {
    if (outside(R_OFFSET_DAY, get(F_DAY), learning)) shifted = true;
    if (outside(R_OFFSET_WEEK, get(F_WEEK), learning)) shifted = true;
  }
  if (seen <= learning) return 0;
  const out: f64 = spatial || shifted ? 1 : score;
  if (seen - get(M_LAST_ALARM) <= rest) return 0.5 * out;
  if (out > 0.5) put(M_LAST_ALARM, seen);
  return out;
}

/** Whether the growable sections have room for one more point; if not, writes the capacities it needs. */
function roomForPoint(): bool {
  const day = seasonal ? get(F_DAY + 2) + 1 : 0;
  const week = seasonal ? get(F_WEEK + 2) + 1 : 0;
  const keys = novelty > 0 ? 2 * (get(X_KEYS) + keysNeeded()) : 0;
  if (day <= get(K_LAG_DAY) && week <= get(K_LAG_WEEK) && keys <= get(K_KEYS)) return true;
  put(N_LAG_DAY, day > get(K_LAG_DAY) ? day : 0);
  put(N_LAG_WEEK, week > get(K_LAG_WEEK) ? week : 0);
  put(N_KEYS, keys > get(K_KEYS) ? keys : 0);
  return false;
}

/** The model of a fresh state: empty ranges, no forecast, no typical error, HTM's floor distribution. */
function initModel(): void {
  put(M_LAST_ALARM, -Infinity);
  for (let r = R_VALUE; r <= R_OFFSET_WEEK; r += 3) {
    put(r, Infinity);
    put(r + 1, -Infinity);
  }
  put(F_LEVEL, NaN);
  put(F_LEVEL + 1, NaN);
  put(F_DAY, NaN);
  put(F_DAY + 1, NaN);
  put(F_WEEK, NaN);
  put(F_WEEK + 1, NaN);
  put(L_MEAN, MIN_MEAN);
  put(L_STD, Math.sqrt(MIN_VARIANCE));
  put(X_MIN, Infinity);
  put(X_MAX, -Infinity);
  put(X_STEP, NaN);
  put(M_READY, 1);
}

function begin(statePtr: usize): void {
  setState(statePtr);
  sectionsOf(statePtr);
  if (get(M_READY) == 0) initModel();
  learning = get(C_LEARNING);
  alpha = get(C_ALPHA);
  scaleAlpha = get(C_SCALE_ALPHA);
  errorCap = get(C_ERROR_CAP);
  seasonal = get(C_SEASONAL) != 0;
  rest = get(C_REST);
  novelty = get(C_NOVELTY);
  averaging = <i32>get(C_AVERAGING);
  history = <i32>get(C_HISTORY);
  lnTiny = fdlibmLog(1 - 0.9999999999);
}

/**
 * Scores v[0, n) at times t[0, n) into score (in [0, 1]) and flag (score > 0.5), advancing the state at
 * statePtr (layout in likelihood-layout.ts). A non-finite value scores 0 and leaves the state as it was.
 * Returns the points done: fewer than n when a lag history or the context set is full; then N_LAG_DAY,
 * N_LAG_WEEK and N_KEYS hold the capacities needed (0: enough), and the caller grows the state
 * (likelihoodResize) and calls again from there. Any split of the points into calls gives the same results.
 */
export function likelihoodScore(tPtr: usize, vPtr: usize, n: i32, statePtr: usize, scorePtr: usize, flagPtr: usize): i32 {
  begin(statePtr);
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(vPtr + o);
    let score: f64 = 0;
    if (x - x == 0) {
      if (!roomForPoint()) return i;
      score = step(load<f64>(tPtr + o), x);
    }
    store<f64>(scorePtr + o, score);
    store<u8>(flagPtr + i, u8(score > 0.5));
  }
  return n;
}

/**
 * Copies the state at oldPtr to newPtr with lag histories of lagDay / lagWeek points and a context set
 * of `keys` slots (a power of two; each at least what the state holds); the set is rebuilt.
 */
export function likelihoodResize(oldPtr: usize, newPtr: usize, lagDay: i32, lagWeek: i32, keys: i32): void {
  sectionsOf(oldPtr);
  const oldDay = S_LAG_DAY;
  const oldWeek = S_LAG_WEEK;
  const oldKeys = S_KEYS;
  const oldSlots = <i32>load<f64>(oldPtr + (<usize>K_KEYS << 3));
  memory.copy(newPtr, oldPtr, <usize>oldDay << 3);
  store<f64>(newPtr + (<usize>K_LAG_DAY << 3), <f64>lagDay);
  store<f64>(newPtr + (<usize>K_LAG_WEEK << 3), <f64>lagWeek);
  store<f64>(newPtr + (<usize>K_KEYS << 3), <f64>keys);
  sectionsOf(newPtr);
  const dayLen = <usize>load<f64>(oldPtr + (<usize>(F_DAY + 2) << 3));
  const weekLen = <usize>load<f64>(oldPtr + (<usize>(F_WEEK + 2) << 3));
  memory.copy(newPtr + (<usize>S_LAG_DAY << 3), oldPtr + (<usize>oldDay << 3), dayLen << 4);
  memory.copy(newPtr + (<usize>S_LAG_WEEK << 3), oldPtr + (<usize>oldWeek << 3), weekLen << 4);
  const table = newPtr + (<usize>S_KEYS << 3);
  memory.fill(table, 0, <usize>keys << 3);
  for (let i = 0; i < oldSlots; i++) {
    const stored = load<f64>(oldPtr + (<usize>(oldKeys + i) << 3));
    if (stored != 0) addKey(table, <u32>keys - 1, stored - 1, <u32><u64>(stored - 1));
  }
}
