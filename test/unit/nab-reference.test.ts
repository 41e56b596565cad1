// The NAB scorer against NAB's own published per-file scores: the reference result CSVs in
// ../shared/data/nab/reference_results scored at the published corpus thresholds must match to 1e-9.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNabCsv } from '../../src/analysis/nab/csv';
import { NAB_PROFILES } from '../../src/analysis/nab/profiles';
import { optimiseThreshold, prepareCorpus, scoreAtThreshold } from '../../src/analysis/nab/score';
import { parseWindows } from '../../src/analysis/nab/windows';
import { sharedDir } from './csv-helpers';

const nab = resolve(sharedDir, 'data/nab');
const refDir = resolve(nab, 'reference_results');

interface Counts {
  score: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
}
interface Expected {
  corpus_threshold_used: Record<string, Record<string, number>>;
  [detector: string]: unknown;
}
type PerFile = Record<string, Record<string, { computed_at_corpus_threshold: Counts; computed_file_only_best: Counts & { threshold: number }; published_per_file?: Record<string, string> }>>;

const expected = JSON.parse(readFileSync(resolve(refDir, 'expected_per_file_scores.json'), 'utf8')) as Expected;
const windowsJson: unknown = JSON.parse(readFileSync(resolve(nab, 'combined_windows.json'), 'utf8'));
const detectors = Object.keys(expected.corpus_threshold_used);

function load(detector: string, key: string): { t: Float64Array; score: Float64Array } {
  const [category, name] = key.split('/');
  const path = resolve(refDir, detector, category, `${detector}_${name}`);
  const table = parseNabCsv(readFileSync(path, 'utf8'), path, ['anomaly_score']);
  if (!table.ok) throw new Error(table.error);
  return { t: table.value.t, score: table.value.columns.get('anomaly_score') as Float64Array };
}

describe('NAB scorer vs reference_results (1e-9)', () => {
  const windows = parseWindows(windowsJson);
  if (!windows.ok) throw new Error(windows.error);
  const cases = detectors.flatMap((d) => Object.keys(expected[d] as PerFile).flatMap((key) => NAB_PROFILES.map((p) => [d, key, p.name] as const)));

  it('covers 4 detectors × 2 files × 3 profiles', () => expect(cases).toHaveLength(24));

  it.each(cases)('%s %s %s', (detector, key, profileName) => {
    const profile = NAB_PROFILES.find((p) => p.name === profileName)!;
    const { t, score } = load(detector, key);
    const corpus = prepareCorpus([{ key, t }], windows.value);
    if (!corpus.ok) throw new Error(corpus.error);
    const want = (expected[detector] as PerFile)[key][profileName];
    const got = scoreAtThreshold(corpus.value, [score], profile, expected.corpus_threshold_used[detector][profileName]).files[0];
    const at = want.computed_at_corpus_threshold;
    expect(Math.abs(got.score - at.score)).toBeLessThan(1e-9);
    expect([got.tp, got.tn, got.fp, got.fn]).toEqual([at.tp, at.tn, at.fp, at.fn]);
    // random's scores CSVs in NAB's repository are stale (see the JSON's _note): no published row to match.
    const pub = detector === 'random' ? undefined : want.published_per_file;
    if (pub) {
      expect(Math.abs(got.score - Number(pub.Score))).toBeLessThan(1e-9);
      expect([got.tp, got.tn, got.fp, got.fn]).toEqual([pub.TP, pub.TN, pub.FP, pub.FN].map(Number));
    }
    const none = scoreAtThreshold(corpus.value, [score], profile, 1.1).files[0];
    expect(none.score).toBe(-profile.fnWeight * (windows.value.get(key)?.length ?? 0));
    // The file on its own: NAB's optimiser over this one file.
    const best = want.computed_file_only_best;
    const theta = optimiseThreshold(corpus.value, [score], profile);
    expect(theta).toBe(best.threshold);
    const own = scoreAtThreshold(corpus.value, [score], profile, theta).files[0];
    expect(Math.abs(own.score - best.score)).toBeLessThan(1e-9);
    expect([own.tp, own.tn, own.fp, own.fn]).toEqual([best.tp, best.tn, best.fp, best.fn]);
  });
});
