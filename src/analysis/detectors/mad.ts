// Robust z-score detector: |v − median| / (1.4826 · MAD) over the preceding window (kernel rollingMad,
// a sorted window); a spike or a burst of variance cannot drag the median and MAD the way it drags mean/std.
import type { ParamSpec } from './types';
import { COMMON_SHARE_PARAM } from './common-values';
import { windowDetector } from './window-detector';

export const MAD_PARAMS: readonly ParamSpec[] = [
  { name: 'window', label: 'Window', default: 100, min: 3, max: 1 << 20, integer: true, help: 'preceding points the median and MAD are taken over' },
  { name: 'threshold', label: 'Threshold', default: 5, min: 0.1, max: 100, help: 'robust |z| (MAD scaled to σ) above which a point is flagged' },
  COMMON_SHARE_PARAM,
];

/**
 * MAD 0 (more than half the window on one value): the scale falls back to 1.2533 × the mean absolute
 * deviation around the median; a window of one value gives every other value score 1. NaN is missing
 * (score 0), ±Infinity scores 1; neither joins the window; judged once half the window is finite. A
 * flagged point with `commonShare` of its window near it is cleared (common-values.ts, quantized metrics).
 */
export const madDetector = windowDetector({
  name: 'mad',
  label: 'Robust z-score (median / MAD)',
  params: MAD_PARAMS,
  kernel: (kernels, v, first, window, minCount, threshold, raw) =>
    kernels.rollingMad(v, first, { window, minCount, threshold }, raw, new Uint8Array(raw.length)),
});
