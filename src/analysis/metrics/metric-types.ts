// Metric types of imported series from their declared type (src/model/series.ts metricType), each
// series' role in its family (bucket, sum, count, quantile, value), and summaries' given quantiles.
import type { MetricType, Series } from '../../model/series';
import { groupKey, parseLe, withoutLabel } from './histogram-quantile';

/** What a series is, in the words of the series view. */
export type MetricKind = 'gauge' | 'counter' | 'histogram' | 'summary' | 'other' | 'unknown';

/** The role of one series inside its metric family. */
export type SeriesRole = 'value' | 'bucket' | 'sum' | 'count' | 'created' | 'quantile';

export interface MetricTypeInfo {
  kind: MetricKind;
  role: SeriesRole;
  /** The family name (without `_bucket`, `_sum`, `_count`, `_created`, `_total` is kept). */
  family: string;
  /** True when counter arithmetic applies (rate / increase / resets): counters, and histograms' and summaries' _count/_sum/_bucket. */
  monotonic: boolean;
}

const KIND: Record<MetricType, MetricKind> = {
  gauge: 'gauge', counter: 'counter', histogram: 'histogram', gaugehistogram: 'histogram', summary: 'summary',
  info: 'other', stateset: 'other', untyped: 'unknown',
};

const SUFFIXES: readonly [string, SeriesRole][] = [['_bucket', 'bucket'], ['_sum', 'sum'], ['_count', 'count'], ['_created', 'created']];

/** The series' kind from its declared type (CSV and untyped data: 'unknown'), and its role in the family. */
export function metricTypeOf(s: Series): MetricTypeInfo {
  const kind = s.metricType ? KIND[s.metricType] : 'unknown';
  let role: SeriesRole = 'value';
  let family = s.name;
  if (kind === 'histogram' || kind === 'summary' || kind === 'counter') {
    for (const [suffix, r] of SUFFIXES) {
      if (s.name.endsWith(suffix) && (r !== 'bucket' || s.labels.le !== undefined)) {
        role = r;
        family = s.name.slice(0, -suffix.length);
        break;
      }
    }
    if (kind === 'summary' && role === 'value' && s.labels.quantile !== undefined) role = 'quantile';
  }
  const cumulative = s.metricType !== 'gaugehistogram' && (kind === 'histogram' || kind === 'summary') && role !== 'quantile';
  return { kind, role, family, monotonic: kind === 'counter' || cumulative };
}

export interface SummaryQuantiles {
  name: string;
  labels: Record<string, string>;
  /** The quantiles the summary gives, ascending, each with its series. */
  quantiles: { q: number; t: Float64Array; v: Float64Array }[];
}

/**
 * A summary's quantiles are taken as given (they cannot be re-aggregated): the `{quantile="φ"}`
 * series of each summary family, grouped by labels minus `quantile`.
 */
export function summaryQuantiles(series: readonly Series[]): SummaryQuantiles[] {
  const groups = new Map<string, SummaryQuantiles>();
  for (const s of series) {
    if (s.labels.quantile === undefined || metricTypeOf(s).role !== 'quantile') continue;
    const q = parseLe(s.labels.quantile);
    if (!(q >= 0 && q <= 1)) continue;
    const key = groupKey(s.name, s.labels, 'quantile');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name: s.name, labels: withoutLabel(s.labels, 'quantile'), quantiles: [] }));
    g.quantiles.push({ q, t: s.t, v: s.v });
  }
  for (const g of groups.values()) g.quantiles.sort((a, b) => a.q - b.q);
  return [...groups.values()];
}
