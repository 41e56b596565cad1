// What every sampling simulation over one TraceSet shares, computed once: the trees, the trace table,
// trace-id bytes and randomness, span and trace sizes, operation groups and the percentile function; the
// shape of a per-trace decision.

import type { TraceSet } from '../../../model/traces';
import type { QuantileFn } from '../quantiles';
import { buildSpanForest, type SpanForest } from '../span-forest';
import { groupByOperation, type SpanGroups } from '../span-groups';
import { traceTable, type TraceTable } from '../trace-table';
import { spanBytes } from './span-bytes';
import { traceIdBytes, traceRandomness } from './trace-id';

export interface SamplingContext {
  set: TraceSet;
  forest: SpanForest;
  traces: TraceTable;
  /** 16 id bytes of forest trace t at idBytes[16t … 16t+15]. */
  idBytes: Uint8Array;
  /** The 56-bit randomness of each trace id as 28-bit halves. */
  randomHi: Uint32Array;
  randomLo: Uint32Array;
  spanBytes: Float64Array;
  traceBytes: Float64Array;
  operations: SpanGroups;
  quantiles: QuantileFn;
}

export function samplingContext(set: TraceSet, quantiles: QuantileFn, forest: SpanForest = buildSpanForest(set)): SamplingContext {
  const traces = traceTable(set, forest);
  const T = traces.count;
  const idBytes = new Uint8Array(16 * T);
  const randomHi = new Uint32Array(T);
  const randomLo = new Uint32Array(T);
  for (let t = 0; t < T; t++) {
    const b = traceIdBytes(set.traceIds[traces.traceId[t]]);
    idBytes.set(b, 16 * t);
    [randomHi[t], randomLo[t]] = traceRandomness(b);
  }
  const bytes = spanBytes(set);
  const traceBytes = new Float64Array(T);
  for (let r = 0; r < set.spanCount; r++) traceBytes[forest.traceOf[r]] += bytes[r];
  return { set, forest, traces, idBytes, randomHi, randomLo, spanBytes: bytes, traceBytes, operations: groupByOperation(set), quantiles };
}

/** What a strategy decided per forest trace. */
export interface TraceDecisions {
  /** 1 per trace kept. */
  keep: Uint8Array;
  /** The probability each kept trace was kept with (its adjusted count is the inverse); 0 where not kept. */
  probability: Float64Array;
}

/** Forest traces in order of their first span start (ties by index); traces without a time last. */
export function tracesByStart(ctx: SamplingContext): Uint32Array {
  const { start } = ctx.traces;
  const order = Uint32Array.from({ length: ctx.traces.count }, (_, t) => t);
  const key = (t: number): number => (Number.isFinite(start[t]) ? start[t] : Infinity);
  return order.sort((a, b) => key(a) - key(b) || a - b);
}
