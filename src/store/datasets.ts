// Datasets in IndexedDB: store atomically (chunks first, the dataset record last, rollback on failure
// or cancel), list, read a series back, rename, delete, clean orphans of killed imports, storage use.

import type { DatasetMeta, Series, SeriesMeta } from '../model/series';
import { seriesMetaOf } from '../model/series';
import type { ImportError, Result } from '../model/errors';
import { summarizeTraces, type TraceSet } from '../model/traces';
import { CHUNK_POINTS, datasetRange, db, seriesRange, type ChunkRecord, type FaultlineDB } from './db';
import { writeTraceChunks } from './trace-chunks';

export { readTraces } from './trace-chunks';

/** What the caller knows about a new dataset; counts, time range and series summaries are computed. */
export interface NewDataset {
  /** Normally omitted (a fresh id is generated); must not name an existing dataset. */
  id?: string;
  name: string;
  fileName: string;
  format: string;
  compression?: DatasetMeta['compression'];
  timeEncoding?: DatasetMeta['timeEncoding'];
  bytes: number;
  warnings: string[];
}

export interface StoreOptions {
  /** Checked between write transactions; true stops the store, rolls back, returns 'cancelled'. */
  isCancelled?: () => boolean;
  /** Points written so far out of the total, after each write transaction. */
  onProgress?: (pointsWritten: number, pointsTotal: number) => void;
  /** Points (and trace column elements) per stored chunk (tests use small chunks to exercise many-chunk paths). */
  chunkPoints?: number;
}

export interface StorageUse {
  usage: number;
  quota: number;
  /** True when the browser promised not to evict this origin's data. */
  persisted: boolean;
}

/** Chunks written per transaction: one commit is ~16 MB at the default chunk size. */
const CHUNKS_PER_TRANSACTION = 4;
const LOCK_PREFIX = 'faultline-store:';

