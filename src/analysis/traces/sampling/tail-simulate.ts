// The tail_sampling processor replayed on recorded traces: spans arrive when they end; a trace is decided
// decision_wait after its first span on the spans received by then; num_traces evicts the oldest trace
// (undecided: dropped too early); late spans inherit the decision, or after eviction are decided again
// unless the decision cache remembers the trace. Each kept trace carries the probability it was kept with.

import { groupIndices, sortRange } from '../csr';
import type { SamplingContext } from './context';
import type { TailConfig } from './tail-config';
import { decider, type TraceView } from './tail-policies';

export interface TailStats {
  /** Spans that arrived after their trace's decision. */
  lateSpans: number;
  /** … of which took the decision made (trace still buffered, or remembered by the decision cache). */
  lateInherited: number;
  /** … of which arrived after eviction and were decided again on their own. */
  lateRedecided: number;
  /** Traces evicted by num_traces before their decision: their spans so far are lost. */
  droppedTooEarly: number;
  /** Spans lost with those traces. */
  lostSpans: number;
  /** Traces decided while some of their spans were still to come. */
  decidedIncomplete: number;
}

export interface TailResult {
  /** 1 per span row kept. */
  keep: Uint8Array;
  /**
   * Per forest trace with spans kept: the probability of the decision that kept them (the first such
   * decision when late spans were decided again); 0 for traces with nothing kept.
   */
  probability: Float64Array;
  stats: TailStats;
}

/** Count of sorted `times` ≤ x (binary search). */
function countUpTo(times: Float64Array, x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Simplifications (stated so the numbers can be read): decisions run in decision-time order rather than on
 * the processor's 1 s tick; re-buffered late spans take no num_traces slot and are decided all together.
 */
export function simulateTail(ctx: SamplingContext, config: TailConfig): TailResult {
  const { set, forest, traces } = ctx;
  const n = set.spanCount;
  const T = traces.count;
  const waitUs = config.decisionWaitMs * 1000;
  const arrival = new Float64Array(n);
  for (let r = 0; r < n; r++) arrival[r] = set.start[r] + set.duration[r];
  const byTrace = groupIndices(forest.traceOf.subarray(0, n), T);
  const arrivalOf = (r: number): number => (Number.isFinite(arrival[r]) ? arrival[r] : -Infinity);
  for (let t = 0; t < T; t++) sortRange(byTrace.items, byTrace.offsets[t], byTrace.offsets[t + 1], (a, b) => arrivalOf(a) - arrivalOf(b) || a - b);
  const first = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const lo = byTrace.offsets[t];
    let f = Infinity;
    for (let i = lo; i < byTrace.offsets[t + 1]; i++) if (Number.isFinite(arrival[byTrace.items[i]])) f = Math.min(f, arrival[byTrace.items[i]]);
    first[t] = f === Infinity ? 0 : f;
  }
  // Spans without an end arrive with their trace's first span.
  for (let r = 0; r < n; r++) if (!Number.isFinite(arrival[r])) arrival[r] = first[forest.traceOf[r]];
  const order = Uint32Array.from({ length: T }, (_, t) => t).sort((a, b) => first[a] - first[b] || a - b);
  const evictAt = new Float64Array(T).fill(Infinity);
  for (let i = 0; i + config.numTraces < T; i++) evictAt[order[i]] = first[order[i + config.numTraces]];

  const decide = decider(config.policies, ctx, config.sampleOnFirstMatch);
  const keep = new Uint8Array(n);
  const stats: TailStats = { lateSpans: 0, lateInherited: 0, lateRedecided: 0, droppedTooEarly: 0, lostSpans: 0, decidedIncomplete: 0 };
  const decided = new Int8Array(T).fill(-1);
  const probability = new Float64Array(T);
  const sampledTimes: number[] = [];
  const notSampledTimes: number[] = [];
  const rows: number[] = [];
  const view = (t: number, nowUs: number): TraceView => {
    let bytes = 0;
    for (const r of rows) bytes += ctx.spanBytes[r];
    return { trace: t, rows, nowUs, bytes };
  };

  for (const t of order) {
    const at = first[t] + waitUs;
    if (evictAt[t] < at) {
      stats.droppedTooEarly++;
      continue;
    }
    rows.length = 0;
    for (let i = byTrace.offsets[t]; i < byTrace.offsets[t + 1]; i++) if (arrival[byTrace.items[i]] <= at) rows.push(byTrace.items[i]);
    const p = decide(view(t, at));
    const yes = p > 0;
    probability[t] = p;
    decided[t] = yes ? 1 : 0;
    (yes ? sampledTimes : notSampledTimes).push(at);
    if (rows.length < byTrace.offsets[t + 1] - byTrace.offsets[t]) stats.decidedIncomplete++;
    for (const r of rows) keep[r] = yes ? 1 : 0;
  }

  // Late spans, and the spans of evicted traces.
  const sampledSorted = Float64Array.from(sampledTimes).sort();
  const notSampledSorted = Float64Array.from(notSampledTimes).sort();
  const redo: { t: number; at: number; rows: number[] }[] = [];
  for (let t = 0; t < T; t++) {
    const at = first[t] + waitUs;
    const again: number[] = [];
    for (let i = byTrace.offsets[t]; i < byTrace.offsets[t + 1]; i++) {
      const r = byTrace.items[i];
      if (decided[t] < 0) {
        if (arrival[r] <= evictAt[t]) stats.lostSpans++;
        else again.push(r);
        continue;
      }
      if (arrival[r] <= at) continue;
      stats.lateSpans++;
      const times = decided[t] ? sampledSorted : notSampledSorted;
      const cache = decided[t] ? config.sampledCacheSize : config.nonSampledCacheSize;
      const remembered = cache > 0 && countUpTo(times, arrival[r]) - countUpTo(times, at) < cache;
      if (arrival[r] <= evictAt[t] || remembered) {
        keep[r] = decided[t];
        stats.lateInherited++;
      } else {
        again.push(r);
        stats.lateRedecided++;
      }
    }
    if (again.length) redo.push({ t, at: arrival[again[0]] + waitUs, rows: again });
  }
  redo.sort((a, b) => a.at - b.at || a.t - b.t);
  for (const g of redo) {
    rows.length = 0;
    for (const r of g.rows) rows.push(r);
    const p = decide(view(g.t, g.at));
    for (const r of g.rows) keep[r] = p > 0 ? 1 : 0;
    if (!probability[g.t]) probability[g.t] = p;
  }
  return { keep, probability, stats };
}
