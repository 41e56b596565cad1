// Scoring a subset of a NAB corpus (`faultline nab --files-from LIST`): the list parser, which files a
// subset holds, typos reported, the committed tuning / held-out halves, and the file-length learning rule.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIKELIHOOD_PARAMS } from '../../src/analysis/detectors/likelihood';
import { fileLengthParams } from '../../src/analysis/nab/run';
import { inSubset, parseSubset, unmatchedEntries } from '../../src/analysis/nab/subset';
import { runCliCaptured } from './cli-helpers';
import { repoRoot } from './csv-helpers';

const mini = resolve(repoRoot, 'test/fixtures/nab-mini');
const tmp = mkdtempSync(join(tmpdir(), 'faultline-nab-subset-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function list(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('NAB subsets', () => {
  it('a list names categories and single files; comments and blank lines are skipped', () => {
    const s = parseSubset('# tuning half\nrealAWSCloudwatch\n\nrealKnownCause/nyc_taxi.csv  # one file\n', 'l.txt');
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(inSubset(s.value, 'realAWSCloudwatch/grok_asg_anomaly.csv')).toBe(true);
    expect(inSubset(s.value, 'realKnownCause/nyc_taxi.csv')).toBe(true);
    expect(inSubset(s.value, 'realKnownCause/rogue_agent_key_hold.csv')).toBe(false);
    expect(inSubset(s.value, 'realAWS/grok_asg_anomaly.csv')).toBe(false);
    expect(unmatchedEntries(s.value, ['realAWSCloudwatch/a.csv', 'realKnownCause/b.csv'])).toEqual(['realKnownCause/nyc_taxi.csv']);
  });

  it('a malformed entry or an empty list is refused with the line', () => {
    expect(parseSubset('ok\na/b/c.csv\n', 'l.txt')).toEqual({ ok: false, error: 'l.txt:2: expected a category or <category>/<file>.csv, got "a/b/c.csv"' });
    expect(parseSubset('cat/file.txt', 'l.txt')).toMatchObject({ ok: false, error: expect.stringMatching(/^l\.txt:1: /) });
    expect(parseSubset('# nothing\n', 'l.txt')).toEqual({ ok: false, error: 'l.txt: names no category or file' });
  });

  it('the committed halves split the four NAB categories alternately by sorted name, without overlap', () => {
    const read = (f: string): string[] => readFileSync(resolve(repoRoot, 'bench', f), 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
    const tuning = read('nab-tuning.txt');
    const held = read('nab-held-out.txt');
    const sorted = [...tuning, ...held].sort();
    expect(sorted).toEqual(['artificialNoAnomaly', 'artificialWithAnomaly', 'realAWSCloudwatch', 'realKnownCause']);
    expect(tuning).toEqual(sorted.filter((_, k) => k % 2 === 0));
    expect(held).toEqual(sorted.filter((_, k) => k % 2 === 1));
  });

  it('--files-from scores only the listed files; a list naming nothing there exits 1 with the entry', async () => {
    const one = await runCliCaptured('nab', '--data', mini, '--detector', 'windowedGaussian', '--files-from', list('spikes.txt', 'spikes\n'));
    expect(one.err).toBe('');
    expect(one.out).toMatch(/^NAB: 1 files, 200 rows, 1 windows/);
    const quiet = await runCliCaptured('nab', '--data', mini, '--detector', 'windowedGaussian', '--files-from', list('quiet.txt', 'quiet/flat.csv\n'));
    expect(quiet.out).toMatch(/^NAB: 1 files, 120 rows, 0 windows/);
    const typo = await runCliCaptured('nab', '--data', mini, '--files-from', list('typo.txt', 'spikes\nquite\n'));
    expect(typo.code).toBe(1);
    expect(typo.err).toMatch(/--files-from: "quite" names no <category>\/<file>\.csv/);
    const missing = await runCliCaptured('nab', '--data', mini, '--files-from', join(tmp, 'absent.txt'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/absent\.txt: .*--files-from needs a readable list/);
  });

  it("a detector's learning period follows NAB's probationary rule, min(floor(0.15 n), 750), within its bounds", () => {
    expect(fileLengthParams(LIKELIHOOD_PARAMS, 4032)).toEqual({ learning: 604 });
    expect(fileLengthParams(LIKELIHOOD_PARAMS, 22695)).toEqual({ learning: 750 });
    expect(fileLengthParams(LIKELIHOOD_PARAMS, 20)).toEqual({ learning: 10 });
    expect(fileLengthParams([], 4032)).toEqual({});
  });
});
