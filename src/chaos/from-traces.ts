// Adapter from a recorded TraceSet to the replay model: a service invocation is a span whose parent is in
// another service (or none); edges join the caller's invocation to the callee's. Minimal on purpose —
// the trace-analysis service graph (src/analysis/traces/) can replace the edge derivation later.

import { SPAN_STATUS, type TraceSet } from '../model/traces';
import type { ChaosEdge, ChaosEntry, ChaosModel } from './model';

/** Row of the invocation (first span of the same service walking up) each span belongs to; iterative. */
function invocationRoots(set: TraceSet): Int32Array {
  const root = new Int32Array(set.spanCount).fill(-1);
  const path: number[] = [];
  for (let i = 0; i < set.spanCount; i++) {
    let r = i;
    path.length = 0;
    while (root[r] < 0) {
      path.push(r);
      const p = set.parentIdx[r];
      if (p < 0 || set.serviceIdx[p] !== set.serviceIdx[r] || path.length > set.spanCount) break;
      r = p;
    }
    const found = root[r] >= 0 ? root[r] : r;
    for (const q of path) root[q] = found;
  }
  return root;
}

/** The replay model of `set`; a readable message when it has no timed root spans. */
export function modelFromTraces(set: TraceSet): ChaosModel | string {
  const n = set.spanCount;
  const inv = invocationRoots(set);
  const downstreamUs = new Float64Array(n);
  const isInvocation = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (inv[i] === i) isInvocation[i] = 1;
  for (let i = 0; i < n; i++) {
    const p = set.parentIdx[i];
    if (isInvocation[i] && p >= 0) downstreamUs[inv[p]] += Math.max(0, set.duration[i] || 0);
  }
  const selfMs = (i: number): number => Math.max(0, (set.duration[i] || 0) - downstreamUs[i]) / 1000;
  const edgeKey = new Map<string, number>();
  const edgeSelf: number[][] = [];
  const edgeErr: number[] = [];
  const edgeCallers = new Map<number, Set<number>>();
  const pairs: [number, number][] = [];
  const invocations = new Uint32Array(set.services.length);
  const entryOf = new Map<number, number>();
  const entrySelf: number[][] = [];
  const entryErr: number[] = [];
  const arrivals: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (!isInvocation[i]) continue;
    const svc = set.serviceIdx[i];
    invocations[svc]++;
    const failed = set.status[i] === SPAN_STATUS.error ? 1 : 0;
    const p = set.parentIdx[i];
    if (p < 0) {
      if (!Number.isFinite(set.start[i])) continue;
      let e = entryOf.get(svc);
      if (e === undefined) {
        e = entrySelf.length;
        entryOf.set(svc, e);
        entrySelf.push([]);
        entryErr.push(0);
      }
      entrySelf[e].push(selfMs(i));
      entryErr[e] += failed;
      arrivals.push([set.start[i] / 1000, e]);
      continue;
    }
    const caller = set.serviceIdx[inv[p]];
    const key = `${caller}>${svc}`;
    let k = edgeKey.get(key);
    if (k === undefined) {
      k = edgeSelf.length;
      edgeKey.set(key, k);
      edgeSelf.push([]);
      edgeErr.push(0);
      pairs.push([caller, svc]);
      edgeCallers.set(k, new Set());
    }
    edgeSelf[k].push(selfMs(i));
    edgeErr[k] += failed;
    edgeCallers.get(k)?.add(inv[p]);
  }
  if (!arrivals.length) return 'The traces have no root span with a start time, so there is no request stream to replay.';
  arrivals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const edges: ChaosEdge[] = pairs.map(([caller, callee], k) => {
    const calls = edgeSelf[k].length;
    const callingInvocations = edgeCallers.get(k)?.size ?? 1;
    return {
      caller, callee, selfMs: Float64Array.from(edgeSelf[k]).sort(),
      callProbability: Math.min(1, callingInvocations / Math.max(1, invocations[caller])),
      fanOut: Math.max(1, calls / callingInvocations), errorRate: edgeErr[k] / calls,
    };
  });
  const entries: ChaosEntry[] = [...entryOf.entries()].map(([service, e]) => ({
    service, selfMs: Float64Array.from(entrySelf[e]).sort(), errorRate: entryErr[e] / entrySelf[e].length,
  }));
  const arrivalMs = Float64Array.from(arrivals, (a) => a[0]);
  return {
    services: [...set.services], edges, entries, arrivalMs, arrivalEntry: Uint32Array.from(arrivals, (a) => a[1]),
    startMs: arrivalMs[0], endMs: arrivalMs[arrivalMs.length - 1] + 1,
  };
}
