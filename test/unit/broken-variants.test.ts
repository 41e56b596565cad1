// The broken variants of the test list that the per-format files did not cover yet: truncated real
// files, wrong types, invalid UTF-8, 1e400, deep nesting, 100 k labels, empty files — for CSV, OpenMetrics,
// Prometheus API JSON, OTLP metrics, OTLP traces, Jaeger and Zipkin, at 4 MiB and 100-byte chunks (same
// outcome and error kind; JSON trace errors identical). 100 k columns / attributes: hundred-k.test.ts.

import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';
import { fixture as csvFixture, text } from './csv-helpers';
import { promFixture } from './prometheus-helpers';
import { json, traceFixture } from './trace-helpers';
import { HUNDRED_K, badUtf8, gaugeRequest, imported, jaegerDoc, otlpDoc, outcome, queryRange, refused, withRaw, zipkinDoc } from './variant-helpers';

describe('CSV: broken variants', () => {
  it('the real NAB file cut inside a row or inside a timestamp: corrupt at that (last) line', async () => {
    const nab = csvFixture('nab_ec2_cpu_utilization_24ae8d.csv');
    // Line 3 is "2014-02-14 14:35:00,2.0" + "\n" ... cut 5 bytes into the timestamp of line 3 and into its value.
    const lines = new TextDecoder().decode(nab).split('\n');
    const line3 = lines[0].length + 1 + lines[1].length + 1;
    const cutTime = await refused(nab.subarray(0, line3 + 5), 'nab.csv');
    expect(cutTime).toMatchObject({ kind: 'corrupt', line: 3 });
    expect(cutTime.message).toMatch(/expected 2 fields like the header on line 1, not 1, found "2014-"/);
    const cutValue = await imported(nab.subarray(0, line3 + lines[2].indexOf(',') + 2), 'nab.csv');
    // A value cut to its first digit still is a number: 2 rows, the last one as cut.
    expect(cutValue.series[0].t.length).toBe(2);
  });

  it('1e400 is refused at its line as out of the float64 range (headed or headerless); 1e-400 is 0; Infinity stays', async () => {
    const e = await refused(text('timestamp,v\n2024-01-01T00:00:00Z,1\n2024-01-01T00:01:00Z,1e400\n'), 'big.csv');
    expect(e).toMatchObject({ kind: 'corrupt', line: 3 });
    expect(e.message).toMatch(/a number within the float64 range \(about ±1\.8e308\) in column "v", found "1e400"/);
    const headerless = await refused(text('2024-01-01T00:00:00Z,-1e400\n2024-01-01T00:01:00Z,1\n'), 'big.csv');
    expect(headerless).toMatchObject({ kind: 'corrupt', line: 1 });
    const semicolon = await refused(text('time;v\n2024-01-01T00:00:00Z;1e400\n'), 'big.csv');
    expect(semicolon).toMatchObject({ kind: 'corrupt', line: 2 });
    const fine = await imported(text('timestamp,v\n2024-01-01T00:00:00Z,1e-400\n2024-01-01T00:01:00Z,Infinity\n'), 'ok.csv');
    expect([...fine.series[0].v]).toEqual([0, Infinity]);
  });

  it('invalid UTF-8 in a value cell is corrupt at its line; in a header name it is kept as U+FFFD, with a warning', async () => {
    const cell = await refused(badUtf8('timestamp,v\n2024-01-01T00:00:00Z,1é\n'), 'latin1.csv');
    expect(cell).toMatchObject({ kind: 'corrupt', line: 2 });
    const header = await imported(badUtf8('timestamp,temp_é\n2024-01-01T00:00:00Z,1\n'), 'latin1.csv');
    expect(header.series[0].name).toMatch(/^temp_\uFFFD/);
    expect(header.warnings).toEqual([expect.stringMatching(/^1 column name is not valid UTF-8 \(a Latin-1 or Windows-1252 export\?\).*temp_\uFFFD/)]);
  });

  it('a wide CSV (40 value columns) read whole: every field of every row, also those past the 16th', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `s${i}`);
    const rows = Array.from({ length: 3 }, (_, r) => `2024-01-01T00:0${r}:00Z,${names.map((_, i) => i * 10 + r).join(',')}`);
    const f = await imported(text(`timestamp,${names.join(',')}\n${rows.join('\n')}\n`), 'grafana-wide.csv');
    expect(f.series.map((s) => [...s.v])).toEqual(names.map((_, i) => [i * 10, i * 10 + 1, i * 10 + 2]));
  });
});

