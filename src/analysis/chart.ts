// What a chart of one series shows for a visible range: min/max per bucket (WebAssembly kernel), a lane
// of z-scores (largest |score| per bucket) and the flagged points, with the detector run once per series.

import type { Kernels } from '../kernels/types';
import type { Series } from '../model/series';

export interface ZScoreDetector {
  kind: 'zscore';
  /** Preceding points in the rolling window (integer >= 2). */
  window: number;
  /** |z| above this flags a point (>= 0). */
  threshold: number;
}

export interface ChartRequest {
  datasetId: string;
  seriesIndex: number;
  /** Visible time range (ms); NaN for the whole series. */
  t0: number;
  t1: number;
  /** Number of buckets (about 2 per pixel). */
  buckets: number;
  detector: ZScoreDetector;
}

export interface ChartData {
  /** Bucket times (ms). */
  t: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Per bucket, the z-score with the largest magnitude (NaN if none). */
  score: Float64Array;
  /** Flagged points inside [t0, t1), at most maxFlags of them (largest |score| first kept). */
  flagT: Float64Array;
  flagV: Float64Array;
  flagScore: Float64Array;
  /** Total flagged points in the visible range (may exceed flagT.length). */
  flagCount: number;
  /** Points in the visible range. */
  pointCount: number;
}

/** Default cap on flagged points returned per chart. */
export const MAX_FLAGS = 2000;
/** Largest bucket count accepted (a very wide screen at 2 buckets per pixel is far below it). */
export const MAX_BUCKETS = 100_000;

/**
 * Detector output over a whole series. Infinite scores (a jump after a zero-variance window) are
 * stored as ±Number.MAX_VALUE so the min/max kernel, which skips non-finite values, still sees them;
 * they are turned back into ±Infinity on the way out.
 */
export interface SeriesScores {
  score: Float64Array;
  /** Indices of flagged points, ascending. */
  flagged: Uint32Array;
}

/** Runs the rolling z-score over the whole series (no look-ahead, so the result never depends on the view). */
export function scoreSeries(kernels: Kernels, series: Series, detector: ZScoreDetector): SeriesScores {
  checkDetector(detector);
  const n = series.v.length;
  const score = new Float64Array(n);
  const flags = new Uint8Array(n);
  kernels.rollingZScore(series.v, { window: detector.window, threshold: detector.threshold }, score, flags);
  let count = 0;
  for (let i = 0; i < n; i++) count += flags[i];
  const flagged = new Uint32Array(count);
  for (let i = 0, k = 0; i < n; i++) {
    if (flags[i]) flagged[k++] = i;
    const s = score[i];
    if (s === Infinity) score[i] = Number.MAX_VALUE;
    else if (s === -Infinity) score[i] = -Number.MAX_VALUE;
  }
  return { score, flagged };
}

/** Chart data for [t0, t1) of a series (NaN bounds mean its first / last point); every array has its own buffer (transferable). */
export function chartOf(
  kernels: Kernels,
  series: Series,
  scores: SeriesScores,
  view: { t0: number; t1: number; buckets: number },
  maxFlags: number = MAX_FLAGS,
): ChartData {
  const { t, v } = series;
  const n = t.length;
  const buckets = Math.floor(view.buckets);
  if (!(buckets >= 1 && buckets <= MAX_BUCKETS)) {
    throw new RangeError(`A chart needs 1 to ${MAX_BUCKETS} buckets, not ${view.buckets}.`);
  }
  const t0 = Number.isNaN(view.t0) ? (n ? t[0] : 0) : view.t0;
  const t1 = Number.isNaN(view.t1) ? (n ? nextUp(t[n - 1]) : 0) : view.t1;
  if (n === 0 || !(t1 > t0)) return emptyChart();

  // Only the visible slice goes to the kernels: same result, far less copied when zoomed in.
  const i0 = lowerBound(t, t0, 0, n);
  const i1 = lowerBound(t, t1, i0, n);
  const tv = t.subarray(i0, i1);
  const outT = new Float64Array(buckets);
  const outMin = new Float64Array(buckets);
  const outMax = new Float64Array(buckets);
  const m = kernels.downsampleMinMax(tv, v.subarray(i0, i1), t0, t1, buckets, outT, outMin, outMax);

  const laneT = new Float64Array(buckets);
  const laneMin = new Float64Array(buckets);
  const laneMax = new Float64Array(buckets);
  const m2 = kernels.downsampleMinMax(tv, scores.score.subarray(i0, i1), t0, t1, buckets, laneT, laneMin, laneMax);
  if (m2 !== m) throw new Error(`Internal: score lane has ${m2} buckets but the chart has ${m}.`);
  const lane = new Float64Array(m);
  for (let k = 0; k < m; k++) lane[k] = decode(largestMagnitude(laneMin[k], laneMax[k]));

  const flags = visibleFlags(series, scores, i0, i1, maxFlags);
  return {
    t: outT.slice(0, m),
    min: outMin.slice(0, m),
    max: outMax.slice(0, m),
    score: lane,
    ...flags,
    pointCount: i1 - i0,
  };
}

