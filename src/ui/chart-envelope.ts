// Min/max envelopes of lines that share one time axis, for charts with more points than pixels: each
// time bucket of the visible range keeps, per line, its smallest and largest value in the order they
// occur, at the bucket's first and last time, so peaks and dips survive and the lines stay on one axis.
// Presentation only: it thins what a chart draws of data the view already holds.

export interface AlignedLines {
  t: Float64Array;
  lines: Float64Array[];
}

/** First index whose time is >= x (above: > x), t ascending. */
function firstIndex(t: Float64Array, x: number, above: boolean): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (above ? t[mid] <= x : t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The points of [from, to] (plus one either side, so lines run to the edges) of `lines` over the
 * ascending axis `t`, reduced to at most 2 × `buckets` + 2 when there are more: per bucket and line the
 * min and max in time order (NaN when the line has no finite value there). Fewer points come back as
 * they are (copies of the range).
 */
export function alignedEnvelope(t: Float64Array, lines: readonly Float64Array[], from: number, to: number, buckets: number): AlignedLines {
  const lo = Math.max(0, firstIndex(t, from, false) - 1);
  const hi = Math.min(t.length, firstIndex(t, to, true) + 1);
  const n = hi - lo;
  const b = Math.max(1, Math.floor(buckets));
  if (n <= 2 * b + 2) return { t: t.slice(lo, hi), lines: lines.map((v) => v.slice(lo, hi)) };
  const t0 = t[lo];
  const width = (t[hi - 1] - t0) / b || 1;
  const outT = new Float64Array(2 * b + 2);
  const out = lines.map(() => new Float64Array(2 * b + 2));
  const min = new Float64Array(lines.length);
  const max = new Float64Array(lines.length);
  const minAt = new Int32Array(lines.length);
  const maxAt = new Int32Array(lines.length);
  let k = 0;
  let first = lo;
  const flush = (last: number): void => {
    outT[k] = t[first];
    if (last > first) outT[k + 1] = t[last];
    for (let j = 0; j < lines.length; j++) {
      const o = out[j];
      if (minAt[j] < 0) {
        o[k] = NaN;
        o[k + 1] = NaN;
      } else if (last === first) o[k] = min[j];
      else {
        o[k] = minAt[j] <= maxAt[j] ? min[j] : max[j];
        o[k + 1] = minAt[j] <= maxAt[j] ? max[j] : min[j];
      }
    }
    k += last > first ? 2 : 1;
  };
  const reset = (): void => {
    minAt.fill(-1);
    maxAt.fill(-1);
  };
  reset();
  let bucket = 0;
  for (let i = lo; i < hi; i++) {
    const at = Math.min(b - 1, Math.floor((t[i] - t0) / width));
    if (at !== bucket) {
      flush(i - 1);
      reset();
      first = i;
      bucket = at;
    }
    for (let j = 0; j < lines.length; j++) {
      const x = lines[j][i];
      if (!(x === x)) continue;
      if (minAt[j] < 0 || x < min[j]) {
        min[j] = x;
        minAt[j] = i;
      }
      if (maxAt[j] < 0 || x > max[j]) {
        max[j] = x;
        maxAt[j] = i;
      }
    }
  }
  flush(hi - 1);
  return { t: outT.slice(0, k), lines: out.map((o) => o.slice(0, k)) };
}
