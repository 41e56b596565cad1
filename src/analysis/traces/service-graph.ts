// Service dependency graph: an edge caller → callee wherever a span's tree parent belongs to another
// service, with calls, errors (the callee span failed), error rate and the callee spans' latency.

import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import { latencyPercentiles, type LatencyPercentiles, type QuantileFn } from './quantiles';
import type { SpanForest } from './span-forest';

export interface ServiceEdge {
  from: string;
  to: string;
  calls: number;
  errors: number;
  errorRate: number;
  /** Calls made without waiting (FOLLOWS_FROM, producer → consumer). */
  asyncCalls: number;
  /** Durations of the callee spans, ms. */
  latencyMs: LatencyPercentiles;
}

export interface ServiceNode {
  name: string;
  spans: number;
  errors: number;
}

export interface ServiceGraph {
  nodes: ServiceNode[];
  /** Most calls first. */
  edges: ServiceEdge[];
}

export function serviceGraph(set: TraceSet, forest: SpanForest, quantiles: QuantileFn): ServiceGraph {
  const n = set.spanCount;
  const S = set.services.length;
  const spans = new Uint32Array(S);
  const errors = new Uint32Array(S);
  const edgeOf = new Map<number, number>();
  const rowsByEdge: number[][] = [];
  const keys: number[] = [];
  for (let r = 0; r < n; r++) {
    const sv = set.serviceIdx[r];
    spans[sv]++;
    if (set.status[r] === SPAN_STATUS.error) errors[sv]++;
    const p = forest.parent[r];
    if (p < 0 || p >= n || set.serviceIdx[p] === sv) continue;
    const key = set.serviceIdx[p] * S + sv;
    let e = edgeOf.get(key);
    if (e === undefined) {
      edgeOf.set(key, (e = keys.length));
      keys.push(key);
      rowsByEdge.push([]);
    }
    rowsByEdge[e].push(r);
  }
  const edges: ServiceEdge[] = keys.map((key, e) => {
    const rows = rowsByEdge[e];
    let errs = 0;
    let asyncCalls = 0;
    for (const r of rows) {
      if (set.status[r] === SPAN_STATUS.error) errs++;
      if (forest.async[r]) asyncCalls++;
    }
    const from = Math.floor(key / S);
    return {
      from: set.services[from],
      to: set.services[key - from * S],
      calls: rows.length,
      errors: errs,
      errorRate: errs / rows.length,
      asyncCalls,
      latencyMs: latencyPercentiles(quantiles, Float64Array.from(rows, (r) => set.duration[r] / 1000)),
    };
  });
  edges.sort((a, b) => b.calls - a.calls || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const nodes: ServiceNode[] = [];
  for (let s = 0; s < S; s++) if (spans[s]) nodes.push({ name: set.services[s], spans: spans[s], errors: errors[s] });
  return { nodes, edges };
}
