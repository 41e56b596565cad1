// A dataset's TraceSet in IndexedDB: every column (typed array or string table) sliced into records of the
// traceChunks store, written in batches (cancel checked between transactions) and reassembled on read.

import { TRACE_COLUMNS, traceColumns, traceSetFromColumns, type TraceColumn, type TraceColumnName, type TraceSet } from '../model/traces';
import { TRACE_CHUNK_ELEMENTS, datasetRange, db, type TraceChunkRecord } from './db';

/** Writes every column of `set`; returns the records written, or 'cancelled'. Throws on IDB errors. */
export async function writeTraceChunks(id: string, set: TraceSet, isCancelled?: () => boolean, chunkElements = TRACE_CHUNK_ELEMENTS): Promise<number | 'cancelled'> {
  const d = await db();
  const size = Math.max(1, Math.floor(chunkElements));
  // Four full chunks per transaction (as for points).
  const perTransaction = 4 * size;
  const cols = traceColumns(set);
  let written = 0;
  let batch: TraceChunkRecord[] = [];
  let batchElements = 0;
  const flush = async (): Promise<boolean> => {
    if (isCancelled?.()) return false;
    const tx = d.transaction('traceChunks', 'readwrite');
    await Promise.all([...batch.map((c) => tx.store.put(c)), tx.done]);
    written += batch.length;
    batch = [];
    batchElements = 0;
    return true;
  };
  for (let column = 0; column < TRACE_COLUMNS.length; column++) {
    const data = cols[TRACE_COLUMNS[column]];
    // An empty column is stored as one empty record, so a read can tell "empty" from "missing".
    for (let c = 0, at = 0; c === 0 || at < data.length; c++, at += size) {
      // slice, not subarray: a view would store its whole underlying buffer.
      batch.push({ datasetId: id, column, chunkIndex: c, data: data.slice(at, at + size) });
      batchElements += Math.min(size, data.length - at) + 1;
      if (batchElements >= perTransaction && !(await flush())) return 'cancelled';
    }
  }
  if (batch.length && !(await flush())) return 'cancelled';
  return written;
}

function concatColumn(parts: TraceColumn[]): TraceColumn {
  if (parts.length === 1) return parts[0];
  const first = parts[0];
  if (Array.isArray(first)) return ([] as string[]).concat(...(parts as string[][]));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new (first.constructor as new (n: number) => Exclude<TraceColumn, string[]>)(total);
  let at = 0;
  for (const p of parts as Exclude<TraceColumn, string[]>[]) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Reads the TraceSet stored for a dataset. Throws a readable Error when the dataset does not exist,
 * holds no traces, or its stored columns are inconsistent.
 */
export async function readTraces(datasetId: string): Promise<TraceSet> {
  const tx = (await db()).transaction(['datasets', 'traceChunks'], 'readonly');
  const meta = await tx.objectStore('datasets').get(datasetId);
  if (!meta) throw new Error(`Dataset ${datasetId} does not exist (it may have been deleted).`);
  if (!meta.spanCount) throw new Error(`Dataset "${meta.name}" has no traces.`);
  const parts: TraceColumn[][] = TRACE_COLUMNS.map(() => []);
  let cursor = await tx.objectStore('traceChunks').openCursor(datasetRange(datasetId));
  while (cursor) {
    const c = cursor.value;
    if (c.column >= TRACE_COLUMNS.length || c.chunkIndex !== parts[c.column].length) {
      throw new Error(`Dataset "${meta.name}": stored trace column ${c.column}, chunk ${c.chunkIndex} is out of order.`);
    }
    parts[c.column].push(c.data);
    cursor = await cursor.continue();
  }
  const cols: Partial<Record<TraceColumnName, TraceColumn>> = {};
  for (let k = 0; k < TRACE_COLUMNS.length; k++) {
    if (parts[k].length === 0) throw new Error(`Dataset "${meta.name}": trace column ${TRACE_COLUMNS[k]} is not stored.`);
    cols[TRACE_COLUMNS[k]] = concatColumn(parts[k]);
  }
  const set = traceSetFromColumns(cols);
  if (typeof set === 'string') throw new Error(`Dataset "${meta.name}": stored traces are inconsistent (${set}).`);
  if (set.spanCount !== meta.spanCount) throw new Error(`Dataset "${meta.name}": ${set.spanCount} of ${meta.spanCount} spans are stored.`);
  return set;
}
