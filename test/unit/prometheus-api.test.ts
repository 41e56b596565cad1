// Prometheus HTTP API JSON: the real samples (counts read off the files by hand), instant vector and scalar
// results, error responses, broken variants, gzip, and a meaningless file name; each at 4 MiB and 100-byte chunks.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';
import { sampleTimeMs, sampleValue } from '../../src/formats/prometheus-api-json';
import { parseOk, parseTwice, repoRoot, text } from './csv-helpers';

const dir = resolve(repoRoot, 'test/fixtures/prometheus-api');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(dir, name)));

async function failsAtBothSizes(bytes: Uint8Array, name = 'q.json') {
  const a = await parseSource(bytesSource(bytes, name));
  const b = await parseSource(bytesSource(bytes, name, 100));
  expect(a.ok).toBe(false);
  expect(b.ok).toBe(false);
  if (a.ok || b.ok) throw new Error('expected failures');
  expect(b.error.kind).toBe(a.error.kind);
  return a.error;
}

describe('Prometheus API JSON: real samples', () => {
  it('reads the docs query_range example: 2 series of 3 points, .781 s → exact ms', async () => {
    const p = await parseOk(fixture('prometheus-docs_api_query_range_up.json'), 'prometheus-docs_api_query_range_up.json');
    expect(p.format).toBe('prometheus-api-json');
    expect(p.warnings).toEqual([]);
    expect(p.series.map((s) => [s.name, s.labels])).toEqual([
      ['up', { job: 'prometheus', instance: 'localhost:9090' }],
      ['up', { job: 'node', instance: 'localhost:9091' }],
    ]);
    expect([...p.series[0].t]).toEqual([1435781430781, 1435781445781, 1435781460781]);
    expect([...p.series[0].v]).toEqual([1, 1, 1]);
    expect([...p.series[1].v]).toEqual([0, 0, 1]);
  });

  it('reads the Jaeger fixtures: no __name__ (the label set names the series), big values rounded to float64', async () => {
    const custom = await parseOk(fixture('jaeger_metricstore_custom_response.json'), 'custom.json');
    expect(custom.series).toHaveLength(1);
    expect(custom.series[0].name).toBe('{service_name="custom-service"}');
    expect(custom.series[0].labels).toEqual({ service_name: 'custom-service' });
    expect([...custom.series[0].t]).toEqual([1620351786000]);
    expect(custom.series[0].v[0]).toBe(9223372036854.775807);
    const span = await parseOk(fixture('jaeger_metricstore_service_span_name_datapoint_response.json'), 'span.json');
    expect(span.series[0].labels).toEqual({ span_name: '/OrderResult', service_name: 'emailservice' });
    expect([...span.series[0].v]).toEqual([9223372036854]);
  });

  it('sniffs every sample identically under a meaningless name and gzip-compressed', async () => {
    for (const name of ['prometheus-docs_api_query_range_up.json', 'jaeger_metricstore_custom_response.json', 'jaeger_metricstore_service_span_name_datapoint_response.json']) {
      const bytes = fixture(name);
      const real = await parseOk(bytes, name);
      expect(await parseOk(bytes, 'data.bin')).toEqual(real);
      expect(await parseOk(new Uint8Array(gzipSync(bytes)), 'data.bin')).toEqual({ ...real, compression: 'gzip' });
    }
  });
});

