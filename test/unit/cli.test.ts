// The faultline CLI: the built bundle through bin/faultline.mjs on real files (JSON shape, exit codes),
// and runCli in-process for detect, --out files, help and usage errors.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './cli-helpers';
import { fixtureDir, repoRoot, sharedDir } from './csv-helpers';

const nyc = resolve(sharedDir, 'data/nab/data/realKnownCause/nyc_taxi.csv');
const bin = resolve(repoRoot, 'bin/faultline.mjs');

const run = runCliCaptured;

function tmp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'faultline-cli-')), name);
  writeFileSync(path, content);
  return path;
}

describe('built CLI (npm test builds it first with npm run build:cli)', () => {
  it('the bundle exists', () => {
    expect(existsSync(resolve(repoRoot, 'dist-cli/faultline.js')), 'run `npm run build:cli` first').toBe(true);
  });

  it('inspect --json on a NAB file: exit 0 and the documented shape', () => {
    const r = spawnSync(process.execPath, [bin, 'inspect', nyc, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { files: Record<string, unknown>[] };
    expect(json.files).toHaveLength(1);
    expect(json.files[0]).toMatchObject({
      file: nyc,
      format: 'csv',
      series: 1,
      points: 10320, // wc -l (the file has no final newline, so no header to subtract)
      start: '2014-07-01T00:00:00.000Z',
      end: '2015-01-31T23:30:00.000Z',
      errors: [],
    });
    expect(json.files[0].warnings).toEqual([expect.stringMatching(/UTC/)]);
  });

  it('inspect with one broken file among good ones: exit 1, the error names file and line', () => {
    const bad = tmp('bad.csv', 'timestamp,value\n2024-05-01 00:00:00,1\n2024-05-01 00:05:00,oops\n');
    const r = spawnSync(process.execPath, [bin, 'inspect', nyc, bad, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout) as { files: { format: string | null; errors: string[] }[] };
    expect(json.files.map((f) => f.format)).toEqual(['csv', null]);
    expect(json.files[1].errors[0]).toMatch(/bad\.csv, line 3: expected a number/);
  });

  it('detect --detector ensemble: the same JSON with detector threads as without (threads run only in the bundle)', () => {
    const detect = (threads: number) => spawnSync(process.execPath, [bin, 'detect', nyc, '--detector', 'ensemble', '--json', '--threads', String(threads)], { encoding: 'utf8' });
    const alone = detect(0);
    const threaded = detect(2);
    expect(alone.status).toBe(0);
    expect(threaded.status).toBe(0);
    type Out = { threads: { count: number; steps: number }; series: { detectorFlags: Record<string, number> }[] };
    const [a, b] = [JSON.parse(alone.stdout) as Out, JSON.parse(threaded.stdout) as Out];
    expect(a.threads).toEqual({ count: 0, steps: 0 });
    expect(b.threads.count).toBe(2);
    expect(b.threads.steps).toBeGreaterThan(0); // the two threads took the heavy steps (Isolation Forest, LOF)
    expect({ ...b, threads: a.threads }).toEqual(a);
    expect(threaded.stdout.replace(/"threads": \{[^}]*\}/, '')).toBe(alone.stdout.replace(/"threads": \{[^}]*\}/, ''));
    expect(Object.keys(a.series[0].detectorFlags)).toEqual(['zscore', 'mad', 'ewma', 'iqr', 'likelihood', 'seasonal', 'iforest', 'lof']);
    const bad = spawnSync(process.execPath, [bin, 'detect', nyc, '--detector', 'ensemble', '--threads', '-1'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--threads must be a whole number from 0 to 64, got -1/);
  });

  it('unknown command: exit 2 with a message on stderr', () => {
    const r = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe('runCli in-process', () => {
  it('inspect without --json prints a table, errors also on stderr, exit 1', async () => {
    const missing = resolve(fixtureDir, 'no-such-file.csv');
    const r = await run('inspect', resolve(fixtureDir, 'grafana-semicolon.csv'), missing);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/grafana-semicolon\.csv\s+csv\s+2\s+6\s+2024-05-01T12:00:00\.000Z\s+2024-05-01T12:02:00\.000Z/);
    expect(r.err).toMatch(/no-such-file\.csv/);
  });

  it('detect --json: flagged timestamps, incidents and scores per series, parameters stated', async () => {
    const rows = ['timestamp,a,b'];
    for (let i = 0; i < 300; i++) {
      const t = new Date(Date.UTC(2024, 4, 1) + i * 60000).toISOString();
      rows.push(`${t},${i === 250 ? 1000 : 10 + (i % 7)},${i % 5}`);
    }
    const file = tmp('spike.csv', rows.join('\n') + '\n');
    const r = await run('detect', file, '--detector', 'zscore', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      params: { zscore: { window: number; threshold: number } };
      series: { name: string; count: number; flagged: number; maxScore: number; flaggedTimestamps: string[]; incidents: { start: string; severity: string }[] }[];
    };
    expect(json.params.zscore).toMatchObject({ window: 100, threshold: 4 }); // the defaults, stated
    expect(json.series.map((s) => s.name)).toEqual(['a', 'b']);
    const a = json.series[0];
    expect(a.count).toBe(300);
    expect(a.flaggedTimestamps).toContain('2024-05-01T04:10:00.000Z'); // row 250: the spike
    expect(a.flagged).toBe(a.flaggedTimestamps.length);
    expect(a.maxScore).toBeGreaterThan(0.95); // |z| in the hundreds: score = |z| / (|z| + threshold)
    expect(a.incidents.find((x) => x.start === '2024-05-01T04:10:00.000Z')?.severity).toBe('CRITICAL');
    expect(json.series[1].flagged).toBe(0);
  });

  it('detect --out writes timestamp,value,anomaly_score, one file per series when several', async () => {
    const one = tmp('one.csv', 'time,v\n1714564800,1\n1714564860,2\n1714564920,4\n');
    const out1 = join(mkdtempSync(join(tmpdir(), 'faultline-out-')), 'scores.csv');
    expect((await run('detect', one, '--detector=zscore', '--window', '2', '--out', out1)).code).toBe(0);
    // Point 3: z = (4 - 1.5) / 0.5 = 5, score 5 / (5 + 4) = 5/9; the first two cannot be judged yet (score 0).
    expect(readFileSync(out1, 'utf8')).toBe(
      `timestamp,value,anomaly_score\n2024-05-01T12:00:00.000Z,1,0\n2024-05-01T12:01:00.000Z,2,0\n2024-05-01T12:02:00.000Z,4,${5 / 9}\n`,
    );
    const two = tmp('two.csv', 'time,cpu busy,mem\n1714564800,1,2\n1714564860,2,3\n');
    const out2 = join(mkdtempSync(join(tmpdir(), 'faultline-out-')), 'scores.csv');
    const r = await run('detect', two, '--detector', 'zscore', '--out', out2);
    expect(r.code).toBe(0);
    expect(readFileSync(out2.replace('.csv', '-cpu_busy.csv'), 'utf8').split('\n')[0]).toBe('timestamp,value,anomaly_score');
    expect(existsSync(out2.replace('.csv', '-mem.csv'))).toBe(true);
  });

  it('detect: a point off a constant window is infinitely far (score 1) and flagged', async () => {
    const file = tmp('flat.csv', 'time,v\n1714564800,5\n1714564860,5\n1714564920,5\n1714564980,9\n');
    const r = await run('detect', file, '--detector', 'zscore', '--window', '2', '--json');
    const s = (JSON.parse(r.out) as { series: { flaggedTimestamps: string[]; maxScore: number }[] }).series[0];
    expect(s.flaggedTimestamps).toEqual(['2024-05-01T12:03:00.000Z']);
    expect(s.maxScore).toBe(1);
  });

  it('detect on a broken file: exit 1 with the line', async () => {
    const r = await run('detect', tmp('b.csv', 'time,v\n1714564800,1\n1714564860,1,2\n'), '--detector', 'zscore');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/b\.csv, line 3/);
  });

  it.each([
    [['detect', 'x.csv', '--detector', 'zscore', '--window', '1']],
    [['detect', 'x.csv', '--detector', 'frobnicate']],
    [['detect', 'x.csv']],
    [['inspect', '--verbose', 'x.csv']],
    [['inspect']],
    [[]],
  ])('usage error %j: exit 2 with a clear message', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err + r.out).toMatch(/window must be an integer between 2 and|unknown detector|--detector is required|unknown option --verbose|no FILE|Usage: faultline/);
  });

  it.each([['inspect'], ['detect']])('%s --help prints its usage, exit 0', async (cmd) => {
    const r = await run(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Usage: faultline ${cmd}`));
  });
});
