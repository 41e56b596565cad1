// Byte offsets of the quantile sketch's header fields (f64 each); src/kernels/sketch-layout.ts holds
// the same layout as Float64Array slots (slot = offset / 8). Bins follow the header.

/** Relative accuracy α the sketch was made with (informational for the kernel). */
export const ALPHA: usize = 0;
/** Index multiplier m = 1 / ln((1 + α) / (1 − α)). */
export const MULT: usize = 8;
/** Bins per store (positive and negative): the window's length. */
export const CAP: usize = 16;
/** Values counted (everything but NaN). */
export const COUNT: usize = 24;
/** Values with |x| below the smallest normal f64 (and ±0). */
export const ZERO: usize = 32;
export const MIN: usize = 40;
export const MAX: usize = 48;
/** Sum of the finite values. */
export const SUM: usize = 56;
export const POS_INF: usize = 64;
export const NEG_INF: usize = 72;
/** Index of the positive store's first slot, 1 once it collapsed its lowest bins, its non-empty range. */
export const POS_OFF: usize = 80;
export const POS_COLLAPSED: usize = 88;
export const POS_LO: usize = 96;
export const POS_HI: usize = 104;
/** The same for the negative store (indexes of |x|). */
export const NEG_OFF: usize = 112;
export const NEG_COLLAPSED: usize = 120;
export const NEG_LO: usize = 128;
export const NEG_HI: usize = 136;
/** Header bytes (18 fields, padded to 16-byte alignment): positive bins start here, negative ones cap slots later. */
export const HEADER: usize = 144;
