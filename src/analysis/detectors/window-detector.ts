// Builds a detector over a rolling-window kernel whose score at a point depends only on the finite
// values of the `window` points before it (median/MAD, IQR fences): batch, and a stream carrying the window along.
import type { Kernels } from '../../kernels/types';
import { unflagCommonValues } from './common-values';
import { historyStream, type HistoryCore } from './history-stream';
import { resolveParams, scoreOf, type Detector, type DetectorParams, type DetectorResult, type ParamSpec } from './types';

/** The kernel call: raw deviation of v[first..] (window of history before `first`), NaN = not judged. */
export type WindowKernel = (kernels: Kernels, v: Float64Array, first: number, window: number, minCount: number, threshold: number, raw: Float64Array) => void;

/** A point is judged once its window holds half the window (at least 3) finite values. */
export const windowMinCount = (window: number): number => Math.max(3, Math.ceil(window / 2));

/** Squashes raw deviations: score = scoreOf(|raw|, threshold) (NaN → 0, ±Infinity → 1), flag ⇔ score > 0.5. */
export function squash(raw: Float64Array, threshold: number): DetectorResult {
  const score = new Float64Array(raw.length);
  const flag = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const s = scoreOf(Math.abs(raw[i]), threshold);
    score[i] = s;
    flag[i] = s > 0.5 ? 1 : 0;
  }
  return { score, flag, raw };
}

function windowCore(kernel: WindowKernel, params: DetectorParams, kernels: Kernels): HistoryCore {
  const { window, threshold, commonShare } = params;
  return {
    historyStart: (pos) => Math.max(0, pos - window),
    score(v, first) {
      const raw = new Float64Array(v.length - first);
      kernel(kernels, v, first, window, windowMinCount(window), threshold, raw);
      const out = squash(raw, threshold);
      unflagCommonValues(v, first, window, commonShare, out);
      return out;
    },
  };
}

export interface WindowDetectorSpec {
  name: Detector['name'];
  label: string;
  params: readonly ParamSpec[];
  kernel: WindowKernel;
}

/** The Detector for `spec` (params must include integer `window`, `threshold` and COMMON_SHARE_PARAM). */
export function windowDetector(spec: WindowDetectorSpec): Detector {
  const core = (params: DetectorParams, kernels: Kernels) => windowCore(spec.kernel, resolveParams(spec.params, params), kernels);
  return {
    name: spec.name,
    label: spec.label,
    family: 'statistical',
    params: spec.params,
    detect: (series, params, kernels) => core(params, kernels).score(series.v, 0, 0),
    stream: (params, kernels) => historyStream(core(params, kernels)),
  };
}
