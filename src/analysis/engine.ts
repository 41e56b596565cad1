// The analysis engine behind one interface (Perfetto's EngineBase idea): the worker wraps the
// in-process implementation below; tests and the CLI call it directly. Caches series, detector output
// and detection runs (and so the chart summaries tied to those arrays, about 1 byte per point each).

import type { Kernels } from '../kernels/types';
import type { Result } from '../model/errors';
import type { Series } from '../model/series';
import { chartOf, checkChartDetector, incidentsIn, MAX_FLAGS, scoreSeries, type ChartData, type ChartRequest, type SeriesScores } from './chart';
import { runDetection, type DetectionOutcome } from './detectors/run';
import { DetectorRunCache } from './detectors/run-cache';
import type { DetectorPool } from './detectors/run-steps';
import { chartScores, configKey } from './detectors/run-chart';
import { cancelledError, type DetectionConfig, type DetectionReport, type DetectProgress, type DetectRequest, type StepProgress } from './detectors/run-types';
import type { SeriesPointResults } from './detectors/run-types';
import { scoreNabFile, type NabFileReport, type NabScoreRequest } from './nab/file-score';
import { shapesOf, type SeriesShapes, type ShapesRequest } from './series-shapes';

export interface AnalysisEngine {
  /** Downsampled data + detector output for the visible range of one series. */
  chart(req: ChartRequest): Promise<ChartData>;
  /** Every series of a dataset bucketed over one shared range (the Overview's sparklines). */
  shapes(req: ShapesRequest): Promise<SeriesShapes>;
  /**
   * Runs a detection configuration over series of a dataset (all when seriesIndices is absent),
   * reporting progress; rejects with cancelledError (run-types.ts) when cancel(runId) is called.
   */
  detect(req: DetectRequest, onProgress?: (p: DetectProgress) => void): Promise<DetectionReport>;
  cancel(runId: string): void;
  /** NAB score of a configuration's combined score on one labelled series (nab/file-score.ts). */
  nabScore(req: NabScoreRequest): Promise<Result<NabFileReport, string>>;
  /** Drops every cached array of a dataset (after deletion). */
  forget(datasetId: string): void;
}

/** Loads one series' point data (from IndexedDB in the worker, from parsed files in tests and the CLI). */
export type SeriesLoader = (datasetId: string, seriesIndex: number) => Promise<Series>;
/** How many series a dataset has (needed by detect() without seriesIndices). */
export type SeriesCounter = (datasetId: string) => Promise<number>;

export interface EngineOptions {
  /** Keep at most about this many points of series in memory (least recently charted evicted first). */
  maxCachedPoints?: number;
  /** Detector configurations kept per series. */
  maxDetectorsPerSeries?: number;
  /** Cap on flagged points returned per chart. */
  maxFlags?: number;
  seriesCount?: SeriesCounter;
  /** Detection runs kept for charts (most recent first out). */
  maxRuns?: number;
  /** Other workers that run detector steps while this one runs others (the app's analysis worker). */
  pool?: DetectorPool;
}

interface StoredRun {
  datasetId: string;
  key: string;
  outcome: DetectionOutcome;
}

interface CacheEntry {
  datasetId: string;
  series: Promise<Series>;
  /** Known once loaded; 0 until then. */
  points: number;
  scores: Map<string, SeriesScores>;
}

const DEFAULT_MAX_CACHED_POINTS = 20_000_000;

export class InProcessEngine implements AnalysisEngine {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly maxCachedPoints: number;
  private readonly maxDetectors: number;
  private readonly maxFlags: number;
  private readonly maxRuns: number;
  private readonly detectorCache = new DetectorRunCache();
  private readonly runs: StoredRun[] = [];
  private readonly cancelled = new Set<string>();

  private readonly seriesCount?: SeriesCounter;
  private readonly pool?: DetectorPool;

  constructor(
    private readonly load: SeriesLoader,
    private readonly kernels: Kernels,
    opts: EngineOptions = {},
  ) {
    this.seriesCount = opts.seriesCount;
    this.pool = opts.pool;
    this.maxCachedPoints = opts.maxCachedPoints ?? DEFAULT_MAX_CACHED_POINTS;
    this.maxDetectors = Math.max(1, opts.maxDetectorsPerSeries ?? 2);
    this.maxFlags = opts.maxFlags ?? MAX_FLAGS;
    this.maxRuns = Math.max(1, opts.maxRuns ?? 4);
  }

  async chart(req: ChartRequest): Promise<ChartData> {
    checkChartDetector(req.detector);
    const entry = this.entry(req.datasetId, req.seriesIndex);
    const series = await entry.series;
    if (req.detector.kind === 'detection') return this.detectionChart(req, req.detector.config, series);
    const detector = req.detector;
    const key = `${detector.window}:${detector.threshold}`;
    let scores = entry.scores.get(key);
    if (scores) {
      entry.scores.delete(key); // re-insert: most recently used last
    } else {
      scores = scoreSeries(this.kernels, series, detector);
      while (entry.scores.size >= this.maxDetectors) entry.scores.delete(first(entry.scores.keys()));
    }
    entry.scores.set(key, scores);
    return chartOf(this.kernels, series, scores, req, this.maxFlags);
  }

  async shapes(req: ShapesRequest): Promise<SeriesShapes> {
    if (!this.seriesCount) throw new RangeError('shapes() needs a series counter: this engine cannot count a dataset\'s series.');
    const n = await this.seriesCount(req.datasetId);
    const series = await Promise.all(Array.from({ length: n }, (_, i) => this.entry(req.datasetId, i).series));
    return shapesOf(this.kernels, series, req);
  }

