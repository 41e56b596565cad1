// Flat grouping for the trace analysis: indices grouped by an integer key in CSR layout (one counting sort,
// no array per group) and an in-place sort of one group's range.

/** Indices 0 … keys.length−1 grouped by key (negative keys left out), in index order within a group. */
export function groupIndices(keys: ArrayLike<number>, buckets: number): { offsets: Uint32Array; items: Uint32Array } {
  const offsets = new Uint32Array(buckets + 1);
  const n = keys.length;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k >= 0) offsets[k + 1]++;
  }
  for (let b = 0; b < buckets; b++) offsets[b + 1] += offsets[b];
  const fill = offsets.slice(0, buckets);
  const items = new Uint32Array(offsets[buckets]);
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k >= 0) items[fill[k]++] = i;
  }
  return { offsets, items };
}

/** Sorts items[lo, hi) by `cmp` (insertion sort for short runs, the engine's sort otherwise). */
export function sortRange(items: Uint32Array, lo: number, hi: number, cmp: (a: number, b: number) => number): void {
  if (hi - lo < 2) return;
  if (hi - lo > 24) {
    items.subarray(lo, hi).sort(cmp);
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = items[i];
    let j = i - 1;
    while (j >= lo && cmp(items[j], x) > 0) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = x;
  }
}
