// What a sampling decision keeps and loses against the unsampled traces: traces, spans, bytes and error
// traces kept; trace-duration p50/p99 and per-operation p99 errors; services and operations that vanish.

import type { SamplingContext } from './context';
import type { TailStats } from './tail-simulate';

export interface KeptFigure {
  total: number;
  kept: number;
  /** kept / total (1 when total is 0). */
  share: number;
}

export interface LatencyError {
  /** Over every trace, ms. */
  all: number;
  /** Over the kept traces, ms (NaN when none is kept). */
  kept: number;
  /** |kept − all| / all (Infinity when none is kept). */
  relativeError: number;
}

export interface SamplingReport {
  strategy: string;
  traces: KeptFigure;
  spans: KeptFigure;
  /** Estimated OTLP bytes (sampling/span-bytes.ts). */
  bytes: KeptFigure;
  /** Traces holding an error span. */
  errorTraces: KeptFigure;
  /** Traces kept in part (tail sampling's late spans decided apart). */
  partialTraces: number;
  /** Trace durations (earliest start to latest end), kept traces against all. */
  latency: { p50: LatencyError; p99: LatencyError };
  /** Relative error of each operation's span p99 over its kept spans (operations that keep some). */
  operationP99Error: { median: number; worst: number; worstOperation: string | null };
  vanished: { services: string[]; operations: string[] };
  tail?: TailStats;
}

interface Baseline {
  p50: number;
  p99: number;
  opP99: Float64Array;
  errorTraces: number;
  bytes: number;
}

const baselines = new WeakMap<SamplingContext, Baseline>();

function baseline(ctx: SamplingContext): Baseline {
  let b = baselines.get(ctx);
  if (b) return b;
  const { traces, operations: ops, set, quantiles } = ctx;
  const [p50, p99] = quantiles(Float64Array.from(traces.duration, (d) => d / 1000), [0.5, 0.99]);
  const opP99 = new Float64Array(ops.count);
  for (let g = 0; g < ops.count; g++) {
    const ms = Float64Array.from(ops.rows.subarray(ops.offsets[g], ops.offsets[g + 1]), (r) => set.duration[r] / 1000);
    opP99[g] = quantiles(ms, [0.99])[0];
  }
  let errorTraces = 0;
  for (let t = 0; t < traces.count; t++) if (traces.errorSpans[t] > 0) errorTraces++;
  b = { p50, p99, opP99, errorTraces, bytes: ctx.spanBytes.reduce((a, x) => a + x, 0) };
  baselines.set(ctx, b);
  return b;
}

const figure = (total: number, kept: number): KeptFigure => ({ total, kept, share: total ? kept / total : 1 });
const relError = (all: number, kept: number): number => (Number.isNaN(kept) ? Infinity : all === 0 ? (kept === 0 ? 0 : Infinity) : Math.abs(kept - all) / Math.abs(all));

/** Span keep mask from a keep flag per forest trace. */
export function keepSpansOfTraces(ctx: SamplingContext, keepTrace: Uint8Array): Uint8Array {
  const keep = new Uint8Array(ctx.set.spanCount);
  for (let r = 0; r < keep.length; r++) keep[r] = keepTrace[ctx.forest.traceOf[r]];
  return keep;
}

export function samplingReport(ctx: SamplingContext, strategy: string, keep: Uint8Array, tail?: TailStats): SamplingReport {
  const { set, traces, forest, operations: ops, quantiles } = ctx;
  const base = baseline(ctx);
  const keptSpansOf = new Uint32Array(traces.count);
  let spans = 0;
  let bytes = 0;
  for (let r = 0; r < set.spanCount; r++) {
    if (!keep[r]) continue;
    spans++;
    bytes += ctx.spanBytes[r];
    keptSpansOf[forest.traceOf[r]]++;
  }
  let kept = 0;
  let partial = 0;
  let errorKept = 0;
  const keptDurations: number[] = [];
  for (let t = 0; t < traces.count; t++) {
    if (!keptSpansOf[t]) continue;
    kept++;
    if (keptSpansOf[t] < traces.spans[t]) partial++;
    if (traces.errorSpans[t] > 0) errorKept++;
    keptDurations.push(traces.duration[t] / 1000);
  }
  const [k50, k99] = quantiles(Float64Array.from(keptDurations), [0.5, 0.99]);
  const opErrors: number[] = [];
  let worst = -1;
  let worstOperation: string | null = null;
  const services = new Set<string>();
  const keptServices = new Set<string>();
  const vanishedOps: string[] = [];
  for (let g = 0; g < ops.count; g++) {
    const ms: number[] = [];
    for (let i = ops.offsets[g]; i < ops.offsets[g + 1]; i++) if (keep[ops.rows[i]]) ms.push(set.duration[ops.rows[i]] / 1000);
    const label = `${set.services[ops.service[g]]} ${set.operations[ops.operation[g]]}`;
    services.add(set.services[ops.service[g]]);
    if (!ms.length) {
      vanishedOps.push(label);
      continue;
    }
    keptServices.add(set.services[ops.service[g]]);
    const e = relError(base.opP99[g], quantiles(Float64Array.from(ms), [0.99])[0]);
    opErrors.push(e);
    if (e > worst) [worst, worstOperation] = [e, label];
  }
  opErrors.sort((a, b) => a - b);
  return {
    strategy,
    traces: figure(traces.count, kept),
    spans: figure(set.spanCount, spans),
    bytes: figure(base.bytes, bytes),
    errorTraces: figure(base.errorTraces, errorKept),
    partialTraces: partial,
    latency: { p50: { all: base.p50, kept: k50, relativeError: relError(base.p50, k50) }, p99: { all: base.p99, kept: k99, relativeError: relError(base.p99, k99) } },
    operationP99Error: { median: opErrors.length ? opErrors[(opErrors.length - 1) >> 1] : NaN, worst: opErrors.length ? worst : NaN, worstOperation },
    vanished: { services: [...services].filter((s) => !keptServices.has(s)).sort(), operations: vanishedOps.sort() },
    ...(tail ? { tail } : {}),
  };
}
