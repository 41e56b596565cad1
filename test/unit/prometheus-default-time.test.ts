// Scrapes saved without timestamps are dated at the caller's default sample time (the file's modification
// time in the CLI and the import worker), the last scrape there and earlier ones 60 s apart, and say so.

import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';
import type { ParsedFile, ParseOptions } from '../../src/formats/types';
import { inspectFile } from '../../src/cli/inspect';
import { promFixture, seriesNamed, text } from './prometheus-helpers';

const MTIME = Date.UTC(2024, 4, 6, 7, 8, 9, 123);
const mtime: ParseOptions = { defaultSampleTime: { ms: MTIME, source: 'file modification time' } };

/** Parses with `opts` at 4 MiB and 100-byte chunks (identical results required). */
async function parseWith(bytes: Uint8Array, opts: ParseOptions, name = 'scrape.txt'): Promise<ParsedFile> {
  const whole = await parseSource(bytesSource(bytes, name), opts);
  expect(await parseSource(bytesSource(bytes, name, 100), opts)).toEqual(whole);
  if (!whole.ok) throw new Error(whole.error.message);
  return whole.value;
}

const scrape = '# TYPE up gauge\nup{job="a"} 1\nup{job="b"} 0\n';

describe('untimed scrapes and the default sample time', () => {
  it('a single Prometheus scrape is dated at the file modification time, and the warning says so', async () => {
    const f = await parseWith(text(scrape), mtime);
    expect(f.series.map((s) => [...s.t])).toEqual([[MTIME], [MTIME]]);
    expect(f.warnings).toContain('No timestamps in file: samples dated at file modification time 2024-05-06T07:08:09.123Z.');
    expect(f.warnings.join('\n')).not.toMatch(/1970/);
  });

  it('three concatenated scrapes: the last at the modification time, the earlier ones 60 s apart before it', async () => {
    const f = await parseWith(text(scrape + scrape + scrape), mtime);
    expect([...seriesNamed(f, 'up{job="b"}').t]).toEqual([MTIME - 120_000, MTIME - 60_000, MTIME]);
    expect(f.warnings.join('\n')).toMatch(/^No timestamps in file: samples dated at file modification time 2024-05-06T07:08:09.123Z \(the last of 3 scrapes/m);
  });

  it('the real promtool scrape (27 samples) and an untimed OpenMetrics file take the default time; the source is named', async () => {
    const real = await parseWith(promFixture('prometheus', 'prometheus_promtool_metrics-test.prom'), { defaultSampleTime: { ms: MTIME, source: 'import time' } });
    expect(real.series.every((s) => s.t.length === 1 && s.t[0] === MTIME)).toBe(true);
    expect(real.warnings).toContain('No timestamps in file: samples dated at import time 2024-05-06T07:08:09.123Z.');
    const om = await parseWith(text('# TYPE a gauge\na 1\n# EOF\n'), mtime);
    expect([...om.series[0].t]).toEqual([MTIME]);
    expect(om.format).toBe('openmetrics');
  });

  it('files with timestamps ignore it: untimed samples go to the latest timestamp in the file', async () => {
    const f = await parseWith(text('a 1 1000\nb 2\n'), mtime);
    expect([...seriesNamed(f, 'b').t]).toEqual([1000]);
    const dump = await parseWith(promFixture('prometheus', 'prometheus_promtool_tsdb-dump-test-1.prom'), mtime);
    expect(dump.series.map((s) => s.t[0])).toEqual([0, 0, 0]);
  });

  it('without a default (or with one that is no date) untimed samples stay at epoch 0, stated', async () => {
    for (const opts of [{}, { defaultSampleTime: { ms: NaN, source: 'file modification time' } }, { defaultSampleTime: { ms: 1e20, source: 'x' } }]) {
      const f = await parseWith(text(scrape), opts);
      expect([...f.series[0].t]).toEqual([0]);
      expect(f.warnings.join('\n')).toMatch(/placed at 1970-01-01T00:00:00.000Z/);
    }
  });

  it('reaches the parser through gzip', async () => {
    const f = await parseWith(new Uint8Array(gzipSync(text(scrape))), mtime, 'blob');
    expect([f.compression, f.series[0].t[0]]).toEqual(['gzip', MTIME]);
  });

  it('faultline inspect dates an untimed scrape at the file mtime', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-mtime-'));
    const path = join(dir, 'scrape.prom');
    writeFileSync(path, scrape);
    utimesSync(path, new Date(MTIME), new Date(Date.UTC(2024, 4, 6, 7, 8, 9)));
    const r = await inspectFile(path);
    expect([r.start, r.end]).toEqual(['2024-05-06T07:08:09.000Z', '2024-05-06T07:08:09.000Z']);
    expect(r.warnings).toContain('No timestamps in file: samples dated at file modification time 2024-05-06T07:08:09.000Z.');
  });
});
