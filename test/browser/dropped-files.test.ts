// The files of a drop in real Chromium, with real File objects: a synthetic DataTransfer goes through
// dropRoots and collectDroppedFiles like a drop does; the file-count cap keeps name order and says so.
// (Real folders are dropped through Chromium's drag machinery in test/e2e/multi-import.spec.ts.)
import { describe, expect, it } from 'vitest';
import { collectDroppedFiles, dropRoots, MAX_DROPPED_FILES } from '../../src/ui/dropped-files';

const file = (name: string, text = 'timestamp,v\n2024-01-01T00:00:00Z,1\n'): File => new File([text], name, { type: 'text/csv' });

describe('dropped files', () => {
  it('a DataTransfer of several files yields each file, content intact', async () => {
    const dt = new DataTransfer();
    dt.items.add(file('a.csv', 'A'));
    dt.items.add(file('b.csv', 'BB'));
    const roots = dropRoots(dt);
    expect(roots.entries.length + roots.loose.length).toBe(2);
    const { files, notes } = await collectDroppedFiles(roots.entries, roots.loose);
    expect(files.map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
    expect(await Promise.all(files.map((f) => f.text()))).toEqual(['A', 'BB']);
    expect(notes).toEqual([]);
  });

  it('stops at the cap and says how many were taken', async () => {
    const loose = ['1.csv', '2.csv', '3.csv'].map((n) => file(n));
    const { files, notes } = await collectDroppedFiles([], loose, 2);
    expect(files.map((f) => f.name)).toEqual(['1.csv', '2.csv']);
    expect(notes).toEqual(['The drop holds more than 2 files; the first 2 (in name order) are imported. Drop the rest separately.']);
  });

  it('has a sane default cap', () => {
    expect(MAX_DROPPED_FILES).toBeGreaterThanOrEqual(50);
    expect(MAX_DROPPED_FILES).toBeLessThanOrEqual(1000);
  });

  it('an empty drop yields nothing', async () => {
    const roots = dropRoots(new DataTransfer());
    expect(roots).toEqual({ entries: [], loose: [] });
    expect(await collectDroppedFiles(roots.entries, roots.loose)).toEqual({ files: [], notes: [] });
  });
});
