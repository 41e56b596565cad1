// Dominant periods of a series: autocorrelation (kernel) of the detrended series on regular grids of
// growing step (each covers 8× longer lags than the last), peaks kept by strength, prominence and harmonics.
import type { Kernels } from '../../kernels/types';
import { gridMeans, medianStep } from './align';
import type { SeriesPoints } from './types';

/** A period found in a series. */
export interface DetectedPeriod {
  /** Length of one cycle (ms): the calendar period (minute … week) within 4 % of the peak's lag, else the lag. */
  periodMs: number;
  /** The lag of the autocorrelation peak (ms) before snapping to a calendar period. */
  measuredMs: number;
  /** Autocorrelation at that lag, in (0, 1]: how much one cycle looks like the next. */
  strength: number;
}

export interface PeriodOptions {
  /** Shortest period looked for (ms); default 2 sampling steps. */
  minPeriodMs?: number;
  /** Longest period looked for (ms); default one week. Lags beyond 60 % of the series are not looked at. */
  maxPeriodMs?: number;
  /** Smallest autocorrelation a period needs (default 0.3). */
  minStrength?: number;
}

export interface PeriodReport {
  /** Median sampling step (ms) the grid started from; NaN when the series has too few points. */
  stepMs: number;
  /** Periods found, strongest first. */
  periods: DetectedPeriod[];
}

export const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Lags per grid level; a level looks for peaks in [LAGS / FACTOR, LAGS) of its own steps. */
const LAGS = 1024;
/** Step ratio between consecutive grid levels. */
const FACTOR = 8;
/** Grid points per level (the start of the series): bounds the work at LAGS × POINTS per level. */
const POINTS = 32_768;
/** A peak must rise this much above the lowest autocorrelation between half its lag and itself. */
const PROMINENCE = 0.1;
/** A multiple of an accepted period is kept only if it is this much stronger. */
const HARMONIC_GAIN = 0.05;
/** Relative tolerance when matching a lag to a multiple of another. */
const HARMONIC_TOLERANCE = 0.03;

const MINUTE = 60_000;
/** Periods telemetry repeats on; a peak within SNAP_TOLERANCE of one is taken to be it. */
const CALENDAR_PERIODS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 10080].map((m) => m * MINUTE);
const SNAP_TOLERANCE = 0.04;

/**
 * The calendar period nearest to a measured lag when within 4 %: a lag read off the autocorrelation
 * is biased by other components' slopes (a weekly pattern tilts the daily peak by ~2 %).
 */
export function calendarPeriod(ms: number): number {
  let best = ms;
  let bestError = SNAP_TOLERANCE;
  for (const p of CALENDAR_PERIODS) {
    const error = Math.abs(ms - p) / p;
    if (error <= bestError) [best, bestError] = [p, error];
  }
  return best;
}

/** Subtracts the least-squares line through the finite values (NaN stay NaN). */
function detrend(x: Float64Array): void {
  let n = 0;
  let si = 0;
  let sx = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) continue;
    n++;
    si += i;
    sx += x[i];
  }
  if (n === 0) return;
  const mi = si / n;
  const mx = sx / n;
  let cov = 0;
  let vi = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) continue;
    cov += (i - mi) * (x[i] - mx);
    vi += (i - mi) * (i - mi);
  }
  const slope = vi > 0 ? cov / vi : 0;
  for (let i = 0; i < x.length; i++) x[i] -= mx + slope * (i - mi);
}

