// Adaptive z-score detector: z against the rolling mean/std of the preceding `window` points, flagged
// when |z| passes a threshold that scales with recent volatility (rule below). Kernel: adaptiveZScore.
import { ADAPTIVE_Z_STATE_LENGTH, type AdaptiveZOptions } from '../../kernels/adaptive-z-types';
import type { Kernels } from '../../kernels/types';
import {
  resolveParams, type Detector, type DetectorParams, type DetectorResult, type DetectorStream, type ParamSpec, type SeriesPoints,
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

/*
 * The adaptive threshold at a point (the kernel's rule; twin: test/reference/adaptive-z.ts):
 * threshold × clamp(sqrt(σ_recent / σ_window), 1, limit), with σ_recent the std of the `shortWindow`
 * preceding points and σ_window that of the z window; recent turbulence (σ_recent > σ_window) raises
 * the bar, so a burst of noise or the points right after a level shift are not a run of flags; a calm
 * stretch leaves it at the base threshold (lowering it there flagged ordinary noise: a 20-point std is
 * itself noisy). Factor 1 when either std is undefined (fewer than 2 finite points) or σ_window is 0.
 */

/**
 * The rolling sums are re-derived exactly (two passes) at absolute indices that are multiples of the
 * period and carried point by point in between, so a point's result depends only on its window and its
 * index, never on how the data was chunked.
 */
const periodOf = (window: number): number => Math.max(4096, 4 * window);

/** A point is judged once its window holds this many finite points (fewer give a wild std). */
export const warmUpPoints = (window: number): number => Math.max(2, Math.ceil(window / 2));

/** The kernel's options for resolved detector parameters (the recent window at most the window). */
export function adaptiveZOptions(params: DetectorParams): AdaptiveZOptions {
  const window = params.window;
  return {
    window, shortWindow: Math.min(params.shortWindow, window), threshold: params.threshold, adaptLimit: params.adaptLimit,
    period: periodOf(window), warmUp: warmUpPoints(window),
  };
}

/**
 * Scores consecutive chunks of a series (kernel: adaptiveZScore, whose state carries both rolling
 * windows' sums and counts and the position): the last window + 1 values are kept as the next
 * chunk's history, so each point costs the same whether it comes alone or in a batch. NaN is missing
 * (score 0); ±Infinity is beyond every threshold (score 1) once warm; a constant window (std 0) puts
 * every other value infinitely far.
 */
function zscoreScorer(params: DetectorParams, kernels: Kernels): DetectorStream {
  const window = params.window;
  const opts = adaptiveZOptions(params);
  const state = new Float64Array(ADAPTIVE_Z_STATE_LENGTH);
  let history = new Float64Array(0); // the window + 1 values before the next chunk
  return {
    push(chunk: SeriesPoints): DetectorResult {
      const n = chunk.v.length;
      const out: DetectorResult = { score: new Float64Array(n), flag: new Uint8Array(n), raw: new Float64Array(n) };
      if (n === 0) return out;
      // The first chunk is read in place: a copy of a long series costs as much as the scoring (fresh pages).
      let all = chunk.v;
      if (history.length > 0) {
        all = new Float64Array(history.length + n);
        all.set(history);
        all.set(chunk.v, history.length);
      }
      const first = history.length;
      kernels.adaptiveZScore(all, first, opts, state, out.raw!, out.score, out.flag);
      unflagCommonValues(all, first, window, params.commonShare, out);
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
