// Static scratch space of the kernels (no managed allocation) and the first free byte for callers.

/** Points per block: the rolling kernels stage window sums for one block here, in L1/L2. */
export const BLOCK: i32 = 2048;

/** Per-block staging: shifted window sum, shifted sum of squares, finite count (f64 each). */
export const SUM_BUF: usize = memory.data(BLOCK * 8, 16);
export const SQ_BUF: usize = memory.data(BLOCK * 8, 16);
export const COUNT_BUF: usize = memory.data(BLOCK * 8, 16);

/** First byte of linear memory the caller may use for its arrays (16-byte aligned). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}
