// The CSV parser on hand-made fixtures (Grafana shapes, ISO offsets, epoch s/µs/ns, headerless,
// unsorted) and on the two shared NAB files; every case also at 100-byte chunks (parseTwice).

import { describe, expect, it } from 'vitest';
import { fixture, ms, parseOk, parseTwice } from './csv-helpers';
import { parseSource, sniffFormat } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';

const T0 = 1714564800000; // 2024-05-01T12:00:00Z (date -u -d ... +%s)

describe('CSV fixtures', () => {
  it('reads a Grafana Excel export: sep=; line, quoted headers, CRLF, epoch ms, empty and null cells', async () => {
    const f = await parseOk(fixture('grafana-semicolon.csv'), 'grafana-semicolon.csv');
    expect(f.format).toBe('csv');
    expect(f.timeEncoding).toBe('epoch-ms');
    expect(f.series.map((s) => s.name)).toEqual(['cpu busy', 'mem used']);
    expect(Array.from(f.series[0].t)).toEqual([T0, T0 + 60000, T0 + 120000]);
    expect(Array.from(f.series[0].v)).toEqual([0.25, NaN, NaN]);
    expect(Array.from(f.series[1].v)).toEqual([NaN, 1024, 2048.5]);
    expect(f.warnings).toEqual([]);
  });

  it('reads a BOM, "" escapes in headers, a quoted number, NaN and a trailing blank line', async () => {
    const f = await parseOk(fixture('grafana-comma-bom.csv'), 'grafana-comma-bom.csv');
    expect(f.series.map((s) => s.name)).toEqual(['latency "p99"', 'errors']);
    expect(Array.from(f.series[0].v)).toEqual([12.5, 13]);
    expect(Array.from(f.series[1].v)).toEqual([0, NaN]);
    expect(Array.from(f.series[1].t)).toEqual([T0, T0 + 60000]);
  });

  it('reads decimal commas in a ;-separated export, with a warning', async () => {
    const f = await parseOk(fixture('grafana-decimal-comma.csv'), 'grafana-decimal-comma.csv');
    expect(Array.from(f.series[0].v)).toEqual([0.25, 1.5, NaN]);
    expect(f.warnings).toEqual(['2 values had a decimal comma (like 0,25) and were read as 0.25.']);
  });

  it('reads RFC 3339 with Z, offsets and fractional seconds', async () => {
    const f = await parseOk(fixture('iso-offsets.csv'), 'iso-offsets.csv');
    expect(f.timeEncoding).toBe('iso8601');
    expect(Array.from(f.series[0].t)).toEqual([T0, T0 + 250, T0 + 1500, T0 + 2000]);
    expect(f.warnings).toEqual([]);
  });

  it.each([
    ['epoch-s-tab.csv', 'epoch-s', [T0, T0 + 60000], ['value'], [1.5, -2000]],
    ['epoch-us.csv', 'epoch-us', [T0, T0 + 1], ['a', 'b'], [1, 3]],
    ['epoch-ns.csv', 'epoch-ns', [T0, T0 + 500], ['y'], [1, 2]],
  ] as const)('detects %s as %s by magnitude', async (name, encoding, t, names, v0) => {
    const f = await parseOk(fixture(name), name);
    expect(f.timeEncoding).toBe(encoding);
    expect(f.series.map((s) => s.name)).toEqual(names);
    expect(Array.from(f.series[0].t)).toEqual(t);
    expect(Array.from(f.series[0].v)).toEqual(v0);
  });

  it('reads a file without header (naive timestamps as UTC, with one warning)', async () => {
    const f = await parseOk(fixture('headerless.csv'), 'headerless.csv');
    expect(f.timeEncoding).toBe('naive-datetime-utc');
    expect(f.series.map((s) => s.name)).toEqual(['value']);
    expect(Array.from(f.series[0].t)).toEqual([ms('2024-05-01T12:00:00Z'), ms('2024-05-01T12:05:00Z')]);
    expect(f.warnings).toHaveLength(1);
    expect(f.warnings[0]).toMatch(/no time zone.*UTC/);
  });

  it('finds the time column by name when it is not first', async () => {
    const f = await parseOk(fixture('time-second-column.csv'), 'time-second-column.csv');
    expect(f.series.map((s) => s.name)).toEqual(['value']);
    expect(Array.from(f.series[0].v)).toEqual([3, 4]);
    expect(Array.from(f.series[0].t)).toEqual([T0, T0 + 60000]);
  });

  it('sorts rows out of time order (stably) and counts duplicates, as warnings', async () => {
    const f = await parseOk(fixture('unsorted-duplicates.csv'), 'unsorted-duplicates.csv');
    const base = ms('2024-05-01T00:00:00Z');
    expect(Array.from(f.series[0].t)).toEqual([base, base + 60000, base + 60000, base + 120000]);
    expect(Array.from(f.series[0].v)).toEqual([1, 2, 22, 3]);
    expect(f.warnings.some((w) => /1 row was earlier.*line 3.*sorted/.test(w))).toBe(true);
    expect(f.warnings.some((w) => /^1 duplicate timestamp/.test(w))).toBe(true);
  });

  it('reads the shared NAB copies: 4032 rows each, first/last as in head/tail, 11 duplicates in the latency file', async () => {
    const cpu = await parseOk(fixture('nab_ec2_cpu_utilization_24ae8d.csv'), 'cpu.csv');
    expect(cpu.series[0].t.length).toBe(4032);
    expect(cpu.series[0].t[0]).toBe(ms('2014-02-14T14:30:00Z'));
    expect(cpu.series[0].v[0]).toBe(0.132);
    const lat = await parseOk(fixture('nab_ec2_request_latency_system_failure.csv'), 'lat.csv');
    expect(lat.series[0].t.length).toBe(4032);
    expect(lat.series[0].t[0]).toBe(ms('2014-03-07T03:41:00Z'));
    expect(lat.series[0].t[4031]).toBe(ms('2014-03-21T03:41:00Z'));
    expect(lat.series[0].v[4031]).toBe(30.962);
    expect(lat.warnings.some((w) => /^11 duplicate timestamps/.test(w))).toBe(true);
  });

  it('sniffs and parses every fixture the same under a meaningless name', async () => {
    for (const name of ['grafana-semicolon.csv', 'iso-offsets.csv', 'epoch-ns.csv', 'nab_ec2_cpu_utilization_24ae8d.csv']) {
      const bytes = fixture(name);
      expect(sniffFormat(bytes)?.id).toBe('csv');
      const real = await parseTwice(bytes, name);
      const renamed = await parseSource(bytesSource(bytes, 'upload.dat', 4096));
      expect(renamed).toEqual(real);
      expect(real.ok).toBe(true);
    }
  });
});
