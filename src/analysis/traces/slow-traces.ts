// Slow traces (above their root operation's p99, or a fixed threshold) and where their time went: each
// critical-path span's time on the path beyond its operation's baseline (the median self time).

import type { TraceSet } from '../../model/traces';
import type { CriticalPaths } from './critical-path';
import type { QuantileFn } from './quantiles';
import type { SpanGroups } from './span-groups';
import type { TraceTable } from './trace-table';

export interface SpanExcess {
  span: number;
  service: string;
  operation: string;
  /** The span's time on the critical path, ms. */
  criticalMs: number;
  /** Median self time of its operation, ms. */
  baselineMs: number;
  /** criticalMs − baselineMs (> 0). */
  excessMs: number;
}

export interface SlowTrace {
  trace: number;
  traceId: string;
  durationMs: number;
  /** The bound it exceeded, ms. */
  thresholdMs: number;
  /** Critical-path spans over their baseline, largest excess first. */
  excess: SpanExcess[];
}

export interface OperationExcess {
  service: string;
  operation: string;
  /** Slow traces where this operation ran over its baseline on the critical path. */
  traces: number;
  excessMs: number;
}

export interface SlowTraceReport {
  traces: SlowTrace[];
  /** Summed over slow traces, largest excess first. */
  byOperation: OperationExcess[];
}

export interface SlowTraceOptions {
  /** A trace is slow above this duration (ms); by default above the p99 of traces with its root operation. */
  thresholdMs?: number;
}

/** Per trace, the bound it is slow above (ms): a fixed threshold or its root operation's p99 trace duration. */
function thresholds(table: TraceTable, ops: SpanGroups, quantiles: QuantileFn, opts: SlowTraceOptions): Float64Array {
  const out = new Float64Array(table.count).fill(opts.thresholdMs ?? NaN);
  if (opts.thresholdMs !== undefined) return out;
  const byOp = new Map<number, number[]>();
  for (let t = 0; t < table.count; t++) {
    const root = table.rootSpan[t];
    if (root < 0) continue;
    const g = ops.groupOf[root];
    let list = byOp.get(g);
    if (!list) byOp.set(g, (list = []));
    list.push(t);
  }
  for (const list of byOp.values()) {
    const p99 = quantiles(Float64Array.from(list, (t) => table.duration[t] / 1000), [0.99])[0];
    for (const t of list) out[t] = p99;
  }
  return out;
}

/**
 * Slow traces and their critical-path excess. `selfP50Ms[g]` is the median self time of operation group g
 * (LatencyStats.selfTimeP50Ms of `ops`).
 */
export function slowTraces(
  set: TraceSet, table: TraceTable, paths: CriticalPaths, ops: SpanGroups, selfP50Ms: ArrayLike<number>, quantiles: QuantileFn, opts: SlowTraceOptions = {},
): SlowTraceReport {
  const bound = thresholds(table, ops, quantiles, opts);
  const onPath = new Float64Array(set.spanCount);
  const total = new Map<number, OperationExcess>();
  const lastTrace = new Map<number, number>();
  const traces: SlowTrace[] = [];
  for (let t = 0; t < table.count; t++) {
    const durationMs = table.duration[t] / 1000;
    if (!(durationMs > bound[t])) continue;
    const lo = paths.offsets[t];
    const hi = paths.offsets[t + 1];
    for (let i = lo; i < hi; i++) onPath[paths.span[i]] += paths.end[i] - paths.start[i];
    const excess: SpanExcess[] = [];
    for (let i = lo; i < hi; i++) {
      const r = paths.span[i];
      if (onPath[r] === 0) continue; // already counted (a span can hold several sections)
      const g = ops.groupOf[r];
      const criticalMs = onPath[r] / 1000;
      onPath[r] = 0;
      const baselineMs = selfP50Ms[g];
      if (!(criticalMs > baselineMs)) continue;
      const item = { span: r, service: set.services[set.serviceIdx[r]], operation: set.operations[set.operationIdx[r]], criticalMs, baselineMs, excessMs: criticalMs - baselineMs };
      excess.push(item);
      const sum = total.get(g) ?? { service: item.service, operation: item.operation, traces: 0, excessMs: 0 };
      sum.excessMs += item.excessMs;
      if (lastTrace.get(g) !== t) sum.traces++;
      lastTrace.set(g, t);
      total.set(g, sum);
    }
    excess.sort((a, b) => b.excessMs - a.excessMs);
    traces.push({ trace: t, traceId: set.traceIds[table.traceId[t]], durationMs, thresholdMs: bound[t], excess });
  }
  return { traces, byOperation: [...total.values()].sort((a, b) => b.excessMs - a.excessMs) };
}
