// What a sampling decision keeps and loses against the unsampled traces: traces, spans, bytes and error
// traces kept; trace-duration p50/p99 and per-operation p99 errors; services and operations that vanish.
// Percentiles are estimated as a trace backend would from what it receives: each kept trace (and each of
// its spans) stands for its adjusted count, 1 / the probability it was kept with.

import { weightedQuantiles } from '../quantiles';
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
  /** Estimated from the kept traces weighted by their adjusted counts, ms (NaN when none is kept). */
  estimate: number;
  /** Over the kept traces unweighted, ms: what a list of the kept traces shows (NaN when none is kept). */
  unweighted: number;
  /** |estimate − all| / all (Infinity when none is kept). */
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
  /** Trace durations (earliest start to latest end), estimated from the kept traces against all. */
  latency: { p50: LatencyError; p99: LatencyError };
  /**
   * Relative error of each operation's span p99 estimated from its kept spans, weighted by their traces'
   * adjusted counts (operations that keep some).
   */
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

/**
 * The report of a decision: `keep` per span row, `probability` per forest trace (the probability each trace
 * with kept spans was kept with, > 0 there).
 */
export function samplingReport(ctx: SamplingContext, strategy: string, keep: Uint8Array, probability: Float64Array, tail?: TailStats): SamplingReport {
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
  const adjustedCounts: number[] = [];
  for (let t = 0; t < traces.count; t++) {
    if (!keptSpansOf[t]) continue;
    kept++;
    if (keptSpansOf[t] < traces.spans[t]) partial++;
    if (traces.errorSpans[t] > 0) errorKept++;
    keptDurations.push(traces.duration[t] / 1000);
    adjustedCounts.push(1 / probability[t]);
  }
  const [e50, e99] = weightedQuantiles(keptDurations, adjustedCounts, [0.5, 0.99]);
  const [u50, u99] = quantiles(Float64Array.from(keptDurations), [0.5, 0.99]);
  const opErrors: number[] = [];
  let worst = -1;
  let worstOperation: string | null = null;
  const services = new Set<string>();
  const keptServices = new Set<string>();
  const vanishedOps: string[] = [];
  for (let g = 0; g < ops.count; g++) {
    const ms: number[] = [];
    const weights: number[] = [];
    for (let i = ops.offsets[g]; i < ops.offsets[g + 1]; i++) {
      const r = ops.rows[i];
      if (!keep[r]) continue;
      ms.push(set.duration[r] / 1000);
      weights.push(1 / probability[forest.traceOf[r]]);
    }
    const label = `${set.services[ops.service[g]]} ${set.operations[ops.operation[g]]}`;
    services.add(set.services[ops.service[g]]);
    if (!ms.length) {
      vanishedOps.push(label);
      continue;
    }
    keptServices.add(set.services[ops.service[g]]);
    const e = relError(base.opP99[g], weightedQuantiles(ms, weights, [0.99])[0]);
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
    latency: {
      p50: { all: base.p50, estimate: e50, unweighted: u50, relativeError: relError(base.p50, e50) },
      p99: { all: base.p99, estimate: e99, unweighted: u99, relativeError: relError(base.p99, e99) },
    },
    operationP99Error: { median: opErrors.length ? opErrors[(opErrors.length - 1) >> 1] : NaN, worst: opErrors.length ? worst : NaN, worstOperation },
    vanished: { services: [...services].filter((s) => !keptServices.has(s)).sort(), operations: vanishedOps.sort() },
    ...(tail ? { tail } : {}),
  };
}
