// The OpenMetrics conformance corpus in ../shared/data/formats/openmetrics-text/conformance: each case's
// expected result (shouldParse, from the suite's test.json) is read from that folder's SOURCES.md.

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/formats/sources';
import { openMetricsFormat } from '../../src/formats/openmetrics';
import { failure, parsed, seriesNamed, sharedDir, sharedFile } from './prometheus-helpers';

const folder = resolve(sharedDir, 'data/formats/openmetrics-text');
const sources = readFileSync(resolve(folder, 'SOURCES.md'), 'utf8');

/** `## conformance/<file>` … `shouldParse=true|false` pairs from SOURCES.md. */
const cases: [string, boolean][] = [...sources.matchAll(/^## (conformance\/\S+)\n[\s\S]*?shouldParse=(true|false)/gm)].map((m) => [m[1], m[2] === 'true']);

describe('OpenMetrics conformance corpus', () => {
  it('SOURCES.md documents every case on disk', () => {
    const onDisk = readdirSync(resolve(folder, 'conformance')).map((f) => `conformance/${f}`).sort();
    expect(cases.map(([f]) => f).sort()).toEqual(onDisk);
    expect(cases.filter(([, ok]) => !ok).map(([f]) => f)).toEqual(onDisk.filter((f) => f.startsWith('conformance/bad_')));
  });

  it.each(cases)('%s: shouldParse=%s', async (file, shouldParse) => {
    const bytes = sharedFile(`openmetrics-text/${file}`);
    if (shouldParse) {
      const f = await parsed(bytes, file);
      expect(f.format).toBe('openmetrics');
      expect(f.series.length).toBeGreaterThan(0);
      return;
    }
    const e = await failure(bytes, file);
    if (bytes.length === 0) {
      // The registry refuses a 0-byte file before any parser; the parser itself names the missing # EOF.
      expect(e.kind).toBe('empty');
      const direct = await openMetricsFormat.parse(bytesSource(bytes, file));
      expect(direct.ok).toBe(false);
      if (!direct.ok) expect(direct.error.message).toMatch(/line 1: expected a final "# EOF" line/);
      return;
    }
    expect(e.kind).toBe('corrupt');
    if (e.kind === 'corrupt') expect(e.line).toBeGreaterThan(0);
  });

  it('bad cases fail for the documented reason', async () => {
    const reason = async (file: string): Promise<string> => (await failure(sharedFile(`openmetrics-text/conformance/${file}`), file)).message;
    expect(await reason('bad_counter_values_0.om.txt')).toMatch(/line 2: expected a count or total that is a number ≥ 0 \(not NaN/);
    expect(await reason('bad_text_after_eof_0.om.txt')).toMatch(/line 3: expected nothing after the # EOF on line 2/);
    expect(await reason('bad_timestamp_0.om.txt')).toMatch(/line 1: expected a timestamp in seconds/);
  });

  it('good cases give the documented values', async () => {
    const good = async (file: string) => parsed(sharedFile(`openmetrics-text/conformance/${file}`), file);
    const unit = await good('counter_unit.om.txt');
    expect(unit.series.map((s) => [s.name, s.metricType, s.unit, s.help, [...s.v]])).toEqual([['cc_seconds_total', 'counter', 'seconds', 'A counter', [1]]]);
    const esc = await good('escaping.om.txt');
    expect(esc.series.map((s) => s.labels.foo)).toEqual(['b"a\nr', 'b\\a\\z', 'b"a\nr # ', 'b\\a\\z # ']);
    expect(esc.series[0].help).toBe('he\n\\l\\tp');
    const labels = await good('label_escaping.om.txt');
    expect(labels.series.map((s) => s.labels.foo)).toEqual(['foo', '\\foo', '\\foo', 'foo\\', '\\', '\n', '\\n', '\\\n', '"', '\\"']);
    const inf = await good('labels_and_infinite.om.txt');
    expect(inf.series.map((s) => s.v[0])).toEqual([Infinity, -Infinity]);
    expect(Number.isNaN((await good('nan.om.txt')).series[0].v[0])).toBe(true);
    const gh = await good('simple_gaugehistogram.om.txt');
    expect(gh.series.map((s) => `${s.name} ${s.metricType}`)).toEqual(['a_bucket{le="1.0"} gaugehistogram', 'a_bucket{le="+Inf"} gaugehistogram', 'a_gcount gaugehistogram', 'a_gsum gaugehistogram']);
    const ss = await good('simple_stateset.om.txt');
    expect(ss.series.map((s) => [s.name, s.metricType, s.v[0]])).toEqual([['a{a="bar"}', 'stateset', 0], ['a{a="foo"}', 'stateset', 1]]);
    const info = await good('info_timestamps.om.txt');
    expect(info.series.map((s) => [s.metricType, s.t[0]])).toEqual([['info', 1000], ['info', 0]]);
    const ts = await good('timestamps.om.txt');
    expect(ts.series.map((s) => s.t[0])).toEqual([0, 0, 1100, 12345678901234567890123, 1500000, 1234567890000]);
    expect(ts.warnings.join('\n')).toMatch(/beyond the dates JavaScript can show/);
    expect((await good('uint64_counter.om.txt')).series[0].v[0]).toBe(9223372036854775808);
    const untyped = await good('untyped.om.txt');
    expect(seriesNamed(untyped, 'redis_connected_clients{instance="rough-snowflake-web",port="6381"}').metricType).toBe('untyped');
  });
});
