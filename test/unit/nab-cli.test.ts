// `faultline nab` end to end on test/fixtures/nab-mini (two categories, one window): scoreboard,
// --json shape, --out results layout and header, errors for a bad folder and an unknown detector.

import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from './cli-helpers';
import { repoRoot } from './csv-helpers';

const mini = resolve(repoRoot, 'test/fixtures/nab-mini');
const out = mkdtempSync(join(tmpdir(), 'faultline-nab-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface JsonDetector {
  name: string;
  standard: number;
  reward_low_FP_rate: number;
  reward_low_FN_rate: number;
  thresholds: Record<string, number>;
}

describe('faultline nab', () => {
  it('--json: NAB scores per detector; windowedGaussian catches the spike at the window start (100)', async () => {
    const r = await runCliCaptured('nab', '--data', mini, '--detector', 'windowedGaussian', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { detectors: JsonDetector[] };
    expect(json.detectors).toHaveLength(1);
    const [d] = json.detectors;
    expect(d).toMatchObject({ name: 'windowedGaussian', standard: 100, reward_low_FP_rate: 100, reward_low_FN_rate: 100 });
    expect(d.thresholds).toEqual({ standard: 1, reward_low_FP_rate: 1, reward_low_FN_rate: 1 });
  });

  it('all: every registered single-series detector plus likelihood and the baseline, as a scoreboard', async () => {
    const r = await runCliCaptured('nab', '--data', mini);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^NAB: 2 files, 320 rows, 1 windows/);
    for (const name of ['likelihood', 'windowedGaussian', 'zscore']) expect(r.out).toMatch(new RegExp(`^${name} +-?\\d+\\.\\d\\d +`, 'm'));
    expect(r.out).toMatch(/windowedGaussian +100\.00 +100\.00 +100\.00 +1\.00000 \/ 1\.00000 \/ 1\.00000 +1 +0 +19 +1\/1 +0 min/);
  });

  it('--out writes RESULTS/<detector>/<category>/<detector>_<file>.csv, one row per data row', async () => {
    const r = await runCliCaptured('nab', '--data', mini, '--detector', 'likelihood', '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(join(out, 'likelihood')).sort()).toEqual(['quiet', 'spikes']);
    const spikes = readFileSync(join(out, 'likelihood/spikes/likelihood_one_spike.csv'), 'utf8').trimEnd().split('\n');
    const flat = readFileSync(join(out, 'likelihood/quiet/likelihood_flat.csv'), 'utf8').trimEnd().split('\n');
    expect(spikes[0]).toBe('timestamp,value,anomaly_score,label');
    expect(spikes).toHaveLength(201);
    expect(flat).toHaveLength(121);
    expect(spikes[1]).toBe('2020-01-01 00:00:00,10,0,0');
    expect(spikes[101]).toMatch(/^2020-01-01 08:20:00,1000,[\d.e-]+,1$/);
    expect(spikes[121]).toMatch(/,0$/);
    expect(spikes.slice(101, 121).every((l) => l.endsWith(',1'))).toBe(true);
  });

  it('a folder not in NAB layout exits 1 saying what is missing; an unknown detector is a usage error', async () => {
    const bad = await runCliCaptured('nab', '--data', join(mini, 'data'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/combined_windows\.json/);
    const unknown = await runCliCaptured('nab', '--data', mini, '--detector', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown detector "nope" \(available: all, .*likelihood.*windowedGaussian/);
    expect((await runCliCaptured('nab')).code).toBe(2);
  });

  it('a data file missing from the windows file, or a window off every row, exits 1 naming the file', async () => {
    const dir = join(out, 'broken');
    mkdirSync(join(dir, 'data/cat'), { recursive: true });
    writeFileSync(join(dir, 'data/cat/a.csv'), 'timestamp,value\n2020-01-01 00:00:00,1\n2020-01-01 00:05:00,2\n');
    writeFileSync(join(dir, 'combined_windows.json'), '{}');
    const missing = await runCliCaptured('nab', '--data', dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cat\/a\.csv: no entry in the windows file/);
    writeFileSync(join(dir, 'combined_windows.json'), JSON.stringify({ 'cat/a.csv': [['2020-01-01 00:01:00.000000', '2020-01-01 00:05:00.000000']] }));
    const off = await runCliCaptured('nab', '--data', dir);
    expect(off.code).toBe(1);
    expect(off.err).toMatch(/cat\/a\.csv: window 1 start 2020-01-01T00:01:00\.000Z is not the timestamp of any row/);
  });
});
