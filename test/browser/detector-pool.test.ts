// The detector pool in real Chromium (real workers, real .wasm): a run with detector workers equals the
// run without them; a worker that dies leaves its step to the caller; abort() stops the workers at once
// and the cancelled run rejects without waiting for them.

import { beforeAll, describe, expect, it } from 'vitest';
import wasmUrl from '../../build/kernels.wasm?url';
import { runDetection } from '../../src/analysis/detectors/run';
import type { DetectorPool } from '../../src/analysis/detectors/run-steps';
import { DEFAULT_DETECTION, isCancelled, type DetectionConfig } from '../../src/analysis/detectors/run-types';
import { compileKernels } from '../../src/kernels/browser';
import { instantiateKernelsAsync } from '../../src/kernels/instantiate';
import type { Kernels } from '../../src/kernels/types';
import { WorkerDetectorPool } from '../../src/workers/detector-pool';
import { noisyWaves } from '../reference/noisy-waves';

let module: WebAssembly.Module;
let kernels: Kernels;
beforeAll(async () => {
  module = await compileKernels(wasmUrl);
  kernels = await instantiateKernelsAsync(module);
});

const ensemble: DetectionConfig = { ...DEFAULT_DETECTION, mode: 'ensemble' };


describe('detector pool', () => {
  it('a run with two detector workers equals the run without them', async () => {
    const series = noisyWaves(['cpu', 'latency'], 5_000);
    const alone = await runDetection(series, ensemble, kernels);
    const pool = new WorkerDetectorPool(module, 2);
    const shared = await runDetection(series, ensemble, kernels, { pool });
    expect(pool.workers()).toBe(2);
    expect(shared.report).toEqual(alone.report);
    expect(shared.points).toEqual(alone.points);
    expect(shared.perDetector).toEqual(alone.perDetector);
    pool.abort();
    expect(pool.workers()).toBe(0);
  });

  it('a worker that dies leaves its step to the caller', async () => {
    const series = noisyWaves(['a'], 3_000);
    const alone = await runDetection(series, ensemble, kernels);
    let started = 0;
    const dying = () => {
      started++;
      return new Worker(URL.createObjectURL(new Blob(['throw new Error("detector worker failed to load")'], { type: 'text/javascript' })));
    };
    const pool = new WorkerDetectorPool(module, 1, dying);
    const shared = await runDetection(series, ensemble, kernels, { pool });
    expect(started).toBeGreaterThan(0);
    expect(shared.report).toEqual(alone.report);
    expect(shared.points).toEqual(alone.points);
  });

  it('abort() stops the workers at once; the cancelled run rejects without waiting for their steps', async () => {
    const series = noisyWaves(['long'], 700_000); // LOF takes seconds here, in three chunks
    const workers = new WorkerDetectorPool(module, 1);
    const settled: string[] = [];
    const pool: DetectorPool = {
      size: workers.size,
      run: (...args) =>
        workers.run(...args).then(
          (r) => (settled.push('result'), r),
          (e: unknown) => {
            settled.push(e instanceof Error ? e.name : 'error');
            throw e;
          },
        ),
    };
    let cancelled = false;
    // One step, which the pool's lane takes: its first progress report cancels the run.
    const error = await runDetection(series, { ...ensemble, mode: 'single', detectors: ['lof'] }, kernels, {
      pool,
      runId: 'r-pool',
      isCancelled: () => cancelled,
      onProgress: (_done, _total, _phase, within) => {
        if (within && !cancelled) {
          cancelled = true;
          workers.abort(); // what the engine's cancel() does
        }
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCancelled(error)).toBe(true);
    expect(String(error)).toMatch(/r-pool was cancelled/);
    // The worker's step was stopped, not waited for.
    expect(settled).toEqual(['DetectorPoolError']);
    expect(workers.workers()).toBe(0);
  });
});
