// The trace views' summary of one TraceAnalysis as plain rows (services, operations with critical-path
// share, edges, root causes, slow-trace causes) and one service's RED series on the shared bucket grid.

import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import type { TraceAnalysis } from './analyze';
import type { LatencyStats } from './operation-stats';
import type { QuantileFn } from './quantiles';
import { niceBucketMs } from './red-series';
import type { ServiceEdge } from './service-graph';

/** One service's or one operation's latency row; durations in ms (NaN when undefined). */
export interface LatencyRow {
  service: string;
  /** Absent on a service's row. */
  operation?: string;
  spans: number;
  errors: number;
  errorRate: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  /** Mean self time of a span, ms. */
  selfMeanMs: number;
  /** Share of all critical-path time spent here (0 when never on it; services sum their operations). */
  criticalPathShare: number;
  /** Traces whose critical path passes through this operation (operations only; 0 on service rows). */
  criticalPathTraces: number;
}

/** A caller → callee edge (service-graph.ts) with the callee spans' p50 and p99, ms. */
export interface EdgeRow extends Omit<ServiceEdge, 'latencyMs'> {
  p50: number;
  p99: number;
}

export interface RootCauseRow {
  service: string;
  operation?: string;
  /** Failing traces with an origin here. */
  traces: number;
  /** traces / failing traces. */
  share: number;
}

export interface SlowCauseRow {
  service: string;
  operation: string;
  /** Slow traces where this operation ran over its median self time on the critical path. */
  traces: number;
  excessMs: number;
}

export interface TraceInsights {
  traceCount: number;
  spanCount: number;
  /** Placeholders standing for missing parents (their orphans are kept under them). */
  missingParents: number;
  /** Spans shifted for clock skew (present when asked for). */
  skewAdjusted?: number;
  failingTraces: number;
  slowTraces: number;
  /** Most spans first. */
  services: LatencyRow[];
  /** Most spans first. */
  operations: LatencyRow[];
  /** Most calls first. */
  edges: EdgeRow[];
  rootCauses: { byOperation: RootCauseRow[]; byService: RootCauseRow[] };
  /** Largest excess first. */
  slowCauses: SlowCauseRow[];
}

/** RED series of one service on one bucket grid. */
export interface ServiceRed {
  service: string;
  bucketMs: number;
  /** Bucket starts, ms since the epoch. */
  t: Float64Array;
  /** Spans a second. */
  rate: Float64Array;
  /** Error spans a second. */
  errors: Float64Array;
  /** Span duration p99 per bucket, ms (NaN in an empty bucket). */
  p99: Float64Array;
}

const opKey = (service: string, operation: string): string => `${service}\u0000${operation}`;

function row(s: LatencyStats, share: number, traces: number): LatencyRow {
  return {
    service: s.service,
    ...(s.operation === undefined ? {} : { operation: s.operation }),
    spans: s.calls,
    errors: s.errors,
    errorRate: s.errorRate,
    p50: s.durationMs.p50,
    p90: s.durationMs.p90,
    p99: s.durationMs.p99,
    p999: s.durationMs['p99.9'],
    selfMeanMs: s.calls ? s.selfTimeMs / s.calls : NaN,
    criticalPathShare: share,
    criticalPathTraces: traces,
  };
}

const bySpans = (a: LatencyRow, b: LatencyRow): number =>
  b.spans - a.spans || a.service.localeCompare(b.service) || (a.operation ?? '').localeCompare(b.operation ?? '');

export function traceInsights(a: TraceAnalysis): TraceInsights {
  const shares = new Map(a.criticalPathShares.map((c) => [opKey(c.service, c.operation), c]));
  const serviceShare = new Map<string, number>();
  for (const c of a.criticalPathShares) serviceShare.set(c.service, (serviceShare.get(c.service) ?? 0) + c.share);
  const operations = a.operations.map((o) => {
    const c = shares.get(opKey(o.service, o.operation ?? ''));
    return row(o, c?.share ?? 0, c?.traces ?? 0);
  });
  return {
    traceCount: a.traces.count,
    spanCount: a.forest.spanCount,
    missingParents: a.forest.nodeCount - a.forest.spanCount,
    ...(a.skew ? { skewAdjusted: a.skew.adjustedCount } : {}),
    failingTraces: a.errors.length,
    slowTraces: a.slow.traces.length,
    services: a.services.map((s) => row(s, serviceShare.get(s.service) ?? 0, 0)).sort(bySpans),
    operations: operations.sort(bySpans),
    edges: a.graph.edges.map((e) => ({
      from: e.from, to: e.to, calls: e.calls, errors: e.errors, errorRate: e.errorRate, asyncCalls: e.asyncCalls, p50: e.latencyMs.p50, p99: e.latencyMs.p99,
    })),
    rootCauses: { byOperation: a.rootCauses.byOperation.map((r) => ({ ...r })), byService: a.rootCauses.byService.map((r) => ({ ...r })) },
    slowCauses: a.slow.byOperation.map((s) => ({ service: s.service, operation: s.operation, traces: s.traces, excessMs: s.excessMs })),
  };
}

/**
 * Spans a second, error spans a second and the duration p99 (ms) of one service per bucket, over the
 * whole set's time range (so every service shares one grid); `start` is the start column used (µs).
 */
export function serviceRed(set: TraceSet, start: Float64Array, service: string, quantiles: QuantileFn, bucketMs?: number): ServiceRed {
  const sv = set.services.indexOf(service);
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < set.spanCount; r++) {
    const s = start[r] / 1000;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (sv < 0 || lo === Infinity) return { service, bucketMs: bucketMs ?? 1000, t: new Float64Array(0), rate: new Float64Array(0), errors: new Float64Array(0), p99: new Float64Array(0) };
  const width = bucketMs ?? niceBucketMs(lo, hi);
  const t0 = Math.floor(lo / width) * width;
  const B = Math.floor((hi - t0) / width) + 1;
  const count = new Uint32Array(B);
  const errs = new Uint32Array(B);
  const bucketOf = new Int32Array(set.spanCount).fill(-1);
  for (let r = 0; r < set.spanCount; r++) {
    if (set.serviceIdx[r] !== sv || !Number.isFinite(start[r])) continue;
    const b = Math.floor((start[r] / 1000 - t0) / width);
    bucketOf[r] = b;
    count[b]++;
    if (set.status[r] === SPAN_STATUS.error) errs[b]++;
  }
  // Durations gathered bucket after bucket (a counting sort over the service's spans).
  const offsets = new Uint32Array(B + 1);
  for (let b = 0; b < B; b++) offsets[b + 1] = offsets[b] + count[b];
  const fill = offsets.slice(0, B);
  const ms = new Float64Array(offsets[B]);
  for (let r = 0; r < set.spanCount; r++) if (bucketOf[r] >= 0) ms[fill[bucketOf[r]]++] = set.duration[r] / 1000;
  const perSecond = 1000 / width;
  const t = new Float64Array(B);
  const rate = new Float64Array(B);
  const errors = new Float64Array(B);
  const p99 = new Float64Array(B).fill(NaN);
  for (let b = 0; b < B; b++) {
    t[b] = t0 + b * width;
    rate[b] = count[b] * perSecond;
    errors[b] = errs[b] * perSecond;
    if (count[b]) p99[b] = quantiles(ms.subarray(offsets[b], offsets[b + 1]), [0.99])[0];
  }
  return { service, bucketMs: width, t, rate, errors, p99 };
}
