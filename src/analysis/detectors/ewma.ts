// EWMA deviation detector: each point against the exponentially weighted mean and variance of the
// points before it, in σ (kernel: ewmaDeviation); the stream carries the kernel state, so chunks equal batch.
import { EWMA_STATE_LENGTH, type EwmaOptions } from '../../kernels/ewma-types';
import type { Kernels } from '../../kernels/types';
import { resolveParams, scoreOf, type Detector, type DetectorParams, type DetectorResult, type DetectorStream, type ParamSpec } from './types';

export const EWMA_PARAMS: readonly ParamSpec[] = [
  {
    name: 'halfLife', label: 'Half-life', default: 20, min: 0.5, max: 1e6,
    help: 'points after which a value weighs half as much in the mean and variance (α = 1 − 2^(−1/half-life))',
  },
  { name: 'threshold', label: 'Threshold', default: 4.5, min: 0.1, max: 100, help: 'deviation from the EWMA, in its σ, that flags a point' },
];

/** α of a half-life h: the weight 1 − α decays to one half over h points. */
export const alphaOf = (halfLife: number): number => 1 - 2 ** (-1 / halfLife);

/**
 * Kernel options: points are judged once 2 half-lives of finite points (at least 4) were absorbed,
 * so the variance has seen enough to mean something. NaN is missing (score 0); ±Infinity scores 1
 * once warm; neither enters the state. A constant run (variance 0) gives every other value score 1.
 */
export function ewmaOptions(params: DetectorParams): EwmaOptions {
  return { alpha: alphaOf(params.halfLife), warmUp: Math.max(4, Math.ceil(2 * params.halfLife)), threshold: params.threshold };
}

/** Scores a chunk from `state` (advanced past it). */
function scoreChunk(v: Float64Array, opts: EwmaOptions, state: Float64Array, kernels: Kernels): DetectorResult {
  const n = v.length;
  const raw = new Float64Array(n);
  const flag = new Uint8Array(n); // the kernel's flags land here first; the loop below rewrites them from the score
  kernels.ewmaDeviation(v, 0, opts, state, raw, flag);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = scoreOf(Math.abs(raw[i]), opts.threshold);
    score[i] = s;
    flag[i] = s > 0.5 ? 1 : 0;
  }
  return { score, flag, raw };
}

function ewmaStream(params: DetectorParams, kernels: Kernels): DetectorStream {
  const opts = ewmaOptions(resolveParams(EWMA_PARAMS, params));
  const state = new Float64Array(EWMA_STATE_LENGTH); // state after the points pushed so far
  return { push: (chunk) => scoreChunk(chunk.v, opts, state, kernels) };
}

export const ewmaDetector: Detector = {
  name: 'ewma',
  label: 'EWMA deviation (moving average)',
  family: 'statistical',
  params: EWMA_PARAMS,
  detect(series, params, kernels) {
    const opts = ewmaOptions(resolveParams(EWMA_PARAMS, params));
    return scoreChunk(series.v, opts, new Float64Array(EWMA_STATE_LENGTH), kernels);
  },
  stream: ewmaStream,
};
