// Detection runs with a pool (run-steps.ts): steps spread over the caller and the pool give the run
// without a pool, deeply equal, whatever finishes first; heavy detectors go first; a step the pool
// cannot run runs in the caller; a detector's own error is a note; a cancel stops the run. The pool here
// runs the real detectors on its own kernel instance, later in the event loop (the app's pool is
// src/workers/detector-pool.ts, exercised in test/browser/detector-pool.test.ts).

import { beforeAll, describe, expect, it } from 'vitest';
import { InProcessEngine } from '../../src/analysis/engine';
import { findDetector } from '../../src/analysis/detectors/registry';
import { runDetection } from '../../src/analysis/detectors/run';
import { detectInChunks } from '../../src/analysis/detectors/run-chunked';
import { DetectorPoolError, type DetectorPool } from '../../src/analysis/detectors/run-steps';
import { DEFAULT_DETECTION, isCancelled, type DetectionConfig, type StepProgress } from '../../src/analysis/detectors/run-types';
import type { Detector, DetectorName, DetectorParams, DetectorResult } from '../../src/analysis/detectors/types';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import type { Series } from '../../src/model/series';
import { noisyWaves } from '../reference/noisy-waves';

let kernels: Kernels;
let poolKernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
  poolKernels = await loadKernelsNode();
});

const later = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs steps on its own kernels after a delay that depends on the detector, so they finish out of order. */
class InThreadPool implements DetectorPool {
  readonly calls: DetectorName[] = [];
  aborted = 0;
  constructor(
    readonly size: number,
    private readonly failure?: (name: DetectorName) => Error | undefined,
  ) {}

  async run(name: DetectorName, series: Series, params: DetectorParams, onFraction: (fraction: number) => void): Promise<DetectorResult> {
    this.calls.push(name);
    await later(name.length % 3);
    const error = this.failure?.(name);
    if (error) throw error;
    const d = findDetector(name) as Detector;
    return detectInChunks(d, series, params, poolKernels, async (f) => {
      onFraction(f);
      await later();
    }, 1500);
  }

  abort(): void {
    this.aborted++;
  }
}


const ensemble: DetectionConfig = { ...DEFAULT_DETECTION, mode: 'ensemble' };

describe('a detection run with a pool', () => {
  it('equals the run without one, and sends the heavy detectors out first', async () => {
    const series = noisyWaves(['cpu', 'latency', 'errors'], 4_000, 11);
    const alone = await runDetection(series, ensemble, kernels);
    const pool = new InThreadPool(2);
    const shared = await runDetection(series, ensemble, kernels, { pool });
    expect(shared.report).toEqual(alone.report);
    expect(shared.points).toEqual(alone.points);
    expect(shared.perDetector).toEqual(alone.perDetector);
    // In the same order too (the votes are combined in it).
    expect(shared.perDetector.map((p) => Object.keys(p))).toEqual(alone.perDetector.map((p) => Object.keys(p)));
    expect(pool.calls.length).toBeGreaterThan(0);
    expect(pool.calls.length).toBeLessThan(alone.report.runs.computed);
    // Both pool lanes start on the six ML steps (Isolation Forest and LOF on three series).
    expect(pool.calls.slice(0, 2).every((name) => name === 'iforest' || name === 'lof')).toBe(true);
    expect(shared.report.runs).toEqual(alone.report.runs);
  });

  it('runs a step itself when the pool cannot, and notes a detector that fails there', async () => {
    const series = noisyWaves(['a', 'b'], 3_000, 11);
    const alone = await runDetection(series, ensemble, kernels);
    const broken = await runDetection(series, ensemble, kernels, { pool: new InThreadPool(3, () => new DetectorPoolError('worker gone')) });
    expect(broken.report).toEqual(alone.report);
    expect(broken.points).toEqual(alone.points);

    // The pool's lane takes the first heavy step: Isolation Forest on the first series.
    const fails = await runDetection(series, ensemble, kernels, {
      pool: new InThreadPool(1, (name) => (name === 'iforest' ? new RangeError('no trees today') : undefined)),
    });
    const notes = fails.report.series.flatMap((s) => s.notes);
    expect(notes.some((n) => /^iforest could not run: no trees today$/.test(n))).toBe(true);
    expect(fails.report.series[0].detectorFlags.iforest).toBeUndefined();
    expect(fails.report.series[0].detectorFlags.lof).toBeDefined();
  });

  it('reports the least advanced step in flight, and reaches the total', async () => {
    const series = noisyWaves(['a'], 6_000, 11);
    const seen: { done: number; total: number; within?: StepProgress }[] = [];
    let combining = '';
    await runDetection(series, ensemble, kernels, {
      pool: new InThreadPool(2),
      onProgress: (done, total, phase, within) => {
        if (phase === 'detecting') seen.push({ done, total, ...(within ? { within } : {}) });
        if (phase === 'combining') combining = `${done}/${total}`;
      },
    });
    const withins = seen.flatMap((s) => (s.within ? [s.within] : []));
    expect(withins.length).toBeGreaterThan(0);
    expect(withins.every((w) => w.fraction > 0 && w.fraction < 1 && w.series === 'a')).toBe(true);
    expect(seen.map((s) => s.done)).toEqual([...seen.map((s) => s.done)].sort((a, b) => a - b));
    expect(seen[seen.length - 1].done).toBeGreaterThanOrEqual(seen[0].total - 2); // the last steps end together
    expect(combining).toBe(`${seen[0].total}/${seen[0].total}`);
  });

  it('a cancel stops the run while pool steps are in flight', async () => {
    const series = noisyWaves(['a', 'b'], 6_000, 11);
    let reports = 0;
    const error = await runDetection(series, ensemble, kernels, {
      pool: new InThreadPool(2),
      runId: 'r9',
      onProgress: () => reports++,
      isCancelled: () => reports > 4,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCancelled(error)).toBe(true);
    expect(String(error)).toMatch(/r9 was cancelled/);
  });

  it('the engine hands its pool to every run and stops it when a run is cancelled', async () => {
    const data = noisyWaves(['a', 'b'], 5_000, 11);
    const pool = new InThreadPool(2);
    const engine = new InProcessEngine(async (_id, i) => data[i], kernels, { seriesCount: async () => data.length, pool });
    const report = await engine.detect({ runId: 'r1', datasetId: 'd', config: ensemble });
    expect(pool.calls.length).toBeGreaterThan(0);
    expect(report.runs.computed).toBe(17); // 8 detectors on 2 series, and correlation
    expect(pool.aborted).toBe(0);
    const error = await engine
      .detect({ runId: 'r2', datasetId: 'd', config: { ...ensemble, params: { zscore: { window: 17 } } } }, (p) => {
        if (p.phase === 'detecting') engine.cancel('r2');
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isCancelled(error)).toBe(true);
    expect(pool.aborted).toBeGreaterThan(0);
  });
});
