// Flat grouping for the trace analysis: indices grouped by an integer key in CSR layout (one counting sort,
// no array per group) and an in-place sort of one group's range.

/**
 * Indices 0 … count−1 grouped by key(i) in 0 … buckets−1 (negative: left out), in index order within a
 * group: one counting sort whose offsets serve as write cursors and are shifted back after.
 */
export function groupBy(count: number, buckets: number, key: (i: number) => number): { offsets: Uint32Array; items: Uint32Array } {
  const offsets = new Uint32Array(buckets + 1);
  for (let i = 0; i < count; i++) {
    const k = key(i);
    if (k >= 0) offsets[k + 1]++;
  }
  for (let b = 0; b < buckets; b++) offsets[b + 1] += offsets[b];
  const items = new Uint32Array(offsets[buckets]);
  for (let i = 0; i < count; i++) {
    const k = key(i);
    if (k >= 0) items[offsets[k]++] = i;
  }
  for (let b = buckets; b > 0; b--) offsets[b] = offsets[b - 1];
  offsets[0] = 0;
  return { offsets, items };
}

/** Indices of `keys` grouped by their key (negative keys left out): groupBy over a column, without a call per index. */
export function groupIndices(keys: ArrayLike<number>, buckets: number): { offsets: Uint32Array; items: Uint32Array } {
  const count = keys.length;
  const offsets = new Uint32Array(buckets + 1);
  for (let i = 0; i < count; i++) {
    const k = keys[i];
    if (k >= 0) offsets[k + 1]++;
  }
  for (let b = 0; b < buckets; b++) offsets[b + 1] += offsets[b];
  const items = new Uint32Array(offsets[buckets]);
  for (let i = 0; i < count; i++) {
    const k = keys[i];
    if (k >= 0) items[offsets[k]++] = i;
  }
  for (let b = buckets; b > 0; b--) offsets[b] = offsets[b - 1];
  offsets[0] = 0;
  return { offsets, items };
}

/** The engine's sort for a long run of sortRangeByTime (kept apart: its closure would otherwise give every call a context). */
function sortLongRunByTime(items: Uint32Array, lo: number, hi: number, a: Float64Array, b: Float64Array, n: number): void {
  const key = (v: number): number => {
    const s = v < n ? a[v] : b[v - n];
    return s === s ? s : Infinity;
  };
  items.subarray(lo, hi).sort((x, y) => key(x) - key(y) || x - y);
}

/**
 * Sorts items[lo, hi) by (key, item), where key(v) is a[v] for v < n and b[v − n] above, NaN as +Infinity:
 * the span forest's start order. Short runs by an insertion sort reading each key once, no comparator call.
 */
export function sortRangeByTime(items: Uint32Array, lo: number, hi: number, a: Float64Array, b: Float64Array, n: number): void {
  if (hi - lo < 2) return;
  if (hi - lo > 24) {
    sortLongRunByTime(items, lo, hi, a, b, n);
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = items[i];
    let kx = x < n ? a[x] : b[x - n];
    if (kx !== kx) kx = Infinity;
    let j = i - 1;
    for (; j >= lo; j--) {
      const y = items[j];
      let ky = y < n ? a[y] : b[y - n];
      if (ky !== ky) ky = Infinity;
      if (ky < kx || (ky === kx && y < x)) break;
      items[j + 1] = y;
    }
    items[j + 1] = x;
  }
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
