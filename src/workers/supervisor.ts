// Main-thread supervision of one Comlink worker: a stable remote that survives restarts, counts calls
// in flight, and turns a crash (uncaught error in the worker) into a restart plus rejected calls.

import * as Comlink from 'comlink';
import { CHAOS_CRASH } from './chaos';

export type WorkerKind = 'import' | 'analysis';

export interface SupervisorOptions<T> {
  kind: WorkerKind;
  create: () => Worker;
  /** Runs on every fresh worker before any call reaches it (e.g. init with the wasm module). */
  setup?: (remote: Comlink.Remote<T>) => Promise<void>;
  /** Value a call resolves to when its worker crashes under it; undefined means reject. */
  valueOnCrash?: (method: string, args: unknown[], message: string) => unknown;
  onCrash: (kind: WorkerKind, message: string) => void;
  /** Calls in flight changed by +1 / -1. */
  onPending: (delta: number) => void;
}

/** More crashes than this within CRASH_WINDOW_MS and the worker is not restarted again. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 30_000;

interface Generation<T> {
  worker: Worker;
  ready: Promise<Comlink.Remote<T>>;
  /** Rejects when this worker crashes; every call races against it. */
  died: Promise<never>;
  kill: (e: Error) => void;
}

export class WorkerCrashedError extends Error {
  constructor(
    readonly worker: WorkerKind,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

export class SupervisedWorker<T> {
  private gen: Generation<T>;
  private crashes: number[] = [];
  private failed: WorkerCrashedError | undefined;
  /** The stable remote: calls go to whichever worker is current when they are made. */
  readonly remote: Comlink.Remote<T>;

  constructor(private readonly opts: SupervisorOptions<T>) {
    this.gen = this.spawn();
    this.remote = new Proxy(
      {},
      {
        get: (_target, prop) => {
          // 'then' must stay undefined, or awaiting the remote itself would call the worker.
          if (typeof prop !== 'string' || prop === 'then') return undefined;
          return (...args: unknown[]) => this.call(prop, args);
        },
      },
    ) as Comlink.Remote<T>;
  }

  /** Resolves when the current worker has finished its setup (rejects if setup failed). */
  async ready(): Promise<void> {
    await Promise.race([this.gen.ready, this.gen.died]);
  }

  /** Developer chaos: make the worker throw an uncaught error (it is then restarted). */
  crash(): void {
    this.gen.worker.postMessage({ chaos: CHAOS_CRASH });
  }

  terminate(): void {
    this.failed = new WorkerCrashedError(this.opts.kind, `The ${this.opts.kind} worker was stopped.`);
    this.gen.kill(this.failed);
    this.gen.worker.terminate();
  }

  private spawn(): Generation<T> {
    const worker = this.opts.create();
    let kill: (e: Error) => void = () => undefined;
    const died = new Promise<never>((_, reject) => {
      kill = reject;
    });
    died.catch(() => undefined); // observed by racing calls; never an unhandled rejection
    const remote = Comlink.wrap<T>(worker);
    const ready = (this.opts.setup ? this.opts.setup(remote) : Promise.resolve()).then(() => remote);
    ready.catch(() => undefined);
    const gen: Generation<T> = { worker, ready, died, kill };
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.crashed(gen, e.message || `the ${this.opts.kind} worker failed to load or crashed`);
    });
    worker.addEventListener('messageerror', () => this.crashed(gen, 'a message from the worker could not be read'));
    return gen;
  }

  private crashed(gen: Generation<T>, what: string): void {
    if (gen !== this.gen || this.failed) return; // an old worker, already replaced
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const giveUp = this.crashes.length > MAX_CRASHES;
    const message = giveUp
      ? `The ${this.opts.kind} worker crashed ${this.crashes.length} times in a row (${what}); it was not restarted. Reload the page.`
      : `The ${this.opts.kind} worker crashed (${what}) and was restarted; the work it was doing was lost.`;
    const error = new WorkerCrashedError(this.opts.kind, message);
    gen.kill(error);
    gen.worker.terminate();
    if (giveUp) this.failed = error;
    else this.gen = this.spawn();
    this.opts.onCrash(this.opts.kind, message);
  }

  private async call(method: string, args: unknown[]): Promise<unknown> {
    const gen = this.gen;
    // Functions cross as Comlink proxies (progress callbacks), so callers may pass plain functions.
    const wire = args.map((a) => (typeof a === 'function' ? Comlink.proxy(a) : a));
    this.opts.onPending(1);
    try {
      if (this.failed) throw this.failed;
      const remote = await Promise.race([gen.ready, gen.died]);
      const fn = (remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
      return await Promise.race([fn(...wire), gen.died]);
    } catch (e) {
      if (e instanceof WorkerCrashedError && this.opts.valueOnCrash) {
        const value = this.opts.valueOnCrash(method, args, e.message);
        if (value !== undefined) return value;
      }
      throw e;
    } finally {
      this.opts.onPending(-1);
    }
  }
}
