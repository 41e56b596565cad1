// Local Outlier Factor detector: per-point features of one series (features.ts), novelty LOF against
// the trailing training window refitted every `refit` points (features-fit.ts), mapped with scoreOf so
// that LOF = threshold scores 0.5. Also runs over several aligned series for the ensemble.
import type { Kernels } from '../../kernels/types';
import { FEATURE_PARAMS, mlAligned, mlDetector, type MlModel } from './features-detector';
import { scoreOf, type Detector, type DetectorParams, type DetectorResult, type ParamSpec } from './types';

export const LOF_PARAMS: readonly ParamSpec[] = [
  ...FEATURE_PARAMS,
  { name: 'k', label: 'Neighbours', default: 20, min: 1, max: 256, integer: true, help: 'nearest neighbours (k) of each point' },
  { name: 'threshold', label: 'Threshold', default: 4, min: 1.01, max: 100, help: 'LOF above this flags a point (about 1 inside a cluster)' },
];

/** LOF → [0, 1]: scoreOf(LOF - 1, threshold - 1), so LOF <= 1 scores 0 and LOF = threshold scores 0.5. */
export const lofScore = (lof: number, threshold: number): number => scoreOf(lof - 1, threshold - 1);

const lof: MlModel = {
  fitScore: (params, kernels) => (train, query, _model, out) => kernels.localOutlierFactorNovelty(train, query, { k: params.k }, out),
  toScore: (params) => (raw) => lofScore(raw, params.threshold),
};

export const lofDetector: Detector = mlDetector({ name: 'lof', label: 'Local Outlier Factor', params: LOF_PARAMS }, lof);

/** LOF over several series aligned on the same timestamps (row i: every series' value at i), one score per row. */
export function lofAligned(columns: readonly Float64Array[], params: DetectorParams, kernels: Kernels): DetectorResult {
  return mlAligned(lof, columns, params, kernels);
}
