// Service dependency graph: an edge caller → callee wherever a span's tree parent belongs to another
// service, with calls, errors (the callee span failed), error rate and the callee spans' latency.

import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import { latencyPercentiles, type LatencyPercentiles, type QuantileFn } from './quantiles';
import { groupIndices } from './csr';
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
  const { serviceIdx, status } = set;
  const parent = forest.parent;
  // Edge of each span (-1: none), edges numbered in order of first call.
  const edgeOf = new Int32Array(n);
  const ids = new Map<number, number>();
  const keys: number[] = [];
  for (let r = 0; r < n; r++) {
    const sv = serviceIdx[r];
    spans[sv]++;
    if (status[r] === SPAN_STATUS.error) errors[sv]++;
    const p = parent[r];
    if (p < 0 || p >= n || serviceIdx[p] === sv) {
      edgeOf[r] = -1;
      continue;
    }
    const key = serviceIdx[p] * S + sv;
    let e = ids.get(key);
    if (e === undefined) ids.set(key, (e = keys.push(key) - 1));
    edgeOf[r] = e;
  }
  const { offsets, items } = groupIndices(edgeOf, keys.length);
  let largest = 0;
  for (let e = 0; e < keys.length; e++) largest = Math.max(largest, offsets[e + 1] - offsets[e]);
  const scratch = new Float64Array(largest);
  const edges: ServiceEdge[] = keys.map((key, e) => {
    const calls = offsets[e + 1] - offsets[e];
    let errs = 0;
    let asyncCalls = 0;
    for (let i = 0; i < calls; i++) {
      const r = items[offsets[e] + i];
      if (status[r] === SPAN_STATUS.error) errs++;
      if (forest.async[r]) asyncCalls++;
      scratch[i] = set.duration[r] / 1000;
    }
    const from = Math.floor(key / S);
    return {
      from: set.services[from],
      to: set.services[key - from * S],
      calls,
      errors: errs,
      errorRate: errs / calls,
      asyncCalls,
      latencyMs: latencyPercentiles(quantiles, scratch.subarray(0, calls)),
    };
  });
  edges.sort((a, b) => b.calls - a.calls || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const nodes: ServiceNode[] = [];
  for (let s = 0; s < S; s++) if (spans[s]) nodes.push({ name: set.services[s], spans: spans[s], errors: errors[s] });
  return { nodes, edges };
}
