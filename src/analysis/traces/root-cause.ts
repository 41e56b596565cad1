// Error root cause per failing trace (Jaeger's rule: the deepest error span with no errored children is
// where the failure started, the errors above it propagated) and its ranking across traces.

import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import { depthOf, type SpanForest } from './span-forest';

export interface TraceErrorOrigins {
  /** Forest trace index. */
  trace: number;
  traceId: string;
  /** Error spans without an errored child: where errors started (several = independent causes). */
  origins: number[];
  /** The deepest origin (the earliest to start among equally deep ones): the most likely root cause. */
  primary: number;
  /** Error spans with an errored child: errors that propagated from below. */
  propagated: number[];
}

/** Origins and propagated errors of every trace holding an error span, in forest trace order. */
export function errorOrigins(set: TraceSet, forest: SpanForest): TraceErrorOrigins[] {
  const n = set.spanCount;
  const erroredChild = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const p = forest.parent[r];
    if (set.status[r] === SPAN_STATUS.error && p >= 0 && p < n) erroredChild[p] = 1;
  }
  const out: TraceErrorOrigins[] = [];
  for (let t = 0; t < forest.traceCount; t++) {
    const origins: number[] = [];
    const propagated: number[] = [];
    for (let i = forest.orderOffsets[t]; i < forest.orderOffsets[t + 1]; i++) {
      const v = forest.order[i];
      if (v >= n || set.status[v] !== SPAN_STATUS.error) continue;
      (erroredChild[v] ? propagated : origins).push(v);
    }
    if (!origins.length) continue;
    let primary = origins[0];
    let deepest = depthOf(forest, primary);
    for (const v of origins) {
      const d = depthOf(forest, v);
      if (d > deepest || (d === deepest && set.start[v] < set.start[primary])) [primary, deepest] = [v, d];
    }
    out.push({ trace: t, traceId: set.traceIds[forest.traceId[t]], origins, primary, propagated });
  }
  return out;
}

/** The spans from `row` up to its root (row first): the chain an error at `row` propagated along. */
export function pathToRoot(forest: SpanForest, row: number): number[] {
  const out: number[] = [];
  for (let v = row; v >= 0 && v < forest.spanCount; v = forest.parent[v]) out.push(v);
  return out;
}

export interface RootCauseRank {
  service: string;
  /** Absent when ranked by service. */
  operation?: string;
  /** Failing traces with an origin here. */
  traces: number;
  /** traces / failing traces (shares can add up to more than 1: a trace may have independent origins). */
  share: number;
}

/** Origins counted once per trace by service or by (service, operation), most traces first. */
export function rankRootCauses(set: TraceSet, traces: readonly TraceErrorOrigins[], by: 'service' | 'operation'): RootCauseRank[] {
  const counts = new Map<number, number>();
  const key = (r: number): number => (by === 'service' ? set.serviceIdx[r] : set.serviceIdx[r] * set.operations.length + set.operationIdx[r]);
  const seen = new Set<number>();
  for (const t of traces) {
    seen.clear();
    for (const r of t.origins) seen.add(key(r));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out: RootCauseRank[] = [];
  for (const [k, count] of counts) {
    const service = by === 'service' ? k : Math.floor(k / set.operations.length);
    out.push({
      service: set.services[service],
      ...(by === 'operation' ? { operation: set.operations[k - service * set.operations.length] } : {}),
      traces: count,
      share: traces.length ? count / traces.length : 0,
    });
  }
  return out.sort((a, b) => b.traces - a.traces || a.service.localeCompare(b.service) || (a.operation ?? '').localeCompare(b.operation ?? ''));
}
