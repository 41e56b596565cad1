// Collects samples of labelled metric series as they are parsed (any order, any number of documents):
// one series per name + label set in blocks of typed columns (a new block holds a quarter of what the series
// has, so nothing is copied while reading and at most ~25% is spare), then right-sized columns sorted by time.

import type { MetricType, Series } from '../model/series';

interface Builder {
  name: string;
  labels: Record<string, string>;
  metricType?: MetricType;
  unit?: string;
  help?: string;
  /** Full blocks, then the block being filled (`t` / `v`, `k` values in it). */
  tBlocks: Float64Array[];
  vBlocks: Float64Array[];
  t: Float64Array;
  v: Float64Array;
  k: number;
  n: number;
  last: number;
  sorted: boolean;
}

const FIRST_BLOCK = 8;
/** 512 KiB per column block at most. */
const MAX_BLOCK = 1 << 16;
const EMPTY = new Float64Array(0);

/** The blocks of one column as one right-sized array (`last` holds `k` values). */
function joined(blocks: Float64Array[], k: number, n: number): Float64Array {
  if (blocks.length === 1 && k === blocks[0].length) return blocks[0];
  const out = new Float64Array(n);
  let at = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = i === blocks.length - 1 ? blocks[i].subarray(0, k) : blocks[i];
    out.set(b, at);
    at += b.length;
  }
  return out;
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
      this.builders.push({ name, labels, ...info, tBlocks: [], vBlocks: [], t: EMPTY, v: EMPTY, k: 0, n: 0, last: -Infinity, sorted: true });
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
    if (b.k === b.t.length) {
      const size = Math.min(MAX_BLOCK, Math.max(FIRST_BLOCK, b.n >> 2));
      b.t = new Float64Array(size);
      b.v = new Float64Array(size);
      b.tBlocks.push(b.t);
      b.vBlocks.push(b.v);
      b.k = 0;
    }
    if (t < b.last) b.sorted = false;
    b.t[b.k] = t;
    b.v[b.k] = v;
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
      let t = joined(b.tBlocks, b.k, b.n);
      let v = joined(b.vBlocks, b.k, b.n);
      b.t = b.v = EMPTY;
      b.tBlocks = b.vBlocks = [];
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
