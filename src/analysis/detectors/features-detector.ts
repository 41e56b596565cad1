// The detector shell shared by the ML detectors: series → features → refitted model (features-fit.ts)
// → score in [0, 1] and flag, as a history core (history-stream.ts gives batch == stream), and over aligned series.
import type { FeatureMatrix } from '../../kernels/iforest-types';
import { alignedRows, seriesFeatures } from './features';
import { firstNeeded, scoreRefitted, type FitScore, type RefitPlan } from './features-fit';
import type { Kernels } from '../../kernels/types';
import { COMMON_SHARE_PARAM, unflagCommonValues } from './common-values';
import { historyStream, type HistoryCore } from './history-stream';
import { resolveParams, type Detector, type DetectorParams, type DetectorResult, type ParamSpec } from './types';

/**
 * Points before a flagged point that the common-values rule looks at (common-values.ts): shorter than
 * the training window, so a level shift back to where the series was a refit or two ago stays flagged
 * (over the 1024 training points it did not: Isolation Forest level-shift recall 0.96 → 0.86).
 */
export const ML_COMMON_SPAN = 256;

/** Window, training, refit and common-value parameters every ML detector takes on one series. */
export const FEATURE_PARAMS: readonly ParamSpec[] = [
  {
    name: 'window', label: 'Feature window', default: 32, min: 2, max: 4096, integer: true,
    help: 'points before each point its trailing median and MAD are taken over',
  },
  { name: 'train', label: 'Training points', default: 1024, min: 16, max: 1 << 20, integer: true, help: 'trailing points each model is fitted on' },
  { name: 'refit', label: 'Refit every', default: 512, min: 1, max: 1 << 20, integer: true, help: 'points scored by one model before it is refitted' },
  {
    ...COMMON_SHARE_PARAM,
    help: `a flag is cleared when this share of the ${ML_COMMON_SPAN} points before the run leading to the point lies near it (within 5 % of their range): the usual levels of a quantized metric; 0 keeps every flag`,
  },
];

/** Score in [0, 1] from a raw model output; 0 where raw is NaN (not judged). */
export type RawToScore = (raw: number) => number;

function resultOf(raw: Float64Array, toScore: RawToScore): DetectorResult {
  const score = new Float64Array(raw.length);
  const flag = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    if (Number.isNaN(raw[i])) continue;
    score[i] = toScore(raw[i]);
    flag[i] = score[i] > 0.5 ? 1 : 0;
  }
  return { score, flag, raw };
}

/**
 * The history core of an ML detector over one series' features; flags on the series' usual levels are
 * cleared as the window detectors clear them (commonShare of the ML_COMMON_SPAN points before).
 */
export function featureCore(
  window: number, plan: RefitPlan, fitScore: FitScore, toScore: RawToScore, commonShare: number, kernels: Kernels,
): HistoryCore {
  return {
    historyStart: (pos) => Math.max(0, Math.min(firstNeeded(pos, plan, window), pos - ML_COMMON_SPAN)),
    score(v, first, origin) {
      const rows = seriesFeatures(v, window, 0, v.length, kernels);
      const out = resultOf(scoreRefitted(rows, first, origin, plan, fitScore), toScore);
      unflagCommonValues(v, first, ML_COMMON_SPAN, commonShare, out);
      return out;
    },
  };
}

/** Runs a model over the aligned rows of several series (row i: every series' value at i), same plan. */
export function scoreAligned(columns: readonly Float64Array[], plan: RefitPlan, fitScore: FitScore, toScore: RawToScore): DetectorResult {
  const rows: FeatureMatrix = alignedRows(columns);
  return resultOf(scoreRefitted(rows, 0, 0, plan, fitScore), toScore);
}

/** What distinguishes one ML detector: its model fit/score and the raw → score map, from the params. */
export interface MlModel {
  fitScore(params: DetectorParams, kernels: Kernels): FitScore;
  toScore(params: DetectorParams): RawToScore;
}

const planOf = (params: DetectorParams): RefitPlan => ({ train: params.train, refit: params.refit });

/** A series Detector over the features of one series, fitted and refitted by the plan in the params. */
export function mlDetector(meta: Pick<Detector, 'name' | 'label' | 'params'>, model: MlModel): Detector {
  const core = (given: DetectorParams, kernels: Kernels): HistoryCore => {
    const params = resolveParams(meta.params, given);
    return featureCore(params.window, planOf(params), model.fitScore(params, kernels), model.toScore(params), params.commonShare, kernels);
  };
  return {
    ...meta,
    family: 'ml',
    detect: (series, params, kernels) => core(params, kernels).score(series.v, 0, 0),
    stream: (params, kernels) => historyStream(core(params, kernels)),
  };
}

/** The model over several aligned series (row i: every series' value at i; `window` unused), one score per row. */
export function mlAligned(model: MlModel, columns: readonly Float64Array[], params: DetectorParams, kernels: Kernels): DetectorResult {
  return scoreAligned(columns, planOf(params), model.fitScore(params, kernels), model.toScore(params));
}
