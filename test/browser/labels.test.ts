// NAB labels stored with their dataset in real Chromium IndexedDB (store/labels.ts), and the import
// worker's label steps (workers/label-attach.ts) run here on the main thread: read, match, attach, and
// keys without a dataset waiting in the store for their CSVs.

import { describe, expect, it } from 'vitest';
import type { DatasetLabels } from '../../src/model/labels';
import { deleteDataset, getDataset, listDatasets, renameDataset, storeDataset } from '../../src/store/datasets';
import { setDatasetLabels } from '../../src/store/labels';
import { listPendingLabels } from '../../src/store/pending-labels';
import { attachLabels, attachPendingLabels, readLabelFile } from '../../src/workers/label-attach';

const FIVE_MIN = 300_000;
const T0 = Date.UTC(2020, 0, 1);

async function stored(fileName: string, rows = 200): Promise<string> {
  const t = Float64Array.from({ length: rows }, (_, i) => T0 + i * FIVE_MIN);
  const v = Float64Array.from({ length: rows }, (_, i) => (i === 100 ? 1000 : 10));
  const r = await storeDataset({ name: fileName, fileName, format: 'csv', bytes: 1, warnings: [] }, [{ name: 'value', labels: {}, t, v }]);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

const labels = (windows: { start: number; end: number }[]): DatasetLabels => ({ source: 'combined_windows.json', key: 'spikes/x.csv', kind: 'windows', windows });

describe('stored NAB labels', () => {
  it('are set, replaced, removed on the dataset record, kept by a rename and deleted with the dataset', async () => {
    const id = await stored(`labels-${crypto.randomUUID()}.csv`);
    expect((await getDataset(id))?.nabLabels).toBeUndefined();
    const first = labels([{ start: T0 + 100 * FIVE_MIN, end: T0 + 119 * FIVE_MIN }]);
    expect((await setDatasetLabels(id, first))?.nabLabels).toEqual(first);
    expect((await getDataset(id))?.nabLabels).toEqual(first);
    expect((await listDatasets()).find((d) => d.id === id)?.nabLabels).toEqual(first);
    const second = labels([]);
    await setDatasetLabels(id, second);
    expect((await getDataset(id))?.nabLabels).toEqual(second);
    await renameDataset(id, 'renamed');
    expect((await getDataset(id))?.nabLabels).toEqual(second);
    const removed = await setDatasetLabels(id, undefined);
    expect(removed && 'nabLabels' in removed).toBe(false);
    expect((await getDataset(id))?.nabLabels).toBeUndefined();
    await setDatasetLabels(id, first);
    await deleteDataset(id);
    expect(await getDataset(id)).toBeUndefined();
    expect(await setDatasetLabels(id, first)).toBeUndefined();
  });

  it('a dropped combined_labels.json attaches derived windows to the dataset it names; other keys wait', async () => {
    const name = `spike-${crypto.randomUUID()}.csv`;
    const id = await stored(name);
    const file = new File([JSON.stringify({ [`spikes/${name}`]: ['2020-01-01 08:20:00'], 'quiet/missing-file.csv': [] })], 'anything.txt');
    const read = await readLabelFile(file);
    if (read.kind !== 'labels') throw new Error(`not read as labels: ${JSON.stringify(read)}`);
    expect(read.labels.kind).toBe('labels');
    const report = await attachLabels(read.labels);
    expect(report.unmatched).toEqual(['quiet/missing-file.csv']);
    expect(report.problems).toEqual([]);
    expect(report.attached.map((a) => [a.key, a.meta.id, a.windows])).toEqual([[`spikes/${name}`, id, 1]]);
    // 200 rows, one label at row 100: L = int(0.1 × 200 / 1) = 20, rows 90..110.
    expect((await getDataset(id))?.nabLabels).toEqual({
      source: 'anything.txt', key: `spikes/${name}`, kind: 'labels',
      windows: [{ start: T0 + 90 * FIVE_MIN, end: T0 + 110 * FIVE_MIN }], labels: [T0 + 100 * FIVE_MIN],
    });
    // The unmatched key waits in the store until its CSV is imported; then it attaches and stops waiting.
    const waiting = async () => (await listPendingLabels()).find((f) => f.source === 'anything.txt')?.entries.map((e) => e.key);
    expect(await waiting()).toEqual(['quiet/missing-file.csv']);
    expect((await attachPendingLabels(['anything.txt'])).some((r) => r.source === 'anything.txt')).toBe(false);
    const late = await stored('missing-file.csv');
    const again = (await attachPendingLabels([])).find((r) => r.source === 'anything.txt');
    expect(again?.attached.map((a) => [a.key, a.meta.id, a.windows])).toEqual([['quiet/missing-file.csv', late, 0]]);
    expect(again?.unmatched).toEqual([]);
    expect(await waiting()).toBeUndefined();
    await deleteDataset(id);
    await deleteDataset(late);
  });

  it('a window that fits no row is reported and not attached; telemetry and malformed label files are told apart', async () => {
    const name = `odd-${crypto.randomUUID()}.csv`;
    const id = await stored(name);
    const read = await readLabelFile(new File([`{"a/${name}": [["2020-01-01 08:21:00", "2020-01-01 09:00:00"]]}`], 'combined_windows.json'));
    if (read.kind !== 'labels') throw new Error('not labels');
    const report = await attachLabels(read.labels);
    expect(report.attached).toEqual([]);
    expect(report.problems).toEqual([`${name}: a/${name}: window 1 start 2020-01-01T08:21:00.000Z is not the timestamp of any row`]);
    expect((await getDataset(id))?.nabLabels).toBeUndefined();
    expect(await readLabelFile(new File(['timestamp,value\n2020-01-01 00:00:00,1\n'], 'x.json'))).toEqual({ kind: 'not-labels' });
    expect(await readLabelFile(new File(['{"a/b.csv": [["2020-01-01 00:00:00"]]}'], 'combined_windows.json'))).toEqual({
      kind: 'malformed', file: 'combined_windows.json',
      message: 'combined_windows.json: "a/b.csv" window 1 should be ["YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM:SS"] with start <= end (a file mixing windows and label times is not read).',
    });
    await deleteDataset(id);
  });
});
