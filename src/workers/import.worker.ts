// The import worker: parse a dropped file (streamed, with progress) and store it atomically; exposes
// ImportWorkerApi with Comlink. Never throws across the boundary: every failure is an ImportError value.

import * as Comlink from 'comlink';
import type { DatasetMeta } from '../model/series';
import type { ImportError, Result } from '../model/errors';
import { parseSource } from '../formats/registry';
import { blobSource } from '../formats/sources';
import { checkStorageBudget } from '../store/budget';
import { cleanOrphans, storageEstimate, storeDataset } from '../store/datasets';
import type { ImportProgress, ImportWorkerApi } from './api';
import { listenForChaos } from './chaos';
import { attachLabels, attachPendingLabels, readLabelFile } from './label-attach';
import { releaseProxy } from './release-proxy';

/** Remains of an import killed half-way (tab closed, worker crashed) are removed before the first import. */
const cleaned: Promise<unknown> = cleanOrphans().catch(() => undefined);

/** Import ids asked to stop; an id may be cancelled before its import even starts. */
const cancelled = new Set<string>();

const api: ImportWorkerApi = {
  async importFile(importId, file, onProgress): Promise<Result<DatasetMeta, ImportError>> {
    const fileName = file.name;
    const report = progressReporter(importId, fileName, onProgress);
    const isCancelled = (): boolean => cancelled.has(importId);
    try {
      await cleaned;
      // Refused before parsing when it cannot fit (rule in store/budget.ts).
      const tooLarge = checkStorageBudget(fileName, file.size, await storageEstimate());
      if (tooLarge) return { ok: false, error: tooLarge };
      report('parsing', 0, file.size);
      const parsed = await parseSource(blobSource(file, fileName), {
        isCancelled,
        // A scrape saved without timestamps is dated when the file was written (else now).
        defaultSampleTime: file.lastModified > 0 ? { ms: file.lastModified, source: 'file modification time' } : { ms: Date.now(), source: 'import time' },
        onProgress: (p) => report('parsing', p.bytesRead, p.bytesTotal),
      });
      if (!parsed.ok) return parsed;
      if (isCancelled()) return { ok: false, error: cancelledError(fileName) };
      const { format, compression, timeEncoding, series, warnings, traces } = parsed.value;
      report('storing', 0, file.size);
      return await storeDataset(
        { name: fileName, fileName, format, compression, timeEncoding, bytes: file.size, warnings },
        series,
        {
          isCancelled,
          // Storing progress is the share of points written, scaled to the file size.
          onProgress: (done, total) => report('storing', total ? Math.round((file.size * done) / total) : file.size, file.size),
        },
        traces,
      );
    } catch (e) {
      return {
        ok: false,
        error: { kind: 'internal', file: fileName, message: `Importing ${fileName} failed: ${e instanceof Error ? e.message : String(e)}` },
      };
    } finally {
      cancelled.delete(importId);
      releaseProxy(onProgress);
    }
  },

  cancel(importId) {
    cancelled.add(importId);
  },

  readLabelFile,

  async attachLabels(labels) {
    await cleaned;
    return attachLabels(labels);
  },

  async attachPendingLabels(skipSources) {
    await cleaned;
    return attachPendingLabels(skipSources);
  },
};

type Phase = 'parsing' | 'storing';

/** Sends progress to the caller without waiting for it; a caller that went away is not an import error. */
function progressReporter(importId: string, fileName: string, onProgress: (p: ImportProgress) => void) {
  return (phase: Phase, bytesRead: number, bytesTotal: number): void => {
    const p: ImportProgress = { importId, fileName, bytesRead, bytesTotal, phase };
    try {
      const r: unknown = onProgress(p);
      if (r instanceof Promise) r.catch(() => undefined);
    } catch {
      // ignore: progress is advisory
    }
  };
}

function cancelledError(file: string): ImportError {
  return { kind: 'cancelled', file, message: `Import of ${file} was cancelled; nothing was stored.` };
}

listenForChaos();
Comlink.expose(api);
