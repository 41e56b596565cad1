// Exact min/max per chart bucket of long series without scanning every visible point: a pyramid of block
// min/max (32 points, doubling per level) built once per column. Plain TS: O(log n) lookups, not a sweep.

/** Points per block at the finest level. */
export const BLOCK = 32;

export interface MinMaxPyramid {
  /** Points summarized. */
  length: number;
  /**
   * Level l has blocks of BLOCK * 2^l points (the last one may be shorter); block k's finite min and max
   * (NaN when none) are at [2k] and [2k + 1], side by side so one cache line holds both.
   */
  levels: Float64Array[];
}

/** NaN-as-missing min/max. */
const finiteMin = (a: number, b: number): number => (a !== a ? b : b !== b ? a : Math.min(a, b));
const finiteMax = (a: number, b: number): number => (a !== a ? b : b !== b ? a : Math.max(a, b));

/** Builds the pyramid of a column (one pass over it, then about length / BLOCK more values). */
export function buildPyramid(x: Float64Array): MinMaxPyramid {
  const n = x.length;
  const count = Math.ceil(n / BLOCK);
  let level = new Float64Array(2 * count);
  for (let k = 0, from = 0; k < count; k++, from += BLOCK) rawMinMax(x, from, Math.min(n, from + BLOCK), Infinity, -Infinity, level, 2 * k);
  const levels = [level];
  for (let blocks = count; blocks > 1; ) {
    const up = Math.ceil(blocks / 2);
    const next = new Float64Array(2 * up);
    for (let k = 0; k < up; k++) {
      const l = 4 * k;
      const r = 2 * k + 1 < blocks ? l + 2 : l;
      next[2 * k] = finiteMin(level[l], level[r]);
      next[2 * k + 1] = finiteMax(level[l + 1], level[r + 1]);
    }
    levels.push(next);
    level = next;
    blocks = up;
  }
  return { length: n, levels };
}

/** Bytes held by a pyramid (about 2 * 16 / BLOCK = 1 byte per point). */
export function pyramidBytes(p: MinMaxPyramid): number {
  return p.levels.reduce((sum, l) => sum + l.byteLength, 0);
}

// Pyramids of the columns charted so far, dropped with the column (series and score arrays are never
// written after they are built: a changed column is a new array).
const pyramids = new WeakMap<Float64Array, MinMaxPyramid>();

/** The cached pyramid of a column, built on first use. */
export function pyramidOf(x: Float64Array): MinMaxPyramid {
  let p = pyramids.get(x);
  if (!p || p.length !== x.length) {
    p = buildPyramid(x);
    pyramids.set(x, p);
  }
  return p;
}

/** Finite min and max of x[from, to) into out[at], out[at + 1] (NaN when none): raw ends, whole blocks between. */
export function rangeMinMax(p: MinMaxPyramid, x: Float64Array, from: number, to: number, out: Float64Array, at = 0): void {
  const n = p.length;
  // Whole level-0 blocks [l, r) inside the range; the last block may be short (it ends at n).
  let l = Math.ceil(from / BLOCK);
  let r = to === n ? p.levels[0].length >>> 1 : Math.floor(to / BLOCK);
  if (l >= r) {
    rawMinMax(x, from, to, Infinity, -Infinity, out, at);
    return;
  }
  rawMinMax(x, from, l * BLOCK, Infinity, -Infinity, out, at);
  rawMinMax(x, Math.min(to, r * BLOCK), to, out[at], out[at + 1], out, at);
  let lo = out[at];
  let hi = out[at + 1];
  // Bottom-up segment-tree walk: at most two blocks per level.
  for (let level = 0; l < r; level++) {
    const mm = p.levels[level];
    if (l & 1) {
      lo = finiteMin(lo, mm[2 * l]);
      hi = finiteMax(hi, mm[2 * l + 1]);
      l++;
    }
    if (r & 1) {
      r--;
      lo = finiteMin(lo, mm[2 * r]);
      hi = finiteMax(hi, mm[2 * r + 1]);
    }
    l >>>= 1;
    r >>>= 1;
  }
  out[at] = lo;
  out[at + 1] = hi;
}