/** All stored datasets, oldest first. */
export async function listDatasets(): Promise<DatasetMeta[]> {
  const all = await (await db()).getAll('datasets');
  return all.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export async function getDataset(id: string): Promise<DatasetMeta | undefined> {
  return (await db()).get('datasets', id);
}

/** Reassembles one series from its chunks. Throws when the dataset or series does not exist. */
export async function readSeries(datasetId: string, seriesIndex: number): Promise<Series> {
  const tx = (await db()).transaction(['datasets', 'chunks'], 'readonly');
  const meta = await tx.objectStore('datasets').get(datasetId);
  if (!meta) throw new Error(`Dataset ${datasetId} does not exist (it may have been deleted).`);
  const sm: SeriesMeta | undefined = meta.series[seriesIndex];
  if (!sm) throw new Error(`Dataset "${meta.name}" has no series ${seriesIndex} (it has ${meta.seriesCount}).`);
  const t = new Float64Array(sm.count);
  const v = new Float64Array(sm.count);
  let at = 0;
  let expectedChunk = 0;
  // A cursor, not getAll: each chunk can be collected as soon as it is copied.
  let cursor = await tx.objectStore('chunks').openCursor(seriesRange(datasetId, seriesIndex));
  while (cursor) {
    const c = cursor.value;
    if (c.chunkIndex !== expectedChunk || at + c.t.length > sm.count || c.v.length !== c.t.length) {
      throw new Error(`Dataset "${meta.name}", series ${seriesIndex}: stored chunk ${c.chunkIndex} is inconsistent.`);
    }
    t.set(c.t, at);
    v.set(c.v, at);
    at += c.t.length;
    expectedChunk++;
    cursor = await cursor.continue();
  }
  if (at !== sm.count) {
    throw new Error(`Dataset "${meta.name}", series ${seriesIndex}: ${at} of ${sm.count} points are stored.`);
  }
  return { name: sm.name, labels: sm.labels, t, v };
}

/**
 * Stores a dataset so that it becomes visible only when complete: all chunks are written first
 * (several transactions), then, in one transaction that checks every chunk is there, the dataset
 * record. On failure or cancellation everything written is deleted before returning the error.
 */
export async function storeDataset(
  input: NewDataset,
  series: Series[],
  opts: StoreOptions = {},
  traces?: TraceSet,
): Promise<Result<DatasetMeta>> {
  const file = input.fileName;
  const id = input.id ?? newId();
  for (let i = 0; i < series.length; i++) {
    if (series[i].t.length !== series[i].v.length) {
      return fail(internal(file, `series ${i} has ${series[i].t.length} timestamps but ${series[i].v.length} values`));
    }
  }
  return withLock(LOCK_PREFIX + id, async () => {
    let d: FaultlineDB;
    try {
      d = await db();
      if (await d.getKey('datasets', id)) return fail(internal(file, `a dataset with id ${id} already exists`));
    } catch (e) {
      return fail(internal(file, messageOf(e))); // nothing written yet, nothing to roll back
    }
    try {
      const written = await writeChunks(id, series, opts);
      if (written === 'cancelled') return fail(await rollback(id, cancelled(file)));
      const traceWritten = traces ? await writeTraceChunks(id, traces, opts.isCancelled, opts.chunkPoints) : 0;
      if (traceWritten === 'cancelled') return fail(await rollback(id, cancelled(file)));
      if (opts.isCancelled?.()) return fail(await rollback(id, cancelled(file)));
      const meta = describe(id, input, series, traces);
      const tx = d.transaction(['datasets', 'chunks', 'traceChunks'], 'readwrite');
      const present = await tx.objectStore('chunks').index('byDataset').count(id);
      const tracePresent = await tx.objectStore('traceChunks').index('byDataset').count(id);
      if (present !== written || tracePresent !== traceWritten) {
        tx.abort();
        await tx.done.catch(() => undefined);
        return fail(await rollback(id, internal(file, `${present + tracePresent} of ${written + traceWritten} chunks were found after writing`)));
      }
      await Promise.all([tx.objectStore('datasets').add(meta), tx.done]);
      return { ok: true as const, value: meta };
    } catch (e) {
      return fail(await rollback(id, isQuota(e) ? quota(file) : internal(file, messageOf(e))));
    }
  });
}

/** Deletes a dataset record, all its chunks and its documents in one transaction. False when it did not exist. */
export async function deleteDataset(id: string): Promise<boolean> {
  const tx = (await db()).transaction(['datasets', 'chunks', 'traceChunks', 'documents'], 'readwrite');
  const datasets = tx.objectStore('datasets');
  const existed = (await datasets.getKey(id)) !== undefined;
  const documents = IDBKeyRange.bound([id, ''], [id, '\uffff']);
  await Promise.all([datasets.delete(id), tx.objectStore('chunks').delete(datasetRange(id)), tx.objectStore('traceChunks').delete(datasetRange(id)), tx.objectStore('documents').delete(documents), tx.done]);
  return existed;
}

/** Renames a dataset (display name only). Undefined when it does not exist. */
export async function renameDataset(id: string, name: string): Promise<DatasetMeta | undefined> {
  const tx = (await db()).transaction('datasets', 'readwrite');
  const meta = await tx.store.get(id);
  if (!meta) {
    await tx.done;
    return undefined;
  }
  const renamed = { ...meta, name };
  await Promise.all([tx.store.put(renamed), tx.done]);
  return renamed;
}

/**
 * Deletes chunks whose dataset record does not exist (an import killed half-way) and whose import
 * is not running in any tab or worker (running imports hold a Web Lock). Returns the dataset ids cleaned.
 */
export async function cleanOrphans(): Promise<string[]> {
  const d = await db();
  const candidates: string[] = [];
  for (const store of ['chunks', 'traceChunks'] as const) {
    const tx = d.transaction(['datasets', store], 'readonly');
    const datasets = tx.objectStore('datasets');
    let cursor = await tx.objectStore(store).index('byDataset').openKeyCursor(null, 'nextunique');
    while (cursor) {
      const datasetId = cursor.key;
      if ((await datasets.getKey(datasetId)) === undefined && !candidates.includes(datasetId)) candidates.push(datasetId);
      cursor = await cursor.continue();
    }
    await tx.done;
  }
  if (!candidates.length) return [];
  // Locks are queried after the scan: an import that had chunks at scan time held its lock then.
  const running = await runningStores();
  const cleaned: string[] = [];
  const tx = d.transaction(['datasets', 'chunks', 'traceChunks'], 'readwrite');
  const work: Promise<unknown>[] = [];
  for (const id of candidates) {
    if (running.has(id)) continue;
    if ((await tx.objectStore('datasets').getKey(id)) !== undefined) continue; // completed meanwhile
    work.push(tx.objectStore('chunks').delete(datasetRange(id)), tx.objectStore('traceChunks').delete(datasetRange(id)));
    cleaned.push(id);
  }
  await Promise.all([...work, tx.done]);
  return cleaned;
}

/** Number of stored chunks, of one dataset or of all (for tests and diagnostics). */
export async function countChunks(datasetId?: string, store: 'chunks' | 'traceChunks' = 'chunks'): Promise<number> {
  const d = await db();
  return datasetId === undefined ? d.count(store) : d.countFromIndex(store, 'byDataset', datasetId);
}

/** Storage used and available to this origin; undefined when the browser cannot tell. Never throws. */
export async function storageEstimate(): Promise<StorageUse | undefined> {
  try {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage || typeof storage.estimate !== 'function') return undefined;
    const e = await storage.estimate();
    const persisted = typeof storage.persisted === 'function' ? await storage.persisted().catch(() => false) : false;
    return { usage: e.usage ?? NaN, quota: e.quota ?? NaN, persisted };
  } catch {
    return undefined;
  }
}

