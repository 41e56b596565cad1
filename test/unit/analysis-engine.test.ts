// The in-process AnalysisEngine: loads each series once, caches detector output per configuration,
// forgets a deleted dataset, retries a failed load, evicts by point budget. Real wasm kernels, in Node.

import { beforeAll, describe, expect, it } from 'vitest';
import { chartOf, scoreSeries, type ChartRequest } from '../../src/analysis/chart';
import { InProcessEngine } from '../../src/analysis/engine';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import type { Series } from '../../src/model/series';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

function wave(n: number, phase: number): Series {
  const t = Float64Array.from({ length: n }, (_, i) => 1_000 * i);
  const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 20 + phase) + (i % 97 === 0 ? 8 : 0));
  return { name: `wave${phase}`, labels: {}, t, v };
}

/** A loader over in-memory datasets that counts its loads. */
function loader(data: Record<string, Series[]>) {
  const loads: string[] = [];
  const load = async (datasetId: string, index: number): Promise<Series> => {
    loads.push(`${datasetId}/${index}`);
    await Promise.resolve();
    const s = data[datasetId]?.[index];
    if (!s) throw new Error(`no series ${datasetId}/${index}`);
    return s;
  };
  return { load, loads };
}

const req = (datasetId: string, seriesIndex: number, window = 20, threshold = 3): ChartRequest => ({
  datasetId,
  seriesIndex,
  t0: NaN,
  t1: NaN,
  buckets: 200,
  detector: { kind: 'zscore', window, threshold },
});

describe('InProcessEngine', () => {
  it('charts exactly what chartOf computes, loading each series once', async () => {
    const data = { a: [wave(3_000, 0), wave(2_000, 1)] };
    const { load, loads } = loader(data);
    const engine = new InProcessEngine(load, kernels);
    const [c1, c2] = await Promise.all([engine.chart(req('a', 0)), engine.chart({ ...req('a', 0), t0: 5_000, t1: 900_000 })]);
    const scores = scoreSeries(kernels, data.a[0], { kind: 'zscore', window: 20, threshold: 3 });
    expect(c1).toEqual(chartOf(kernels, data.a[0], scores, req('a', 0)));
    expect(c2).toEqual(chartOf(kernels, data.a[0], scores, { t0: 5_000, t1: 900_000, buckets: 200 }));
    expect(c1.flagCount).toBeGreaterThan(0);
    await engine.chart(req('a', 0, 50, 2));
    await engine.chart(req('a', 1));
    expect(loads).toEqual(['a/0', 'a/1']);
  });

  it('uses the detector settings of each request', async () => {
    const { load } = loader({ a: [wave(3_000, 0)] });
    const engine = new InProcessEngine(load, kernels);
    const loose = await engine.chart(req('a', 0, 20, 1));
    const strict = await engine.chart(req('a', 0, 20, 4));
    expect(loose.flagCount).toBeGreaterThan(strict.flagCount);
    expect(await engine.chart(req('a', 0, 20, 1))).toEqual(loose);
  });

  it('forgets a dataset: the next chart loads it again', async () => {
    const { load, loads } = loader({ a: [wave(100, 0)], b: [wave(100, 2)] });
    const engine = new InProcessEngine(load, kernels);
    await engine.chart(req('a', 0));
    await engine.chart(req('b', 0));
    engine.forget('a');
    expect(engine.cachedSeries()).toBe(1);
    await engine.chart(req('a', 0));
    await engine.chart(req('b', 0));
    expect(loads).toEqual(['a/0', 'b/0', 'a/0']);
  });

  it('rejects with the loader error and loads again on retry', async () => {
    const data: Record<string, Series[]> = {};
    const { load, loads } = loader(data);
    const engine = new InProcessEngine(load, kernels);
    await expect(engine.chart(req('late', 0))).rejects.toThrow(/no series late\/0/);
    data.late = [wave(500, 0)];
    expect((await engine.chart(req('late', 0))).pointCount).toBe(500);
    expect(loads).toEqual(['late/0', 'late/0']);
  });

  it('evicts the least recently charted series beyond the point budget', async () => {
    const { load, loads } = loader({ a: [wave(1_000, 0), wave(1_000, 1), wave(1_000, 2)] });
    const engine = new InProcessEngine(load, kernels, { maxCachedPoints: 2_000 });
    await engine.chart(req('a', 0));
    await engine.chart(req('a', 1));
    await engine.chart(req('a', 0)); // 0 is now the most recent
    await engine.chart(req('a', 2)); // evicts 1
    expect(engine.cachedSeries()).toBe(2);
    await engine.chart(req('a', 0));
    await engine.chart(req('a', 1));
    expect(loads).toEqual(['a/0', 'a/1', 'a/2', 'a/1']);
  });

  it('rejects an invalid detector before loading anything', async () => {
    const { load, loads } = loader({ a: [wave(100, 0)] });
    const engine = new InProcessEngine(load, kernels);
    await expect(engine.chart(req('a', 0, 0, 3))).rejects.toThrow(/window/);
    expect(loads).toEqual([]);
  });
});
