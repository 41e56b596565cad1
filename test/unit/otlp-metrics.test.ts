// OTLP/JSON metrics: the real samples (counts worked out by hand with grep/jq, not by the parser), every
// metric kind, envelopes, gzip, a meaningless name, and 100-byte chunks (parseTwice).

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/model/series';
import { parseOk, repoRoot, sharedDir } from './csv-helpers';

const dir = resolve(repoRoot, 'test/fixtures/otlp-metrics');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(dir, name)));
const demoPath = resolve(sharedDir, 'data/formats/otlp-json-metrics/otel-demo_collector-file-exporter_metrics_part1.jsonl');

const find = (series: Series[], name: string, labels: Record<string, string> = {}): Series => {
  const s = series.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  if (!s) throw new Error(`no series ${name} ${JSON.stringify(labels)}`);
  return s;
};

describe('OTLP metrics: opentelemetry-proto examples/metrics.json', () => {
  it('maps sum, gauge, histogram and exponential histogram', async () => {
    const p = await parseOk(fixture('opentelemetry-proto_examples_metrics.json'), 'opentelemetry-proto_examples_metrics.json');
    expect(p.format).toBe('otlp-metrics');
    const t = 1544712660300; // "1544712660300000000" ns
    const base = { 'service.name': 'my.service', otel_scope_name: 'my.library', otel_scope_version: '1.0.0' };
    // Delta monotonic sum: kept as its per-interval value, typed gauge, stated in a warning.
    const counter = find(p.series, 'my.counter', { ...base, 'my.counter.attr': 'some value' });
    expect([counter.metricType, counter.unit, counter.help, [...counter.t], [...counter.v]]).toEqual(['gauge', '1', 'I am a Counter', [t], [5]]);
    expect(p.warnings[0]).toMatch(/^3 metrics have delta temporality/);
    expect(find(p.series, 'my.gauge').v[0]).toBe(10);
    // Histogram: bounds [1], counts [1, 1] → cumulative le="1": 1, le="+Inf": 2; sum 2, count 2.
    expect(find(p.series, 'my.histogram_bucket', { le: '1' }).v[0]).toBe(1);
    expect(find(p.series, 'my.histogram_bucket', { le: '+Inf' }).v[0]).toBe(2);
    expect(find(p.series, 'my.histogram_sum').v[0]).toBe(2);
    expect(find(p.series, 'my.histogram_count').v[0]).toBe(2);
    expect(find(p.series, 'my.histogram_count').metricType).toBe('histogram');
    // Exponential, scale 0 (base 2): zero bucket 1 (le="0"); positive offset 1, counts [0, 2] →
    // buckets (2,4] and (4,8] → le="4": 1, le="8": 3; +Inf = count 3; sum 10.
    const exp = (le: string) => find(p.series, 'my.exponential.histogram_bucket', { le }).v[0];
    expect([exp('0'), exp('4'), exp('8'), exp('+Inf')]).toEqual([1, 1, 3, 3]);
    expect(find(p.series, 'my.exponential.histogram_sum').v[0]).toBe(10);
    // 1 + 1 + (2 buckets + sum + count) + (le 0, 4, 8, +Inf + sum + count) = 12 series of one point each.
    expect(p.series).toHaveLength(12);
    expect(p.series.every((s) => s.t.length === 1 && s.t[0] === t)).toBe(true);
  });
});

describe('OTLP metrics: the spec file-exporter JSON Lines example', () => {
  it('reads 4 lines × 2 metrics × 2 points into 2 series, ns kept to the µs', async () => {
    const p = await parseOk(fixture('otel-spec_file-exporter_metrics_example.jsonl'), 'otel-spec_file-exporter_metrics_example.jsonl');
    // Both metrics are "counter-int" with the same resource and scope; points differ by label-1 / label-2.
    expect(p.series.map((s) => [s.name, s.labels, s.metricType, s.t.length])).toEqual([
      ['counter-int', { 'resource-attr': 'resource-attr-val-1', 'label-1': 'label-value-1' }, 'counter', 8],
      ['counter-int', { 'resource-attr': 'resource-attr-val-1', 'label-2': 'label-value-2' }, 'counter', 8],
    ]);
    const one = p.series[0];
    // timeUnixNano of label-1 points, lines 1-4 (each twice): …773000000789, …773000001459, …773000002346, …773000007891.
    expect([...one.t]).toEqual([789, 789, 1459, 1459, 2346, 2346, 7891, 7891].map((us) => Number(`1581452773000.00${String(us).padStart(4, '0')}`)));
    expect([...one.v]).toEqual([123, 123, 120, 123, 121, 123, 125, 123]);
    // The counter "goes down" (123 → 120) between lines: accepted, not asserted monotonic.
    expect(p.warnings.some((w) => /same timestamp/.test(w))).toBe(true);
  });
});

describe.skipIf(!existsSync(demoPath))('OTLP metrics: OpenTelemetry Demo collector capture (shared data)', () => {
  it('reads 20 lines: 3183 series, 4145 samples (counted with jq), cumulative sums as counters', async () => {
    const bytes = new Uint8Array(readFileSync(demoPath));
    const p = await parseOk(bytes, 'otel-demo_collector-file-exporter_metrics_part1.jsonl');
    // jq: 3713 data points, 25 of them histograms with 457 bucket/sum/count samples → 3688 + 457 = 4145;
    // 3183 distinct name + resource + scope + attribute (+ le) streams.
    expect(p.series.reduce((n, s) => n + s.t.length, 0)).toBe(4145);
    expect(p.series).toHaveLength(3183);
    const start = Math.min(...p.series.map((s) => s.t[0]));
    const end = Math.max(...p.series.map((s) => s.t[s.t.length - 1]));
    expect([start, end]).toEqual([Number('1730291041689.905684'), Number('1730291064217.928553')]);
    const check = find(p.series, 'httpcheck.duration', { 'http.url': 'http://frontendproxy:8080' });
    expect([check.metricType, check.unit, check.help]).toEqual(['gauge', 'ms', 'Measures the duration of the HTTP check.']);
    // 930 sums are monotonic cumulative (→ counter), 1023 are not (→ gauge).
    expect(p.series.some((s) => s.metricType === 'counter')).toBe(true);
    expect(find(p.series, 'httpcheck.error').metricType).toBe('gauge');
    expect(p.warnings.filter((w) => /delta/.test(w))).toEqual([]);
    const gz = await parseOk(new Uint8Array(gzipSync(bytes)), 'capture.bin');
    expect(gz).toEqual({ ...p, compression: 'gzip' });
  });
});

describe('OTLP metrics: envelopes and names', () => {
  it('reads every sample identically under a meaningless name, gzip-compressed and pretty vs compact', async () => {
    for (const name of ['opentelemetry-proto_examples_metrics.json', 'otel-spec_file-exporter_metrics_example.jsonl']) {
      const bytes = fixture(name);
      const real = await parseOk(bytes, name);
      expect(await parseOk(bytes, 'blob')).toEqual(real);
      expect(await parseOk(new Uint8Array(gzipSync(bytes)), 'blob.gz')).toEqual({ ...real, compression: 'gzip' });
    }
    const pretty = fixture('opentelemetry-proto_examples_metrics.json');
    const compact = new TextEncoder().encode(JSON.stringify(JSON.parse(new TextDecoder().decode(pretty))));
    const array = new TextEncoder().encode(`[${new TextDecoder().decode(compact)}]`);
    const real = await parseOk(pretty, 'a');
    expect(await parseOk(compact, 'b')).toEqual(real);
    expect(await parseOk(array, 'c')).toEqual(real);
  });
});
