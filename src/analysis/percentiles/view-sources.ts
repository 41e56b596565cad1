// The sources a dataset offers the percentile view, from its series metadata (histograms by `_bucket` +
// `le`, summaries by `quantile`, counters by declared type or `_total`) and, for traces, its span sets.
import { groupKey, parseLe } from '../metrics/histogram-quantile';
import type { SeriesMeta } from '../../model/series';
import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import { groupByOperation } from '../traces/span-groups';
import type { GroupSource, PercentileSources } from './view-types';

/** Series of one histogram or summary, by group key. */
export interface SeriesGroup {
  key: string;
  name: string;
  /** Series indices with their `le` bound (histogram) or quantile φ (summary). */
  members: { index: number; bound: number }[];
}


/** A series' metric name: Prometheus-style names carry their label set (`x_bucket{le="1"}`), left out here. */
const metricName = (name: string): string => {
  const brace = name.indexOf('{');
  return brace < 0 ? name : name.slice(0, brace);
};

/** A counter: declared so, a histogram's or summary's `_sum` / `_count`, or (undeclared type) named `_total`. */
export function isCounter(s: Pick<SeriesMeta, 'name' | 'metricType'>): boolean {
  const name = metricName(s.name);
  if (s.metricType === 'histogram' || s.metricType === 'summary') return name.endsWith('_sum') || name.endsWith('_count');
  return s.metricType === 'counter' || (s.metricType === undefined && name.endsWith('_total'));
}

/** `_bucket` series with a readable `le`, grouped by name and labels without `le`. */
export function histogramGroups(series: readonly SeriesMeta[]): SeriesGroup[] {
  return grouped(series, 'le', (s) => metricName(s.name).endsWith('_bucket') && s.metricType !== 'summary', (name) => name.slice(0, -'_bucket'.length));
}

/** Summary quantile series (`{quantile="φ"}`, φ in [0, 1]), grouped by name and labels without `quantile`. */
export function summaryGroups(series: readonly SeriesMeta[]): SeriesGroup[] {
  return grouped(series, 'quantile', (s) => s.metricType === 'summary' || s.metricType === undefined, (name) => name).filter((g) => g.members.every((m) => m.bound >= 0 && m.bound <= 1));
}

function grouped(series: readonly SeriesMeta[], label: string, accept: (s: SeriesMeta) => boolean, family: (name: string) => string): SeriesGroup[] {
  const groups = new Map<string, SeriesGroup>();
  for (const s of series) {
    const raw = s.labels[label];
    if (raw === undefined || !accept(s)) continue;
    const bound = parseLe(raw);
    if (Number.isNaN(bound)) continue;
    const name = family(metricName(s.name));
    const key = groupKey(name, s.labels, label);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, name: key.endsWith('{}') ? name : key, members: [] }));
    g.members.push({ index: s.index, bound });
  }
  for (const g of groups.values()) g.members.sort((a, b) => a.bound - b.bound);
  return [...groups.values()];
}

const groupSource = (g: SeriesGroup): GroupSource => ({ key: g.key, name: g.name, parts: g.members.length });

/** Every source of a dataset: plain series (counters marked), histograms, summaries, span sets. */
export function percentileSources(series: readonly SeriesMeta[], traces?: TraceSet): PercentileSources {
  const histograms = histogramGroups(series);
  const summaries = summaryGroups(series);
  const grouped = new Set<number>();
  for (const g of [...histograms, ...summaries]) for (const m of g.members) grouped.add(m.index);
  const out: PercentileSources = {
    series: series.filter((s) => !grouped.has(s.index)).map((s) => ({ index: s.index, name: s.name, kind: isCounter(s) ? 'counter' : 'values' })),
    histograms: histograms.map(groupSource),
    summaries: summaries.map(groupSource),
  };
  if (traces && traces.spanCount > 0) {
    const ops = groupByOperation(traces);
    const operations = Array.from(ops.service, (sv, g) => ({ service: traces.services[sv], operation: traces.operations[ops.operation[g]] }));
    operations.sort((a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation));
    let errorCount = 0;
    for (let r = 0; r < traces.spanCount; r++) if (traces.status[r] === SPAN_STATUS.error) errorCount++;
    const services = [...new Set(operations.map((o) => o.service))];
    out.spans = { spanCount: traces.spanCount, errorCount, services, operations };
  }
  return out;
}
