// Starter SLOs from a dataset's own series and spans: an availability SLO from error and request counters,
// a latency SLO from histogram buckets or a latency gauge, an error-rate SLO from an error-ratio gauge, a span SLO per busiest service.

import type { Series } from '../../model/series';
import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import type { SloDefinition } from './definition';
import { DAY } from './duration';
import { metricNameOf, type SeriesSelector } from './selector';

export interface SloSuggestion {
  slo: SloDefinition;
  /** Why this SLO and its numbers (e.g. "threshold 500 = 1.5 × the p99 of the recorded values, rounded up"). */
  reason: string;
}

const WINDOW = { kind: 'rolling', ms: 30 * DAY } as const;
const LATENCY = /latency|duration|_ms$|_seconds?$|response_time|elapsed/i;
const ERROR = /error|errors|fail|failure|5xx|fault/i;
const COUNTER = /_total$|_count$/;
const MAX_SPAN_SLOS = 3;

/** RFC 1123 label from free text: lower case, runs of other characters as one '-', at most `max` characters. */
export function sloName(text: string, max = 63): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '');
  return s || 'slo';
}

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above x (x > 0). */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return Number((m * p).toPrecision(6));
  return 10 * p;
}

/** The q-quantile (nearest rank) of the finite values; NaN when there are none. */
export function quantileOf(values: ArrayLike<number>, q: number): number {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) xs.push(values[i]);
  if (!xs.length) return NaN;
  xs.sort((a, b) => a - b);
  return xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))];
}

/** Whether a series (by name, labels and type alone) could feed a suggestion: only these need reading. */
export function mayFeedSuggestion(s: Pick<Series, 'name' | 'labels' | 'metricType'>): boolean {
  const name = metricNameOf(s);
  return s.metricType === 'counter' || COUNTER.test(name) || s.labels.le !== undefined || LATENCY.test(name) || ERROR.test(name);
}

const selector = (metric: string, matchers: SeriesSelector['matchers'] = []): SeriesSelector => ({ metric, matchers });

function isCounter(s: Series): boolean {
  return s.metricType === 'counter' || (s.metricType === undefined && COUNTER.test(metricNameOf(s)) && !metricNameOf(s).endsWith('_bucket'));
}

/** Error and request counters: a status label with 5xx values on one metric, or an error metric beside a request metric. */
function counterSuggestions(series: readonly Series[]): SloSuggestion[] {
  const counters = series.filter(isCounter);
  const out: SloSuggestion[] = [];
  const byMetric = new Map<string, Series[]>();
  for (const s of counters) byMetric.set(metricNameOf(s), [...(byMetric.get(metricNameOf(s)) ?? []), s]);
  for (const [metric, list] of byMetric) {
    if (ERROR.test(metric)) continue;
    const label = ['code', 'status', 'status_code', 'http_status_code', 'http.status_code'].find((l) => list.some((s) => /^5\d\d$/.test(s.labels[l] ?? '')));
    if (!label) continue;
    const base = sloName(metric.replace(/_total$|_count$/, ''), 50);
    out.push({
      slo: { name: `${base}-availability`, sli: { kind: 'ratio', events: { from: 'counters', bad: selector(metric, [{ label, op: '=~', value: '5..' }]), total: selector(metric) } }, objective: 0.999, timeWindow: WINDOW, budgetingMethod: 'Occurrences' },
      reason: `${metric} has ${label}="5xx" series: bad = 5xx increases, total = every increase; 99.9 % over 30 days (the Workbook's example)`,
    });
  }
  const errors = [...byMetric.keys()].filter((m) => ERROR.test(m));
  const totals = [...byMetric.keys()].filter((m) => !ERROR.test(m) && /request|call|total/i.test(m));
  for (const bad of errors) {
    const stem = bad.replace(/_?(errors?|failures?|failed|faults?)/i, '');
    const total = totals.find((t) => t.replace(/_?requests?|_?calls?/i, '') === stem) ?? (totals.length === 1 ? totals[0] : undefined);
    if (!total || out.some((x) => x.slo.sli.kind === 'ratio' && x.slo.sli.events.from === 'counters' && x.slo.sli.events.total.metric === total)) continue;
    out.push({
      slo: { name: `${sloName(total.replace(/_total$|_count$/, ''), 50)}-availability`, sli: { kind: 'ratio', events: { from: 'counters', bad: selector(bad), total: selector(total) } }, objective: 0.999, timeWindow: WINDOW, budgetingMethod: 'Occurrences' },
      reason: `bad = increases of ${bad}, total = increases of ${total}; 99.9 % over 30 days`,
    });
  }
  return out;
}

