// Regular time grids for the seasonal and correlation detectors: the median sampling step of a series
// and per-bin means on a grid (NaN where a bin has no finite value), for one series or several aligned.
import type { SeriesPoints } from './types';

/** Steps looked at when estimating the median step (the first ones: the estimate never looks ahead). */
export const STEP_SAMPLE = 65_536;

/** Median of the positive gaps between consecutive finite times among the first STEP_SAMPLE; NaN if none. */
export function medianStep(t: Float64Array): number {
  const gaps = new Float64Array(Math.min(STEP_SAMPLE, t.length));
  let count = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let prev = NaN;
  for (let i = 0; i < t.length && count < STEP_SAMPLE; i++) {
    const x = t[i];
    if (!Number.isFinite(x)) continue;
    if (x > prev) {
      const gap = x - prev;
      gaps[count++] = gap;
      if (gap < lo) lo = gap;
      if (gap > hi) hi = gap;
    }
    prev = x;
  }
  if (count === 0) return NaN;
  // A regular series (every gap the same) needs no sort.
  if (lo === hi) return lo;
  return gaps.subarray(0, count).sort()[count >> 1];
}

/**
 * Bin means of the points with t0 <= t < t0 + bins · step into out[0, bins); NaN for empty bins. Points
 * in time order are summed as a run per bin (the mean written when the bin changes); at the first point
 * that goes back to an earlier bin it starts over with a sum and a count per bin. A series sampled on
 * the grid (point i in bin i) is copied first, in one pass (onGridMeans).
 */
export function gridMeans(s: SeriesPoints, t0: number, step: number, bins: number, out: Float64Array): void {
  const inv = 1 / step;
  if (onGridMeans(s, t0, inv, bins, out)) return;
  out.fill(NaN, 0, bins);
  let count: Uint32Array | null = null;
  let bin = -1;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < s.t.length; i++) {
    const b = Math.floor((s.t[i] - t0) * inv);
    if (!(b >= 0)) continue;
    if (b >= bins) break;
    const x = s.v[i];
    if (!Number.isFinite(x)) continue;
    if (count) {
      out[b] += x;
      count[b]++;
      continue;
    }
    if (b < bin) {
      count = new Uint32Array(bins);
      out.fill(0, 0, bins);
      i = -1;
      continue;
    }
    if (b > bin) {
      if (n > 0) out[bin] = sum / n;
      bin = b;
      sum = 0;
      n = 0;
    }
    sum += x;
    n++;
  }
  if (count) for (let b = 0; b < bins; b++) out[b] = count[b] > 0 ? out[b] / count[b] : NaN;
  else if (n > 0) out[bin] = sum / n;
}

/**
 * gridMeans for a series whose point i falls in bin i, for every i (one sampled on the grid): each bin
 * holds one point, so its mean is the value itself (NaN if not finite, 0 for −0). False, with out
 * partly written, as soon as a point falls elsewhere.
 */
function onGridMeans(s: SeriesPoints, t0: number, inv: number, bins: number, out: Float64Array): boolean {
  const { t, v } = s;
  if (t.length > bins) return false;
  for (let i = 0; i < t.length; i++) {
    if (Math.floor((t[i] - t0) * inv) !== i) return false;
    const x = v[i];
    out[i] = x - x === 0 ? 0 + x : NaN; // 0 + x: −0 becomes 0, as in a bin's sum
  }
  out.fill(NaN, t.length, bins);
  return true;
}

/** Several series on one regular grid. */
export interface AlignedGrid {
  /** Start of bin 0 (ms). */
  t0: number;
  /** Bin width (ms). */
  step: number;
  /** Bin means per series, in input order (NaN where a series has no point in a bin). */
  columns: Float64Array[];
}

/** Default cap on grid bins; a longer time range gets a proportionally wider step. */
export const MAX_GRID_BINS = 4_000_000;

/**
 * Aligns series on one grid: step = the largest median step among them (widened so the grid has at
 * most maxBins bins), spanning from the earliest to the latest finite time of any of them.
 */
export function alignSeries(series: readonly SeriesPoints[], maxBins = MAX_GRID_BINS): AlignedGrid {
  let t0 = Infinity;
  let t1 = -Infinity;
  let step = NaN;
  for (const s of series) {
    const first = s.t.findIndex((x) => Number.isFinite(x));
    const last = s.t.findLastIndex((x) => Number.isFinite(x));
    if (first < 0) continue;
    t0 = Math.min(t0, s.t[first]);
    t1 = Math.max(t1, s.t[last]);
    const m = medianStep(s.t);
    if (m > 0) step = Number.isNaN(step) ? m : Math.max(step, m);
  }
  if (!(t1 >= t0)) return { t0: 0, step: 1, columns: series.map(() => new Float64Array(0)) };
  if (!(step > 0)) step = 1;
  step = Math.max(step, (t1 - t0) / (maxBins - 1));
  const bins = Math.floor((t1 - t0) / step) + 1;
  const columns = series.map((s) => {
    const column = new Float64Array(bins);
    gridMeans(s, t0, step, bins, column);
    return column;
  });
  return { t0, step, columns };
}
