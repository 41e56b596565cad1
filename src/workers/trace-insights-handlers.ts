// The analysis worker's handlers for service graph, per-operation latency table and the sampling lab.

import type { TraceInsightsWorkerApi } from './api-trace-insights';
import type { WorkerContext } from './worker-context';

export function traceInsightsHandlers(_ctx: WorkerContext): TraceInsightsWorkerApi {
  return {};
}
