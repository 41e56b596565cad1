// Builds a detector over a rolling-window kernel whose score at a point depends only on the finite
// values of the `window` points before it (median/MAD, IQR fences): batch, and a stream carrying the window along.
import type { Kernels } from '../../kernels/types';
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

/** "Near" for unflagCommonValues: within this share of the window's range. */
export const NEAR_SHARE = 0.05;

/** The window detectors' parameter for unflagCommonValues (0 turns it off). */
export const COMMON_SHARE_PARAM: ParamSpec = {
  name: 'commonShare', label: 'Common-value share', default: 0.05, min: 0, max: 0.5,
  help: "a flag is cleared when this share of the window lies near the point (within 5 % of the window's range): the usual levels of a quantized metric; 0 keeps every flag",
};

/**
 * Unflags the flagged points that sit among their window's values: at least max(3, ⌈share × window⌉)
 * of the `window` values before the point (v[first + i] is output i) lie within NEAR_SHARE of the
 * window's range of it. On quantized metrics (CPU at 0.066, 0.068 and 0.132–0.136, counts, status
 * levels) most of a window can share one value, the quartiles and the median absolute deviation
 * collapse onto it, and every visit to another of the series' usual levels would pass the fences;
 * such a point scores 0.5, the flag line, unflagged. An isolated point keeps its flag: a spike, the
 * first points of a level shift (until that many of them are in the window), a value a continuous
 * series has not come near. Only flagged points are looked at (two scans of their window).
 */
export function unflagCommonValues(v: Float64Array, first: number, window: number, share: number, out: DetectorResult): void {
  if (!(share > 0)) return;
  const need = Math.max(3, Math.ceil(share * window));
  for (let i = 0; i < out.flag.length; i++) {
    if (out.flag[i] === 0) continue;
    const at = first + i;
    const x = v[at];
    const from = Math.max(0, at - window);
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = from; j < at; j++) {
      const y = v[j];
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    if (!(hi >= lo) || !Number.isFinite(x)) continue;
    const near = NEAR_SHARE * (hi - lo);
    let seen = 0;
    for (let j = from; j < at && seen < need; j++) if (Math.abs(v[j] - x) <= near) seen++;
    if (seen < need) continue;
    out.flag[i] = 0;
    out.score[i] = 0.5;
  }
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
