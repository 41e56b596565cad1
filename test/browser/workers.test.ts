// Both workers end to end in real Chromium through startWorkers: a CSV File imported (progress phases,
// exact data), cancelled half-way in each phase (nothing stored), charted with the real wasm, and crashes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import wasmUrl from '../../build/kernels.wasm?url';
import { InProcessEngine } from '../../src/analysis/engine';
import { compileKernels } from '../../src/kernels/browser';
import { instantiateKernels } from '../../src/kernels/instantiate';
import { countChunks, deleteDataset, listDatasets, readSeries } from '../../src/store/datasets';
import type { ChartRequest, ImportProgress } from '../../src/workers/api';
import { startWorkers, type WorkerKind, type Workers } from '../../src/workers/spawn';

let workers: Workers;
const crashes: [WorkerKind, string][] = [];

beforeAll(async () => {
  workers = await startWorkers(wasmUrl);
  workers.onCrash((w, m) => crashes.push([w, m]));
});
afterAll(() => workers.terminate());

const T0 = 1_700_000_000_000;

/** `rows` rows of epoch-ms timestamps and two value columns; row 300 of latency is a spike. */
function csv(rows: number): string {
  const lines = ['timestamp,latency_ms,errors'];
  for (let i = 0; i < rows; i++) {
    const latency = i === 300 ? 900 : 100 + ((i * 7919) % 13);
    lines.push(`${T0 + i * 1000},${latency},${i % 5}`);
  }
  return lines.join('\n') + '\n';
}

const uniqueName = (stem: string): string => `${stem}-${crypto.randomUUID().slice(0, 8)}.csv`;

/** ~40 MB, 2.6 M points: several read chunks and several store transactions. Built once. */
let bigText: string | undefined;
const big = (): string => (bigText ??= csv(1_300_000));

async function importText(text: string, name: string, onProgress: (p: ImportProgress) => void = () => undefined) {
  const id = crypto.randomUUID();
  return { id, result: await workers.importer.importFile(id, new File([text], name, { type: 'text/csv' }), onProgress) };
}

describe('import worker', () => {
  it('imports a CSV file: progress parsing then storing, exact data, visible in the store', async () => {
    const name = uniqueName('small');
    const phases: string[] = [];
    const { result } = await importText(csv(1000), name, (p) => {
      expect(p.fileName).toBe(name);
      if (phases.at(-1) !== p.phase) phases.push(p.phase);
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const meta = result.value;
    expect(meta).toMatchObject({ name, fileName: name, format: 'csv', seriesCount: 2, pointCount: 2000, start: T0, end: T0 + 999_000 });
    expect(meta.series.map((s) => s.name)).toEqual(['latency_ms', 'errors']);
    // Progress travels on its own message port, fire-and-forget, so the result can arrive before its last report.
    await expect.poll(() => phases).toEqual(['parsing', 'storing']);
    expect((await listDatasets()).find((d) => d.id === meta.id)).toEqual(meta);
    const latency = await readSeries(meta.id, 0);
    expect(latency.t[999]).toBe(T0 + 999_000);
    expect(latency.v[300]).toBe(900);
    expect(latency.v[301]).toBe(100 + ((301 * 7919) % 13));
    expect(workers.pending()).toBe(0);
    await deleteDataset(meta.id);
  });

  it('returns bad input as an error value naming the file, and stores nothing', async () => {
    const name = uniqueName('ragged');
    const { result } = await importText('timestamp,value\n1700000000000,1\n1700000001000,abc\n', name);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.file).toBe(name);
    expect(['corrupt', 'unknown-format', 'empty']).toContain(result.error.kind);
    expect((await listDatasets()).some((d) => d.fileName === name)).toBe(false);
  });

  it('a cancel half-way through parsing leaves nothing', async () => {
    const name = uniqueName('big-parse');
    const chunksBefore = await countChunks();
    let cancelledAt = -1;
    const { id, result } = await importText(big(), name, (p) => {
      if (cancelledAt < 0 && p.phase === 'parsing' && p.bytesRead > 0 && p.bytesRead < p.bytesTotal) {
        cancelledAt = p.bytesRead;
        void workers.importer.cancel(p.importId);
      }
    });
    expect(id).toBeTruthy();
    expect(cancelledAt).toBeGreaterThan(0);
    expect(result).toMatchObject({ ok: false, error: { kind: 'cancelled', file: name } });
    expect((await listDatasets()).some((d) => d.fileName === name)).toBe(false);
    expect(await countChunks()).toBe(chunksBefore);
  });

  it('a cancel while storing rolls back every chunk already written', async () => {
    const name = uniqueName('big-store');
    const chunksBefore = await countChunks();
    let sawStoring = false;
    const { result } = await importText(big(), name, (p) => {
      if (!sawStoring && p.phase === 'storing') {
        sawStoring = true;
        void workers.importer.cancel(p.importId);
      }
    });
    expect(sawStoring).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { kind: 'cancelled', file: name } });
    expect((await listDatasets()).some((d) => d.fileName === name)).toBe(false);
    expect(await countChunks()).toBe(chunksBefore);
  });
});

