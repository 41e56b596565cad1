// The `correlation` detector: series aligned on a common grid, rolling Pearson r per pair (kernel), each
// pair against its own baseline (EWMA of Fisher z, lagged one window); breaks scored per series.
import type { Kernels } from '../../kernels/types';
import { alignSeries, type AlignedGrid } from './align';
import {
  scoreOf, type DetectorParams, type DetectorResult, type MultiSeriesDetector, type ParamSpec, type SeriesPoints,
} from './types';

export { correlationGroups, correlationMatrix } from './correlation-matrix';

const params: readonly ParamSpec[] = [
  {
    name: 'window', label: 'Window (grid points)', default: 60, min: 4, max: 100_000, integer: true,
    help: 'Points of the common grid each rolling correlation spans.',
  },
  {
    name: 'baselineWindows', label: 'Baseline memory (windows)', default: 10, min: 1, max: 1000,
    help: "Span of the EWMA that is each pair's baseline correlation, in windows (it lags one window).",
  },
  {
    name: 'threshold', label: 'Threshold (σ of Fisher z)', default: 4, min: 0.5, max: 50,
    help: "Departure of r's Fisher z from the pair's baseline, in the pair's robust σ of z (at least 1/√(window − 3)), that scores 0.5.",
  },
  {
    name: 'minBaseline', label: 'Minimum baseline |r|', default: 0.5, min: 0, max: 0.99,
    help: 'Only pairs whose baseline |r| is at least this are judged (unrelated pairs cannot break).',
  },
];

/** One stretch where a pair's correlation left its baseline. */
export interface CorrelationBreak {
  /** Indices of the two series (a < b) in the input order. */
  a: number;
  b: number;
  /** First and last flagged grid bin's start / end (ms). */
  start: number;
  end: number;
  /** The pair's baseline r when the break began. */
  baselineR: number;
  /** Rolling r at the break's most deviant point. */
  breakR: number;
  /** Highest score of the break. */
  peakScore: number;
}

/** What one run over a dataset produces: the grid, per-series scores on it, and the breaks. */
export interface CorrelationAnalysis {
  grid: AlignedGrid;
  /** Per series, per grid bin: the strongest pair score / deviation (σ) involving it. */
  score: Float64Array[];
  deviation: Float64Array[];
  breaks: CorrelationBreak[];
}

/** Fisher z of r, with |r| capped at 0.9999 so perfectly correlated windows stay finite. */
const fisherZ = (r: number): number => Math.atanh(Math.max(-0.9999, Math.min(0.9999, r)));

/** Mean |deviation| → σ for Gaussian deviations (sqrt(pi / 2)). */
const MEAN_ABS_TO_SIGMA = Math.sqrt(Math.PI / 2);

/** Departures are clipped at this many σ before they update a baseline. */
const CLIP = 2;

/** σ of z from the bias-corrected EWMA of |departure|, floored at the standard error. */
function sigmaOf(spread: number, weight: number, floor: number): number {
  return weight > 0 ? Math.max(floor, (MEAN_ABS_TO_SIGMA * spread) / weight) : floor;
}

/**
 * Per-bin deviation of one pair from its baseline, in σ: the baseline is an EWMA of the Fisher z of r
 * lagged one window (bias-corrected), σ an EWMA of past |z - baseline| (autocorrelated series vary far
 * more than sampling theory says), floored at the standard error 1/√(window - 3); departures move the
 * baseline clipped at 2 σ and the spread not at all beyond the threshold, so a break is judged against
 * the pair's behaviour from before it. Judged once baselineWindows windows of r have been folded in
 * (the warm-up). Writes the baseline's Fisher z per bin into baseZ (NaN during the warm-up); uses z as scratch.
 */
function pairDeviation(r: Float64Array, p: DetectorParams, dev: Float64Array, baseZ: Float64Array, z: Float64Array): void {
  for (let i = 0; i < r.length; i++) z[i] = fisherZ(r[i]);
  const minZ = Math.atanh(p.minBaseline);
  const w = p.window;
  const alpha = 1 / (p.baselineWindows * w);
  const floor = 1 / Math.sqrt(w - 3);
  let sum = 0;
  let spread = 0;
  let weight = 0;
  let folded = 0;
  const warm = Math.ceil(p.baselineWindows * w);
  for (let i = 0; i < r.length; i++) {
    const j = i - w;
    if (j >= 0 && Number.isFinite(r[j])) {
      // Huber-style: a departure moves the baseline by at most CLIP σ (a lasting change is adopted slowly).
      const zj = z[j];
      const base = weight > 0 ? sum / weight : zj;
      const sigma = sigmaOf(spread, weight, floor);
      const d = Math.max(-CLIP * sigma, Math.min(CLIP * sigma, zj - base));
      // After the warm-up the spread learns from ordinary variation only: a break must not widen its own yardstick.
      const ordinary = folded < warm || Math.abs(zj - base) <= p.threshold * sigma;
      if (weight > 0 && ordinary) spread = (1 - alpha) * spread + alpha * Math.abs(zj - base);
      sum = (1 - alpha) * sum + alpha * (base + d);
      weight = (1 - alpha) * weight + alpha;
      folded++;
    }
    const zb = sum / weight;
    const sigma = sigmaOf(spread, weight, floor);
    baseZ[i] = folded >= warm ? zb : NaN;
    dev[i] = folded >= warm && Math.abs(zb) >= minZ && Number.isFinite(z[i]) ? Math.abs(z[i] - zb) / sigma : 0;
  }
}