describe('OpenMetrics: broken variants', () => {
  it('the real 5-family scrape cut in half has no # EOF: corrupt, naming the line after the last', async () => {
    const om = promFixture('openmetrics', 'prometheus_alltypes.5mfs.om.txt');
    const half = om.subarray(0, om.lastIndexOf(10, om.length >> 1) + 1);
    const e = await refused(half, 'scrape.om.txt');
    expect(e).toMatchObject({ kind: 'corrupt', line: half.filter((c) => c === 10).length + 1 });
    expect(e.message).toMatch(/a final "# EOF" line/);
  });

  it.each([
    ['1e400', text('# TYPE a gauge\na 1e400\n# EOF\n'), /a value within the float64 range/],
    ['invalid UTF-8 in a label value', badUtf8('# TYPE a gauge\na{x="é"} 1\n# EOF\n'), /valid UTF-8/],
    ['100 k labels', text(`# TYPE a gauge\na{${Array.from({ length: HUNDRED_K }, (_, i) => `l${i}="v"`).join(',')}} 1\n# EOF\n`), /at most 1000 labels on one sample/],
    ['a word for a value (wrong type)', text('# TYPE a gauge\na one\n# EOF\n'), /a sample value/],
  ])('%s: corrupt at line 2', async (_what, bytes, message) => {
    const e = await refused(bytes, 'm.om.txt');
    expect(e).toMatchObject({ kind: 'corrupt', line: 2 });
    expect(e.message).toMatch(message);
  });

  it('an empty file and a lone # EOF are "empty"', async () => {
    expect((await refused(new Uint8Array(0), 'm.om.txt')).kind).toBe('empty');
    const eofOnly = await refused(text('# EOF\n'), 'm.om.txt');
    expect(eofOnly.kind).toBe('empty');
    expect(eofOnly.message).toMatch(/no samples before # EOF/);
  });
});

describe('Prometheus API JSON: broken variants', () => {
  it('"1e400" as a sample value string is corrupt, naming the sample', async () => {
    const e = await refused(json(queryRange({ __name__: 'x' }, [[1, '1e400']])), 'q.json');
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/a float value string .* at \$\.data\.result\.0/);
  });
});

describe('OTLP metrics: broken variants', () => {
  it('1e400 as asDouble is corrupt, naming the field', async () => {
    const e = await refused(withRaw(gaugeRequest({ asDouble: 'X' }), '1e400'), 'm.json');
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/a finite number .*asDouble/);
  });
});

describe('trace formats: 1e400 times are corrupt, naming the field', () => {
  it.each([
    ['OTLP startTimeUnixNano', withRaw(otlpDoc({ startTimeUnixNano: 'X' }), '1e400'), /startTimeUnixNano/],
    ['Jaeger startTime', withRaw(jaegerDoc({ startTime: 'X' }), '1e400'), /startTime/],
    ['Jaeger duration', withRaw(jaegerDoc({ duration: 'X' }), '1e400'), /duration/],
    ['Zipkin timestamp', withRaw(zipkinDoc({ timestamp: 'X' }), '1e400'), /timestamp/],
    ['Zipkin duration', withRaw(zipkinDoc({ duration: 'X' }), '-1e400'), /duration/],
  ])('%s', async (_what, bytes, field) => {
    const e = await refused(bytes, 't.json');
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(field);
    // JSON.parse reads 1e400 as Infinity: the message says so (not "found null").
    expect(e.message).toMatch(/found a number out of the float64 range/);
    // The offset is the span's first byte (not byte 0 of a document read whole), the same at 100-byte chunks.
    const small = await parseSource(bytesSource(bytes, 't.json', 100));
    expect(e.kind === 'corrupt' && e.offset).toBeGreaterThan(0);
    expect(small.ok ? undefined : small.error).toEqual(e);
  });
});