/** Writes every chunk; returns the number of chunks written, or 'cancelled'. Throws on IDB errors. */
async function writeChunks(id: string, series: Series[], opts: StoreOptions): Promise<number | 'cancelled'> {
  const d = await db();
  const chunkPoints = Math.max(1, Math.floor(opts.chunkPoints ?? CHUNK_POINTS));
  const perTx = CHUNKS_PER_TRANSACTION * chunkPoints;
  const total = series.reduce((n, s) => n + s.t.length, 0);
  let done = 0;
  let chunks = 0;
  let batch: ChunkRecord[] = [];
  let batchPoints = 0;
  const flush = async (): Promise<boolean> => {
    if (opts.isCancelled?.()) return false;
    const tx = d.transaction('chunks', 'readwrite');
    await Promise.all([...batch.map((c) => tx.store.put(c)), tx.done]);
    done += batchPoints;
    chunks += batch.length;
    batch = [];
    batchPoints = 0;
    opts.onProgress?.(done, total);
    return true;
  };
  for (let s = 0; s < series.length; s++) {
    const { t, v } = series[s];
    for (let c = 0, at = 0; at < t.length; c++, at += chunkPoints) {
      const end = Math.min(t.length, at + chunkPoints);
      // slice, not subarray: structured clone of a view would store its whole underlying buffer.
      batch.push({ datasetId: id, seriesIndex: s, chunkIndex: c, t: t.slice(at, end), v: v.slice(at, end) });
      batchPoints += end - at;
      if (batchPoints >= perTx && !(await flush())) return 'cancelled';
    }
  }
  if (batch.length && !(await flush())) return 'cancelled';
  if (!batch.length && done === 0) opts.onProgress?.(0, total);
  return chunks;
}

function describe(id: string, input: NewDataset, series: Series[], traces?: TraceSet): DatasetMeta {
  const metas = series.map((s, i) => seriesMetaOf(i, s));
  let start = NaN;
  let end = NaN;
  const ranges = metas.filter((m) => m.count > 0).map((m) => [m.start, m.end]);
  const summary = traces ? summarizeTraces(traces) : undefined;
  // Span times are µs; the dataset's range is ms like its series.
  if (summary && Number.isFinite(summary.startMicros)) ranges.push([summary.startMicros / 1000, summary.endMicros / 1000]);
  for (const [s, e] of ranges) {
    // Written so that a NaN start/end (nothing seen yet) is always replaced.
    if (!(s >= start)) start = s;
    if (!(e <= end)) end = e;
  }
  return {
    id,
    name: input.name,
    fileName: input.fileName,
    format: input.format,
    ...(input.compression ? { compression: input.compression } : {}),
    ...(input.timeEncoding ? { timeEncoding: input.timeEncoding } : {}),
    series: metas,
    seriesCount: metas.length,
    pointCount: metas.reduce((n, m) => n + m.count, 0),
    start,
    end,
    bytes: input.bytes,
    createdAt: Date.now(),
    warnings: input.warnings,
    ...(summary
      ? { traceCount: summary.traceCount, spanCount: summary.spanCount, services: summary.services, errorSpanCount: summary.errorSpanCount }
      : {}),
  };
}

/** Deletes whatever was written for `id`, then hands back the error to report. */
async function rollback(id: string, error: ImportError): Promise<ImportError> {
  try {
    await deleteDataset(id);
  } catch {
    // cleanOrphans() removes the remains on the next start.
  }
  return error;
}

async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return fn();
  return locks.request(name, fn);
}

async function runningStores(): Promise<Set<string>> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  const ids = new Set<string>();
  if (!locks) return ids;
  const state = await locks.query();
  for (const l of [...(state.held ?? []), ...(state.pending ?? [])]) {
    if (l.name?.startsWith(LOCK_PREFIX)) ids.add(l.name.slice(LOCK_PREFIX.length));
  }
  return ids;
}

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function isQuota(e: unknown): boolean {
  if (typeof DOMException !== 'undefined' && e instanceof DOMException) {
    return e.name === 'QuotaExceededError' || e.code === 22;
  }
  return e instanceof Error && e.name === 'QuotaExceededError';
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const fail = (error: ImportError): Result<DatasetMeta> => ({ ok: false, error });

const cancelled = (file: string): ImportError => ({
  kind: 'cancelled',
  file,
  message: `Import of ${file} was cancelled; nothing was stored.`,
});

const quota = (file: string): ImportError => ({
  kind: 'quota',
  file,
  message: `The browser ran out of storage while saving ${file}; nothing was stored.`,
});

const internal = (file: string, what: string): ImportError => ({
  kind: 'internal',
  file,
  message: `Could not store ${file}: ${what}.`,
});
