// Detection through the real analysis worker in Chromium, with the real .wasm, on a dataset stored by
// the real import worker: report, progress over Comlink, a detection chart, cancellation, bad config.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import wasmUrl from '../../build/kernels.wasm?url';
import { isCancelled, singleDetection, type DetectionConfig, type DetectProgress } from '../../src/analysis/detectors/run-types';
import { deleteDataset } from '../../src/store/datasets';
import { startWorkers, type Workers } from '../../src/workers/spawn';

let workers: Workers;
beforeAll(async () => {
  workers = await startWorkers(wasmUrl);
});
afterAll(() => workers.terminate());

const T0 = 1_700_000_000_000;

/** `columns` series of `rows` points, a noisy level; column 0 spikes at rows 300 and 600. */
function csv(rows: number, columns: number): string {
  const lines = [['timestamp', ...Array.from({ length: columns }, (_, c) => (c === 0 ? 'latency_ms' : `s${c}`))].join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = Array.from({ length: columns }, (_, c) => (c === 0 && (i === 300 || i === 600) ? 900 : 100 + ((i * 7919 + c * 31) % 13)));
    lines.push(`${T0 + i * 1000},${cells.join(',')}`);
  }
  return lines.join('\n') + '\n';
}

async function store(text: string): Promise<string> {
  const name = `detect-${crypto.randomUUID().slice(0, 8)}.csv`;
  const result = await workers.importer.importFile(crypto.randomUUID(), new File([text], name, { type: 'text/csv' }), () => undefined);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.id;
}

const config: DetectionConfig = singleDetection('zscore', { window: 50 });

describe('detect through the analysis worker', () => {
  it('finds the spikes as incidents, reports progress, and charts the result', async () => {
    const datasetId = await store(csv(1000, 3));
    const progress: DetectProgress[] = [];
    const report = await workers.analysis.detect({ runId: 'r1', datasetId, config }, (p) => progress.push(p));
    expect(report.detectors).toEqual(['zscore']);
    expect(report.series.map((s) => [s.series, s.points])).toEqual([
      ['latency_ms', 1000],
      ['s1', 1000],
      ['s2', 1000],
    ]);
    expect(report.incidents.map((x) => [x.series, x.start])).toEqual([
      ['latency_ms', T0 + 300_000],
      ['latency_ms', T0 + 600_000],
    ]);
    expect(report.health.components.find((c) => c.name === 'latency_ms')?.score).toBeLessThan(100);
    await expect.poll(() => progress.at(-1)?.phase).toBe('health');
    expect(progress.some((p) => p.phase === 'loading')).toBe(true);
    expect(progress.every((p) => p.runId === 'r1')).toBe(true);

    const chart = await workers.analysis.chart({ datasetId, seriesIndex: 0, t0: NaN, t1: NaN, buckets: 200, detector: { kind: 'detection', config } });
    expect(Array.from(chart.flagT)).toEqual([T0 + 300_000, T0 + 600_000]);
    expect(chart.flagSeverity).toBeInstanceOf(Uint8Array);
    expect(chart.incidents?.length).toBe(2);
    expect(workers.pending()).toBe(0);
    await deleteDataset(datasetId);
    await workers.analysis.forget(datasetId);
  });

  it('cancelDetect stops a run: it rejects with the cancelled error, and the worker keeps serving', async () => {
    const datasetId = await store(csv(4000, 12));
    let asked = false;
    const run = workers.analysis.detect({ runId: 'r2', datasetId, config }, () => {
      if (!asked) {
        asked = true;
        void workers.analysis.cancelDetect('r2');
      }
    });
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    const report = await workers.analysis.detect({ runId: 'r3', datasetId, seriesIndices: [0], config }, () => undefined);
    expect(report.incidents).toHaveLength(2);
    await deleteDataset(datasetId);
    await workers.analysis.forget(datasetId);
  });

  it('an invalid configuration rejects with the problems listed', async () => {
    const datasetId = await store(csv(100, 1));
    const bad = { ...config, mode: 'psychic' } as unknown as DetectionConfig;
    await expect(workers.analysis.detect({ runId: 'r4', datasetId, config: bad }, () => undefined)).rejects.toThrow(/mode must be one of/);
    await deleteDataset(datasetId);
  });
});
