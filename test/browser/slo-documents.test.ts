// A dataset's SLOs in real Chromium IndexedDB: stored as OpenSLO YAML (documents kind 'slos'), read back
// through a fresh connection, validated before saving (nothing saved on error), edited one at a time,
// evaluated from the stored series, and removed with their dataset.

import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/model/series';
import { DB_NAME } from '../../src/store/db';
import { deleteDataset, storeDataset } from '../../src/store/datasets';
import { getDocument, putDocument } from '../../src/store/documents';
import { sloHandlers } from '../../src/workers/slo-handlers';
import type { WorkerContext } from '../../src/workers/worker-context';

const T0 = Date.UTC(2026, 0, 5);
const ctx: WorkerContext = {
  kernels: () => {
    throw new Error('the SLO handlers do not use the kernels');
  },
  engine: () => {
    throw new Error('the SLO handlers do not use the engine');
  },
};
const slo = sloHandlers(ctx);

/** 120 one-minute latency samples, the last 10 above 500 ms. */
function latency(): Series {
  return { name: 'p99_latency_ms', labels: {}, t: Float64Array.from({ length: 120 }, (_, i) => T0 + (i + 1) * 60_000), v: Float64Array.from({ length: 120 }, (_, i) => (i >= 110 ? 900 : 100)) };
}

const YAML = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
spec:
  service: checkout
  indicator:
    metadata:
      name: checkout-latency-sli
    spec:
      thresholdMetric:
        metricSource:
          type: Faultline
          spec:
            query: p99_latency_ms
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - op: lte
      value: 500
      target: 0.99
`;

async function dataset(): Promise<string> {
  const r = await storeDataset({ name: 'slo.csv', fileName: 'slo.csv', format: 'csv', bytes: 1, warnings: [] }, [latency()]);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

/** The stored document read through a new IndexedDB connection (as after a reload). */
async function rawDocument(datasetId: string): Promise<{ text: string } | undefined> {
  const conn = await new Promise<IDBDatabase>((res, rej) => {
    const r = indexedDB.open(DB_NAME);
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  try {
    return await new Promise((res, rej) => {
      const r = conn.transaction('documents').objectStore('documents').get([datasetId, 'slos']);
      r.onsuccess = () => res(r.result as { text: string } | undefined);
      r.onerror = () => rej(r.error);
    });
  } finally {
    conn.close();
  }
}

describe('SLO documents', () => {
  it('saveSlos stores the YAML as written; a new connection reads it back; listSlos parses it', async () => {
    const id = await dataset();
    expect(await slo.listSlos(id)).toEqual({ yaml: '', slos: [], problems: [], updated: null });
    const saved = await slo.saveSlos(id, YAML);
    expect(saved.ok).toBe(true);
    expect((await rawDocument(id))?.text).toBe(YAML);
    const list = await slo.listSlos(id);
    expect(list.slos.map((s) => [s.name, s.service, s.objective])).toEqual([['checkout-latency', 'checkout', 0.99]]);
    expect(list.problems).toEqual([]);
  });

  it('invalid YAML is refused with readable messages and nothing is saved', async () => {
    const id = await dataset();
    await slo.saveSlos(id, YAML);
    const bad = await slo.saveSlos(id, YAML.replace('target: 0.99', 'target: 1.5'));
    expect(bad).toEqual({ ok: false, errors: [expect.stringMatching(/objective must be between 0 and 1/)] });
    const broken = await slo.saveSlos(id, 'apiVersion: openslo/v1\nkind: SLO\n  metadata: [');
    expect(broken.ok).toBe(false);
    expect((await rawDocument(id))?.text).toBe(YAML);
  });

  it('upsertSlos replaces one SLO in place and refuses a name clash; deleteSlo removes it, the last one removes the document', async () => {
    const id = await dataset();
    await slo.saveSlos(id, YAML);
    const second = YAML.replace(/checkout-latency/g, 'fast-latency').replace('value: 500', 'value: 200');
    expect((await slo.upsertSlos(id, second)).ok).toBe(true);
    expect((await slo.listSlos(id)).slos.map((s) => s.name)).toEqual(['checkout-latency', 'fast-latency']);
    expect(await slo.upsertSlos(id, second)).toEqual({ ok: false, errors: ['An SLO named "fast-latency" already exists; choose another name.'] });
    const edited = await slo.upsertSlos(id, YAML.replace('value: 500', 'value: 450'), 'checkout-latency');
    expect(edited.ok && edited.slos.map((s) => (s.sli.kind === 'threshold' ? s.sli.threshold : NaN))).toEqual([450, 200]);
    expect((await slo.deleteSlo(id, 'checkout-latency')).slos.map((s) => s.name)).toEqual(['fast-latency']);
    await slo.deleteSlo(id, 'fast-latency');
    expect(await getDocument(id, 'slos')).toBeUndefined();
  });

  it('evaluateSlos reads the stored series: 10 bad of 120 samples, a page alert, columns per step', async () => {
    const id = await dataset();
    await slo.saveSlos(id, YAML);
    const ev = await slo.evaluateSlos(id);
    expect(ev.stepMs).toBe(60_000);
    const [r] = ev.results;
    expect([r.summary.goodEvents, r.summary.totalEvents]).toEqual([110, 120]);
    expect(r.summary.compliance).toBeCloseTo(110 / 120, 12);
    expect(r.t.length).toBe(120);
    expect(r.burnRate[119]).toBeCloseTo(1 / 0.01, 9); // the last 5 minutes all bad: (1 − 0)/0.01
    expect(r.notifications.map((a) => a.severity)).toContain('page');
    expect(await slo.sloReport(id, 'md')).toContain('checkout-latency');
  });

  it('the documents go with their dataset; none can be saved for a dataset that does not exist', async () => {
    const id = await dataset();
    await putDocument(id, 'slos', YAML);
    await deleteDataset(id);
    expect(await rawDocument(id)).toBeUndefined();
    await expect(putDocument(id, 'slos', YAML)).rejects.toThrow(/does not exist/);
  });
});
