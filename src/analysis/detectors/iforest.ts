// Isolation Forest detector: per-point features of one series (features.ts), a seeded forest refitted
// on the trailing window (features-fit.ts), and the native score s = 2^(-E[h]/c(ψ)) mapped so that
// s = threshold scores 0.5. Also runs over several aligned series for the ensemble.
import type { Kernels } from '../../kernels/types';
import { FEATURE_PARAMS, mlAligned, mlDetector, type MlModel } from './features-detector';
import type { Detector, DetectorParams, DetectorResult, ParamSpec } from './types';

export const IFOREST_PARAMS: readonly ParamSpec[] = [
  ...FEATURE_PARAMS,
  { name: 'trees', label: 'Trees', default: 100, min: 1, max: 1000, integer: true, help: 'isolation trees per model' },
  { name: 'sampleSize', label: 'Subsample', default: 256, min: 2, max: 4096, integer: true, help: 'training points drawn for each tree (ψ)' },
  { name: 'seed', label: 'Seed', default: 1, min: 0, max: 2 ** 32 - 1, integer: true, help: 'seed of the random trees (same seed, same result)' },
  { name: 'threshold', label: 'Threshold', default: 0.65, min: 0.5, max: 0.99, help: 'isolation score s above this flags a point (s near 1: isolated quickly)' },
];

/**
 * Piecewise-linear map of the isolation score s ∈ (0, 1] to [0, 1] with threshold t → 0.5:
 * 0.5 · s / t below t, 0.5 + 0.5 · (s - t) / (1 - t) above.
 */
export function isolationScore(s: number, t: number): number {
  if (!(s > 0)) return 0;
  if (s <= t) return (0.5 * s) / t;
  return Math.min(1, 0.5 + (0.5 * (s - t)) / (1 - t));
}

/** Model number m is fitted with seed (seed + m) mod 2^32: every refit draws other trees, deterministically. */
const forest: MlModel = {
  fitScore: (params, kernels) => (train, query, model, out) =>
    kernels.isolationForest(train, query, { trees: params.trees, sampleSize: params.sampleSize, seed: (params.seed + model) % 2 ** 32 }, out),
  toScore: (params) => (s) => isolationScore(s, params.threshold),
};

export const iforestDetector: Detector = mlDetector({ name: 'iforest', label: 'Isolation Forest', params: IFOREST_PARAMS }, forest);

/**
 * Isolation Forest over several series aligned on the same timestamps: row i holds every series' value
 * at i (standardised per model), fitted and refitted as the series detector (IFOREST_PARAMS; `window`
 * is not used). One score per row.
 */
export function isolationForestAligned(columns: readonly Float64Array[], params: DetectorParams, kernels: Kernels): DetectorResult {
  return mlAligned(forest, columns, params, kernels);
}
