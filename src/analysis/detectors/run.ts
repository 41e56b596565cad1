// One detection run over series: resolves the configuration's detectors and parameters, runs each
// (reusing cached results), votes, grades, merges incidents, suppresses, and scores health.

import type { Kernels } from '../../kernels/types';
import type { Series } from '../../model/series';
import { correlationReport } from './correlation-report';
import { hybrid, vote, type Combined, type Vote } from './ensemble';
import { countFlags, forEachFlag } from './flag-scan';
import { computeHealth, errorRatesOf } from './health';
import { findIncidents, MERGE_GAP_POINTS } from './incidents';
import { MULTI_SERIES_DETECTORS, SERIES_DETECTORS } from './registry';
import { DetectorRunCache } from './run-cache';
import { CHUNK_POINTS, detectInChunks, paramsFor } from './run-chunked';
import { runSteps, type DetectorPool, type Step } from './run-steps';
import {
  cancelledError,
  detectorsOf,
  severityOfCode,
  validateDetection,
  type DetectionConfig,
  type DetectionReport,
  type DetectPhase,
  type StepProgress,
  type Incident,
  type SeriesPeriods,
  type SeriesPointResults,
  type SeriesSummary,
} from './run-types';
import { detectPeriods } from './periods';
import { seasonalPlan } from './seasonal';
import { gradePoints } from './severity';
import { suppress } from './suppression';
import { resolveParams, type Detector, type DetectorName, type DetectorParams, type DetectorResult, type MultiSeriesDetector } from './types';

export interface RunOptions {
  /** Dataset index of each series (default 0, 1, ...). */
  seriesIndices?: readonly number[];
  /** Results of earlier runs to reuse (pass the same cache to every run over the same series). */
  cache?: DetectorRunCache;
  /** `within`: how far the current step is, when a long series runs in chunks (run-chunked.ts). */
  onProgress?: (done: number, total: number, phase: DetectPhase, within?: StepProgress) => void;
  /** Checked between steps; when true the run rejects with cancelledError(runId). */
  isCancelled?: () => boolean;
  runId?: string;
  /** Detectors to choose from (default: the registry). */
  registry?: { series: readonly Detector[]; multi: readonly MultiSeriesDetector[] };
  /** Other workers to run detector steps in at the same time (the app's analysis worker has one on 3+ cores). */
  pool?: DetectorPool;
  /** Extra health inputs per component (monitor.ts: error rates; SLOs: burn rates). */
  health?: { errorRates?: Record<string, number>; burnRates?: Record<string, number>; burnNotes?: Record<string, string> };
}

export interface DetectionOutcome {
  report: DetectionReport;
  /** Per-point arrays, one per series in input order. */
  points: SeriesPointResults[];
  /** Each detector's own result per series (input order), for charts and explanations. */
  perDetector: Partial<Record<DetectorName, DetectorResult>>[];
}

interface Chosen {
  detector: Detector | MultiSeriesDetector;
  params: DetectorParams;
}

/** The configuration's detectors that exist, with resolved parameters; throws RangeError listing every problem. */
export function resolveRun(config: DetectionConfig, registry: NonNullable<RunOptions['registry']>): { chosen: Chosen[]; notes: string[] } {
  const problems = validateDetection(config);
  if (problems.length) throw new RangeError(`Invalid detection configuration: ${problems.join(' ')}`);
  const notes: string[] = [];
  const chosen: Chosen[] = [];
  for (const name of detectorsOf(config)) {
    const detector = registry.series.find((d) => d.name === name) ?? registry.multi.find((d) => d.name === name);
    if (!detector) {
      notes.push(`detector ${name} is not available in this build; it was left out`);
      continue;
    }
    try {
      chosen.push({ detector, params: resolveParams(detector.params, config.params[name]) });
    } catch (e) {
      problems.push(`${name}: ${e instanceof Error ? e.message : String(e)}.`);
    }
  }
  if (problems.length) throw new RangeError(`Invalid detection parameters: ${problems.join(' ')}`);
  if (!chosen.length) throw new RangeError(`None of the chosen detectors (${detectorsOf(config).join(', ')}) is available.`);
  return { chosen, notes };
}

const isMulti = (d: Detector | MultiSeriesDetector): d is MultiSeriesDetector => 'detectMany' in d;