  async detect(req: DetectRequest, onProgress?: (p: DetectProgress) => void): Promise<DetectionReport> {
    const { runId } = req;
    const progress = (done: number, total: number, phase: DetectProgress['phase'], within?: StepProgress): void =>
      onProgress?.({ runId, done, total, phase, ...(within ? { within } : {}) });
    const check = (): void => {
      if (this.cancelled.has(runId)) throw cancelledError(runId);
    };
    try {
      let indices = req.seriesIndices;
      if (!indices) {
        if (!this.seriesCount) throw new RangeError('detect() needs seriesIndices: this engine cannot count a dataset\'s series.');
        const n = await this.seriesCount(req.datasetId);
        indices = Array.from({ length: n }, (_, i) => i);
      }
      const series: Series[] = [];
      for (const index of indices) {
        progress(series.length, indices.length, 'loading');
        check();
        series.push(await this.entry(req.datasetId, index).series);
      }
      progress(series.length, indices.length, 'loading');
      const outcome = await runDetection(series, req.config, this.kernels, {
        seriesIndices: indices,
        cache: this.detectorCache,
        onProgress: progress,
        isCancelled: () => this.cancelled.has(runId),
        runId,
        ...(this.pool ? { pool: this.pool } : {}),
        ...(req.health ? { health: req.health } : {}),
      });
      this.keepRun({ datasetId: req.datasetId, key: configKey(req.config), outcome });
      return outcome.report;
    } finally {
      this.cancelled.delete(runId);
    }
  }

  cancel(runId: string): void {
    this.cancelled.add(runId);
    this.pool?.abort?.(); // steps in other workers stop now, not when they finish
  }

  forget(datasetId: string): void {
    for (const [key, e] of this.cache) if (e.datasetId === datasetId) this.cache.delete(key);
    for (let i = this.runs.length - 1; i >= 0; i--) if (this.runs[i].datasetId === datasetId) this.runs.splice(i, 1);
  }

  /** A chart of a detection configuration: from the latest run covering the series, else a run over it alone. */
  private async detectionChart(req: ChartRequest, config: DetectionConfig, series: Series): Promise<ChartData> {
    const { run, points } = await this.runFor(req.datasetId, req.seriesIndex, config, series);
    const data = chartOf(this.kernels, series, chartScores(points), req, this.maxFlags);
    const own = run.outcome.report.incidents.filter((x) => x.seriesIndex === req.seriesIndex);
    return { ...data, incidents: incidentsIn(own, req.t0, req.t1) };
  }

  async nabScore(req: NabScoreRequest): Promise<Result<NabFileReport, string>> {
    const series = await this.entry(req.datasetId, req.seriesIndex).series;
    const { points } = await this.runFor(req.datasetId, req.seriesIndex, req.config, series);
    return scoreNabFile(req.key, series.t, points.score, req.windows);
  }

  /** The latest run of a configuration covering the series, else a run over it alone (kept for later). */
  private async runFor(datasetId: string, seriesIndex: number, config: DetectionConfig, series: Series): Promise<{ run: StoredRun; points: SeriesPointResults }> {
    const key = configKey(config);
    const covers = (r: StoredRun): boolean =>
      r.datasetId === datasetId && r.key === key && r.outcome.points.some((p) => p.seriesIndex === seriesIndex);
    let run = this.runs.find(covers);
    if (!run) {
      const outcome = await runDetection([series], config, this.kernels, { seriesIndices: [seriesIndex], cache: this.detectorCache });
      run = { datasetId, key, outcome };
      this.keepRun(run);
    }
    const points = run.outcome.points.find((p) => p.seriesIndex === seriesIndex);
    if (!points) throw new Error(`Internal: the detection run has no results for series ${seriesIndex}.`);
    return { run, points };
  }

  /** Keeps a run for charts, newest first; a run of the same dataset and configuration replaces the older one. */
  private keepRun(run: StoredRun): void {
    const same = this.runs.findIndex((r) => r.datasetId === run.datasetId && r.key === run.key);
    if (same >= 0) {
      // A run over fewer series (one chart) must not hide a fuller run of the same configuration.
      const older = this.runs[same];
      if (older.outcome.points.length > run.outcome.points.length && run.outcome.points.length === 1) return;
      this.runs.splice(same, 1);
    }
    this.runs.unshift(run);
    this.runs.length = Math.min(this.runs.length, this.maxRuns);
  }

  /** Number of series held (for tests and diagnostics). */
  cachedSeries(): number {
    return this.cache.size;
  }

  private entry(datasetId: string, seriesIndex: number): CacheEntry {
    const key = `${datasetId}\u0000${seriesIndex}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const entry: CacheEntry = { datasetId, series: this.load(datasetId, seriesIndex), points: 0, scores: new Map() };
    this.cache.set(key, entry);
    entry.series.then(
      (s) => {
        entry.points = s.t.length;
        this.evict();
      },
      () => {
        if (this.cache.get(key) === entry) this.cache.delete(key); // let a retry load again
      },
    );
    return entry;
  }

  /** Evicts least recently used series until under budget; the most recent one always stays. */
  private evict(): void {
    let total = 0;
    for (const e of this.cache.values()) total += e.points;
    for (const [key, e] of this.cache) {
      if (total <= this.maxCachedPoints || this.cache.size <= 1) break;
      total -= e.points;
      this.cache.delete(key);
    }
  }
}

function first<T>(it: IterableIterator<T>): T {
  return it.next().value as T;
}
