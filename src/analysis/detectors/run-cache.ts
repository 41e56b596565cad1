// Detector results kept between runs, keyed by the series arrays, the detector and its parameters, so
// re-running with one parameter changed recomputes only the detector whose parameters changed.

import type { SeriesPoints } from './types';
import type { DetectorName, DetectorParams, DetectorResult } from './types';

interface Entry {
  results: DetectorResult[];
  points: number;
}

/** Default budget: about this many cached per-point results (9 bytes each: score and flag; runs drop raw before caching). */
export const DEFAULT_CACHE_POINTS = 20_000_000;

export class DetectorRunCache {
  // A series is identified by its value array: a reloaded or changed series is a new array.
  private readonly ids = new WeakMap<Float64Array, number>();
  private nextId = 1;
  private readonly entries = new Map<string, Entry>();
  private points = 0;

  constructor(private readonly maxPoints: number = DEFAULT_CACHE_POINTS) {}

  /** The key of a detector run over these series with these (resolved) parameters. */
  key(series: readonly SeriesPoints[], detector: DetectorName, params: DetectorParams): string {
    const ids = series.map((s) => `${this.idOf(s.v)}:${this.idOf(s.t)}`).join(',');
    const p = Object.keys(params)
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    return `${detector}|${p}|${ids}`;
  }

  get(key: string): DetectorResult[] | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key); // re-insert: most recently used last
    this.entries.set(key, hit);
    return hit.results;
  }

  set(key: string, results: DetectorResult[]): void {
    const points = results.reduce((sum, r) => sum + r.score.length, 0);
    const old = this.entries.get(key);
    if (old) this.points -= old.points;
    this.entries.delete(key);
    this.entries.set(key, { results, points });
    this.points += points;
    for (const [k, e] of this.entries) {
      if (this.points <= this.maxPoints || this.entries.size <= 1) break;
      this.entries.delete(k);
      this.points -= e.points;
    }
  }

  /** Entries held (for tests and diagnostics). */
  size(): number {
    return this.entries.size;
  }

  private idOf(a: Float64Array): number {
    let id = this.ids.get(a);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(a, id);
    }
    return id;
  }
}
