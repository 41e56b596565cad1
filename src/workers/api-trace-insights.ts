// The analysis worker's API for service graph, per-operation latency table and the sampling lab (plain data and transferable typed arrays only).

import type { ServiceRed, TraceInsights } from '../analysis/traces/insights';
import type { ServiceShapes } from '../analysis/traces/service-shapes';
import type { ShapesRequest } from '../analysis/series-shapes';
import type { PolicyOutcome, PolicySpec, SamplingAdviceResult, SamplingGoalsInput } from '../analysis/traces/sampling-lab';

// Defined in src/analysis (the layer rule forbids analysis importing workers); re-exported unchanged.
export type { EdgeRow, LatencyRow, RootCauseRow, ServiceRed, SlowCauseRow, TraceInsights } from '../analysis/traces/insights';
export type { ServiceShapes } from '../analysis/traces/service-shapes';
export type { CandidateRow, PolicyOutcome, PolicySpec, SamplingAdviceResult, SamplingGoalsInput, TailPolicySpec } from '../analysis/traces/sampling-lab';
export type { LatencyError, SamplingReport } from '../analysis/traces/sampling/sampling-report';

export interface TraceSummaryOptions {
  /** Shift children into their parents first, as Jaeger does (default false). */
  clockSkew?: boolean;
}

/** The summary of a stored dataset's traces. */
export interface TraceSummary extends TraceInsights {
  datasetId: string;
}

export interface TraceInsightsWorkerApi {
  /** Services, operations, edges, root causes and slow-trace causes of a stored dataset (computed once, cached). */
  traceSummary(datasetId: string, opts?: TraceSummaryOptions): Promise<TraceSummary>;
  /** Rate, errors and p99 per time bucket of one service's spans (arrays transferred). */
  serviceRed(datasetId: string, service: string, opts?: TraceSummaryOptions): Promise<ServiceRed>;
  /**
   * Every service's row and its spans per bucket over one shared range, in one call (the count array
   * transferred): the Overview's Services table.
   */
  serviceShapes(req: ShapesRequest): Promise<ServiceShapes>;
  /** What each policy, replayed over the recorded traces, keeps and loses (a policy that cannot be read is an error value). */
  simulateSampling(datasetId: string, policies: PolicySpec[]): Promise<PolicyOutcome[]>;
  /** The advisor's candidates (and `extra` policies) against the goals; the cheapest one meeting them. */
  adviseSampling(datasetId: string, goals: SamplingGoalsInput, extra?: PolicySpec[]): Promise<SamplingAdviceResult>;
}