/** Between steps, the run lets queued messages (a cancel) through once this many ms have passed. */
const YIELD_EVERY_MS = 15;
const yieldNow = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function runDetection(
  series: readonly Series[],
  config: DetectionConfig,
  kernels: Kernels,
  opts: RunOptions = {},
): Promise<DetectionOutcome> {
  const registry = opts.registry ?? { series: SERIES_DETECTORS, multi: MULTI_SERIES_DETECTORS };
  const { chosen, notes } = resolveRun(config, registry);
  const indices = opts.seriesIndices ?? series.map((_, i) => i);
  if (indices.length !== series.length) throw new RangeError(`${series.length} series but ${indices.length} series indices.`);
  const cache = opts.cache ?? new DetectorRunCache();
  const runs = { computed: 0, reused: 0 };
  const single = chosen.filter((c) => !isMulti(c.detector));
  const multi = chosen.filter((c) => isMulti(c.detector));
  if (multi.length && series.length < 2) {
    for (const c of multi) notes.push(`${c.detector.name} compares series with each other; it needs at least 2 series and was left out`);
  }
  const runMulti = series.length >= 2 ? multi : [];
  const families = new Set(chosen.map((c) => c.detector.family));
  if (config.mode === 'hybrid' && families.size < 2) {
    notes.push(`hybrid mode gates statistical detectors with ML ones, but only ${[...families].join('')} detectors are available: their vote alone decides`);
  }
  const total = series.length * single.length + runMulti.length;
  let done = 0;
  let lastYield = performance.now();
  const step = async (within?: StepProgress): Promise<void> => {
    opts.onProgress?.(done, total, 'detecting', within);
    if (performance.now() - lastYield >= YIELD_EVERY_MS) {
      await yieldNow();
      lastYield = performance.now();
    }
    if (opts.isCancelled?.()) throw cancelledError(opts.runId ?? '');
  };

  const perDetector: Partial<Record<DetectorName, DetectorResult>>[] = series.map(() => ({}));
  const seriesNotes: string[][] = series.map(() => []);
  // Results of earlier runs: reused when found (counted), kept when computed now (counted).
  const reuse = (points: readonly Series[], name: DetectorName, params: DetectorParams): DetectorResult[] | undefined => {
    const hit = cache.get(cache.key(points, name, params));
    if (hit) runs.reused++;
    return hit;
  };
  // Kept without their raw statistic: nothing after the detectors reads it, and it is 8 of each point's
  // 17 bytes per detector, held by the run until it returns and by the cache after.
  const keep = (points: readonly Series[], name: DetectorName, params: DetectorParams, results: DetectorResult[]): DetectorResult[] => {
    for (const r of results) delete r.raw;
    runs.computed++;
    cache.set(cache.key(points, name, params), results);
    return results;
  };
  // Every detector over every series (in other workers too, given a pool), then the results in order.
  const steps: Step[] = [];
  const seriesOf: number[] = [];
  series.forEach((s, k) => {
    for (const c of single) {
      steps.push({ series: s, detector: c.detector as Detector, params: c.params });
      seriesOf.push(k);
    }
  });
  const outcomes = await runSteps(
    steps,
    {
      cached: (st) => reuse([st.series], st.detector.name, st.params)?.[0],
      local: (st, between) => detectInChunks(st.detector, st.series, st.params, kernels, between, CHUNK_POINTS, false),
      computed: (st, result) => void keep([st.series], st.detector.name, st.params, [result]),
      progress: async (stepsDone, within) => {
        done = stepsDone;
        await step(within);
      },
    },
    opts.pool,
  );
  done = steps.length;
  outcomes.forEach((o, i) => {
    const k = seriesOf[i];
    const name = steps[i].detector.name;
    if ('result' in o) {
      perDetector[k][name] = o.result;
      const { detector, series: points, params } = steps[i];
      const why = detector.note?.(points, paramsFor(detector, points, params), kernels);
      if (why) seriesNotes[k].push(why);
    } else seriesNotes[k].push(`${name} could not run: ${o.error instanceof Error ? o.error.message : String(o.error)}`);
  });
  for (const c of runMulti) {
    await step();
    try {
      const d = c.detector as MultiSeriesDetector;
      const results = reuse(series, d.name, c.params) ?? keep(series, d.name, c.params, d.detectMany(series, c.params, kernels).series);
      results.forEach((r, k) => (perDetector[k][d.name] = r));
    } catch (e) {
      notes.push(`${c.detector.name} could not run: ${e instanceof Error ? e.message : String(e)}`);
    }
    done++;
  }
  opts.onProgress?.(done, total, 'combining');

  const familyOf = new Map(chosen.map((c) => [c.detector.name, c.detector.family]));
  const points: SeriesPointResults[] = [];
  const summaries: SeriesSummary[] = [];
  let incidents: Incident[] = [];
  series.forEach((s, k) => {
    const votes: Vote[] = Object.entries(perDetector[k]).map(([name, result]) => ({
      name: name as DetectorName,
      family: familyOf.get(name as DetectorName) ?? 'statistical',
      result: result as DetectorResult,
      weight: config.weights?.[name as DetectorName] ?? 1,
    }));
    const n = s.t.length;
    const combined: Combined = config.mode === 'hybrid' ? hybrid(votes, config.voting, n) : vote(votes, config.voting, n);
    const graded = gradePoints(combined, votes.length);
    points.push({ seriesIndex: indices[k], score: combined.score, flag: combined.flag, ...graded });
    const found = findIncidents({ seriesIndex: indices[k], series: s.name, t: s.t, v: s.v, combined, votes, voting: config.voting });
    incidents = incidents.concat(found);
    summaries.push(summaryOf(s, indices[k], combined, graded.severity, votes, seriesNotes[k]));
  });
  incidents = suppress(incidents, config.suppression).sort((a, b) => a.start - b.start || a.seriesIndex - b.seriesIndex);
  summaries.forEach((sum) => {
    const own = incidents.filter((x) => x.seriesIndex === sum.seriesIndex);
    sum.suppressed = own.filter((x) => x.suppressed).length;
    sum.incidents = own.length - sum.suppressed;
  });

  opts.onProgress?.(done, total, 'health');
  // Health works on input positions; its component lists are mapped back to dataset indices.
  const position = new Map(indices.map((index, k) => [index, k]));
  const health = computeHealth({
    series,
    incidents: incidents.map((x) => ({ ...x, seriesIndex: position.get(x.seriesIndex) ?? -1 })),
    errorRates: { ...errorRatesOf(series), ...opts.health?.errorRates },
    ...(opts.health?.burnRates ? { burnRates: opts.health.burnRates, burnNotes: opts.health.burnNotes } : {}),
  });
  for (const c of health.components) c.series = c.series.map((k) => indices[k]);

  const correlation =
    multi.some((c) => c.detector.name === 'correlation') && series.length >= 2
      ? correlationReport(series, series.map((s) => s.name), indices, perDetector.every((p) => p.correlation) ? perDetector.map((p) => p.correlation as DetectorResult) : undefined, MERGE_GAP_POINTS, kernels)
      : undefined;
  // The seasonal detector's companion report: the period it used and the dominant periods of each series.
  const seasonal = chosen.find((c) => c.detector.name === 'seasonal');
  const periods: SeriesPeriods[] | undefined = seasonal
    ? series.map((s, k) => ({
        seriesIndex: indices[k],
        series: s.name,
        periodsMs: detectPeriods(s, kernels).periods.map((p) => p.periodMs),
        seasonalMs: seasonalPlan(s, paramsFor(seasonal.detector as Detector, s, seasonal.params), kernels)?.periodMs ?? null,
      }))
    : undefined;
  const report: DetectionReport = {
    config,
    detectors: chosen.map((c) => c.detector.name),
    series: summaries,
    incidents,
    health,
    runs,
    notes,
    ...(correlation ? { correlation } : {}),
    ...(periods ? { periods } : {}),
  };
  return { report, points, perDetector };
}

function summaryOf(s: Series, seriesIndex: number, c: Combined, severity: Uint8Array, votes: readonly Vote[], notes: string[]): SeriesSummary {
  let flagged = 0;
  let maxScore = 0;
  let worst = 0;
  for (let i = 0; i < c.score.length; i++) if (c.score[i] > maxScore) maxScore = c.score[i];
  // Severity is 0 where a point is not flagged.
  forEachFlag(c.flag, (i) => {
    flagged++;
    if (severity[i] > worst) worst = severity[i];
  });
  const detectorFlags: Partial<Record<DetectorName, number>> = {};
  for (const v of votes) detectorFlags[v.name] = countFlags(v.result.flag);
  return {
    seriesIndex,
    series: s.name,
    labels: s.labels,
    points: s.t.length,
    flagged,
    maxScore,
    incidents: 0,
    suppressed: 0,
    worstSeverity: severityOfCode(worst),
    detectorFlags,
    notes,
  };
}
