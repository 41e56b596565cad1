// The headless library API: createMonitor(opts).recordRequest(...) buckets requests per component (a
// route "METHOD path", or a tag) into latency and error-rate series; health() scores them with the detectors.

import type { Kernels } from '../kernels/types';
import type { Series } from '../model/series';
import { runDetection } from './detectors/run';
import { DEFAULT_DETECTION, validateDetection, type DetectionConfig, type Incident } from './detectors/run-types';

export interface MonitorOptions {
  /** The WebAssembly kernels (Node: loadKernelsNode(); browser: instantiateKernels(module)). */
  kernels: Kernels;
  /** Width of a time bucket (default 10 s). */
  bucketMs?: number;
  /** Buckets kept per component, oldest dropped first (default 360: one hour of 10 s buckets). */
  maxBuckets?: number;
  /** Buckets whose error rate counts as the current one (default 6). */
  recentBuckets?: number;
  /** A tag whose value names the component instead of the route (e.g. "service"). */
  componentTag?: string;
  /** How the bucketed series are scored (default DEFAULT_DETECTION). */
  detection?: DetectionConfig;
  /** Clock in ms since epoch (default Date.now); tests pass their own. */
  now?: () => number;
}

export interface ComponentHealth {
  name: string;
  score: number;
  reasons: string[];
  /** Requests in the kept buckets, failed ones (status >= 500) among them, and their mean latency. */
  requests: number;
  errors: number;
  meanLatencyMs: number;
  /** Failed share of the requests in the recent buckets. */
  recentErrorRate: number;
}

export interface MonitorHealth {
  overall: number;
  reasons: string[];
  components: ComponentHealth[];
  /** Incidents found on the components' latency_ms and error_rate series. */
  incidents: Incident[];
  /** Run-wide remarks (detectors left out, too few buckets to judge). */
  notes: string[];
}

export interface Monitor {
  recordRequest(method: string, path: string, status: number, latencyMs: number, tags?: Record<string, string>): void;
  health(): Promise<MonitorHealth>;
}

/** Per component, per bucket (keyed by bucket number): request count, failures, latency sum. */
interface Buckets {
  count: Map<number, number>;
  errors: Map<number, number>;
  latency: Map<number, number>;
  /** The bucket at which old buckets were last dropped. */
  pruned: number;
}

const DEFAULT_BUCKET_MS = 10_000;
const DEFAULT_MAX_BUCKETS = 360;
const DEFAULT_RECENT_BUCKETS = 6;

export function createMonitor(opts: MonitorOptions): Monitor {
  const bucketMs = opts.bucketMs ?? DEFAULT_BUCKET_MS;
  const maxBuckets = opts.maxBuckets ?? DEFAULT_MAX_BUCKETS;
  const recent = opts.recentBuckets ?? DEFAULT_RECENT_BUCKETS;
  const now = opts.now ?? Date.now;
  const detection = opts.detection ?? DEFAULT_DETECTION;
  if (!(bucketMs > 0) || !(Number.isInteger(maxBuckets) && maxBuckets >= 1) || !(Number.isInteger(recent) && recent >= 1)) {
    throw new RangeError('createMonitor: bucketMs must be > 0, maxBuckets and recentBuckets whole numbers >= 1.');
  }
  const problems = validateDetection(detection);
  if (problems.length) throw new RangeError(`createMonitor: invalid detection configuration: ${problems.join(' ')}`);
  const components = new Map<string, Buckets>();
  let newest = -Infinity;

  const add = (m: Map<number, number>, b: number, x: number): void => {
    m.set(b, (m.get(b) ?? 0) + x);
  };

  return {
    recordRequest(method, path, status, latencyMs, tags) {
      const name = (opts.componentTag && tags?.[opts.componentTag]) || `${method.toUpperCase()} ${path}`;
      const b = Math.floor(now() / bucketMs);
      newest = Math.max(newest, b);
      let c = components.get(name);
      if (!c) components.set(name, (c = { count: new Map(), errors: new Map(), latency: new Map(), pruned: b }));
      add(c.count, b, 1);
      add(c.errors, b, status >= 500 ? 1 : 0);
      add(c.latency, b, Number.isFinite(latencyMs) ? latencyMs : 0);
      if (c.pruned !== newest) {
        c.pruned = newest;
        for (const m of [c.count, c.errors, c.latency]) for (const old of m.keys()) if (old <= newest - maxBuckets) m.delete(old);
      }
    },

    async health() {
      const last = Math.max(newest, Math.floor(now() / bucketMs));
      const first = last - maxBuckets + 1;
      const names = [...components.keys()].sort();
      const series: Series[] = [];
      const stats: Omit<ComponentHealth, 'score' | 'reasons'>[] = [];
      const errorRates: Record<string, number> = {};
      for (const name of names) {
        const c = components.get(name) as Buckets;
        const from = Math.max(first, Math.min(...c.count.keys()));
        series.push(...seriesOf(name, c, from, last, bucketMs));
        let requests = 0;
        let errors = 0;
        let latency = 0;
        let recentRequests = 0;
        let recentErrors = 0;
        for (const [b, k] of c.count) {
          if (b < first) continue;
          requests += k;
          errors += c.errors.get(b) ?? 0;
          latency += c.latency.get(b) ?? 0;
          if (b > last - recent) {
            recentRequests += k;
            recentErrors += c.errors.get(b) ?? 0;
          }
        }
        const recentErrorRate = recentRequests ? recentErrors / recentRequests : 0;
        errorRates[name] = recentErrorRate;
        stats.push({ name, requests, errors, meanLatencyMs: requests ? latency / requests : 0, recentErrorRate });
      }
      const { report } = await runDetection(series, detection, opts.kernels, { health: { errorRates } });
      const scored = new Map(report.health.components.map((c) => [c.name, c]));
      return {
        overall: report.health.overall,
        reasons: report.health.reasons,
        components: stats
          .map((s) => ({ ...s, score: scored.get(s.name)?.score ?? 100, reasons: scored.get(s.name)?.reasons ?? [] }))
          .sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : 1)),
        incidents: report.incidents,
        notes: [...new Set([...report.notes, ...report.series.flatMap((s) => s.notes)])],
      };
    },
  };
}

/** The latency_ms (mean per bucket) and error_rate series of a component over buckets [from, last]; NaN where no request. */
function seriesOf(name: string, c: Buckets, from: number, last: number, bucketMs: number): Series[] {
  const n = Math.max(0, last - from + 1);
  const t = Float64Array.from({ length: n }, (_, k) => (from + k) * bucketMs);
  const latency = new Float64Array(n).fill(NaN);
  const errorRate = new Float64Array(n).fill(NaN);
  for (const [b, k] of c.count) {
    if (b < from || b > last || k === 0) continue;
    latency[b - from] = (c.latency.get(b) ?? 0) / k;
    errorRate[b - from] = (c.errors.get(b) ?? 0) / k;
  }
  const labels = { service: name };
  return [
    { name: 'latency_ms', labels, t, v: latency },
    { name: 'error_rate', labels, t: t.slice(), v: errorRate },
  ];
}