/** Runs of flagged bins (gaps shorter than a window inside) as breaks of pair (a, b). */
function breaksOf(a: number, b: number, r: Float64Array, dev: Float64Array, baseZ: Float64Array, grid: AlignedGrid, p: DetectorParams): CorrelationBreak[] {
  const out: CorrelationBreak[] = [];
  let open: CorrelationBreak | null = null;
  let lastFlag = -Infinity;
  let worst = 0;
  for (let i = 0; i < dev.length; i++) {
    if (!(dev[i] > p.threshold)) continue;
    const score = scoreOf(dev[i], p.threshold);
    if (!open || i - lastFlag > p.window) {
      open = { a, b, start: grid.t0 + i * grid.step, end: 0, baselineR: Math.tanh(baseZ[i]), breakR: r[i], peakScore: score };
      out.push(open);
      worst = 0;
    }
    if (dev[i] > worst) [worst, open.breakR, open.peakScore] = [dev[i], r[i], score];
    open.end = grid.t0 + (i + 1) * grid.step;
    lastFlag = i;
  }
  return out;
}

/** The whole correlation analysis of a dataset's series (params complete; see the detector below). */
export function analyseCorrelation(series: readonly SeriesPoints[], p: DetectorParams, kernels: Kernels): CorrelationAnalysis {
  const grid = alignSeries(series);
  const bins = grid.columns[0]?.length ?? 0;
  const score = series.map(() => new Float64Array(bins));
  const deviation = series.map(() => new Float64Array(bins));
  const breaks: CorrelationBreak[] = [];
  const r = new Float64Array(bins);
  const dev = new Float64Array(bins);
  const baseZ = new Float64Array(bins);
  const z = new Float64Array(bins);
  for (let a = 0; a < series.length; a++) {
    for (let b = a + 1; b < series.length; b++) {
      kernels.rollingPearson(grid.columns[a], grid.columns[b], p.window, r);
      pairDeviation(r, p, dev, baseZ, z);
      for (let i = 0; i < bins; i++) {
        const d = dev[i];
        if (!(d > 0)) continue;
        for (const k of [a, b]) {
          if (d > deviation[k][i]) {
            deviation[k][i] = d;
            score[k][i] = scoreOf(d, p.threshold);
          }
        }
      }
      breaks.push(...breaksOf(a, b, r, dev, baseZ, grid, p));
    }
  }
  breaks.sort((x, y) => x.start - y.start || x.a - y.a || x.b - y.b);
  return { grid, score, deviation, breaks };
}

/**
 * What a detectMany call found besides the per-series results — the grid and the per-pair breaks — keyed
 * by its first result object, so the run's report (and a cached result reused later) gets them without
 * running the rolling analysis again.
 */
const companions = new WeakMap<DetectorResult, { grid: AlignedGrid; breaks: readonly CorrelationBreak[] }>();

/** The grid and per-pair breaks of the detectMany call that returned `first` as its first result. */
export function correlationCompanion(first: DetectorResult): { grid: AlignedGrid; breaks: readonly CorrelationBreak[] } | undefined {
  return companions.get(first);
}

/** Grid scores mapped back onto one series' own points (each point takes its grid bin's value). */
function onPoints(s: SeriesPoints, grid: AlignedGrid, score: Float64Array, deviation: Float64Array): DetectorResult {
  const n = s.t.length;
  const out = { score: new Float64Array(n), flag: new Uint8Array(n), raw: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const bin = Math.floor((s.t[i] - grid.t0) / grid.step);
    if (!(bin >= 0 && bin < score.length)) continue;
    out.score[i] = score[bin];
    out.raw[i] = deviation[bin];
    out.flag[i] = score[bin] > 0.5 ? 1 : 0;
  }
  return out;
}

/** Correlation breaks of a dataset, with the pair, time range, baseline r and r during the break. */
export function correlationBreaks(series: readonly SeriesPoints[], p: DetectorParams, kernels: Kernels): CorrelationBreak[] {
  return analyseCorrelation(series, p, kernels).breaks;
}

/**
 * Per series: the strongest break among the pairs it belongs to, per point (its grid bin). The grid
 * step is the largest median sampling step of the series; a pair is judged once its baseline has seen
 * baselineWindows windows of correlations, and only when the baseline |r| >= minBaseline.
 */
export const correlationDetector: MultiSeriesDetector = {
  name: 'correlation',
  label: 'Correlation breaks (rolling Pearson)',
  family: 'statistical',
  params,
  detectMany(series, p, kernels) {
    const { grid, score, deviation, breaks } = analyseCorrelation(series, p, kernels);
    const results = series.map((s, k) => onPoints(s, grid, score[k], deviation[k]));
    if (results.length) companions.set(results[0], { grid, breaks });
    return { series: results };
  },
};
