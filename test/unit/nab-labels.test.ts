// NAB label files in the app: the parser (combined_windows.json, combined_labels.json, malformed files),
// NAB's labeller rule against the published windows, key matching, and one file's score (nab/file-score.ts).

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNabCsv } from '../../src/analysis/nab/csv';
import { scoreNabFile } from '../../src/analysis/nab/file-score';
import { labelsForRows, matchLabelKeys } from '../../src/analysis/nab/label-attach';
import { windowsFromLabels } from '../../src/analysis/nab/label-windows';
import { looksLikeNabLabels, parseNabLabels } from '../../src/formats/nab-labels';
import type { NabLabelFile } from '../../src/model/labels';
import type { DatasetMeta } from '../../src/model/series';
import { sharedDir } from './csv-helpers';

const nab = resolve(sharedDir, 'data/nab');
const mini = resolve(__dirname, '../fixtures/nab-mini');
const read = (path: string) => readFileSync(path, 'utf8');
const ms = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

function parsed(source: string, text: string): NabLabelFile {
  const r = parseNabLabels(source, text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function rowsOf(key: string, root = nab): Float64Array {
  const path = resolve(root, 'data', key);
  const table = parseNabCsv(read(path), path, ['value']);
  if (!table.ok) throw new Error(table.error);
  return table.value.t;
}

describe('NAB label files', () => {
  it('are told by content, not by name', () => {
    expect(looksLikeNabLabels(read(resolve(mini, 'combined_windows.json')))).toBe(true);
    expect(looksLikeNabLabels(read(resolve(nab, 'combined_labels.json')))).toBe(true);
    expect(looksLikeNabLabels('\uFEFF{"a/b.CSV":[]}')).toBe(true);
    expect(looksLikeNabLabels('{"resourceMetrics": [')).toBe(false);
    expect(looksLikeNabLabels('timestamp,value\n2020-01-01 00:00:00,1')).toBe(false);
  });

  it('reads combined_windows.json as windows in ms (inclusive), every key kept', () => {
    const f = parsed('combined_windows.json', read(resolve(mini, 'combined_windows.json')));
    expect(f.kind).toBe('windows');
    expect(f.entries).toEqual([
      { key: 'quiet/flat.csv', windows: [] },
      { key: 'spikes/one_spike.csv', windows: [{ start: ms('2020-01-01 08:20:00'), end: ms('2020-01-01 09:55:00') }] },
    ]);
    const all = parsed('combined_windows.json', read(resolve(nab, 'combined_windows.json')));
    expect(all.entries).toHaveLength(35);
  });

  it('reads combined_labels.json as sorted label times', () => {
    const f = parsed('x.json', '{"a/one.csv": ["2014-04-11 09:00:00", "2014-04-10 00:00:00.000000"], "b/two.csv": []}');
    expect(f).toEqual({ source: 'x.json', kind: 'labels', entries: [{ key: 'a/one.csv', labels: [ms('2014-04-10 00:00:00'), ms('2014-04-11 09:00:00')] }, { key: 'b/two.csv', labels: [] }] });
  });

  it.each([
    ['{"a/b.csv": [', /^bad\.json: not valid JSON/],
    ['[1, 2]', /^bad\.json: expected an object mapping/],
    ['{}', /^bad\.json: the object is empty/],
    ['{"a/b.txt": []}', /^bad\.json: key "a\/b\.txt" is not a "<category>\/<file>\.csv" path/],
    ['{"a/b.csv": {}}', /^bad\.json: "a\/b\.csv" should be a list/],
    ['{"a/b.csv": [["2020-01-01 00:00:00", "later"]]}', /^bad\.json: "a\/b\.csv" window 1 should be \["YYYY-MM-DD HH:MM:SS"/],
    ['{"a/b.csv": [["2020-01-02 00:00:00", "2020-01-01 00:00:00"]]}', /window 1 should be .* with start <= end/],
    ['{"a/b.csv": [["2020-01-01 00:00:00", "2020-01-02 00:00:00"], ["2020-01-01 12:00:00", "2020-01-03 00:00:00"]]}', /window 2 starts before window 1 ends/],
    ['{"a/b.csv": ["2020-01-01 00:00:00", ["2020-01-01 00:00:00", "2020-01-02 00:00:00"]]}', /"a\/b\.csv" label 2 should be a "YYYY-MM-DD HH:MM:SS" time/],
    ['{"a/b.csv": ["yesterday"]}', /"a\/b\.csv" label 1 should be/],
  ])('refuses %s with a message naming the file and the problem', (text, message) => {
    const r = parseNabLabels('bad.json', text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe("NAB's labeller rule (combined_labels.json → windows)", () => {
  const labels = parsed('combined_labels.json', read(resolve(nab, 'combined_labels.json')));
  const windows = parsed('combined_windows.json', read(resolve(nab, 'combined_windows.json')));
  const keys = readdirSync(resolve(nab, 'data')).flatMap((c) => readdirSync(resolve(nab, 'data', c)).filter((f) => f.endsWith('.csv')).map((f) => `${c}/${f}`));

  it('gives the published windows for every file but NAB’s hand-edited iio NetworkIn one', () => {
    expect(keys.length).toBe(35);
    const differ: string[] = [];
    for (const key of keys) {
      if (labels.kind !== 'labels' || windows.kind !== 'windows') throw new Error('kinds');
      const got = windowsFromLabels(rowsOf(key), labels.entries.find((e) => e.key === key)?.labels ?? [], key);
      if (!got.ok) throw new Error(got.error);
      if (JSON.stringify(got.value) !== JSON.stringify(windows.entries.find((e) => e.key === key)?.windows)) differ.push(key);
    }
    expect(differ).toEqual(['realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv']);
  });

  it('names a label that is no row’s time', () => {
    const t = new Float64Array([0, 60_000, 120_000]);
    const r = windowsFromLabels(t, [90_000], 'a/b.csv');
    expect(r).toEqual({ ok: false, error: 'a/b.csv: label 1 (1970-01-01T00:01:30.000Z) is not the timestamp of any row' });
  });

  it('checks windows against the rows when attaching (NAB refuses a window edge that is no row)', () => {
    const f = parsed('w.json', '{"a/b.csv": [["1970-01-01 00:01:00", "1970-01-01 00:01:30"]]}');
    const r = labelsForRows(f, 'a/b.csv', new Float64Array([0, 60_000, 120_000]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('a/b.csv: window 1 end 1970-01-01T00:01:30.000Z is not the timestamp of any row');
  });
});

describe('matching keys to datasets', () => {
  const ds = (id: string, fileName: string, seriesCount = 1) => ({ id, fileName, seriesCount }) as DatasetMeta;
  const f = parsed('w.json', '{"spikes/one_spike.csv": [], "quiet/flat.csv": [], "a/same.csv": [], "b/same.csv": []}');

  it('by file name, folder paths included; traces-only datasets and other names are not matched', () => {
    const r = matchLabelKeys(f, [ds('1', 'one_spike.csv'), ds('2', 'nab/data/quiet/flat.csv'), ds('3', 'flat.csv', 0), ds('4', 'other.csv'), ds('5', 'x/b/same.csv')]);
    expect(r.matches).toEqual([{ datasetId: '1', key: 'spikes/one_spike.csv' }, { datasetId: '2', key: 'quiet/flat.csv' }, { datasetId: '5', key: 'b/same.csv' }]);
    expect(r.unmatched).toEqual(['a/same.csv']);
  });
});

describe('one file’s NAB score (file-score.ts)', () => {
  const expected = JSON.parse(read(resolve(nab, 'reference_results/expected_per_file_scores.json'))) as Record<string, Record<string, Record<string, { computed_file_only_best: { threshold: number; score: number; tp: number; fp: number; fn: number } }>>>;
  const windows = parsed('combined_windows.json', read(resolve(nab, 'combined_windows.json')));

  it.each(Object.keys(expected.windowedGaussian))('windowedGaussian %s: the best threshold for the file is NAB’s optimiser on it alone', (key) => {
    if (windows.kind !== 'windows') throw new Error('kind');
    const [category, name] = key.split('/');
    const path = resolve(nab, 'reference_results/windowedGaussian', category, `windowedGaussian_${name}`);
    const table = parseNabCsv(read(path), path, ['anomaly_score']);
    if (!table.ok) throw new Error(table.error);
    const w = windows.entries.find((e) => e.key === key)?.windows ?? [];
    const r = scoreNabFile(key, table.value.t, table.value.columns.get('anomaly_score') as Float64Array, w);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.windows).toBe(w.length);
    expect(r.value.best.map((p) => p.profile)).toEqual(['standard', 'reward_low_FP_rate', 'reward_low_FN_rate']);
    for (const p of r.value.best) {
      const want = expected.windowedGaussian[key][p.profile].computed_file_only_best;
      expect(p.threshold).toBe(want.threshold);
      expect(Math.abs(p.score - want.score)).toBeLessThan(1e-9);
      expect([p.tp, p.fp, p.fn]).toEqual([want.tp, want.fp, want.fn]);
      expect(p.normalised).toBeCloseTo((100 * (p.score + w.length * (p.profile === 'reward_low_FN_rate' ? 2 : 1))) / (w.length * (p.profile === 'reward_low_FN_rate' ? 3 : 2)), 9);
    }
    for (const p of r.value.atFlag) expect(p.threshold).toBe(0.5);
  });

  it('a detection at the window’s first row scores 100; nothing detected scores 0; NaN scores count as 0', () => {
    const t = rowsOf('spikes/one_spike.csv', mini);
    const w = [{ start: ms('2020-01-01 08:20:00'), end: ms('2020-01-01 09:55:00') }];
    const hit = new Float64Array(t.length).fill(Number.NaN);
    hit[100] = 0.5;
    const r = scoreNabFile('spikes/one_spike.csv', t, hit, w);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.probation).toBe(30);
    expect(r.value.atFlag.map((p) => [p.normalised, p.tp, p.fp, p.fn, p.detectedWindows])).toEqual([[100, 1, 0, 19, 1], [100, 1, 0, 19, 1], [100, 1, 0, 19, 1]]);
    const miss = scoreNabFile('spikes/one_spike.csv', t, new Float64Array(t.length).fill(0.49), w);
    if (!miss.ok) throw new Error(miss.error);
    expect(miss.value.atFlag.map((p) => p.normalised)).toEqual([0, 0, 0]);
    // Flagging every row (0.49) catches the window but costs 0.11 per FP row (70 before it): nothing flagged (1.1) is best.
    expect(miss.value.best[0].threshold).toBe(1.1);
    expect(miss.value.best[0].normalised).toBe(0);
  });

  it('an error value for a window that fits no row', () => {
    const r = scoreNabFile('a/b.csv', new Float64Array([0, 1]), new Float64Array(2), [{ start: 5, end: 6 }]);
    expect(r.ok).toBe(false);
  });
});
