// Long series run in chunks (run-chunked.ts): every registered detector gives detect()'s bits through
// its stream, the run reports how far a detector is inside a long series, and a cancel stops it between
// chunks instead of after the whole detector.

import { beforeAll, describe, expect, it } from 'vitest';
import { SERIES_DETECTORS } from '../../src/analysis/detectors/registry';
import { runDetection } from '../../src/analysis/detectors/run';
import { CHUNK_POINTS, detectInChunks, paramsFor } from '../../src/analysis/detectors/run-chunked';
import { DEFAULT_DETECTION, isCancelled, type StepProgress } from '../../src/analysis/detectors/run-types';
import { resolveParams, type Detector } from '../../src/analysis/detectors/types';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import { distanceDetector, quietMultiDetector, seriesWith } from './detection-run-helpers';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

/** A noisy daily-ish wave with spikes, a level shift and a NaN run (every detector has something to say). */
function wave(n: number): { t: Float64Array; v: Float64Array } {
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  const t = Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 60_000);
  const v = Float64Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 288) + rnd() * 3 + (i > n / 2 ? 8 : 0));
  for (let i = 500; i < n; i += 997) v[i] += 60;
  v.fill(NaN, 1500, 1530);
  return { t, v };
}

describe('detectInChunks', () => {
  it('equals detect() bit for bit for every registered detector (with paramsFor), and reports each chunk boundary', async () => {
    const series = wave(5_321);
    const chunk = 1_000;
    for (const d of SERIES_DETECTORS) {
      const params = resolveParams(d.params);
      // detect() with the parameters the run uses on this series (the seasonal prefix sized to its span).
      const batch = d.detect(series, paramsFor(d, series, params), kernels);
      const fractions: number[] = [];
      const chunked = await detectInChunks(d, series, params, kernels, async (f) => void fractions.push(f), chunk);
      expect(chunked.flag, d.name).toEqual(batch.flag);
      expect(Array.from(chunked.score).map((x, i) => Object.is(x, batch.score[i])).every(Boolean), d.name).toBe(true);
      expect(chunked.raw === undefined, d.name).toBe(batch.raw === undefined);
      if (batch.raw) expect(Array.from(chunked.raw ?? []).map((x, i) => Object.is(x, batch.raw?.[i])).every(Boolean), d.name).toBe(true);
      expect(fractions, d.name).toEqual([1000, 2000, 3000, 4000, 5000].map((at) => at / 5_321));
    }
  });

  it('a series no longer than a chunk is one detect() call, with nothing in between', async () => {
    const d = distanceDetector('zscore');
    const calls: number[] = [];
    const r = await detectInChunks(d, seriesWith('a', 1_000, { 3: 50 }), resolveParams(d.params), kernels, async (f) => void calls.push(f), 1_000);
    expect(d.calls).toBe(1);
    expect(calls).toEqual([]);
    expect(r.flag[3]).toBe(1);
  });
});

describe('a run over a series longer than a chunk', () => {
  /** The distance stand-in whose stream counts the chunks it was pushed. */
  function countingStream(): Detector & { pushes: number } {
    const base = distanceDetector('iforest', 'ml');
    const d = {
      ...base,
      pushes: 0,
      stream(params: Record<string, number>, k: Kernels) {
        const inner = base.stream(params, k);
        return { push: (chunk: { t: Float64Array; v: Float64Array }) => (d.pushes++, inner.push(chunk)) };
      },
    };
    return d;
  }
  const n = 3 * CHUNK_POINTS + 5;
  const config = { ...DEFAULT_DETECTION, mode: 'single' as const, detectors: ['iforest' as const] };

  it('reports how far the detector is, by detector and series, and gives the whole result', async () => {
    const d = countingStream();
    const within: StepProgress[] = [];
    const outcome = await runDetection([seriesWith('cpu', n, { [n - 2]: 99 })], config, kernels, {
      registry: { series: [d], multi: [quietMultiDetector()] },
      onProgress: (_done, _total, phase, w) => void (phase === 'detecting' && w && within.push(w)),
    });
    expect(d.pushes).toBe(4);
    expect(within.map((w) => [w.detector, w.series])).toEqual(Array(3).fill(['iforest', 'cpu']));
    expect(within.map((w) => w.fraction)).toEqual([1, 2, 3].map((k) => (k * CHUNK_POINTS) / n));
    expect(outcome.points[0].flag.length).toBe(n);
    expect(outcome.points[0].flag[n - 2]).toBe(1);
  });

  it('a cancel during the detector stops it at the next chunk boundary', async () => {
    const d = countingStream();
    let inside = false;
    const run = runDetection([seriesWith('cpu', n, {})], config, kernels, {
      registry: { series: [d], multi: [quietMultiDetector()] },
      runId: 'long',
      onProgress: (_done, _total, _phase, w) => void (inside ||= w !== undefined),
      isCancelled: () => inside,
    });
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect(d.pushes).toBe(1);
  });
});
