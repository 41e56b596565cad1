// Main-thread side of the workers, used by the UI: compiles the wasm once, hands the Module to a warm
// analysis worker, supervises both workers (restart on crash) and counts calls in flight for idleness.

import type * as Comlink from 'comlink';
import { compileKernels } from '../kernels/browser';
import type { ImportError, Result } from '../model/errors';
import type { DatasetMeta } from '../model/series';
import type { AnalysisWorkerApi, ImportWorkerApi } from './api';
import { SupervisedWorker, type WorkerKind } from './supervisor';

export type { WorkerKind } from './supervisor';
export { WorkerCrashedError } from './supervisor';

export interface Workers {
  importer: Comlink.Remote<ImportWorkerApi>;
  analysis: Comlink.Remote<AnalysisWorkerApi>;
  /** Calls in flight on either worker (for the app's idle signal). */
  pending(): number;
  /** Told after a worker crashed (and, unless it keeps crashing, was restarted). */
  onCrash(cb: (worker: WorkerKind, message: string) => void): void;
  /** Developer chaos: make a worker crash with an uncaught error. */
  crash(worker: WorkerKind): void;
  /** Stops both workers; later calls reject. */
  terminate(): void;
}

/** Compiles the kernels from `wasmUrl`, starts both workers, resolves once the analysis worker is warm. */
export async function startWorkers(wasmUrl: string): Promise<Workers> {
  const module = await compileKernels(wasmUrl);
  let inFlight = 0;
  const listeners: ((worker: WorkerKind, message: string) => void)[] = [];
  const onPending = (delta: number): void => {
    inFlight += delta;
  };
  const onCrash = (worker: WorkerKind, message: string): void => {
    for (const cb of listeners) {
      try {
        cb(worker, message);
      } catch {
        // a failing listener must not stop the others
      }
    }
  };

  const importer = new SupervisedWorker<ImportWorkerApi>({
    kind: 'import',
    create: () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'faultline-import' }),
    // An import cut short by a crash is an error value like any other (the new worker cleans its chunks).
    valueOnCrash: (method, args, message): Result<DatasetMeta, ImportError> | undefined => {
      if (method !== 'importFile') return undefined;
      const file = args[1] instanceof File ? args[1].name : 'the file';
      return { ok: false, error: { kind: 'internal', file, message: `${message} Importing ${file} did not finish; nothing was stored.` } };
    },
    onCrash,
    onPending,
  });

  const analysis = new SupervisedWorker<AnalysisWorkerApi>({
    kind: 'analysis',
    create: () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'faultline-analysis' }),
    setup: (remote) => remote.init(module, navigator.hardwareConcurrency),
    onCrash,
    onPending,
  });

  try {
    await analysis.ready();
  } catch (e) {
    importer.terminate();
    analysis.terminate();
    throw e;
  }

  return {
    importer: importer.remote,
    analysis: analysis.remote,
    pending: () => inFlight,
    onCrash: (cb) => {
      listeners.push(cb);
    },
    crash: (worker) => (worker === 'import' ? importer : analysis).crash(),
    terminate: () => {
      importer.terminate();
      analysis.terminate();
    },
  };
}
