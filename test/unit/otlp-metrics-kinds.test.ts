// OTLP metrics beyond the real samples: summaries, negative exponential buckets, staleness flags, enum names,
// pre-1.0 field names, numeric nanos, mixed-signal JSON Lines, and every broken variant the issue lists.

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/model/series';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';
import { parseOtlpMetrics } from '../../src/formats/otlp-metrics';
import { parseOk, text } from './csv-helpers';

const T = '1700000000000000000';
const request = (metrics: object[], extra: object = {}) => JSON.stringify({ resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 's' } }] }, scopeMetrics: [{ scope: { name: 'lib' }, metrics }] }], ...extra });
const byName = (series: Series[]) => Object.fromEntries(series.map((s) => [s.name + JSON.stringify(Object.fromEntries(Object.entries(s.labels).filter(([k]) => k === 'le' || k === 'quantile'))), [...s.v]]));

async function fails(bytes: Uint8Array, name = 'm.json') {
  const results = [await parseSource(bytesSource(bytes, name)), await parseSource(bytesSource(bytes, name, 100))];
  for (const r of results) expect(r.ok).toBe(false);
  const [a, b] = results;
  if (a.ok || b.ok) throw new Error('expected failures');
  expect(b.error.kind).toBe(a.error.kind);
  return a.error;
}

