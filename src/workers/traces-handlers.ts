// The analysis worker's handlers for the trace list and one trace's waterfall (spans, critical path, root cause).

import type { TracesWorkerApi } from './api-traces';
import type { WorkerContext } from './worker-context';

export function tracesHandlers(_ctx: WorkerContext): TracesWorkerApi {
  return {};
}
