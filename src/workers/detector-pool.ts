// The analysis worker's pool of detector workers (detector.worker.ts): each has its own kernels from the
// compiled module, and runs one detector step at a time while the analysis worker runs others
// (analysis/detectors/run-steps.ts schedules them). Workers start on first use, stop after a quiet
// while, and stop at once on a cancel; a worker that fails makes its step a DetectorPoolError, which the
// scheduler answers by running the step itself.

import * as Comlink from 'comlink';
import { DetectorPoolError, type DetectorPool } from '../analysis/detectors/run-steps';
import type { DetectorName, DetectorParams, DetectorResult } from '../analysis/detectors/types';
import type { Series } from '../model/series';
import type { DetectorWorkerApi } from './api-detector';

/**
 * Detector workers for a machine with `cores` logical cores: at most 3, and one core left free besides
 * the analysis worker's. With every core busy, the engine's background compilers starve: on this 2-core
 * machine a cold Isolation Forest in a detector worker beside LOF in the page took 6.9 s (its first
 * chunk 4.2 s) against 3.6 s alone in a worker, though warm the two together took 3.5 s against 5.4 s
 * one after the other (Chromium, 1 M points).
 */
export function poolSize(cores: number | undefined): number {
  return Math.max(0, Math.min(3, Math.floor(cores ?? 1) - 2));
}

/** Idle workers are stopped after this long (their kernels' memory never shrinks while they live). */
export const IDLE_STOP_MS = 30_000;

interface Slot {
  worker: Worker;
  api: Comlink.Remote<DetectorWorkerApi>;
  ready: Promise<void>;
  busy: boolean;
  /** Rejects the step in flight (the worker failed or was stopped). */
  fail?: (e: Error) => void;
}

export class WorkerDetectorPool implements DetectorPool {
  private slots: Slot[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly module: WebAssembly.Module,
    readonly size: number,
    private readonly create: () => Worker = () => new Worker(new URL('./detector.worker.ts', import.meta.url), { type: 'module', name: 'faultline-detector' }),
  ) {}

  async run(detector: DetectorName, series: Series, params: DetectorParams, onFraction: (fraction: number) => void): Promise<DetectorResult> {
    clearTimeout(this.idleTimer);
    const slot = this.slots.find((s) => !s.busy) ?? this.spawn();
    slot.busy = true;
    const failed = new Promise<never>((_, reject) => (slot.fail = reject));
    try {
      await Promise.race([slot.ready, failed]);
      return await Promise.race([slot.api.run(detector, series, params, Comlink.proxy(onFraction)), failed]);
    } finally {
      slot.busy = false;
      slot.fail = undefined;
      if (this.slots.every((s) => !s.busy)) this.idleTimer = setTimeout(() => this.stop('idle'), IDLE_STOP_MS);
    }
  }

  /** Stops every worker (a cancelled run): steps in flight reject with DetectorPoolError. */
  abort(): void {
    this.stop('the run was cancelled');
  }

  /** Workers alive (for tests). */
  workers(): number {
    return this.slots.length;
  }

  private spawn(): Slot {
    const worker = this.create();
    const api = Comlink.wrap<DetectorWorkerApi>(worker);
    const slot: Slot = { worker, api, ready: Promise.resolve(), busy: false };
    slot.ready = api.init(this.module).catch((e: unknown) => {
      this.kill(slot, `could not start: ${e instanceof Error ? e.message : String(e)}`);
      throw new DetectorPoolError(`A detector worker could not start: ${e instanceof Error ? e.message : String(e)}`);
    });
    slot.ready.catch(() => undefined); // seen by the step that waits for it
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      this.kill(slot, ev.message || 'crashed');
    });
    worker.addEventListener('messageerror', () => this.kill(slot, 'sent a message that could not be read'));
    this.slots.push(slot);
    return slot;
  }

  private kill(slot: Slot, why: string): void {
    this.slots = this.slots.filter((s) => s !== slot);
    slot.api[Comlink.releaseProxy]();
    slot.worker.terminate();
    slot.fail?.(new DetectorPoolError(`A detector worker stopped (${why}).`));
  }

  private stop(why: string): void {
    clearTimeout(this.idleTimer);
    for (const slot of [...this.slots]) this.kill(slot, why);
  }
}
