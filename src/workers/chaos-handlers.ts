// The analysis worker's handlers for chaos lab replays: run, progress, cancel, scorecard.

import type { ChaosWorkerApi } from './api-chaos';
import type { WorkerContext } from './worker-context';

export function chaosHandlers(_ctx: WorkerContext): ChaosWorkerApi {
  return {};
}
