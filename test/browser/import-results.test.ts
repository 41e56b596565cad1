// Per-file results of a batch in real Chromium: storage errors (quota mid-import, too large before
// parsing) are shown as such with their sizes and next step; cancelled files are not failures.
import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../src/model/series';
import { batchResults } from '../../src/ui/import-results';

const meta: DatasetMeta = {
  id: 'ok1', name: 'a.csv', fileName: 'a.csv', format: 'csv', series: [], seriesCount: 1, pointCount: 90,
  start: 0, end: 1, bytes: 10, createdAt: 0, warnings: [],
};

describe('batch results', () => {
  it('each file says what happened to it', () => {
    const card = batchResults(
      [
        { file: 'a.csv', ok: true, meta },
        { file: 'huge.prom', ok: false, error: { kind: 'too-large', file: 'huge.prom', neededBytes: 2e9, availableBytes: 5e8, message: 'huge.prom is too large: needs 2.0 GB, 500 MB free in this browser\'s storage.' } },
        { file: 'big.csv', ok: false, error: { kind: 'quota', file: 'big.csv', message: 'The browser ran out of storage while saving big.csv; nothing was stored.' } },
        { file: 'c.csv', ok: false, error: { kind: 'cancelled', file: 'c.csv', message: 'cancelled' } },
      ],
      [],
      () => undefined,
    );
    expect(card.getAttribute('role')).toBe('alert');
    expect(card.querySelector('.notice-head strong')?.textContent).toBe('1 of 4 files imported · 2 failed · 1 cancelled');
    const item = (kind: string) => card.querySelector(`[data-error-kind=${kind}]`)?.textContent ?? '';
    expect(item('too-large')).toContain('needs 2.0 GB, 500 MB free');
    expect(item('too-large')).toContain('Free browser storage (delete datasets) or import a smaller time range.');
    expect(item('quota')).toContain('ran out of storage while saving big.csv');
    expect(item('quota')).toContain('delete datasets and retry');
    expect(item('cancelled')).toContain('Cancelled');
    expect(card.querySelector('[data-result=imported]')?.textContent).toContain('CSV · 1 series · 90 points');
  });

  it('all imported is a status, not an alert', () => {
    const card = batchResults([{ file: 'a.csv', ok: true, meta }, { file: 'b.csv', ok: true, meta: { ...meta, id: 'b' } }], ['1 hidden file or folder was skipped.'], () => undefined);
    expect(card.getAttribute('role')).toBe('status');
    expect(card.querySelector('.result-notes')?.textContent).toContain('hidden');
  });
});
