// Adaptive z-score detector: z against the rolling mean/std of the preceding `window` points, flagged
// when |z| passes a threshold that scales with recent volatility (rule below). Kernels: rollingMeanStdCarry.
import { ROLLING_STATE_LENGTH } from '../../kernels/rolling';
import type { Kernels } from '../../kernels/types';
import {
  resolveParams, scoreOf, type Detector, type DetectorParams, type DetectorResult, type DetectorStream, type ParamSpec, type SeriesPoints,
} from './types';
import { COMMON_SHARE_PARAM, unflagCommonValues } from './common-values';

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
  COMMON_SHARE_PARAM,
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
 * The rolling sums are re-derived exactly (rollingMeanStdCarry with a fresh state) at absolute indices
 * that are multiples of the period and carried point by point in between, so a point's result depends
 * only on its window and its index, never on how the data was chunked.
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

/**
 * Scores consecutive chunks of a series: carries the last window + 1 values, both rolling states and
 * the window's finite count, so each point costs the same whether it comes alone or in a batch.
 */
function zscoreScorer(params: DetectorParams, kernels: Kernels): DetectorStream {
  const window = params.window;
  const shortWindow = Math.min(params.shortWindow, window);
  const period = periodOf(window);
  const warmUp = warmUpPoints(window);
  const longState = new Float64Array(ROLLING_STATE_LENGTH);
  const shortState = new Float64Array(ROLLING_STATE_LENGTH);
  let history = new Float64Array(0); // the window + 1 values before `pos`
  let pos = 0; // absolute index of the next value
  let finite = 0; // finite values among the `window` before `pos`
  return {
    push(chunk: SeriesPoints): DetectorResult {
      const n = chunk.v.length;
      const out: DetectorResult = { score: new Float64Array(n), flag: new Uint8Array(n), raw: new Float64Array(n).fill(NaN) };
      if (n === 0) return out;
      // The first chunk is read in place: a copy of a long series costs as much as the scoring (fresh pages).
      let all = chunk.v;
      if (history.length > 0) {
        all = new Float64Array(history.length + n);
        all.set(history);
        all.set(chunk.v, history.length);
      }
      const base = pos - history.length; // absolute index of all[0]
      const most = Math.min(n, period);
      const mean = new Float64Array(most);
      const std = new Float64Array(most);
      const shortMean = new Float64Array(most);
      const shortStd = new Float64Array(most);
      for (let a = pos; a < pos + n;) {
        const p = Math.floor(a / period) * period;
        const b = Math.min(pos + n, p + period);
        if (a === p) {
          longState.fill(0);
          shortState.fill(0);
        }
        const v = all.subarray(0, b - base);
        kernels.rollingMeanStdCarry(v, a - base, window, longState, mean, std);
        kernels.rollingMeanStdCarry(v, a - base, shortWindow, shortState, shortMean, shortStd);
        for (let i = a; i < b; i++) {
          if (finite >= warmUp) {
            const thr = adaptiveThreshold(params.threshold, params.adaptLimit, shortStd[i - a], std[i - a]);
            scorePoint(all[i - base], mean[i - a], std[i - a], thr, out, i - pos);
          }
          finite += Number.isFinite(all[i - base]) ? 1 : 0;
          if (i - window >= 0) finite -= Number.isFinite(all[i - window - base]) ? 1 : 0;
        }
        a = b;
      }
      unflagCommonValues(all, pos - base, window, params.commonShare, out);
      pos += n;
      history = all.slice(Math.max(0, all.length - (window + 1)));
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
    return zscoreScorer(resolveParams(ZSCORE_PARAMS, params), kernels).push(series);
  },
  stream(params, kernels) {
    return zscoreScorer(resolveParams(ZSCORE_PARAMS, params), kernels);
  },
};
