// The replay model of a metrics-only dataset: each recorded series belongs to a service (its service label,
// else its name's prefix, else the dataset) and has a role (rate, errors, latency, CPU, memory, other).

import type { Series } from '../model/series';
import type { ChaosModel } from './model';

export type SeriesRole = 'rate' | 'errors' | 'latency' | 'cpu' | 'memory' | 'other';

/** How an errors or latency series is scaled: errors as percent, ratio or count; latency in ms or seconds. */
export type SeriesScale = 'pct' | 'ratio' | 'count' | 'ms' | 's' | 'none';

export interface SeriesModel {
  kind: 'series';
  services: string[];
  series: readonly Series[];
  /** Per recorded series: index into services, role and scale. */
  serviceOf: Int32Array;
  roles: SeriesRole[];
  scales: SeriesScale[];
  startMs: number;
  endMs: number;
  /** Requests the rate series account for (Σ rate × gap), 0 when none has a rate role. */
  requests: number;
}

const SERVICE_LABELS = ['service', 'service_name', 'service.name', 'job', 'app', 'application'];

/** A readable service name for a dataset without one: its name without the file extension. */
export function datasetService(datasetName: string): string {
  const base = (datasetName.split(/[\\/]/).pop() ?? '').replace(/\.(gz|csv|json|jsonl|txt|prom)$/gi, '').replace(/\.(csv|json|jsonl|txt|prom)$/gi, '').trim();
  return base || 'service';
}

/** The service a series belongs to: a service-like label, else the part of its name before '.', ':' or '/'. */
export function serviceOfSeries(s: Pick<Series, 'name' | 'labels'>, fallback: string): string {
  for (const k of SERVICE_LABELS) if (s.labels[k]) return s.labels[k];
  const m = /^([^.:/]+)[.:/]./.exec(s.name);
  return m ? m[1] : fallback;
}

/** The role of a series, read from its name and unit (first match: cpu, memory, errors, latency, rate). */
export function roleOf(s: Pick<Series, 'name' | 'unit'>): SeriesRole {
  const n = s.name.toLowerCase();
  if (/cpu/.test(n)) return 'cpu';
  if (/mem|heap|rss/.test(n)) return 'memory';
  if (/err|fail|5xx|fault/.test(n)) return 'errors';
  if (/latency|duration|p\d\d|response_time|_time|_ms$|_seconds/.test(n)) return 'latency';
  if (/req|rps|qps|throughput|per_s|calls|traffic|hits|_total$|count/.test(n)) return 'rate';
  return 'other';
}

function maxOf(v: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > m) m = v[i];
  return m;
}

function scaleOf(s: Series, role: SeriesRole): SeriesScale {
  const n = s.name.toLowerCase();
  const unit = (s.unit ?? '').toLowerCase();
  if (role === 'errors' || role === 'cpu') {
    if (/pct|percent/.test(n) || unit === '%' || unit === 'percent') return 'pct';
    if (role === 'cpu') return maxOf(s.v) <= 1 ? 'ratio' : 'pct';
    return /ratio|rate/.test(n) && maxOf(s.v) <= 1 ? 'ratio' : /ratio|rate/.test(n) ? 'pct' : 'count';
  }
  if (role === 'latency') return /seconds|_s$/.test(n) || unit === 's' || unit === 'seconds' ? 's' : 'ms';
  return 'none';
}

/** The per-series model of metrics-only telemetry; a readable message when there is nothing to replay. */
export function modelFromSeries(series: readonly Series[], datasetName: string): SeriesModel | string {
  const withPoints = series.filter((s) => s.t.length > 0);
  if (!withPoints.length) return `"${datasetName}" has no series with points, so there is nothing to replay.`;
  const fallback = datasetService(datasetName);
  const services: string[] = [];
  const serviceOf = new Int32Array(series.length);
  const roles: SeriesRole[] = [];
  const scales: SeriesScale[] = [];
  let startMs = Infinity;
  let endMs = -Infinity;
  let requests = 0;
  series.forEach((s, i) => {
    const name = serviceOfSeries(s, fallback);
    let k = services.indexOf(name);
    if (k < 0) k = services.push(name) - 1;
    serviceOf[i] = k;
    const role = roleOf(s);
    roles.push(role);
    scales.push(scaleOf(s, role));
    const n = s.t.length;
    if (n) {
      startMs = Math.min(startMs, s.t[0]);
      endMs = Math.max(endMs, s.t[n - 1]);
    }
    if (role === 'rate' && !/_total$/.test(s.name)) {
      for (let j = 1; j < n; j++) if (Number.isFinite(s.v[j])) requests += (s.v[j] * (s.t[j] - s.t[j - 1])) / 1000;
    }
  });
  return { kind: 'series', services, series, serviceOf, roles, scales, startMs, endMs: endMs + 1, requests: Math.round(requests) };
}

/** The ChaosModel shape of a series model (services and time range; no edges, entries or arrivals) for fault validation. */
export function serviceShell(m: SeriesModel): ChaosModel {
  return { services: m.services, edges: [], entries: [], arrivalMs: new Float64Array(0), arrivalEntry: new Uint32Array(0), startMs: m.startMs, endMs: m.endMs };
}
