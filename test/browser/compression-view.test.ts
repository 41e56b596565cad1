// A gzip-compressed file's dataset in real Chromium: the store keeps `compression` beside `format`, and the
// dataset manager and the import results name it "<format> (gzip)".
import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../src/model/series';
import { deleteDataset, getDataset, storeDataset } from '../../src/store/datasets';
import { datasetsView } from '../../src/ui/datasets-view';
import { batchResults } from '../../src/ui/import-results';

const meta = (over: Partial<DatasetMeta>): DatasetMeta => ({
  id: 'g1', name: 'spans.bin', fileName: 'spans.bin', format: 'otlp-traces', series: [], seriesCount: 0, pointCount: 0,
  start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 0, 2), bytes: 900, createdAt: 0, warnings: [], ...over,
});

describe('compressed datasets', () => {
  it('the store keeps compression: "gzip" and leaves the format as detected', async () => {
    const id = `test-gzip-${crypto.randomUUID()}`;
    const t = new Float64Array([1_700_000_000_000]);
    const r = await storeDataset({ id, name: 'm.gz', fileName: 'm.gz', format: 'csv', compression: 'gzip', bytes: 40, warnings: [] }, [{ name: 'v', labels: {}, t, v: new Float64Array([1]) }]);
    if (!r.ok) throw new Error(r.error.message);
    expect([r.value.format, r.value.compression]).toEqual(['csv', 'gzip']);
    expect((await getDataset(id))?.compression).toBe('gzip');
    await deleteDataset(id);
  });

  it('the manager and the import results say "(gzip)"; an uncompressed dataset does not', () => {
    const v = datasetsView([meta({ compression: 'gzip' }), meta({ id: 'p1', name: 'plain.json' })], { usage: 1e6, quota: 1e9, persisted: false }, { rename: async () => undefined, remove: () => undefined });
    const badge = (id: string) => v.element.querySelector(`tr[data-dataset-id=${id}] .format-badge`);
    expect(badge('g1')?.textContent).toBe('OTLP/JSON traces (gzip)');
    expect(badge('g1')?.getAttribute('title')).toBe('format id: otlp-traces, gzip-compressed');
    expect(badge('p1')?.textContent).toBe('OTLP/JSON traces');
    const card = batchResults([{ file: 'spans.bin', ok: true, meta: meta({ compression: 'gzip' }) }], [], () => undefined);
    expect(card.querySelector('[data-result=imported]')?.textContent).toContain('OTLP/JSON traces (gzip) · 0 series');
  });
});