/** Histogram buckets: good = the smallest bucket holding at least 99 % of the requests at the end of the data. */
function histogramSuggestions(series: readonly Series[]): SloSuggestion[] {
  const byMetric = new Map<string, Series[]>();
  for (const s of series) if (s.labels.le !== undefined && metricNameOf(s).endsWith('_bucket')) byMetric.set(metricNameOf(s), [...(byMetric.get(metricNameOf(s)) ?? []), s]);
  const out: SloSuggestion[] = [];
  for (const [metric, list] of byMetric) {
    const last = new Map<number, number>();
    for (const s of list) {
      const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
      if (Number.isNaN(le) || !s.v.length) continue;
      last.set(le, (last.get(le) ?? 0) + s.v[s.v.length - 1]);
    }
    const all = last.get(Infinity);
    if (!all) continue;
    const bound = [...last.keys()].filter(Number.isFinite).sort((a, b) => a - b).find((le) => (last.get(le) ?? 0) >= 0.99 * all);
    if (bound === undefined) continue;
    out.push({
      slo: { name: `${sloName(metric.replace(/_bucket$/, ''), 48)}-latency`, sli: { kind: 'ratio', events: { from: 'histogram', buckets: selector(metric), threshold: bound } }, objective: 0.99, timeWindow: WINDOW, budgetingMethod: 'Occurrences' },
      reason: `the le="${bound}" bucket held ≥ 99 % of ${metric}'s requests at the end of the data; 99 % of requests at or under it`,
    });
  }
  return out;
}

/** Latency and error-ratio gauges: each sample good when under 1.5 × the p99 of the recorded values, rounded up. */
function gaugeSuggestions(series: readonly Series[]): SloSuggestion[] {
  const out: SloSuggestion[] = [];
  for (const s of series) {
    if (isCounter(s) || s.labels.le !== undefined || s.metricType === 'histogram' || s.metricType === 'summary') continue;
    const name = metricNameOf(s);
    const latency = LATENCY.test(name);
    const errorRatio = !latency && ERROR.test(name) && (/rate|ratio|pct|percent/i.test(name));
    if (!latency && !errorRatio) continue;
    const p99 = quantileOf(s.v, 0.99);
    if (!(p99 > 0)) continue;
    const threshold = niceCeil(p99 * 1.5);
    const labels = Object.entries(s.labels).filter(([k]) => k !== '__name__').map(([label, value]) => ({ label, op: '=' as const, value }));
    const slug = sloName(`${name}${labels.length ? `-${labels.map((m) => m.value).join('-')}` : ''}`, 48);
    out.push({
      slo: { name: `${slug}-${latency ? 'latency' : 'errors'}`, sli: { kind: 'threshold', series: selector(name, labels), op: '<=', threshold }, objective: 0.99, timeWindow: WINDOW, budgetingMethod: 'Occurrences' },
      reason: `${s.name}: a sample is good when ≤ ${threshold} (1.5 × the p99 of its ${s.v.length} values, ${Number(p99.toPrecision(4))}, rounded up); 99 % of samples`,
    });
  }
  return out;
}

/** Per busiest service (at most three): good = a span without error status and no slower than 1.5 × the service's p99, rounded up. */
function spanSuggestions(traces: TraceSet): SloSuggestion[] {
  const counts = traces.services.map(() => 0);
  for (let i = 0; i < traces.spanCount; i++) counts[traces.serviceIdx[i]]++;
  const busiest = counts.map((n, i) => [n, i] as const).filter(([n]) => n > 0).sort((a, b) => b[0] - a[0]).slice(0, MAX_SPAN_SLOS);
  return busiest.map(([n, idx]) => {
    const ms: number[] = [];
    let errors = 0;
    for (let i = 0; i < traces.spanCount; i++) {
      if (traces.serviceIdx[i] !== idx) continue;
      ms.push(traces.duration[i] / 1000);
      if (traces.status[i] === SPAN_STATUS.error) errors++;
    }
    const max = niceCeil(quantileOf(ms, 0.99) * 1.5);
    const service = traces.services[idx];
    return {
      slo: { name: `${sloName(service, 52)}-spans`, service, sli: { kind: 'ratio', events: { from: 'spans', service, maxDurationMs: max } }, objective: 0.99, timeWindow: WINDOW, budgetingMethod: 'Occurrences' },
      reason: `${n} spans of ${service} (${errors} with error status): good = not an error and ≤ ${max} ms (1.5 × their p99, rounded up)`,
    } satisfies SloSuggestion;
  });
}

/** Starter SLOs for the dataset, names made unique; empty when nothing fits (no counters, latencies, error ratios or spans). */
export function suggestSlos(series: readonly Series[], traces?: TraceSet): SloSuggestion[] {
  const all = [...counterSuggestions(series), ...histogramSuggestions(series), ...gaugeSuggestions(series), ...(traces ? spanSuggestions(traces) : [])];
  const seen = new Set<string>();
  for (const s of all) {
    let name = s.slo.name;
    for (let k = 2; seen.has(name); k++) name = `${s.slo.name.slice(0, 60)}-${k}`;
    seen.add(name);
    s.slo.name = name;
  }
  return all;
}
