// Pattern novelty for the likelihood kernel (after CAD OSE's contexts): values quantised on a grid, the
// last 1..depth levels hashed into context keys kept in an open-addressing set in the caller's state.
import {
  C_DEPTH, C_LEARNING, C_LEVELS, get, K_KEYS, put, S_KEYS, S_LEVELS, S_PENDING, state, X_FILLED, X_KEYS, X_MAX, X_MIN, X_PENDING, X_STEP,
} from './likelihood-layout';

/** What storing x in an Int32Array keeps (JS ToInt32): truncated, modulo 2^32; NaN and ±Infinity give 0. */
function toInt32(x: f64): i32 {
  if (x - x != 0) return 0;
  if (x > -2147483649.0 && x < 2147483648.0) return <i32>x;
  let m = Math.trunc(x) % 4294967296.0;
  if (m < 0) m += 4294967296.0;
  return <i32><u32>m;
}

/** Mixes one quantised level into a context hash (the twin's Math.imul arithmetic, in u32). */
@inline
function mix(h: u32, level: i32, salt: u32): u32 {
  let x: u32 = ((h ^ <u32>level) * 0x9e3779b1) ^ salt;
  x ^= x >>> 15;
  x = x * 0x85ebca77;
  return x ^ (x >>> 13);
}

/**
 * Adds a key (an integer below 2^53, stored plus 1 so that 0 marks a free slot) to the set of
 * `mask + 1` slots at `table` unless it is there; true when it was new. Probing starts at `lo`.
 */
export function addKey(table: usize, mask: u32, key: f64, lo: u32): bool {
  const stored = key + 1;
  let i = lo & mask;
  let s = load<f64>(table + (<usize>i << 3));
  while (s != 0) {
    if (s == stored) return false;
    i = (i + 1) & mask;
    s = load<f64>(table + (<usize>i << 3));
  }
  store<f64>(table + (<usize>i << 3), stored);
  return true;
}

/** Shifts x's level into the recent levels, counts its unseen suffix contexts and remembers them. */
function learn(x: f64): f64 {
  const level = toInt32(Math.floor((x - get(X_MIN)) / get(X_STEP)));
  const depth = <i32>get(C_DEPTH);
  const levels = state + (<usize>S_LEVELS << 3);
  for (let k = depth - 1; k > 0; k--) store<f64>(levels + (<usize>k << 3), load<f64>(levels + (<usize>(k - 1) << 3)));
  store<f64>(levels, <f64>level);
  let filled = <i32>get(X_FILLED);
  if (filled < depth) filled++;
  put(X_FILLED, <f64>filled);
  const table = state + (<usize>S_KEYS << 3);
  const mask = <u32>get(K_KEYS) - 1;
  let lo: u32 = 0;
  let hi: u32 = 0x2545f491;
  let unseen = 0;
  for (let k = 0; k < filled; k++) {
    const l = <i32>load<f64>(levels + (<usize>k << 3));
    lo = mix(lo, l, <u32>k);
    hi = mix(hi, l, <u32>k + 0x6a09e667);
    if (addKey(table, mask, <f64>(hi & 0x1fffff) * 4294967296.0 + <f64>lo, lo)) unseen++;
  }
  put(X_KEYS, get(X_KEYS) + <f64>unseen);
  return <f64>unseen / <f64>filled;
}

/**
 * Novelty of x in [0, 1] (0 until the grid is fixed at the end of the warm-up, the first `learning`
 * values, which are then replayed into the set), then learns x. The state's set must have room for
 * keysNeeded() more keys at half load. Works on the state of the current call (likelihood-layout.ts).
 */
export function noveltyNext(x: f64): f64 {
  if (get(X_STEP) == get(X_STEP)) return learn(x);
  let pending = <i32>get(X_PENDING);
  store<f64>(state + (<usize>(S_PENDING + pending) << 3), x);
  pending++;
  if (x < get(X_MIN)) put(X_MIN, x);
  if (x > get(X_MAX)) put(X_MAX, x);
  if (pending < <i32>get(C_LEARNING)) {
    put(X_PENDING, <f64>pending);
    return 0;
  }
  const range = get(X_MAX) - get(X_MIN);
  const steps = get(C_LEVELS) - 1;
  put(X_STEP, range > 0 ? range / steps : Math.max(Math.abs(get(X_MAX)), 1) / steps);
  for (let i = 0; i < pending; i++) learn(load<f64>(state + (<usize>(S_PENDING + i) << 3)));
  put(X_PENDING, 0);
  return 0;
}

/** The most keys the next value can add: depth, or every pending value's contexts when it fixes the grid. */
export function keysNeeded(): f64 {
  const depth = get(C_DEPTH);
  if (get(X_STEP) == get(X_STEP)) return depth;
  return get(X_PENDING) + 1 >= get(C_LEARNING) ? get(C_LEARNING) * depth : 0;
}
