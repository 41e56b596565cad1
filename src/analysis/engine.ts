// The analysis engine behind one interface (Perfetto's EngineBase idea): the worker wraps the
// in-process implementation below; tests and the CLI call it directly. Caches series and detector output
// (and so the chart summaries tied to those arrays, about 1 byte per point each: chart-summary.ts).

import type { Kernels } from '../kernels/types';
import type { Series } from '../model/series';
import { chartOf, checkDetector, MAX_FLAGS, scoreSeries, type ChartData, type ChartRequest, type SeriesScores } from './chart';

export interface AnalysisEngine {
  /** Downsampled data + detector output for the visible range of one series. */
  chart(req: ChartRequest): Promise<ChartData>;
  /** Drops every cached array of a dataset (after deletion). */
  forget(datasetId: string): void;
}

/** Loads one series' point data (from IndexedDB in the worker, from parsed files in tests and the CLI). */
export type SeriesLoader = (datasetId: string, seriesIndex: number) => Promise<Series>;

export interface EngineOptions {
  /** Keep at most about this many points of series in memory (least recently charted evicted first). */
  maxCachedPoints?: number;
  /** Detector configurations kept per series. */
  maxDetectorsPerSeries?: number;
  /** Cap on flagged points returned per chart. */
  maxFlags?: number;
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

  constructor(
    private readonly load: SeriesLoader,
    private readonly kernels: Kernels,
    opts: EngineOptions = {},
  ) {
    this.maxCachedPoints = opts.maxCachedPoints ?? DEFAULT_MAX_CACHED_POINTS;
    this.maxDetectors = Math.max(1, opts.maxDetectorsPerSeries ?? 2);
    this.maxFlags = opts.maxFlags ?? MAX_FLAGS;
  }

  async chart(req: ChartRequest): Promise<ChartData> {
    if (req.detector.kind !== 'zscore') throw new RangeError('Charts of a detection configuration are not wired in yet.');
    checkDetector(req.detector);
    const entry = this.entry(req.datasetId, req.seriesIndex);
    const series = await entry.series;
    const key = `${req.detector.window}:${req.detector.threshold}`;
    let scores = entry.scores.get(key);
    if (scores) {
      entry.scores.delete(key); // re-insert: most recently used last
    } else {
      scores = scoreSeries(this.kernels, series, req.detector);
      while (entry.scores.size >= this.maxDetectors) entry.scores.delete(first(entry.scores.keys()));
    }
    entry.scores.set(key, scores);
    return chartOf(this.kernels, series, scores, req, this.maxFlags);
  }

  forget(datasetId: string): void {
    for (const [key, e] of this.cache) if (e.datasetId === datasetId) this.cache.delete(key);
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