/** Local maxima of r in [lo, hi] that pass the strength and prominence rules, lag refined by a parabola. */
function peaksOf(r: Float64Array, lo: number, hi: number, minStrength: number, points: number): { lag: number; strength: number }[] {
  const out: { lag: number; strength: number }[] = [];
  for (let k = Math.max(lo, 1); k <= hi && k + 1 < r.length; k++) {
    const [a, b, c] = [r[k - 1], r[k], r[k + 1]];
    if (!(b >= a && b > c && b >= minStrength && b > 3 / Math.sqrt(points - k))) continue;
    let low = b;
    for (let j = Math.ceil(k / 2); j < k; j++) low = Math.min(low, r[j]);
    if (!(b - low >= PROMINENCE)) continue;
    // The highest point within ±20 % of its lag (noise makes small bumps on a broad peak).
    let highest = true;
    for (let j = Math.ceil(0.8 * k); j <= Math.min(r.length - 1, Math.floor(1.2 * k)); j++) if (r[j] > b) highest = false;
    if (!highest) continue;
    const curve = a - 2 * b + c;
    const shift = curve < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / curve)) : 0;
    out.push({ lag: k + shift, strength: b });
  }
  return out;
}

/** Drops candidates that are a multiple of a stronger-or-equal shorter accepted period (or duplicates). */
function withoutHarmonics(candidates: DetectedPeriod[]): DetectedPeriod[] {
  const accepted: DetectedPeriod[] = [];
  for (const c of [...candidates].sort((a, b) => a.periodMs - b.periodMs)) {
    const harmonic = accepted.some((p) => {
      const ratio = c.periodMs / p.periodMs;
      const m = Math.round(ratio);
      return m >= 1 && Math.abs(ratio - m) <= HARMONIC_TOLERANCE * m && (m === 1 || c.strength <= p.strength + HARMONIC_GAIN);
    });
    if (!harmonic) accepted.push(c);
  }
  return accepted.sort((a, b) => b.strength - a.strength || a.periodMs - b.periodMs);
}

/**
 * The series' dominant periods: resampled to its median step (bin means, from its first point),
 * detrended, autocorrelation by the kernel; for longer lags the same on grids 8×, 64×, … coarser,
 * each over its first 32 768 grid points. Peaks need r >= minStrength, r > 3/√(points - lag), a dip of
 * 0.1 between half the lag and the lag, and must not be a weaker multiple of a shorter period found.
 */
export function detectPeriods(series: SeriesPoints, kernels: Kernels, opts: PeriodOptions = {}): PeriodReport {
  const step = medianStep(series.t);
  const first = series.t.findIndex((x) => Number.isFinite(x));
  const last = series.t.findLastIndex((x) => Number.isFinite(x));
  if (!(step > 0) || first < 0) return { stepMs: NaN, periods: [] };
  const t0 = series.t[first];
  const span = series.t[last] - t0;
  const minPeriod = opts.minPeriodMs ?? 2 * step;
  const maxPeriod = Math.min(opts.maxPeriodMs ?? WEEK_MS, 0.6 * span);
  const minStrength = opts.minStrength ?? 0.3;
  const candidates: DetectedPeriod[] = [];
  for (let level = 0, s = step; s * (level === 0 ? 2 : LAGS / FACTOR) <= maxPeriod; level++, s *= FACTOR) {
    const points = Math.min(POINTS, Math.floor(span / s) + 1);
    const hiLag = Math.min(LAGS - 1, Math.floor(0.6 * points), Math.floor(maxPeriod / s) + 1);
    const loLag = Math.max(level === 0 ? 2 : LAGS / FACTOR, Math.ceil(minPeriod / s));
    if (hiLag < loLag) continue;
    const grid = new Float64Array(points);
    gridMeans(series, t0, s, points, grid);
    detrend(grid);
    const r = new Float64Array(hiLag + 2);
    kernels.autocorrelation(grid, hiLag + 1, r);
    for (const p of peaksOf(r, loLag, hiLag, minStrength, points)) {
      const measuredMs = p.lag * s;
      const periodMs = calendarPeriod(measuredMs);
      if (periodMs >= minPeriod && periodMs <= maxPeriod * (1 + SNAP_TOLERANCE)) candidates.push({ periodMs, measuredMs, strength: p.strength });
    }
  }
  return { stepMs: step, periods: withoutHarmonics(candidates) };
}
