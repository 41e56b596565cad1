// The quantile sketch's state as a Float64Array (the slots of assembly/sketch-layout.ts, offset / 8):
// a header, then `cap` positive bins, then `cap` negative bins; and its compact form (non-empty bins only).

export const SLOT = {
  alpha: 0, mult: 1, cap: 2, count: 3, zero: 4, min: 5, max: 6, sum: 7, posInf: 8, negInf: 9,
  posOff: 10, posCollapsed: 11, posLo: 12, posHi: 13, negOff: 14, negCollapsed: 15, negLo: 16, negHi: 17,
} as const;

/** Header slots; positive bin k (index posOff + k) is slot HEADER_SLOTS + k, negative bin k is HEADER_SLOTS + cap + k. */
export const HEADER_SLOTS = 18;

/** Index multiplier for relative accuracy α: bucket i holds |x| with ceil(m · log2approx|x|) = i. */
export function multiplierOf(alpha: number): number {
  return 1 / Math.log((1 + alpha) / (1 - alpha));
}

/** A fresh, empty sketch state with relative accuracy α and `cap` bins per sign. */
export function emptySketchState(alpha: number, cap: number): Float64Array {
  const s = new Float64Array(HEADER_SLOTS + 2 * cap);
  s[SLOT.alpha] = alpha;
  s[SLOT.mult] = multiplierOf(alpha);
  s[SLOT.cap] = cap;
  s[SLOT.min] = Infinity;
  s[SLOT.max] = -Infinity;
  s[SLOT.posLo] = 1;
  s[SLOT.negLo] = 1;
  return s;
}

/** Bins of a store in a state: indexes lo..hi (empty when lo > hi) and their counts. */
export function storeBins(state: Float64Array, negative: boolean): { lo: number; hi: number; counts: Float64Array } {
  const cap = state[SLOT.cap];
  const lo = state[negative ? SLOT.negLo : SLOT.posLo];
  const hi = state[negative ? SLOT.negHi : SLOT.posHi];
  const off = state[negative ? SLOT.negOff : SLOT.posOff];
  const first = HEADER_SLOTS + (negative ? cap : 0) + (lo - off);
  return { lo, hi, counts: lo > hi ? new Float64Array(0) : state.subarray(first, first + hi - lo + 1) };
}

/** The compact form: header, positive bins posLo..posHi, negative bins negLo..negHi. */
export function compactSketch(state: Float64Array): Float64Array {
  const pos = storeBins(state, false);
  const neg = storeBins(state, true);
  const out = new Float64Array(HEADER_SLOTS + pos.counts.length + neg.counts.length);
  out.set(state.subarray(0, HEADER_SLOTS));
  out[SLOT.posOff] = pos.counts.length ? pos.lo : 0; // the compact bins start at their lowest index
  out[SLOT.negOff] = neg.counts.length ? neg.lo : 0;
  out.set(pos.counts, HEADER_SLOTS);
  out.set(neg.counts, HEADER_SLOTS + pos.counts.length);
  return out;
}