describe('OTLP metric kinds', () => {
  it('maps a summary to {quantile} series plus _sum and _count ({} = quantile 0, value 0)', async () => {
    const p = await parseOk(text(request([{ name: 'rpc', summary: { dataPoints: [{ timeUnixNano: T, count: '4', sum: 10.5, quantileValues: [{}, { quantile: 0.99, value: 7 }] }] } }])), 'm.json');
    expect(byName(p.series)).toEqual({ 'rpc{"quantile":"0"}': [0], 'rpc{"quantile":"0.99"}': [7], 'rpc_count{}': [4], 'rpc_sum{}': [10.5] });
    expect(p.series.every((s) => s.metricType === 'summary')).toBe(true);
    expect(p.series[0].labels).toMatchObject({ 'service.name': 's', otel_scope_name: 'lib' });
  });

  it('maps negative exponential buckets and a zero threshold in ascending le order', async () => {
    // scale 1 → base √2; negative offset -1 counts [1, 2]: index -1 → le=-(√2)^-1, index 0 → le=-1.
    const dp = { timeUnixNano: T, count: '6', scale: 1, zeroCount: '1', zeroThreshold: 0.5, negative: { offset: -1, bucketCounts: ['1', '2'] }, positive: { bucketCounts: ['2'] } };
    const p = await parseOk(text(request([{ name: 'e', exponentialHistogram: { aggregationTemporality: 2, dataPoints: [dp] } }])), 'm.json');
    const le = p.series.filter((s) => s.name === 'e_bucket').map((s) => [s.labels.le, s.v[0]]);
    // Ascending: index 0 [-√2, -1) → le=-1 (2), index -1 [-1, -1/√2) → le=-1/√2 (3), zero → 0.5 (4),
    // positive index 0 (1, √2] → le=√2 (6), +Inf = count (6).
    expect(le).toEqual([['-1', 2], [String(-Math.pow(2, -0.5)), 3], ['0.5', 4], [String(Math.pow(2, 0.5)), 6], ['+Inf', 6]]);
  });

  it('reads sum temporality and monotonicity as numbers or enum names', async () => {
    const pt = [{ timeUnixNano: T, asInt: '3' }];
    const p = await parseOk(text(request([
      { name: 'c', sum: { aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE', isMonotonic: true, dataPoints: pt } },
      { name: 'd', sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: pt } },
      { name: 'u', sum: { aggregationTemporality: 2, dataPoints: pt } },
    ])), 'm.json');
    expect(p.series.map((s) => [s.name, s.metricType])).toEqual([['c', 'counter'], ['d', 'gauge'], ['u', 'gauge']]);
    expect(p.warnings[0]).toMatch(/^1 metric has delta temporality/);
  });

  it('reads a point flagged "no recorded value" as NaN, a point without a value as 0, "NaN" / "Infinity" strings', async () => {
    const p = await parseOk(text(request([{ name: 'g', gauge: { dataPoints: [
      { timeUnixNano: '1700000000000000000', flags: 1 },
      { timeUnixNano: '1700000001000000000' },
      { timeUnixNano: '1700000002000000000', asDouble: 'Infinity' },
      { timeUnixNano: '1700000003000000000', asDouble: 'NaN' },
    ] } }])), 'm.json');
    expect([...p.series[0].v]).toEqual([NaN, 0, Infinity, NaN]);
    expect([...p.series[0].t]).toEqual([1700000000000, 1700000001000, 1700000002000, 1700000003000]);
  });

  it('reads pre-0.15 names (instrumentationLibraryMetrics), numeric nanos, and skips traces lines in the same file', async () => {
    const old = JSON.stringify({ resourceMetrics: [{ instrumentationLibraryMetrics: [{ instrumentationLibrary: { name: 'old' }, metrics: [{ name: 'g', gauge: { dataPoints: [{ timeUnixNano: 1544712660300000000, asInt: 2 }] } }] }] }] });
    const spans = JSON.stringify({ resourceSpans: [{ scopeSpans: [] }] });
    // Called directly: which parser the registry picks for mixed files is the traces parser's business.
    const r = await parseOtlpMetrics(bytesSource(text(`${old}\n${spans}\n`), 'mixed.jsonl', 100));
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value;
    expect(p.series.map((s) => [s.name, s.labels, [...s.t], [...s.v]])).toEqual([['g', { otel_scope_name: 'old' }, [1544712660300], [2]]]);
    expect(p.warnings).toContain('1 resourceSpans / resourceLogs item (traces or logs in the same file) was not read as metrics.');
  });
});

describe('OTLP metrics: broken input', () => {
  const good = request([{ name: 'h', histogram: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: T, count: '2', sum: 3, bucketCounts: ['1', '1'], explicitBounds: [1] }] } }]);

  it('names the field and the line of a wrong type', async () => {
    const cases: [string, RegExp][] = [
      [good.replace('"bucketCounts":["1","1"]', '"bucketCounts":["1"]'), /explicitBounds\.length \+ 1 = 2 bucket counts, not 1 at \$\.resourceMetrics\.0\.scopeMetrics\[0\]\.metrics\[0\]\.histogram\.dataPoints\[0\]\.bucketCounts/],
      [good.replace(`"timeUnixNano":"${T}"`, '"timeUnixNano":"soon"'), /nanoseconds since the epoch .*timeUnixNano.*found "soon"/],
      [good.replace('"count":"2"', '"count":{"n":2}'), /non-negative integer count .*\.count/],
      [good.replace('"sum":3', '"sum":1e400'), /finite number .*\.sum/],
      [good.replace('"scopeMetrics":[', '"scopeMetrics":"x","y":['), /an array of ScopeMetrics/],
      [good.replace('"name":"h",', ''), /a Metric object with a "name" string/],
    ];
    for (const [bad, message] of cases) {
      const lines = text(`${good}\n${bad}\n`);
      const e = await fails(lines, 'm.jsonl');
      expect(e).toMatchObject({ kind: 'corrupt', line: 2 });
      expect(e.message).toMatch(message);
    }
  });

  it('refuses truncated, invalid UTF-8, deeply nested, empty and non-OTLP JSON', async () => {
    const pretty = JSON.stringify(JSON.parse(good), null, 2);
    const truncated = await fails(text(pretty.slice(0, pretty.length - 20)));
    expect(truncated.kind).toBe('corrupt');
    const utf = text(good.replace('"h"', '"hé"'));
    utf[utf.indexOf(0xc3) + 1] = 0x41;
    expect(await fails(utf)).toMatchObject({ kind: 'corrupt', offset: expect.any(Number) });
    const deepAttr = good.replace('"count":"2"', `"attributes":[{"key":"a","value":${'{"arrayValue":{"values":['.repeat(20_000)}${']}}'.repeat(20_000)}}],"count":"2"`);
    const deep = await parseSource(bytesSource(text(deepAttr), 'deep.json'));
    expect(deep.ok ? deep.value.series[0].labels.a : deep.error.kind).toMatch(/^(\[+…\]+|corrupt)$/);
    expect((await fails(text(`{"resourceMetrics":${'['.repeat(100_000)}`))).kind).toBe('corrupt');
    expect((await fails(new Uint8Array(0))).kind).toBe('empty');
    expect((await fails(text('{"resourceMetrics":[]}'))).kind).toBe('empty');
    expect((await fails(text('{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"x"}]}]}]}'))).kind).toBe('empty');
  });

  it('refuses a gzip file cut short, and reads gzip JSON Lines at any chunk size', async () => {
    const body = text(Array.from({ length: 200 }, () => good).join('\n'));
    const gz = new Uint8Array(gzipSync(body));
    expect((await fails(gz.subarray(0, gz.length >> 1), 'm.jsonl.gz')).message).toMatch(/gzip data is corrupt or truncated/);
    const p = await parseOk(gz, 'm.jsonl.gz');
    expect(p.series.find((s) => s.name === 'h_count')?.t.length).toBe(200);
  });
});
