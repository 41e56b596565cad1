// The analysis worker's handlers for SLO definitions, evaluation series, alerts, forecast and reports.

import type { SloWorkerApi } from './api-slo';
import type { WorkerContext } from './worker-context';

export function sloHandlers(_ctx: WorkerContext): SloWorkerApi {
  return {};
}