describe('analysis worker', () => {
  it('charts a stored dataset exactly like the in-process engine, arrays transferred', async () => {
    const { result } = await importText(csv(5000), uniqueName('chart'));
    if (!result.ok) throw new Error(result.error.message);
    const meta = result.value;
    const req: ChartRequest = { datasetId: meta.id, seriesIndex: 0, t0: NaN, t1: NaN, buckets: 400, detector: { kind: 'zscore', window: 30, threshold: 4 } };
    const data = await workers.analysis.chart(req);
    expect(data.t).toBeInstanceOf(Float64Array);
    expect(data.pointCount).toBe(5000);
    expect(data.t.length).toBe(400);
    expect(data.flagT).toContain(T0 + 300_000); // the spike
    const zoomed = await workers.analysis.chart({ ...req, t0: T0 + 200_000, t1: T0 + 400_000 });
    expect(zoomed.pointCount).toBe(200);

    const local = new InProcessEngine(readSeries, instantiateKernels(await compileKernels(wasmUrl)));
    expect(data).toEqual(await local.chart(req));
    expect(zoomed).toEqual(await local.chart({ ...req, t0: T0 + 200_000, t1: T0 + 400_000 }));

    await deleteDataset(meta.id);
    await workers.analysis.forget(meta.id);
    await expect(workers.analysis.chart(req)).rejects.toThrow(/does not exist/);
    expect(workers.pending()).toBe(0);
  });

  it('restarts a crashed analysis worker, tells onCrash, and keeps serving charts', async () => {
    const { result } = await importText(csv(500), uniqueName('crash'));
    if (!result.ok) throw new Error(result.error.message);
    const req: ChartRequest = { datasetId: result.value.id, seriesIndex: 0, t0: NaN, t1: NaN, buckets: 50, detector: { kind: 'zscore', window: 30, threshold: 4 } };
    const before = await workers.analysis.chart(req);
    const crashesBefore = crashes.length;
    workers.crash('analysis');
    await expect.poll(() => crashes.length).toBe(crashesBefore + 1);
    expect(crashes.at(-1)![0]).toBe('analysis');
    expect(crashes.at(-1)![1]).toMatch(/analysis worker crashed.*restarted/);
    expect(await workers.analysis.chart(req)).toEqual(before);
    await deleteDataset(result.value.id);
  });

  it('an import killed by a crash is an error value, and its chunks are cleaned by the new worker', async () => {
    const name = uniqueName('killed');
    const chunksBefore = await countChunks();
    const crashesBefore = crashes.length;
    let crashed = false;
    const { result } = await importText(big(), name, (p) => {
      if (!crashed && p.phase === 'storing' && p.bytesRead > 0) {
        crashed = true; // some chunks are written by now
        workers.crash('import');
      }
    });
    expect(crashed).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal', file: name } });
    if (!result.ok) expect(result.error.message).toMatch(/import worker crashed/);
    expect(crashes.length).toBe(crashesBefore + 1);
    expect(crashes.at(-1)![0]).toBe('import');
    // The next import waits for the new worker's orphan cleaning, so by then the remains are gone.
    const next = await importText(csv(10), uniqueName('after-crash'));
    if (!next.result.ok) throw new Error(next.result.error.message);
    await deleteDataset(next.result.value.id);
    expect((await listDatasets()).some((d) => d.fileName === name)).toBe(false);
    expect(await countChunks()).toBe(chunksBefore);
    expect(workers.pending()).toBe(0);
  });

  it('stops restarting a worker that keeps crashing, and says so', async () => {
    const w = await startWorkers(wasmUrl);
    const seen: string[] = [];
    w.onCrash((kind, message) => seen.push(`${kind}: ${message}`));
    for (let i = 1; i <= 4; i++) {
      await w.analysis.forget('nothing'); // the (re)started worker is up
      w.crash('analysis');
      await expect.poll(() => seen.length).toBe(i);
    }
    expect(seen[2]).toMatch(/^analysis: .*restarted/);
    expect(seen[3]).toMatch(/^analysis: .*crashed 4 times.*not restarted/);
    await expect(w.analysis.forget('nothing')).rejects.toThrow(/not restarted/);
    expect(w.pending()).toBe(0);
    w.terminate();
  });
});
