// The analysis worker's cache of stored trace sets: the most recently read datasets' TraceSets, so the
// trace list, waterfall, service graph, operations table and sampling lab do not re-read IndexedDB.

import type { TraceSet } from '../model/traces';
import { readTraces } from '../store/datasets';

const KEEP = 2;
const cache = new Map<string, Promise<TraceSet>>();

/** The dataset's TraceSet (read once, then cached; a failed read is not cached). */
export function loadTraces(datasetId: string): Promise<TraceSet> {
  const hit = cache.get(datasetId);
  if (hit) {
    cache.delete(datasetId);
    cache.set(datasetId, hit); // most recent last
    return hit;
  }
  const p = readTraces(datasetId);
  cache.set(datasetId, p);
  p.catch(() => cache.delete(datasetId));
  while (cache.size > KEEP) cache.delete(cache.keys().next().value as string);
  return p;
}

/** Drops a dataset's cached traces (after deletion). */
export function forgetTraces(datasetId: string): void {
  cache.delete(datasetId);
}
