// The dataset store in real Chromium IndexedDB: exact round trips, atomic visibility, rollback on
// cancel, orphan cleaning (respecting running imports), rename and delete.

import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/model/series';
import { db } from '../../src/store/db';
import {
  cleanOrphans,
  countChunks,
  deleteDataset,
  getDataset,
  listDatasets,
  readSeries,
  renameDataset,
  storageEstimate,
  storeDataset,
  type NewDataset,
} from '../../src/store/datasets';

const uid = (): string => `test-${crypto.randomUUID()}`;

function series(name: string, n: number, seed: number): Series {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    t[i] = 1_700_000_000_000 + i * 1000;
    x = (x * 1103515245 + 12345) % 2147483648;
    v[i] = x / 1e6 - 1000;
  }
  if (n > 3) {
    v[1] = NaN;
    v[2] = -0;
    v[3] = Infinity;
  }
  return { name, labels: { host: 'a' }, t, v };
}

const bytesOf = (a: Float64Array): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

function input(id: string, fileName = `${id}.csv`): NewDataset {
  return { id, name: fileName, fileName, format: 'csv', timeEncoding: 'epoch-ms', bytes: 1234, warnings: ['w'] };
}

describe('store', () => {
  it('stores and reads back the exact arrays, visible only once complete', async () => {
    const id = uid();
    const data = [series('cpu', 5_500, 1), series('mem', 1_001, 2), series('empty', 0, 3)];
    const progress: number[] = [];
    const seenDuringWrite: Promise<unknown>[] = [];
    const r = await storeDataset(input(id), data, {
      chunkPoints: 1000,
      onProgress: (done, total) => {
        progress.push(done);
        expect(total).toBe(6_501);
        seenDuringWrite.push(getDataset(id));
      },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await Promise.all(seenDuringWrite)).toEqual(seenDuringWrite.map(() => undefined));
    expect(progress.at(-1)).toBe(6_501);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);

    const meta = r.value;
    expect(meta).toMatchObject({ id, seriesCount: 3, pointCount: 6_501, format: 'csv', timeEncoding: 'epoch-ms', bytes: 1234 });
    expect(meta.start).toBe(data[0].t[0]);
    expect(meta.end).toBe(data[0].t[5_499]);
    expect(meta.series[0]).toMatchObject({ name: 'cpu', count: 5_500, labels: { host: 'a' } });
    expect(meta.series[2].count).toBe(0);
    expect(await getDataset(id)).toEqual(meta);
    expect((await listDatasets()).map((d) => d.id)).toContain(id);
    expect(await countChunks(id)).toBe(6 + 2);

    for (let i = 0; i < data.length; i++) {
      const s = await readSeries(id, i);
      expect(s.name).toBe(data[i].name);
      expect(s.labels).toEqual(data[i].labels);
      expect(bytesOf(s.t)).toEqual(bytesOf(data[i].t));
      expect(bytesOf(s.v)).toEqual(bytesOf(data[i].v)); // NaN, -0 and Infinity survive
    }
    await expect(readSeries(id, 3)).rejects.toThrow(/no series 3/);
    await deleteDataset(id);
  });

  it('a cancelled store leaves no dataset and no chunks', async () => {
    const id = uid();
    let calls = 0;
    const r = await storeDataset(input(id), [series('a', 20_000, 5)], {
      chunkPoints: 1000,
      onProgress: () => calls++,
      isCancelled: () => calls >= 2,
    });
    expect(r).toMatchObject({ ok: false, error: { kind: 'cancelled', file: `${id}.csv` } });
    expect(calls).toBe(2); // it did write before stopping
    expect(await getDataset(id)).toBeUndefined();
    expect(await countChunks(id)).toBe(0);
    expect((await listDatasets()).some((d) => d.id === id)).toBe(false);
  });

  it('maps QuotaExceededError to a quota error after rolling back what was written', async () => {
    const id = uid();
    const put = IDBObjectStore.prototype.put;
    let puts = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'chunks' && ++puts > 6) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    let r;
    try {
      r = await storeDataset(input(id), [series('a', 20_000, 5)], { chunkPoints: 1000 });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(puts).toBeGreaterThan(6); // chunks had been written before the quota ran out
    expect(r).toMatchObject({ ok: false, error: { kind: 'quota', file: `${id}.csv` } });
    expect(await getDataset(id)).toBeUndefined();
    expect(await countChunks(id)).toBe(0);
  });

  it('refuses to overwrite an existing dataset id and leaves it intact', async () => {
    const id = uid();
    expect((await storeDataset(input(id), [series('a', 10, 1)])).ok).toBe(true);
    const again = await storeDataset(input(id), [series('b', 10, 2)]);
    expect(again).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect((await readSeries(id, 0)).name).toBe('a');
    expect(await countChunks(id)).toBe(1);
    await deleteDataset(id);
  });

  it('cleanOrphans deletes chunks without a dataset record, but not those of a running import', async () => {
    const kept = uid();
    expect((await storeDataset(input(kept), [series('a', 3_000, 1)], { chunkPoints: 1000 })).ok).toBe(true);
    const orphan = uid();
    const running = uid();
    const d = await db();
    for (const owner of [orphan, running]) {
      for (let c = 0; c < 3; c++) {
        await d.put('chunks', { datasetId: owner, seriesIndex: 0, chunkIndex: c, t: new Float64Array([c]), v: new Float64Array([c]) });
      }
    }
    expect(await countChunks(orphan)).toBe(3);

    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const locked = new Promise<void>((acquired) => {
      void navigator.locks.request(`faultline-store:${running}`, () => {
        acquired();
        return held;
      });
    });
    await locked;
    const cleaned = await cleanOrphans();
    expect(cleaned).toContain(orphan);
    expect(cleaned).not.toContain(running);
    expect(cleaned).not.toContain(kept);
    expect(await countChunks(orphan)).toBe(0);
    expect(await countChunks(running)).toBe(3);
    expect(await countChunks(kept)).toBe(3);

    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await cleanOrphans()).toContain(running);
    expect(await countChunks(running)).toBe(0);
    await deleteDataset(kept);
  });

  it('delete removes the record and every chunk; rename changes only the name', async () => {
    const id = uid();
    expect((await storeDataset(input(id), [series('a', 2_500, 1), series('b', 1_500, 2)], { chunkPoints: 1000 })).ok).toBe(true);
    const renamed = await renameDataset(id, 'Checkout latency');
    expect(renamed?.name).toBe('Checkout latency');
    expect((await getDataset(id))?.name).toBe('Checkout latency');
    expect((await getDataset(id))?.fileName).toBe(`${id}.csv`);
    expect(await renameDataset(uid(), 'x')).toBeUndefined();

    expect(await countChunks(id)).toBe(5);
    expect(await deleteDataset(id)).toBe(true);
    expect(await getDataset(id)).toBeUndefined();
    expect(await countChunks(id)).toBe(0);
    await expect(readSeries(id, 0)).rejects.toThrow(/does not exist/);
    expect(await deleteDataset(id)).toBe(false);
  });

  it('storageEstimate reports usage and quota without throwing', async () => {
    const s = await storageEstimate();
    expect(s).toBeDefined();
    expect(s!.quota).toBeGreaterThan(0);
    expect(s!.usage).toBeGreaterThanOrEqual(0);
  });
});
