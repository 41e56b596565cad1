// `faultline detect`'s pool of detector threads (node:worker_threads): each thread instantiates the
// compiled kernels module and runs single-series detector steps while the main thread runs others
// (analysis/detectors/run-steps.ts schedules them; the output is the same with or without threads). A
// thread runs the CLI bundle itself, which serves steps when started as one (serveDetectorThread, called
// from main.ts), so threads exist only in the built CLI, not when its modules run from source.

import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { detectStep } from '../analysis/detectors/run-chunked';
import { DetectorPoolError, type DetectorPool } from '../analysis/detectors/run-steps';
import type { DetectorName, DetectorParams, DetectorResult } from '../analysis/detectors/types';
import { instantiateKernels } from '../kernels/instantiate';
import type { Series } from '../model/series';

const ROLE = 'faultline-detector-thread';

/** Threads for `cores` logical cores: the others besides the main thread's, at most 3. */
export function threadCount(cores: number = availableParallelism()): number {
  return Math.max(0, Math.min(3, Math.floor(cores) - 1));
}

/** True where threads can start: in the built bundle (a thread loads this file, which must be plain JS). */
export const threadsAvailable = (): boolean => import.meta.url.endsWith('.js');

type Request = { id: number; name: DetectorName; series: Series; params: DetectorParams };
type Reply = { id: number; fraction: number } | { id: number; result: DetectorResult } | { id: number; error: { name: string; message: string } };

interface Pending {
  resolve: (r: DetectorResult) => void;
  reject: (e: Error) => void;
  onFraction: (f: number) => void;
}

interface Thread {
  worker: Worker;
  busy: boolean;
  pending?: { id: number } & Pending;
}

export class ThreadDetectorPool implements DetectorPool {
  private threads: Thread[] = [];
  private nextId = 1;
  /** Steps the threads ran to a result. */
  completed = 0;

  /** `script`: the built CLI bundle, which serves steps when started as a thread (default: this file, in it). */
  constructor(
    private readonly module: WebAssembly.Module,
    readonly size: number,
    private readonly script: URL = new URL(import.meta.url),
  ) {}

  async run(name: DetectorName, series: Series, params: DetectorParams, onFraction: (fraction: number) => void): Promise<DetectorResult> {
    let thread: Thread;
    try {
      thread = this.threads.find((t) => !t.busy) ?? this.spawn();
    } catch (e) {
      throw new DetectorPoolError(`A detector thread could not start: ${e instanceof Error ? e.message : String(e)}`);
    }
    thread.busy = true;
    const id = this.nextId++;
    return new Promise<DetectorResult>((resolve, reject) => {
      thread.pending = { id, resolve, reject, onFraction };
      const request: Request = { id, name, series, params };
      thread.worker.postMessage(request);
    }).finally(() => {
      thread.busy = false;
      thread.pending = undefined;
    });
  }

  /** Stops every thread (the process may then exit); steps in flight reject with DetectorPoolError. */
  async close(): Promise<void> {
    const threads = this.threads;
    this.threads = [];
    for (const t of threads) t.pending?.reject(new DetectorPoolError('the detector threads were stopped'));
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private spawn(): Thread {
    const worker = new Worker(this.script, { workerData: { role: ROLE, module: this.module } });
    const thread: Thread = { worker, busy: false };
    const fail = (why: string): void => {
      this.threads = this.threads.filter((t) => t !== thread);
      thread.pending?.reject(new DetectorPoolError(`A detector thread stopped (${why}).`));
      void worker.terminate();
    };
    worker.on('message', (m: Reply) => {
      const p = thread.pending;
      if (!p || p.id !== m.id) return;
      if ('fraction' in m) {
        p.onFraction(m.fraction);
      } else if ('result' in m) {
        this.completed++;
        p.resolve(m.result);
      } else {
        p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      }
    });
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.threads.push(thread);
    return thread;
  }
}

/** In a detector thread: serves steps from the main thread until it is terminated. */
export function serveDetectorThread(): boolean {
  if (isMainThread || !parentPort || (workerData as { role?: string } | undefined)?.role !== ROLE) return false;
  const port = parentPort;
  const kernels = instantiateKernels((workerData as { module: WebAssembly.Module }).module);
  port.on('message', (req: Request) => {
    void (async () => {
      try {
        const { result, buffers } = await detectStep(req.name, req.series, req.params, kernels, async (fraction) => port.postMessage({ id: req.id, fraction }));
        port.postMessage({ id: req.id, result }, buffers);
      } catch (e) {
        port.postMessage({ id: req.id, error: { name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) } });
      }
    })();
  });
  return true;
}
