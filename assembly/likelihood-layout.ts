// Slots of the likelihood detector's state (f64 each; mirrored in src/kernels/likelihood-state.ts):
// a header (configuration, capacities, the model's scalars), then its rings, buffers and hash set.

// Configuration, written once by the caller (into zeros, with the capacities).
export const C_LEARNING = 0;
export const C_HISTORY = 1;
export const C_AVERAGING = 2;
export const C_ALPHA = 3; // EWMA weight of the level forecasts
export const C_SCALE_ALPHA = 4; // EWMA weight of the typical errors
export const C_ERROR_CAP = 5;
export const C_SEASONAL = 6; // 1: day and week forecasters
export const C_REST = 7; // points scores are halved after an alarm
export const C_NOVELTY = 8; // weight of pattern novelty (0: off)
export const C_LEVELS = 9;
export const C_DEPTH = 10;
// Capacities of the growable sections (points of each lag history, slots of the context set).
export const K_LAG_DAY = 11;
export const K_LAG_WEEK = 12;
export const K_KEYS = 13;
// What the kernel asks for when it stops early: the capacities the next point needs.
export const N_LAG_DAY = 14;
export const N_LAG_WEEK = 15;
export const N_KEYS = 16;
// The model.
export const M_SEEN = 17;
export const M_LAST_ALARM = 18;
/** Range watches [min, max, seen] of the value, the forecast level and the day / week offsets. */
export const R_VALUE = 19;
export const R_LEVEL = 22;
export const R_OFFSET_DAY = 25;
export const R_OFFSET_WEEK = 28;
/** The level forecaster [level, typical error]. */
export const F_LEVEL = 31;
/** The lagged forecasters [offset level, typical error, history length, index of the lagged point]. */
export const F_DAY = 33;
export const F_WEEK = 37;
/** The surprise likelihood: points seen, ring sums and cursors, the fitted mean and std. */
export const L_SEEN = 41;
export const L_RECENT_SUM = 42;
export const L_RECENT_COUNT = 43;
export const L_RECENT_NEXT = 44;
export const L_PAST_COUNT = 45;
export const L_PAST_NEXT = 46;
export const L_MEAN = 47;
export const L_STD = 48;
/** Pattern novelty: grid min / max / step (NaN until fixed), levels filled, keys stored, values pending. */
export const X_MIN = 49;
export const X_MAX = 50;
export const X_STEP = 51;
export const X_FILLED = 52;
export const X_KEYS = 53;
export const X_PENDING = 54;
/** 0 in a fresh state (the caller writes only configuration and capacities): the kernel initialises the model. */
export const M_READY = 55;
export const HEADER = 56;

/** The state of the current call (every likelihood module reads and writes slots through it). */
export let state: usize = 0;

export function setState(statePtr: usize): void {
  state = statePtr;
}

@inline
export function get(i: i32): f64 {
  return load<f64>(state + (<usize>i << 3));
}

@inline
export function put(i: i32, x: f64): void {
  store<f64>(state + (<usize>i << 3), x);
}

// Where each section starts (slot index), set by sectionsOf from the header's configuration and capacities.
export let S_RECENT: i32 = 0;
export let S_PAST: i32 = 0;
export let S_LEVELS: i32 = 0;
export let S_PENDING: i32 = 0;
export let S_LAG_DAY: i32 = 0;
export let S_LAG_WEEK: i32 = 0;
export let S_KEYS: i32 = 0;

@inline
function header(statePtr: usize, i: i32): i32 {
  return <i32>load<f64>(statePtr + (<usize>i << 3));
}

/** Lays out the state at statePtr: rings, recent levels, pending values, lag histories ((t, v) pairs), keys. */
export function sectionsOf(statePtr: usize): void {
  const novelty = load<f64>(statePtr + (<usize>C_NOVELTY << 3)) > 0;
  S_RECENT = HEADER;
  S_PAST = S_RECENT + header(statePtr, C_AVERAGING);
  S_LEVELS = S_PAST + header(statePtr, C_HISTORY);
  S_PENDING = S_LEVELS + header(statePtr, C_DEPTH);
  S_LAG_DAY = S_PENDING + (novelty ? header(statePtr, C_LEARNING) : 0);
  S_LAG_WEEK = S_LAG_DAY + 2 * header(statePtr, K_LAG_DAY);
  S_KEYS = S_LAG_WEEK + 2 * header(statePtr, K_LAG_WEEK);
}
