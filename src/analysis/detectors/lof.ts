// Local Outlier Factor detector: per-point features of one series (features.ts), novelty LOF against
// the trailing training window refitted every `refit` points (features-fit.ts), mapped with scoreOf so
// that LOF = threshold scores 0.5. Also runs over several aligned series for the ensemble.
import type { Kernels } from '../../kernels/types';
import { distinctRows } from './distinct-rows';
import type { FitScore } from './features-fit';
import { FEATURE_PARAMS, mlAligned, mlDetector, type MlModel } from './features-detector';
import { scoreOf, type Detector, type DetectorParams, type DetectorResult, type ParamSpec } from './types';

export const LOF_PARAMS: readonly ParamSpec[] = [
  ...FEATURE_PARAMS,
  { name: 'k', label: 'Neighbours', default: 20, min: 1, max: 256, integer: true, help: "nearest neighbours (k) of each point, at most a quarter of the training window's distinct points" },
  { name: 'threshold', label: 'Threshold', default: 4, min: 1.01, max: 100, help: 'LOF above this flags a point (about 1 inside a cluster)' },
];

/** LOF → [0, 1]: scoreOf(LOF - 1, threshold - 1), so LOF <= 1 scores 0 and LOF = threshold scores 0.5. */
export const lofScore = (lof: number, threshold: number): number => scoreOf(lof - 1, threshold - 1);

/** k is at most the distinct training rows over this, so neighbourhoods stay local, not the whole set. */
const K_SHARE = 4;

/**
 * LOF is fitted on the distinct training rows (distinct-rows.ts: on a quantized metric the repeats
 * would make every density the 1e-10 clamp) with k at most a quarter of them (a quantized window can
 * hold a dozen distinct rows; with k near that every neighbourhood is the whole set and LOF is 1
 * everywhere). On continuous data the distinct rows are all the rows, and 1024 of them keep k = 20.
 * A training window that repeats one row only (a flat stretch) is fitted as it is, so any other point
 * stands out.
 */
function lofFitScore(k: number, kernels: Kernels): FitScore {
  return (train, query, _model, out) => {
    const distinct = distinctRows(train);
    if (distinct.rows < 2) kernels.localOutlierFactorNovelty(train, query, { k }, out);
    else kernels.localOutlierFactorNovelty(distinct, query, { k: Math.min(k, Math.max(1, Math.floor(distinct.rows / K_SHARE))) }, out);
  };
}

const lof: MlModel = {
  fitScore: (params, kernels) => lofFitScore(params.k, kernels),
  toScore: (params) => (raw) => lofScore(raw, params.threshold),
};

export const lofDetector: Detector = mlDetector({ name: 'lof', label: 'Local Outlier Factor', params: LOF_PARAMS }, lof);

/** LOF over several series aligned on the same timestamps (row i: every series' value at i), one score per row. */
export function lofAligned(columns: readonly Float64Array[], params: DetectorParams, kernels: Kernels): DetectorResult {
  return mlAligned(lof, columns, params, kernels);
}