describe('trace formats: invalid UTF-8 is corrupt at a byte offset', () => {
  it.each([
    ['OTLP span name', badUtf8(JSON.stringify(otlpDoc({ name: 'é' })))],
    ['Jaeger operationName', badUtf8(JSON.stringify(jaegerDoc({ operationName: 'é' })))],
    ['Jaeger real sample, in a tag value', badUtf8(new TextDecoder().decode(traceFixture('jaeger', 'jaeger_uimodel_ui_01_edge-cases.json')).replace('"p1"', '"pé"'))],
  ])('%s', async (_what, bytes) => {
    const e = await refused(bytes, 't.json');
    expect(e.kind).toBe('corrupt');
    expect(e.kind === 'corrupt' && e.offset).toBeGreaterThan(0);
    expect(e.message).toMatch(/expected UTF-8 text/);
    expect(e.kind === 'corrupt' && e.offset).toBe(bytes.indexOf(0xff));
    // The same error at 100-byte chunks.
    const small = await parseSource(bytesSource(bytes, 't.json', 100));
    expect(small.ok ? undefined : small.error).toEqual(e);
  });

  it('a bad byte between values (not in a string) is invalid UTF-8 at its offset, also when a chunk cuts it', async () => {
    const doc = text('[{"traceId":"abc","id":"1","name":"op"} ?A]');
    const at = doc.indexOf(0x3f);
    doc[at] = 0xe2; // a 3-byte lead followed by "?" (not a continuation byte)
    for (const chunk of [4 << 20, 100, at + 1, at + 2]) {
      const r = await parseSource(bytesSource(doc, 'z.json', chunk));
      expect(r.ok ? undefined : r.error).toMatchObject({ kind: 'corrupt', offset: at, expected: 'UTF-8 text' });
    }
  });
});

describe('trace formats: deep nesting', () => {
  it('Jaeger and Zipkin documents nested 100 k arrays deep are refused as typed errors, no stack overflow', async () => {
    const jaeger = await refused(text(`{"data":[{"traceID":"abc","spans":${'['.repeat(HUNDRED_K)}${']'.repeat(HUNDRED_K)}}]}`), 'deep.json');
    const zipkin = await refused(text(`[${'['.repeat(HUNDRED_K)}${']'.repeat(HUNDRED_K)}]`), 'deep.json');
    for (const e of [jaeger, zipkin]) {
      expect(e.kind).toBe('corrupt');
      expect(e.message).toMatch(/expected JSON nested at most 1000 levels deep/);
    }
    expect(zipkin.kind === 'corrupt' && zipkin.offset).toBe(1000);
  });

  it('a Jaeger tag value and a Zipkin tag nested 100 k levels deep: imported (the value kept as text) or corrupt', async () => {
    for (const bytes of [withRaw(jaegerDoc({ tags: [{ key: 'k', type: 'string', value: 'X' }] }), '['.repeat(HUNDRED_K) + ']'.repeat(HUNDRED_K)), withRaw(zipkinDoc({ tags: { a: 'X' } }), '{"b":'.repeat(HUNDRED_K) + '1' + '}'.repeat(HUNDRED_K))]) {
      const r = await outcome(bytes, 'deep-tag.json');
      if (r.ok) expect(r.value.traces?.spanCount).toBe(1);
      else expect(r.error.kind).toBe('corrupt');
    }
  });
});