/**
 * Finite min/max of x[from, to) merged with (lo, hi) (NaN: none yet) into out[at], out[at + 1] (NaN when
 * none; -0 below +0 as in wasm).
 */
function rawMinMax(x: Float64Array, from: number, to: number, lo: number, hi: number, out: Float64Array, at: number): void {
  if (lo !== lo) {
    lo = Infinity;
    hi = -Infinity;
  }
  for (let i = from; i < to; i++) {
    const v = x[i];
    if (v - v === 0) {
      if (v <= lo) lo = v === lo ? Math.min(lo, v) : v;
      if (v >= hi) hi = v === hi ? Math.max(hi, v) : v;
    }
  }
  out[at] = lo <= hi ? lo : NaN;
  out[at + 1] = lo <= hi ? hi : NaN;
}

/** A column to bucket: its values, their pyramid, and where to write each bucket's min / max. */
export interface PyramidColumn {
  x: Float64Array;
  pyramid: MinMaxPyramid;
  outMin: Float64Array;
  outMax: Float64Array;
}

/** Bucket of time t, exactly as the kernel computes it (same IEEE operations). */
export function bucketOf(t: number, t0: number, span: number, buckets: number): number {
  return Math.min(Math.floor(((t - t0) / span) * buckets), buckets - 1);
}

/**
 * First index in [lo, hi) whose bucket is > b (hi when none), where bucket(t[lo - 1]) <= b. Galloping
 * out from `guess` (the previous bucket's length away), so the probes stay near the answer in memory.
 */
export function bucketEnd(t: Float64Array, lo: number, hi: number, guess: number, b: number, t0: number, span: number, buckets: number): number {
  if (lo >= hi) return hi;
  const g = Math.min(hi - 1, Math.max(lo, guess));
  if (bucketOf(t[g], t0, span, buckets) > b) {
    // Answer in (lo, g]: gallop backwards from g.
    let step = 1;
    let probe = g - 1;
    hi = g;
    while (probe >= lo && bucketOf(t[probe], t0, span, buckets) > b) {
      hi = probe;
      probe = hi - 1 - step;
      step *= 2;
    }
    lo = Math.max(lo, probe + 1);
  } else {
    // Answer in (g, hi]: gallop forwards from g.
    let step = 1;
    let probe = g + 1;
    lo = g + 1;
    while (probe < hi && bucketOf(t[probe], t0, span, buckets) <= b) {
      lo = probe + 1;
      probe = lo + step;
      step *= 2;
    }
    hi = Math.min(hi, probe);
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bucketOf(t[mid], t0, span, buckets) > b) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * kernels.downsampleMinMax over the points [i0, i1) (all with t0 <= t < t1) for several columns sharing
 * the time axis: writes bucket start times to outT and each column's min/max; returns buckets written.
 * No approximation: a bucket's points are a contiguous index range, answered as raw points at both ends
 * plus whole pyramid blocks between, so the result equals the kernel's bit for bit (same bucket formula,
 * NaN and ±Infinity skipped, -0 below +0). Cost per bucket: O(log points) plus up to 2 * BLOCK raw points.
 */
export function downsampleByPyramid(
  t: Float64Array,
  i0: number,
  i1: number,
  t0: number,
  t1: number,
  buckets: number,
  outT: Float64Array,
  columns: PyramidColumn[],
): number {
  const span = t1 - t0;
  const pair = new Float64Array(2);
  let written = 0;
  let length = 1;
  for (let i = i0; i < i1; ) {
    const b = bucketOf(t[i], t0, span, buckets);
    const next = bucketEnd(t, i + 1, i1, i + length, b, t0, span, buckets);
    length = next - i;
    outT[written] = t0 + (b * span) / buckets;
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j];
      rangeMinMax(c.pyramid, c.x, i, next, pair);
      c.outMin[written] = pair[0];
      c.outMax[written] = pair[1];
    }
    written++;
    i = next;
  }
  return written;
}
