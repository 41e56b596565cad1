// What a chart of one series shows for a visible range: min/max per bucket (WebAssembly kernel, or exact
// cached pyramids for long ranges), a score lane (largest |score| per bucket), flagged points, incidents.

import type { Kernels } from '../kernels/types';
import type { Series } from '../model/series';
import { validateDetection, type DetectionConfig, type Incident } from './detectors/run-types';
import { largestScores, selectFlags } from './chart-flags';
import { downsampleByPyramid, pyramidOf } from './chart-summary';

export { largestScores };

export interface ZScoreDetector {
  kind: 'zscore';
  /** Preceding points in the rolling window (integer >= 2). */
  window: number;
  /** |z| above this flags a point (>= 0). */
  threshold: number;
}

/**
 * Chart the result of a detection configuration (run.ts): the lane is the combined score in [0, 1],
 * each flag carries a severity, and the incidents overlapping the visible range come along.
 */
export interface DetectionChartDetector {
  kind: 'detection';
  config: DetectionConfig;
}

export type ChartDetector = ZScoreDetector | DetectionChartDetector;

export interface ChartRequest {
  datasetId: string;
  seriesIndex: number;
  /** Visible time range (ms); NaN for the whole series. */
  t0: number;
  t1: number;
  /** Number of buckets (about 2 per pixel). */
  buckets: number;
  detector: ChartDetector;
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
  /** Detection charts: per returned flag, its severity code (1 LOW ... 4 CRITICAL, run-types.ts). */
  flagSeverity?: Uint8Array;
  /** Detection charts: incidents of the series overlapping the visible range, by start. */
  incidents?: Incident[];
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
  /** Detection runs: severity code per point (0 none, 1 LOW ... 4 CRITICAL). */
  severity?: Uint8Array;
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

/**
 * Visible points from which a chart is bucketed through the cached min/max pyramids (chart-summary.ts)
 * instead of copying every visible point into the kernels: same result, O(buckets * log points).
 */
export const SUMMARY_MIN_POINTS = 1 << 18;
/** Also needed: at least this many visible points per bucket (below it the raw sweep is as fast). */
export const SUMMARY_MIN_POINTS_PER_BUCKET = 64;

/** A column bucketed along a series' time axis: its values and where each bucket's min / max go. */
export interface BucketColumn {
  x: Float64Array;
  outMin: Float64Array;
  outMax: Float64Array;
}

/**
 * Finite min/max per bucket of [t0, t1) for columns sharing the ascending time axis `t`, whose points
 * [i0, i1) are those in the range: bucket start times into outT, returns the buckets written (non-empty
 * ones only). Long ranges go through the cached pyramids (unless `summaries` is false), others through the
 * kernel over the range's slice: the same result bit for bit.
 */
export function bucketMinMax(
  kernels: Kernels,
  t: Float64Array,
  i0: number,
  i1: number,
  view: { t0: number; t1: number; buckets: number },
  outT: Float64Array,
  columns: BucketColumn[],
  summaries = true,
): number {
  const { t0, t1, buckets } = view;
  const visible = i1 - i0;
  if (summaries && visible >= SUMMARY_MIN_POINTS && visible >= SUMMARY_MIN_POINTS_PER_BUCKET * buckets) {
    return downsampleByPyramid(t, i0, i1, t0, t1, buckets, outT, columns.map((c) => ({ ...c, pyramid: pyramidOf(c.x) })));
  }
  // Only the range's slice goes to the kernels: same result, far less copied when zoomed in.
  const tv = t.subarray(i0, i1);
  const otherT = columns.length > 1 ? new Float64Array(buckets) : outT;
  let m = 0;
  columns.forEach((c, j) => {
    const n = kernels.downsampleMinMax(tv, c.x.subarray(i0, i1), t0, t1, buckets, j === 0 ? outT : otherT, c.outMin, c.outMax);
    if (j > 0 && n !== m) throw new Error(`Internal: column ${j} has ${n} buckets but the first has ${m}.`);
    m = n;
  });
  return m;
}

/**
 * Chart data for [t0, t1) of a series (NaN bounds mean its first / last point); every array has its own
 * buffer (transferable). Long visible ranges use cached summaries (built on first use; pass
 * `summaries = false` for the raw kernels): the result is the same bit for bit.
 */
export function chartOf(
  kernels: Kernels,
  series: Series,
  scores: SeriesScores,
  view: { t0: number; t1: number; buckets: number },
  maxFlags: number = MAX_FLAGS,
  summaries = true,
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

  const i0 = lowerBound(t, t0, 0, n);
  const i1 = lowerBound(t, t1, i0, n);
  const outT = new Float64Array(buckets);
  const outMin = new Float64Array(buckets);
  const outMax = new Float64Array(buckets);
  const laneMin = new Float64Array(buckets);
  const laneMax = new Float64Array(buckets);
  const visible = i1 - i0;
  const m = bucketMinMax(kernels, t, i0, i1, { t0, t1, buckets }, outT, [
    { x: v, outMin, outMax },
    { x: scores.score, outMin: laneMin, outMax: laneMax },
  ], summaries);
  const lane = new Float64Array(m);
  for (let k = 0; k < m; k++) lane[k] = decode(largestMagnitude(laneMin[k], laneMax[k]));

  const flags = visibleFlags(series, scores, i0, i1, maxFlags, summaries);
  return {
    t: outT.slice(0, m),
    min: outMin.slice(0, m),
    max: outMax.slice(0, m),
    score: lane,
    ...flags,
    pointCount: visible,
  };
}

/** The flagged points with index in [i0, i1): all of them, or the maxFlags with the largest |score|. */
function visibleFlags(
  series: Series,
  scores: SeriesScores,
  i0: number,
  i1: number,
  maxFlags: number,
  summaries: boolean,
): Pick<ChartData, 'flagT' | 'flagV' | 'flagScore' | 'flagCount' | 'flagSeverity'> {
  const { flagged, score, severity } = scores;
  const lo = lowerBound(flagged, i0, 0, flagged.length);
  const hi = lowerBound(flagged, i1, lo, flagged.length);
  const keep = selectFlags(flagged, score, lo, hi, maxFlags, summaries);
  const k = keep.length;
  const flagT = new Float64Array(k);
  const flagV = new Float64Array(k);
  const flagScore = new Float64Array(k);
  const flagSeverity = severity ? new Uint8Array(k) : undefined;
  for (let j = 0; j < k; j++) {
    const i = keep[j];
    flagT[j] = series.t[i];
    flagV[j] = series.v[i];
    flagScore[j] = decode(score[i]);
    if (flagSeverity && severity) flagSeverity[j] = severity[i];
  }
  return flagSeverity ? { flagT, flagV, flagScore, flagCount: hi - lo, flagSeverity } : { flagT, flagV, flagScore, flagCount: hi - lo };
}

/** Throws a RangeError saying what is wrong with a chart's detector. */
export function checkChartDetector(d: ChartDetector): void {
  if (d.kind === 'detection') {
    const errors = validateDetection(d.config);
    if (errors.length) throw new RangeError(`Invalid detection configuration: ${errors.join(' ')}`);
  } else checkDetector(d);
}

/** Incidents overlapping [t0, t1) (NaN bounds: unbounded), in their given order. */
export function incidentsIn(incidents: readonly Incident[], t0: number, t1: number): Incident[] {
  return incidents.filter((x) => (Number.isNaN(t1) || x.start < t1) && (Number.isNaN(t0) || x.end >= t0));
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
