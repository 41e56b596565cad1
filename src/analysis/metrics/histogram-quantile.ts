// histogram_quantile over imported series: `_bucket` series grouped by name and labels minus `le`
// (classic Prometheus histograms and OTLP explicit/exponential histograms as src/formats stores them),
// evaluated at every timestamp the group's buckets share.
import type { Series } from '../../model/series';
import { bucketQuantile, type Bucket } from './bucket-quantile';

export interface HistogramQuantileSeries {
  /** The histogram's name without `_bucket`. */
  name: string;
  /** Its labels without `le`. */
  labels: Record<string, string>;
  q: number;
  t: Float64Array;
  v: Float64Array;
  /** Timestamps at which the bucket counts were forced monotonic. */
  forcedMonotonic: number;
}

/** A Prometheus `le` value: a float, "+Inf" / "Inf" as +Infinity; NaN when unreadable. */
export function parseLe(le: string): number {
  const s = le.trim();
  if (/^\+?inf$/i.test(s)) return Infinity;
  if (/^-inf$/i.test(s)) return -Infinity;
  return s === '' ? NaN : Number(s);
}

export function groupKey(name: string, labels: Record<string, string>, drop: string): string {
  const rest = Object.keys(labels).filter((k) => k !== drop).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${name}{${rest.join(',')}}`;
}

export function withoutLabel(labels: Record<string, string>, drop: string): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([k]) => k !== drop));
}

interface Group {
  name: string;
  labels: Record<string, string>;
  buckets: { le: number; series: Series }[];
}

/** The histograms among `series`: `_bucket` series with a readable `le`, grouped. */
export function bucketGroups(series: readonly Series[]): Group[] {
  const groups = new Map<string, Group>();
  for (const s of series) {
    if (!s.name.endsWith('_bucket') || s.labels.le === undefined) continue;
    const le = parseLe(s.labels.le);
    if (Number.isNaN(le)) continue;
    const name = s.name.slice(0, -'_bucket'.length);
    const key = groupKey(name, s.labels, 'le');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name, labels: withoutLabel(s.labels, 'le'), buckets: [] }));
    g.buckets.push({ le, series: s });
  }
  return [...groups.values()];
}

/**
 * histogram_quantile(q, …) for every histogram among `series`, at each timestamp where its buckets
 * have samples (a bucket without a sample there, or with NaN, is left out of that evaluation, as a
 * missing series would be in Prometheus).
 */
export function histogramQuantile(q: number, series: readonly Series[]): HistogramQuantileSeries[] {
  return bucketGroups(series).map((g) => {
    const at = new Map<number, Bucket[]>();
    for (const { le, series: s } of g.buckets) {
      for (let i = 0; i < s.t.length; i++) {
        if (Number.isNaN(s.v[i])) continue;
        const list = at.get(s.t[i]);
        const b = { upperBound: le, count: s.v[i] };
        if (list) list.push(b);
        else at.set(s.t[i], [b]);
      }
    }
    const times = [...at.keys()].sort((a, b) => a - b);
    const v = new Float64Array(times.length);
    let forced = 0;
    times.forEach((t, i) => {
      const r = bucketQuantile(q, at.get(t) ?? []);
      v[i] = r.value;
      if (r.forcedMonotonic) forced++;
    });
    return { name: g.name, labels: g.labels, q, t: Float64Array.from(times), v, forcedMonotonic: forced };
  });
}
