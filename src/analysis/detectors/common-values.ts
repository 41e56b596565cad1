// The detectors' rule for quantized metrics: a flagged point that sits among the values of its window
// is cleared (iqr, mad and zscore take it as the parameter commonShare; iforest and lof too, over the
// 256 points before: features-detector.ts).
import { forEachFlag } from './flag-scan';
import type { DetectorResult, ParamSpec } from './types';

/** "Near" for unflagCommonValues: within this share of the window's range. */
export const NEAR_SHARE = 0.05;
/** Longer windows are looked at over their last this many values (a scan per flagged point stays bounded). */
export const COMMON_SCAN_MAX = 2048;

/** The detectors' parameter for unflagCommonValues (0 turns it off). */
export const COMMON_SHARE_PARAM: ParamSpec = {
  name: 'commonShare', label: 'Common-value share', default: 0.05, min: 0, max: 0.5,
  help: "a flag is cleared when this share of the window (its last 2048 points at most), before the run leading to the point, lies near it (within 5 % of the window's range): the usual levels of a quantized metric; 0 keeps every flag",
};

/**
 * Unflags the flagged points that sit among their window's values: at least max(3, ⌈share × w⌉) of
 * the w = min(window, COMMON_SCAN_MAX) values before the point (v[first + i] is output i) lie within
 * NEAR_SHARE of the range of their finite ones of it. On quantized metrics (CPU at 0.066, 0.068 and
 * 0.132–0.136, counts, status levels) most of a window can share one value, the quartiles and the
 * median absolute deviation collapse onto it, and every visit to another of the series' usual levels
 * would pass the fences; such a point scores 0.5, the flag line, unflagged. The near values that run up to the point
 * without a break are its own excursion and do not count: a flat one (an outage at 0, a stuck value)
 * stays flagged as long as the scale flags it; one whose values wander further than that from point
 * to point is cleared once it holds that many near values. A spike, and a value a continuous series
 * has not come near, keep their flags. Only flagged points are looked at (a few scans of their window).
 */
export function unflagCommonValues(v: Float64Array, first: number, window: number, share: number, out: DetectorResult): void {
  if (!(share > 0)) return;
  const span = Math.min(window, COMMON_SCAN_MAX);
  const need = Math.max(3, Math.ceil(share * span));
  forEachFlag(out.flag, (i) => {
    const at = first + i;
    const x = v[at];
    const from = Math.max(0, at - span);
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = from; j < at; j++) {
      const y = v[j];
      if (y - y !== 0) continue; // NaN and ±Infinity are not in the window (nor near anything below)
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    if (!(hi >= lo) || !Number.isFinite(x)) return;
    const near = NEAR_SHARE * (hi - lo);
    // The run of near values right before the point is the same excursion (a level shift, an outage,
    // a missed peak), not an earlier visit: only values before it count.
    let runStart = at;
    while (runStart > from && Math.abs(v[runStart - 1] - x) <= near) runStart--;
    let seen = 0;
    for (let j = from; j < runStart && seen < need; j++) if (Math.abs(v[j] - x) <= near) seen++;
    if (seen < need) return;
    out.flag[i] = 0;
    out.score[i] = 0.5;
  });
}
