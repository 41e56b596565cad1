// Everything the trace views and `faultline traces` show, computed once per TraceSet: trees, self time,
// per-service and per-operation latency, service graph, critical paths, error origins and slow traces.

import type { TraceSet } from '../../model/traces';
import { adjustClockSkew, type SkewAdjustment } from './clock-skew';
import { criticalPaths, type CriticalPaths } from './critical-path';
import { criticalPathShares, type CriticalPathShare } from './critical-path-share';
import { latencyStats, type LatencyStats } from './operation-stats';
import type { QuantileFn } from './quantiles';
import { errorOrigins, rankRootCauses, type RootCauseRank, type TraceErrorOrigins } from './root-cause';
import { selfTimes } from './self-time';
import { serviceGraph, type ServiceGraph } from './service-graph';
import { slowTraces, type SlowTraceReport } from './slow-traces';
import { buildSpanForest, type SpanForest } from './span-forest';
import { groupByOperation, groupByService, type SpanGroups } from './span-groups';
import { traceTable, type TraceTable } from './trace-table';

export interface TraceAnalysisOptions {
  /** Shift children into their parents first, as Jaeger does (default false: times as recorded). */
  adjustClockSkew?: boolean;
  /** Slow-trace bound, ms (default: the p99 of traces with the same root operation). */
  slowThresholdMs?: number;
}

export interface TraceAnalysis {
  forest: SpanForest;
  /** Present when clock skew was adjusted. */
  skew?: SkewAdjustment;
  /** The start column every timing below used (adjusted or as recorded), µs. */
  start: Float64Array;
  /** Self time per span row, µs. */
  selfUs: Float64Array;
  traces: TraceTable;
  operationGroups: SpanGroups;
  serviceGroups: SpanGroups;
  /** One row per (service, operation) group, in group order. */
  operations: LatencyStats[];
  services: LatencyStats[];
  graph: ServiceGraph;
  criticalPaths: CriticalPaths;
  criticalPathShares: CriticalPathShare[];
  errors: TraceErrorOrigins[];
  rootCauses: { byOperation: RootCauseRank[]; byService: RootCauseRank[] };
  slow: SlowTraceReport;
}

export function analyzeTraces(set: TraceSet, quantiles: QuantileFn, opts: TraceAnalysisOptions = {}): TraceAnalysis {
  const forest = buildSpanForest(set);
  const skew = opts.adjustClockSkew ? adjustClockSkew(set, forest) : undefined;
  const start = skew?.start ?? set.start;
  const selfUs = selfTimes(set, forest, start);
  const traces = traceTable(set, forest);
  const operationGroups = groupByOperation(set);
  const serviceGroups = groupByService(set);
  const operations = latencyStats(set, operationGroups, quantiles, selfUs);
  const paths = criticalPaths(set, forest, start);
  const errors = errorOrigins(set, forest);
  const selfP50 = operations.map((o) => o.selfTimeP50Ms);
  return {
    forest,
    ...(skew ? { skew } : {}),
    start,
    selfUs,
    traces,
    operationGroups,
    serviceGroups,
    operations,
    services: latencyStats(set, serviceGroups, quantiles, selfUs),
    graph: serviceGraph(set, forest, quantiles),
    criticalPaths: paths,
    criticalPathShares: criticalPathShares(set, operationGroups, paths),
    errors,
    rootCauses: { byOperation: rankRootCauses(set, errors, 'operation'), byService: rankRootCauses(set, errors, 'service') },
    slow: slowTraces(set, traces, paths, operationGroups, selfP50, quantiles, opts.slowThresholdMs === undefined ? {} : { thresholdMs: opts.slowThresholdMs }),
  };
}
