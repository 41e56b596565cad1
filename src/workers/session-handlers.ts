// The analysis worker's handlers for replay session export and import (.faultline files, share links).

import type { SessionWorkerApi } from './api-session';
import type { WorkerContext } from './worker-context';

export function sessionHandlers(_ctx: WorkerContext): SessionWorkerApi {
  return {};
}
