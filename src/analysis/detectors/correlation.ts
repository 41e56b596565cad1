// The `correlation` detector: series aligned on a common grid; per pair, rolling Pearson r and its
// departure from the pair's own baseline (EWMA of Fisher z, lagged one window: the pairDeviation kernel);
// breaks scored per series.
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

/** What one run over a dataset produces: the grid, per-series deviations on it, and the breaks. */
export interface CorrelationAnalysis {
  grid: AlignedGrid;
  /** Per series, per grid bin: the strongest pair deviation (σ) involving it (its score is scoreOf that). */
  deviation: Float64Array[];
  breaks: CorrelationBreak[];
}

/** The break being built per pair: open run, its last flagged bin and its largest deviation so far. */
interface OpenBreak {
  open: CorrelationBreak;
  lastFlag: number;
  worst: number;
}

/** The whole correlation analysis of a dataset's series (params complete; see the detector below). */
export function analyseCorrelation(series: readonly SeriesPoints[], p: DetectorParams, kernels: Kernels): CorrelationAnalysis {
  const grid = alignSeries(series);
  const bins = grid.columns[0]?.length ?? 0;
  const deviation = series.map(() => new Float64Array(bins));
  const breaks: CorrelationBreak[] = [];
  // A break is a run of bins beyond the threshold, with gaps up to a window inside.
  const building = new Map<number, OpenBreak>();
  const opts = { window: p.window, baselineWindows: p.baselineWindows, threshold: p.threshold, minBaseline: p.minBaseline };
  kernels.pairDeviations(grid.columns, opts, deviation, (a, b, i, dev, r, baseZ) => {
    const score = scoreOf(dev, p.threshold);
    const key = a * series.length + b;
    let run = building.get(key);
    if (!run || i - run.lastFlag > p.window) {
      run = { open: { a, b, start: grid.t0 + i * grid.step, end: 0, baselineR: Math.tanh(baseZ), breakR: r, peakScore: score }, lastFlag: i, worst: 0 };
      building.set(key, run);
      breaks.push(run.open);
    }
    if (dev > run.worst) [run.worst, run.open.breakR, run.open.peakScore] = [dev, r, score];
    run.open.end = grid.t0 + (i + 1) * grid.step;
    run.lastFlag = i;
  });
  breaks.sort((x, y) => x.start - y.start || x.a - y.a || x.b - y.b);
  return { grid, deviation, breaks };
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

/** Whether every point of t falls in the grid bin of its own index (a series sampled on the grid). */
function onGrid(t: Float64Array, grid: AlignedGrid, bins: number): boolean {
  if (t.length !== bins) return false;
  for (let i = 0; i < t.length; i++) if (Math.floor((t[i] - grid.t0) / grid.step) !== i) return false;
  return true;
}

/**
 * Grid deviations mapped back onto one series' own points (each point takes its grid bin's), scored.
 * A series sampled on the grid keeps the deviation array itself as its raw output.
 */
function onPoints(s: SeriesPoints, grid: AlignedGrid, deviation: Float64Array, threshold: number): DetectorResult {
  const n = s.t.length;
  const same = onGrid(s.t, grid, deviation.length);
  const out = { score: new Float64Array(n), flag: new Uint8Array(n), raw: same ? deviation : new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const bin = same ? i : Math.floor((s.t[i] - grid.t0) / grid.step);
    if (!(bin >= 0 && bin < deviation.length)) continue;
    const d = deviation[bin];
    if (!(d > 0)) continue;
    const score = scoreOf(d, threshold);
    out.score[i] = score;
    if (!same) out.raw[i] = d;
    out.flag[i] = score > 0.5 ? 1 : 0;
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
    const { grid, deviation, breaks } = analyseCorrelation(series, p, kernels);
    const results = series.map((s, k) => onPoints(s, grid, deviation[k], p.threshold));
    if (results.length) companions.set(results[0], { grid, breaks });
    return { series: results };
  },
};
