// Collects samples of labelled metric series as they are parsed (any order, any number of documents):
// one series per name + label set in blocks of (t, v) pairs (a new block holds a quarter of what the series
// has, so nothing is copied while reading and at most ~25% is spare; one typed array per block, not two, as
// each costs ~190 bytes of objects), then right-sized t and v columns sorted by time.

import type { MetricType, Series } from '../model/series';

interface Builder {
  name: string;
  labels: Record<string, string>;
  metricType?: MetricType;
  unit?: string;
  help?: string;
  /** Full blocks, then the block being filled (`pairs`, `k` samples in it): t at 2i, v at 2i + 1. */
  blocks: Float64Array[];
  pairs: Float64Array;
  k: number;
  n: number;
  last: number;
  sorted: boolean;
}

/** Samples per block: the first, and the most (1 MiB of pairs). */
const FIRST_BLOCK = 32;
const MAX_BLOCK = 1 << 16;
const EMPTY = new Float64Array(0);

/** The blocks of (t, v) pairs as right-sized t and v columns (the last block holds `k` samples, `n` in all). */
function split(blocks: Float64Array[], k: number, n: number): { t: Float64Array; v: Float64Array } {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let at = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const m = i === blocks.length - 1 ? k : b.length >> 1;
    for (let j = 0; j < m; j++, at++) {
      t[at] = b[2 * j];
      v[at] = b[2 * j + 1];
    }
  }
  return { t, v };
}

export interface SeriesInfo {
  metricType?: MetricType;
  unit?: string;
  help?: string;
}

/** The identity of a series: its name and its labels in key order. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  let k = name;
  for (const key of keys) k += `\u0000${key}\u0001${labels[key]}`;
  return k;
}

export class MetricSeriesSet {
  private readonly builders: Builder[] = [];
  private readonly byKey = new Map<string, number>();
  points = 0;

  /** Index of the series with this name and labels, created on first use (`labels` is kept, not copied). */
  series(name: string, labels: Record<string, string>, info: SeriesInfo = {}, key = seriesKey(name, labels)): number {
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.builders.length;
      this.builders.push({ name, labels, ...info, blocks: [], pairs: EMPTY, k: 0, n: 0, last: -Infinity, sorted: true });
      this.byKey.set(key, i);
    }
    return i;
  }

  /** Index of an existing series by key (e.g. a cached raw key), or undefined. */
  find(key: string): number | undefined {
    return this.byKey.get(key);
  }

  /** Registers `alias` as another key of series `index` (a faster key seen in the input). */
  alias(alias: string, index: number): void {
    this.byKey.set(alias, index);
  }

  add(index: number, t: number, v: number): void {
    const b = this.builders[index];
    if (2 * b.k === b.pairs.length) {
      b.pairs = new Float64Array(2 * Math.min(MAX_BLOCK, Math.max(FIRST_BLOCK, b.n >> 2)));
      b.blocks.push(b.pairs);
      b.k = 0;
    }
    if (t < b.last) b.sorted = false;
    b.pairs[2 * b.k] = t;
    b.pairs[2 * b.k + 1] = v;
    b.k++;
    b.n++;
    b.last = t;
    this.points++;
  }

  get size(): number {
    return this.builders.length;
  }

  /** The series with time-sorted columns (stable: file order kept for equal times), and warnings. */
  finish(): { series: Series[]; warnings: string[] } {
    let unsorted = 0;
    let duplicates = 0;
    const series: Series[] = this.builders.map((b) => {
      // Right-sized columns; the builder's buffers are let go series by series, so the peak stays low.
      let { t, v } = split(b.blocks, b.k, b.n);
      b.pairs = EMPTY;
      b.blocks = [];
      if (!b.sorted) {
        unsorted++;
        const order = Array.from({ length: t.length }, (_, i) => i).sort((x, y) => t[x] - t[y] || x - y);
        const st = t;
        const sv = v;
        t = Float64Array.from(order, (i) => st[i]);
        v = Float64Array.from(order, (i) => sv[i]);
      }
      for (let i = 1; i < t.length; i++) if (t[i] === t[i - 1]) duplicates++;
      const s: Series = { name: b.name, labels: b.labels, t, v };
      if (b.metricType) s.metricType = b.metricType;
      if (b.unit) s.unit = b.unit;
      if (b.help) s.help = b.help;
      return s;
    });
    const warnings: string[] = [];
    if (unsorted > 0) warnings.push(`${unsorted} series had samples out of time order; they were sorted by time, keeping file order for equal times.`);
    if (duplicates > 0) warnings.push(`${duplicates} sample${duplicates === 1 ? ' has' : 's have'} the same timestamp as the sample before in the same series; all were kept.`);
    return { series, warnings };
  }
}
