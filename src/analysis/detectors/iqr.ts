// IQR fence detector: distance beyond the quartiles of the preceding window in IQR units, flagged past
// Tukey's fences Q1 − k·IQR / Q3 + k·IQR (kernel rollingIqr: a sorted window; sorted blocks past 512 points).
import type { ParamSpec } from './types';
import { COMMON_SHARE_PARAM } from './common-values';
import { windowDetector } from './window-detector';

export const IQR_PARAMS: readonly ParamSpec[] = [
  { name: 'window', label: 'Window', default: 100, min: 4, max: 1 << 20, integer: true, help: 'preceding points the quartiles are taken over' },
  { name: 'threshold', label: 'Fence k', default: 3, min: 0.1, max: 100, help: 'fences at Q1 − k·IQR and Q3 + k·IQR (1.5 Tukey inner, 3 outer)' },
  COMMON_SHARE_PARAM,
];

/**
 * The score's deviation is the distance beyond Q3 (or below Q1) in IQR units, so a point on a fence
 * scores 0.5. IQR 0: the scale falls back to the IQR a normal distribution with the window's mean
 * absolute deviation would have; a window of one value gives every other value score 1. NaN is missing
 * (score 0), ±Infinity scores 1; neither joins the window; judged once half the window is finite. A
 * flagged point with `commonShare` of its window near it is cleared (common-values.ts, quantized metrics).
 */
export const iqrDetector = windowDetector({
  name: 'iqr',
  label: 'IQR fences (rolling quartiles)',
  params: IQR_PARAMS,
  kernel: (kernels, v, first, window, minCount, threshold, raw) =>
    kernels.rollingIqr(v, first, { window, minCount, threshold }, raw, new Uint8Array(raw.length)),
});
