// The in-process engine's detect(), cancel() and detection charts with the real kernels and the
// registered z-score detector: progress, reuse across runs, severities and incident bands on the chart.

import { beforeAll, describe, expect, it } from 'vitest';
import type { ChartRequest } from '../../src/analysis/chart';
import { isCancelled, singleDetection, type DetectionConfig, type DetectProgress } from '../../src/analysis/detectors/run-types';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import type { Series } from '../../src/model/series';
import { engineOver, seriesWith } from './detection-run-helpers';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

/** 400 points of a noisy level; series 0 spikes at 250 and 300. */
function dataset(): Series[] {
  const noisy = (name: string, spikes: Record<number, number>): Series => {
    const s = seriesWith(name, 400, spikes);
    for (let i = 0; i < 400; i++) s.v[i] += 10 + ((i * 7919) % 13) / 13;
    return s;
  };
  return [noisy('latency', { 250: 50, 300: 40 }), noisy('cpu', {})];
}

const config: DetectionConfig = singleDetection('zscore', { window: 50 });

describe('engine.detect', () => {
  it('runs over every series of the dataset with progress through loading, detecting, combining, health', async () => {
    const { engine } = engineOver(kernels, dataset());
    const seen: DetectProgress[] = [];
    const report = await engine.detect({ runId: 'a', datasetId: 'd', config }, (p) => seen.push(p));
    expect(report.series.map((s) => s.series)).toEqual(['latency', 'cpu']);
    expect(report.incidents.map((x) => [x.series, x.points])).toEqual([
      ['latency', 1],
      ['latency', 1],
    ]);
    expect(new Set(seen.map((p) => p.phase))).toEqual(new Set(['loading', 'detecting', 'combining', 'health']));
    expect(seen.every((p) => p.runId === 'a' && p.done <= p.total)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ phase: 'health', done: 2, total: 2 });
  });

  it('a second run with another parameter reloads nothing and recomputes only the changed detector', async () => {
    const { engine, loads } = engineOver(kernels, dataset());
    await engine.detect({ runId: 'a', datasetId: 'd', config });
    const again = await engine.detect({ runId: 'b', datasetId: 'd', config: { ...config, suppression: { ...config.suppression, minDurationMs: 1 } } });
    expect(again.runs).toEqual({ computed: 0, reused: 2 });
    const changed = await engine.detect({ runId: 'c', datasetId: 'd', seriesIndices: [0], config: { ...config, params: { zscore: { window: 60 } } } });
    expect(changed.runs).toEqual({ computed: 1, reused: 0 });
    expect(loads).toEqual([0, 1]);
  });

  it('cancel(runId) makes the run reject with the cancelled error; a later run works', async () => {
    const { engine } = engineOver(kernels, dataset());
    const run = engine.detect({ runId: 'x', datasetId: 'd', config }, (p) => {
      if (p.phase === 'loading' && p.done === 1) engine.cancel('x');
    });
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    await expect(engine.detect({ runId: 'x', datasetId: 'd', config })).resolves.toMatchObject({ detectors: ['zscore'] });
  });

  it('an invalid configuration is a readable RangeError', async () => {
    const { engine } = engineOver(kernels, dataset());
    await expect(engine.detect({ runId: 'a', datasetId: 'd', config: { ...config, params: { zscore: { window: 1 } } } })).rejects.toThrow(
      /zscore: window must be an integer between 2 and/,
    );
  });
});

describe('detection charts', () => {
  const chartReq = (over: Partial<ChartRequest> = {}): ChartRequest => ({
    datasetId: 'd',
    seriesIndex: 0,
    t0: NaN,
    t1: NaN,
    buckets: 100,
    detector: { kind: 'detection', config },
    ...over,
  });

  it('combined score lane in [0, 1], a severity per flag, incident bands of the visible range', async () => {
    const { engine } = engineOver(kernels, dataset());
    const report = await engine.detect({ runId: 'a', datasetId: 'd', config });
    const data = await engine.chart(chartReq());
    expect(data.flagCount).toBe(2);
    expect(Array.from(data.flagT)).toEqual([250, 300].map((i) => 1_700_000_000_000 + i * 1000));
    expect(data.flagSeverity?.length).toBe(2);
    expect(Array.from(data.flagSeverity ?? []).every((c) => c >= 1 && c <= 4)).toBe(true);
    expect(Array.from(data.score).every((s) => Number.isNaN(s) || (s >= 0 && s <= 1))).toBe(true);
    expect(data.incidents).toEqual(report.incidents);
    // Zoomed to [280 s, 400 s): only the second incident.
    const zoomed = await engine.chart(chartReq({ t0: 1_700_000_000_000 + 280_000, t1: 1_700_000_000_000 + 400_000 }));
    expect(zoomed.incidents?.map((x) => x.start)).toEqual([1_700_000_000_000 + 300_000]);
    expect(zoomed.flagCount).toBe(1);
  });

  it('without an earlier detect, the chart runs the configuration over its series', async () => {
    const { engine } = engineOver(kernels, dataset());
    const data = await engine.chart(chartReq({ seriesIndex: 1 }));
    expect(data.flagCount).toBe(0);
    expect(data.incidents).toEqual([]);
  });

  it('the z-score chart path is unchanged (no severities, no incidents)', async () => {
    const { engine } = engineOver(kernels, dataset());
    const data = await engine.chart(chartReq({ detector: { kind: 'zscore', window: 50, threshold: 4 } }));
    expect(data.flagSeverity).toBeUndefined();
    expect(data.incidents).toBeUndefined();
    expect(Array.from(data.flagT)).toContain(1_700_000_000_000 + 250_000);
  });

  it('an invalid detection configuration in a chart request is refused', async () => {
    const { engine } = engineOver(kernels, dataset());
    await expect(engine.chart(chartReq({ detector: { kind: 'detection', config: { ...config, voting: 'loud' as 'majority' } } }))).rejects.toThrow(/voting must be one of/);
  });
});
