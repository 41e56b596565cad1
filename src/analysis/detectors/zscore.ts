// Adaptive z-score detector: z against the rolling mean/std of the preceding `window` points, flagged
// when |z| passes a threshold that scales with recent volatility (rule below). Kernels: rollingMeanStd.
import type { Kernels } from '../../kernels/types';
import { historyStream, type HistoryCore } from './history-stream';
import { resolveParams, scoreOf, type Detector, type DetectorParams, type DetectorResult, type ParamSpec } from './types';

export const ZSCORE_PARAMS: readonly ParamSpec[] = [
  { name: 'window', label: 'Window', default: 100, min: 2, max: 1 << 20, integer: true, help: 'preceding points the mean and std are taken over' },
  { name: 'threshold', label: 'Threshold', default: 4, min: 0.1, max: 100, help: '|z| above this (times the volatility factor) flags a point' },
  {
    name: 'shortWindow', label: 'Recent window', default: 20, min: 2, max: 1 << 20, integer: true,
    help: 'preceding points whose std measures recent volatility (at most the window)',
  },
  {
    name: 'adaptLimit', label: 'Adaptation limit', default: 2, min: 1, max: 10,
    help: 'recent volatility raises the threshold up to threshold × limit; 1 turns adaptation off',
  },
];

/**
 * The adaptive threshold at a point: threshold × clamp(sqrt(σ_recent / σ_window), 1, limit), with
 * σ_recent the std of the `shortWindow` preceding points and σ_window that of the z window; recent
 * turbulence (σ_recent > σ_window) raises the bar, so a burst of noise or the points right after a
 * level shift are not a run of flags; a calm stretch leaves it at the base threshold (lowering it
 * there flagged ordinary noise: a 20-point std is itself noisy). Factor 1 when either std is
 * undefined (fewer than 2 finite points) or σ_window is 0.
 */
export function adaptiveThreshold(threshold: number, limit: number, stdRecent: number, stdWindow: number): number {
  if (!(stdWindow > 0) || Number.isNaN(stdRecent)) return threshold;
  const factor = Math.sqrt(stdRecent / stdWindow);
  return threshold * Math.min(limit, Math.max(1, factor));
}

/**
 * Rolling kernels re-derive their sums at positions counted from the start of each call, so the
 * detector calls them on periods aligned to absolute indices (each with its window of history in
 * front): a point's result depends only on its window and its index, never on how data was chunked.
 */
const periodOf = (window: number): number => Math.max(4096, 4 * window);

/** A point is judged once its window holds this many finite points (fewer give a wild std). */
export const warmUpPoints = (window: number): number => Math.max(2, Math.ceil(window / 2));

/**
 * Scores one point: NaN is missing (score 0); ±Infinity is beyond every threshold (score 1) once
 * the window has 2 finite points; a constant window (std 0) puts every other value infinitely far.
 */
function scorePoint(x: number, mean: number, std: number, thr: number, out: DetectorResult, j: number): void {
  if (Number.isNaN(x) || Number.isNaN(mean)) return;
  const dx = x - mean;
  const z = Number.isFinite(x) ? (std === 0 ? (dx === 0 ? 0 : dx / 0) : dx / std) : x;
  out.raw![j] = z;
  const s = scoreOf(Math.abs(z), thr);
  out.score[j] = s;
  out.flag[j] = s > 0.5 ? 1 : 0;
}

function zscoreCore(params: DetectorParams, kernels: Kernels): HistoryCore {
  const window = params.window;
  const shortWindow = Math.min(params.shortWindow, window);
  const period = periodOf(window);
  const warmUp = warmUpPoints(window);
  return {
    historyStart: (pos) => Math.max(0, Math.floor(pos / period) * period - window),
    score(v, first, origin) {
      const n = v.length - first;
      const out: DetectorResult = { score: new Float64Array(n), flag: new Uint8Array(n), raw: new Float64Array(n).fill(NaN) };
      const callMax = window + period;
      const mean = new Float64Array(callMax);
      const std = new Float64Array(callMax);
      const shortMean = new Float64Array(callMax);
      const shortStd = new Float64Array(callMax);
      const end = origin + v.length;
      for (let p = Math.floor((origin + first) / period) * period; p < end; p += period) {
        const from = Math.max(0, p - window); // absolute start of this period's call
        const to = Math.min(end, p + period);
        const seg = v.subarray(from - origin, to - origin);
        kernels.rollingMeanStd(seg, window, mean, std);
        const sFrom = Math.max(0, p - shortWindow);
        kernels.rollingMeanStd(v.subarray(sFrom - origin, to - origin), shortWindow, shortMean, shortStd);
        const start = Math.max(p, origin + first);
        let finite = 0; // finite points in the window of `start`
        for (let i = Math.max(from, start - window); i < start; i++) finite += Number.isFinite(v[i - origin]) ? 1 : 0;
        for (let i = start; i < to; i++) {
          if (i > start) {
            finite += Number.isFinite(v[i - 1 - origin]) ? 1 : 0;
            if (i - 1 - window >= from) finite -= Number.isFinite(v[i - 1 - window - origin]) ? 1 : 0;
          }
          if (finite < warmUp) continue;
          const k = i - from;
          const thr = adaptiveThreshold(params.threshold, params.adaptLimit, shortStd[i - sFrom], std[k]);
          scorePoint(v[i - origin], mean[k], std[k], thr, out, i - origin - first);
        }
      }
      return out;
    },
  };
}

export const zscoreDetector: Detector = {
  name: 'zscore',
  label: 'Adaptive z-score (rolling mean / std)',
  family: 'statistical',
  params: ZSCORE_PARAMS,
  detect(series, params, kernels) {
    return zscoreCore(resolveParams(ZSCORE_PARAMS, params), kernels).score(series.v, 0, 0);
  },
  stream(params, kernels) {
    return historyStream(zscoreCore(resolveParams(ZSCORE_PARAMS, params), kernels));
  },
};
