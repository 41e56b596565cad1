// The analysis worker's handlers for percentile series (p50–p99.9) of a series or a span set.

import type { PercentilesWorkerApi } from './api-percentiles';
import type { WorkerContext } from './worker-context';

export function percentilesHandlers(_ctx: WorkerContext): PercentilesWorkerApi {
  return {};
}
