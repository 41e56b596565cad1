// Collects samples of labelled metric series as they are parsed (any order, any number of documents):
// one series per name + label set in typed columns that double as they fill (no per-point objects, no
// number[] boxing), then columns sorted by time with the changes stated as warnings.

import type { MetricType, Series } from '../model/series';

interface Builder {
  name: string;
  labels: Record<string, string>;
  metricType?: MetricType;
  unit?: string;
  help?: string;
  t: Float64Array;
  v: Float64Array;
  n: number;
  sorted: boolean;
}

const FIRST_CAPACITY = 8;
const EMPTY = new Float64Array(0);

/** A copy of `a` with room for `capacity` values. */
function grown(a: Float64Array, capacity: number): Float64Array {
  const out = new Float64Array(capacity);
  out.set(a);
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
      this.builders.push({ name, labels, ...info, t: EMPTY, v: EMPTY, n: 0, sorted: true });
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
    const n = b.n;
    if (n === b.t.length) {
      const capacity = Math.max(FIRST_CAPACITY, n * 2);
      b.t = grown(b.t, capacity);
      b.v = grown(b.v, capacity);
    }
    if (n > 0 && t < b.t[n - 1]) b.sorted = false;
    b.t[n] = t;
    b.v[n] = v;
    b.n = n + 1;
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
      let t = b.n === b.t.length ? b.t : b.t.slice(0, b.n);
      let v = b.n === b.v.length ? b.v : b.v.slice(0, b.n);
      b.t = b.v = EMPTY;
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