/** The flagged points with index in [i0, i1): all of them, or the maxFlags with the largest |score|. */
function visibleFlags(
  series: Series,
  scores: SeriesScores,
  i0: number,
  i1: number,
  maxFlags: number,
): Pick<ChartData, 'flagT' | 'flagV' | 'flagScore' | 'flagCount'> {
  const { flagged, score } = scores;
  const lo = lowerBound(flagged, i0, 0, flagged.length);
  const hi = lowerBound(flagged, i1, lo, flagged.length);
  const flagCount = hi - lo;
  const keep = flagCount <= maxFlags ? flagged.subarray(lo, hi) : largestScores(flagged.subarray(lo, hi), score, maxFlags);
  const k = keep.length;
  const flagT = new Float64Array(k);
  const flagV = new Float64Array(k);
  const flagScore = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const i = keep[j];
    flagT[j] = series.t[i];
    flagV[j] = series.v[i];
    flagScore[j] = decode(score[i]);
  }
  return { flagT, flagV, flagScore, flagCount };
}

/**
 * The `k` indices with the largest |score| (ties: the earlier point wins), returned in ascending
 * index order. A bounded min-heap, O(n log k), since a low threshold can flag millions of points.
 */
export function largestScores(indices: Uint32Array, score: Float64Array, k: number): Uint32Array {
  if (k <= 0) return new Uint32Array(0);
  const heap = new Uint32Array(k);
  let size = 0;
  // "a is worse than b": smaller |score|, or equal |score| and later.
  const worse = (a: number, b: number): boolean => {
    const sa = Math.abs(score[a]);
    const sb = Math.abs(score[b]);
    return sa < sb || (sa === sb && a > b);
  };
  const siftDown = (at: number): void => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let w = at;
      if (l < size && worse(heap[l], heap[w])) w = l;
      if (r < size && worse(heap[r], heap[w])) w = r;
      if (w === at) return;
      const tmp = heap[at];
      heap[at] = heap[w];
      heap[w] = tmp;
      at = w;
    }
  };
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    if (size < k) {
      let at = size++;
      heap[at] = i;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at], heap[parent])) break;
        const tmp = heap[at];
        heap[at] = heap[parent];
        heap[parent] = tmp;
        at = parent;
      }
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.subarray(0, size).sort();
}

export function checkDetector(d: ZScoreDetector): void {
  if (d.kind !== 'zscore') throw new RangeError(`Unknown detector "${String(d.kind)}".`);
  if (!(Number.isInteger(d.window) && d.window >= 2)) {
    throw new RangeError(`The z-score window must be a whole number of points >= 2, not ${d.window}.`);
  }
  if (!(d.threshold >= 0 && Number.isFinite(d.threshold))) {
    throw new RangeError(`The z-score threshold must be a finite number >= 0, not ${d.threshold}.`);
  }
}

/** First index in [lo, hi) whose value is >= x (hi when none); `a` sorted ascending. */
export function lowerBound(a: ArrayLike<number>, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The smallest double greater than x, so that [first, nextUp(last)) holds every point. */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] += x > 0 ? 1n : -1n;
  return f[0];
}

function largestMagnitude(min: number, max: number): number {
  if (Number.isNaN(max)) return min;
  if (Number.isNaN(min)) return max;
  return Math.abs(min) > Math.abs(max) ? min : max;
}

function decode(s: number): number {
  return s === Number.MAX_VALUE ? Infinity : s === -Number.MAX_VALUE ? -Infinity : s;
}

function emptyChart(): ChartData {
  const e = (): Float64Array => new Float64Array(0);
  return { t: e(), min: e(), max: e(), score: e(), flagT: e(), flagV: e(), flagScore: e(), flagCount: 0, pointCount: 0 };
}
