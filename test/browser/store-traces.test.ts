// Trace datasets in real Chromium IndexedDB: a TraceSet stored and read back exactly (every column, string
// tables, links, attributes, events), dataset counts, traces beside series, delete, and cancel/rollback.

import { describe, expect, it } from 'vitest';
import { TraceSetBuilder } from '../../src/model/trace-builder';
import { SPAN_KIND, SPAN_STATUS, type TraceSet } from '../../src/model/traces';
import { writeTraceChunks } from '../../src/store/trace-chunks';
import { cleanOrphans, countChunks, deleteDataset, getDataset, readSeries, readTraces, storeDataset, type NewDataset } from '../../src/store/datasets';

const uid = (): string => `test-traces-${crypto.randomUUID()}`;
const input = (id: string): NewDataset => ({ id, name: `${id}.json`, fileName: `${id}.json`, format: 'otlp-traces', bytes: 1234, warnings: ['w'] });

function traceSet(n: number): TraceSet {
  const b = new TraceSetBuilder();
  const t0 = 1_700_000_000_000_000;
  for (let i = 0; i < n; i++) {
    b.addSpan({
      traceId: `trace${i % 7}`,
      spanId: `span${i}`,
      parentSpanId: i % 7 === i ? undefined : `span${i - 7}`,
      service: `svc${i % 3}`,
      operation: `GET /item/${i % 11}`,
      start: t0 + i * 10.25,
      duration: i % 5 === 0 ? 0.5 : 100 + i,
      status: i % 13 === 0 ? SPAN_STATUS.error : SPAN_STATUS.unset,
      kind: i % 2 ? SPAN_KIND.client : SPAN_KIND.server,
      statusMessage: i % 13 === 0 ? `boom ${i} <b>not html</b>` : undefined,
      attributes: [['http.status_code', String(200 + (i % 3))], ['i', String(i)]],
      events: i % 4 === 0 ? [{ time: t0 + i, name: 'exception', attributes: [['exception.message', `e${i}`]] }] : [],
      refs: i % 9 === 0 ? [{ type: 1, traceId: 'elsewhere', spanId: `x${i}` }] : [],
    });
  }
  return b.finish().set;
}

describe('trace storage', () => {
  it('stores and reads back a TraceSet exactly, with counts in the dataset record', async () => {
    const id = uid();
    const set = traceSet(3000);
    const r = await storeDataset(input(id), [], { chunkPoints: 500 }, set);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ traceCount: 7, spanCount: 3000, services: ['svc0', 'svc1', 'svc2'], errorSpanCount: Math.ceil(3000 / 13), seriesCount: 0 });
    expect(r.value.start).toBe(1_700_000_000_000);
    expect(await getDataset(id)).toEqual(r.value);
    expect(await countChunks(id, 'traceChunks')).toBeGreaterThan(30);
    const back = await readTraces(id);
    expect(back).toEqual(set);
    expect(Array.from(new Uint8Array(back.start.buffer))).toEqual(Array.from(new Uint8Array(set.start.buffer)));
    expect(await deleteDataset(id)).toBe(true);
    expect(await countChunks(id, 'traceChunks')).toBe(0);
    await expect(readTraces(id)).rejects.toThrow(/does not exist/);
  });

  it('stores series and traces of one file side by side (OTLP JSON Lines with metrics)', async () => {
    const id = uid();
    const t = new Float64Array([1_700_000_000_000, 1_700_000_001_000]);
    const r = await storeDataset(input(id), [{ name: 'queue.depth', labels: {}, t, v: new Float64Array([1, 2]) }], {}, traceSet(20));
    if (!r.ok) throw new Error(r.error.message);
    expect([r.value.seriesCount, r.value.spanCount]).toEqual([1, 20]);
    expect(Array.from((await readSeries(id, 0)).v)).toEqual([1, 2]);
    expect((await readTraces(id)).spanCount).toBe(20);
    await deleteDataset(id);
  });

  it('a cancel during the trace columns rolls everything back', async () => {
    const id = uid();
    let calls = 0;
    const r = await storeDataset(input(id), [], { chunkPoints: 200, isCancelled: () => ++calls >= 4 }, traceSet(3000));
    expect(r).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(await getDataset(id)).toBeUndefined();
    expect(await countChunks(id, 'traceChunks')).toBe(0);
    expect(await countChunks(id)).toBe(0);
  });

  it('a dataset without traces says so on readTraces', async () => {
    const id = uid();
    const r = await storeDataset(input(id), [{ name: 's', labels: {}, t: new Float64Array([1]), v: new Float64Array([1]) }]);
    expect(r.ok).toBe(true);
    await expect(readTraces(id)).rejects.toThrow(/has no traces/);
    await deleteDataset(id);
  });

  it('cleanOrphans removes trace chunks of an import killed before its record was written', async () => {
    const id = uid();
    expect(await writeTraceChunks(id, traceSet(50), undefined, 10)).toBeGreaterThan(0);
    expect(await cleanOrphans()).toContain(id);
    expect(await countChunks(id, 'traceChunks')).toBe(0);
  });
});
