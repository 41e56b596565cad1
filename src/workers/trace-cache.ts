// The analysis worker's cache of stored trace sets: the most recently read datasets' TraceSets, so the
// trace list, waterfall, service graph, operations table and sampling lab do not re-read IndexedDB.

import type { TraceSet } from '../model/traces';
import { readTraces } from '../store/datasets';
import { promiseLru } from './promise-lru';

const cache = promiseLru<TraceSet>(2);

/** The dataset's TraceSet (read once, then cached; a failed read is not cached). */
export function loadTraces(datasetId: string): Promise<TraceSet> {
  return cache(datasetId, () => readTraces(datasetId));
}

/** Drops a dataset's cached traces (after deletion). */
export function forgetTraces(datasetId: string): void {
  cache.delete(datasetId);
}