describe('Prometheus API JSON: other result types', () => {
  it('reads an instant vector and a scalar', async () => {
    const vector = `{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"a"},"value":[1435781451.781,"1"]},{"metric":{},"value":[1435781451.781,"+Inf"]}]}}`;
    const v = await parseOk(text(vector), 'v.json');
    expect(v.series.map((s) => [s.name, [...s.t], [...s.v]])).toEqual([['up', [1435781451781], [1]], ['value', [1435781451781], [Infinity]]]);
    const s = await parseOk(text(`{"status":"success","data":{"resultType":"scalar","result":[1435781451.781,"NaN"]}}`), 's.json');
    expect(s.series).toHaveLength(1);
    expect(s.series[0].name).toBe('scalar');
    expect(s.series[0].v[0]).toBeNaN();
  });

  it('merges instant queries saved one per line into series, with Prometheus warnings', async () => {
    const line = (t: number, x: string) => `{"status":"success","warnings":["partial"],"data":{"resultType":"vector","result":[{"metric":{"__name__":"x"},"value":[${t},"${x}"]}]}}`;
    const p = await parseOk(text([line(20, '2'), line(10, '-Inf'), line(30, '3')].join('\n')), 'polls.jsonl');
    expect(p.series).toHaveLength(1);
    expect([...p.series[0].t]).toEqual([10000, 20000, 30000]);
    expect([...p.series[0].v]).toEqual([-Infinity, 2, 3]);
    expect(p.warnings.some((w) => /out of time order/.test(w))).toBe(true);
    expect(p.warnings).toContain('Prometheus said: partial');
  });

  it('turns an error response into a clear error with the errorType and text', async () => {
    const e = await failsAtBothSizes(text(`{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:1: parse error"}`));
    expect(e.kind).toBe('empty');
    expect(e.message).toMatch(/an error, not data \(bad_data: invalid parameter "query": 1:1: parse error\)/);
  });

  it('parses sample strings and timestamps', () => {
    expect(sampleValue('1e-3')).toBe(0.001);
    expect(sampleValue('-Inf')).toBe(-Infinity);
    expect(sampleValue('')).toBeUndefined();
    expect(sampleValue('1e400')).toBeUndefined();
    expect(sampleValue('0x10')).toBeUndefined();
    expect(sampleTimeMs(1435781430.781)).toBe(1435781430781);
    expect(sampleTimeMs('1435781430.781')).toBe(1435781430781);
    expect(sampleTimeMs(1e400)).toBeUndefined();
  });
});

describe('Prometheus API JSON: broken input', () => {
  const good = new TextDecoder().decode(fixture('prometheus-docs_api_query_range_up.json'));

  it('refuses a truncated document with a byte offset', async () => {
    const e = await failsAtBothSizes(text(good.slice(0, 500)));
    expect(e).toMatchObject({ kind: 'corrupt' });
    if (e.kind === 'corrupt') expect(e.offset).toBeGreaterThan(0);
  });

  it('refuses wrong types: values not an array, a label value not a string, a number as value string', async () => {
    for (const bad of [good.replace('"values" : [', '"values" : {"x": [').replace(/\]\s*\]\s*\},\s*\{/, ']]}},{'), good.replace('"job" : "prometheus"', '"job" : 5'), good.replace('"1" ]', 'true ]')]) {
      const e = await failsAtBothSizes(text(bad));
      expect(e.kind).toBe('corrupt');
    }
    const labels = await failsAtBothSizes(text(good.replace('"job" : "prometheus"', '"job" : 5')));
    expect(labels.message).toMatch(/a label value string at \$\.data\.result\.0\.metric\.job/);
  });

  it('refuses 1e400 as a time, invalid UTF-8, deep nesting and an empty file', async () => {
    expect((await failsAtBothSizes(text(good.replace('1435781430.781', '1e400')))).kind).toBe('corrupt');
    const utf = text(good.replace('prometheus', 'prometheu\u00e9'));
    utf[utf.indexOf(0xc3)] = 0xff;
    expect((await failsAtBothSizes(utf)).kind).toBe('corrupt');
    const deep = text(`{"status":"success","data":{"resultType":"matrix","result":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
    expect((await failsAtBothSizes(deep)).kind).toBe('corrupt');
    expect((await failsAtBothSizes(new Uint8Array(0))).kind).toBe('empty');
    expect((await failsAtBothSizes(text(`{"status":"success","data":{"resultType":"matrix","result":[]}}`))).kind).toBe('empty');
  });

  it('says a truncated gzip file is corrupt gzip', async () => {
    const gz = new Uint8Array(gzipSync(text(good.repeat(50))));
    const e = await failsAtBothSizes(gz.subarray(0, gz.length - 200), 'q.json.gz');
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/gzip data is corrupt or truncated/);
  });

  it('parses at 100-byte chunks exactly like whole', async () => {
    const r = await parseTwice(text(good), 'x.json');
    expect(r.ok).toBe(true);
  });
});
