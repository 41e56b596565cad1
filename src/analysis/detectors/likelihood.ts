// Anomaly-likelihood detector (after HTM): recent mean surprise (prediction error, optionally pattern
// novelty) vs its long-run Gaussian; a value, level or seasonal offset beyond its range scores 1; alarms
// rest. The model runs in the likelihood kernel (assembly/likelihood.ts; twin: test/reference/likelihood.ts).

import type { LikelihoodConfig } from '../../kernels/likelihood-types';
import { newLikelihoodState } from '../../kernels/likelihood-state';
import type { Kernels } from '../../kernels/types';
import type { Detector, DetectorParams, DetectorResult, DetectorStream, ParamSpec, SeriesPoints } from './types';

export const LIKELIHOOD_PARAMS: readonly ParamSpec[] = [
  { name: 'learning', label: 'Learning period', default: 300, min: 10, max: 1 << 20, integer: true, help: 'points the model only learns from before it scores (about a day at 5-minute steps)' },
  { name: 'history', label: 'History', default: 8640, min: 100, max: 1 << 20, integer: true, help: 'recent averaged surprises the long-run distribution is estimated over' },
  { name: 'averaging', label: 'Averaging window', default: 10, min: 1, max: 1000, integer: true, help: 'surprises averaged before they are judged' },
  { name: 'halfLife', label: 'Prediction half-life', default: 3, min: 0.5, max: 1 << 20, help: 'points over which the predicted level forgets (EWMA)' },
  { name: 'scaleHalfLife', label: 'Error-scale half-life', default: 300, min: 1, max: 1 << 20, help: 'points over which the typical prediction error forgets' },
  { name: 'errorCap', label: 'Surprise cap', default: 12, min: 0.1, max: 1000, help: 'an error this many typical errors away is full surprise (1)' },
  { name: 'seasonal', label: 'Daily and weekly forecasts', default: 1, min: 0, max: 1, integer: true, help: '1: a value is only surprising if the same time a day and a week ago do not explain it either' },
  { name: 'restShare', label: 'Rest period (share of learning)', default: 0.2, min: 0, max: 100, help: 'after an alarm (score > 0.5), scores are halved for this many learning periods (CAD OSE: a fifth)' },
  { name: 'novelty', label: 'Pattern-novelty weight', default: 0, min: 0, max: 1, help: 'share of the surprise taken from pattern novelty (unseen recent-value contexts, after CAD OSE) instead of prediction error' },
  { name: 'levels', label: 'Novelty levels', default: 8, min: 2, max: 4096, integer: true, help: 'value levels over the range seen while learning (CAD OSE: 3 bits, 8 levels)' },
  { name: 'depth', label: 'Novelty context length', default: 7, min: 1, max: 64, integer: true, help: 'contexts are the last 1..depth levels (CAD OSE: 7)' },
];

/** Half-life (points) → EWMA weight of the newest point. */
export function ewmaAlpha(halfLife: number): number {
  return 1 - Math.pow(0.5, 1 / halfLife);
}

/** The kernel's configuration from the detector's parameters. */
export function likelihoodConfig(p: DetectorParams): LikelihoodConfig {
  return {
    learning: p.learning, history: p.history, averaging: p.averaging, alpha: ewmaAlpha(p.halfLife),
    scaleAlpha: ewmaAlpha(p.scaleHalfLife), errorCap: p.errorCap, seasonal: p.seasonal !== 0,
    rest: Math.floor(p.restShare * p.learning), novelty: p.novelty, levels: p.levels, depth: p.depth,
  };
}

function likelihoodStream(params: DetectorParams, kernels: Kernels): DetectorStream {
  const state = newLikelihoodState(likelihoodConfig(params));
  return {
    push(chunk: SeriesPoints): DetectorResult {
      const n = chunk.v.length;
      const out: DetectorResult = { score: new Float64Array(n), flag: new Uint8Array(n) };
      kernels.likelihoodScore(chunk.t, chunk.v, state, out.score, out.flag);
      return out;
    },
  };
}

/**
 * Where the defaults come from. HTM's (nupic anomaly_likelihood, NAB's numenta detector): averaging 10,
 * history 8640, refits every 100, the 0.03 / 0.0003 bounds, the log scale and the 5% spatial tolerance,
 * here applied to the forecast level and the day / week offsets too (a shift never seen). Learning 300 is
 * about HTM's 288-point period; under NAB the harness sets it to the file's probationary period, as NAB's
 * HTM detector does (nab/run.ts fileLengthParams). The rest period, a fifth of learning, is CAD OSE's in
 * NAB (probationary period / 5). Pattern novelty uses CAD OSE's 8 levels and 7-long contexts.
 *
 * Honesty protocol: NAB's categories sorted by name and taken alternately make two fixed halves, tuning
 * (artificialNoAnomaly, realAWSCloudwatch: bench/nab-tuning.txt) and held-out (artificialWithAnomaly,
 * realKnownCause: bench/nab-held-out.txt). A value picked while looking at scores is picked on the tuning
 * half only (`faultline nab --data DIR --files-from bench/nab-tuning.txt`) and reported on the held-out
 * half. Earlier picks made on the whole corpus: the surprise cap 12 (among 3..50) and the two range rules;
 * rechecked on the tuning half, the cap is flat (6: 70.10, 12: 70.14, 24: 70.12) and either range rule
 * off loses 6 to 8 points. Novelty weight 0 was picked on the tuning half (0: 70.14, 0.25: 68.47,
 * 0.5: 68.86, 1: 65.96), so it is off by default. restShare 0.2 is taken from CAD, not picked (tuning
 * half: 0.1: 69.59, 0.2: 70.14, 0.5: 63.79). One configuration for every series (no per-file or
 * per-category setting).
 */
export const likelihoodDetector: Detector = {
  name: 'likelihood',
  label: 'Anomaly likelihood (surprise of recent prediction errors)',
  family: 'statistical',
  params: LIKELIHOOD_PARAMS,
  detect: (series: SeriesPoints, params: DetectorParams, kernels: Kernels) => likelihoodStream(params, kernels).push(series),
  stream: (params: DetectorParams, kernels: Kernels) => likelihoodStream(params, kernels),
};
