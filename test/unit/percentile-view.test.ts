// The percentile view's logic: bucket width choice, counter rate, histogram_quantile per bucket increase,
// summary quantiles, per-bucket exact and sketch lines with the summary, sources, and the URL selection.
import { beforeAll, describe, expect, it } from 'vitest';
import { bucketQuantile } from '../../src/analysis/metrics/bucket-quantile';
import { bucketLabel, bucketWidthMs, MAX_BUCKETS } from '../../src/analysis/percentiles/bucket-width';
import { QuantileSketch } from '../../src/analysis/percentiles/sketch';
import { sketchQuantileInterpolated } from '../../src/analysis/percentiles/sketch-query';
import { computePercentiles, type PercentileData } from '../../src/analysis/percentiles/view-compute';
import { histogramPercentiles, increasePerBucket, summaryPercentiles } from '../../src/analysis/percentiles/view-groups';
import { counterRate, valuePercentiles } from '../../src/analysis/percentiles/view-lines';
import { percentileSources } from '../../src/analysis/percentiles/view-sources';
import { generateTraces } from '../../src/analysis/traces/synthetic';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import { seriesMetaOf, type Series } from '../../src/model/series';
import { readTelemetryFile } from '../../src/cli/io';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultSource, parseSelection, selectionParams, sourceFromParams, sourceKey } from '../../src/ui/percentile-route';

const MIN = 60_000;
const HOUR = 60 * MIN;
let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

/** Type-7 quantile by sorting (the reference). */
function type7(values: number[], q: number): number {
  const x = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const h = (x.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < x.length ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo];
}

/** A deterministic lognormal-ish column. */
function lognormal(n: number, seed: number): number[] {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return Array.from({ length: n }, () => Math.exp(3 + 0.8 * Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd())));
}

describe('bucket width', () => {
  it('takes named widths as they are and picks the smallest round width for auto', () => {
    expect(bucketWidthMs('5m', 1e9, 10)).toBe(5 * MIN);
    expect(bucketWidthMs('1h', 0, 0)).toBe(HOUR);
    // Three days of one-minute points: 1 h would do, but 30 min already gives ≤ 200 buckets of 30 points.
    expect(bucketWidthMs('auto', 3 * 24 * HOUR, 4320)).toBe(30 * MIN);
    // One hour of a million spans: 30 s buckets (120 of them).
    expect(bucketWidthMs('auto', HOUR, 1e6)).toBe(30_000);
    // Few points widen the buckets: 100 points over a day → at least 5 per bucket → ≥ 72 min → 3 h.
    expect(bucketWidthMs('auto', 24 * HOUR, 100)).toBe(3 * HOUR);
    expect(bucketWidthMs('auto', 0, 1)).toBe(MIN);
    for (const range of [1000, 7 * MIN, 5 * HOUR, 40 * 24 * HOUR]) expect(range / bucketWidthMs('auto', range, 1e9)).toBeLessThanOrEqual(MAX_BUCKETS);
  });
  it('names widths as the selector does', () => {
    expect([MIN, 15 * MIN, HOUR, 30_000, 24 * HOUR, 250].map(bucketLabel)).toEqual(['1m', '15m', '1h', '30s', '1d', '250ms']);
  });
});

describe('counter rate', () => {
  it('is the per-second increase between samples, a drop counted as a reset', () => {
    const t = Float64Array.from([0, 10_000, 20_000, 30_000, 40_000]);
    const v = Float64Array.from([100, 150, NaN, 250, 20]);
    const r = counterRate(t, v);
    expect(Array.from(r.t)).toEqual([10_000, 30_000, 40_000]);
    expect(Array.from(r.v)).toEqual([5, 5, 2]);
  });
});

describe('value percentiles', () => {
  const n = 5000;
  const t = Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 1000);
  const values = lognormal(n, 7);
  values[17] = NaN;
  const v = Float64Array.from(values);

  it('exact lines equal the type-7 quantiles of each bucket, the summary those of every value', () => {
    const r = valuePercentiles(kernels, { title: 'x', unit: 'ms', t, v, bucketMs: 10 * MIN, method: 'exact' });
    expect(r.lines.map((l) => l.name)).toEqual(['p50', 'p90', 'p99', 'p99.9']);
    expect(r.valueCount).toBe(n - 1);
    let at = 0;
    for (let b = 0; b < r.t.length; b++) {
      const inBucket = values.slice(at, at + r.count[b] + (at <= 17 && 17 < at + r.count[b] + 1 ? 1 : 0));
      const kept = inBucket.filter((x) => !Number.isNaN(x));
      expect(kept.length).toBe(r.count[b]);
      for (const l of r.lines) expect(l.v[b]).toBeCloseTo(type7(kept, l.q), 9);
      at += inBucket.length;
    }
    for (const row of r.summary) expect(row.exact).toBeCloseTo(type7(values, row.q), 9);
  });

  it('sketch lines stay within α of the exact ones, and the merged sketch summary within α of exact', () => {
    const exact = valuePercentiles(kernels, { title: 'x', unit: 'ms', t, v, bucketMs: 10 * MIN, method: 'exact' });
    const sketch = valuePercentiles(kernels, { title: 'x', unit: 'ms', t, v, bucketMs: 10 * MIN, method: 'sketch' });
    expect(Array.from(sketch.t)).toEqual(Array.from(exact.t));
    expect(Array.from(sketch.count)).toEqual(Array.from(exact.count));
    for (let j = 0; j < 4; j++) {
      for (let b = 0; b < exact.t.length; b++) expect(Math.abs(sketch.lines[j].v[b] - exact.lines[j].v[b]) / exact.lines[j].v[b]).toBeLessThanOrEqual(0.01 + 1e-12);
    }
    for (const row of sketch.summary) expect(row.relError).toBeLessThanOrEqual(0.01 + 1e-12);
    expect(sketch.summary.map((r) => r.exact)).toEqual(exact.summary.map((r) => r.exact));
  });

  it('the interpolated sketch read holds α where the single-rank read misses it (a sparse tail)', () => {
    // 990 values at 100 and 10 at 1000: p99 lies between the two, 0.01·(n−1) ranks from each.
    const col = Float64Array.from({ length: 1000 }, (_, i) => (i < 990 ? 100 : 1000));
    const s = QuantileSketch.create(kernels);
    s.add(col);
    const exact = type7(Array.from(col), 0.99);
    expect(Math.abs(sketchQuantileInterpolated(s.state, 0.99) - exact) / exact).toBeLessThanOrEqual(0.01);
    expect(Math.abs(s.quantile(0.99) - exact) / exact).toBeGreaterThan(0.01);
  });
});

describe('histograms and summaries', () => {
  const t = Float64Array.from({ length: 7 }, (_, i) => i * 10 * MIN);
  // Cumulative bucket counters scraped every 10 minutes; a reset at the 5th scrape.
  const le = (bound: number, counts: number[]) => ({ bound, t, v: Float64Array.from(counts) });
  const members = [
    le(0.1, [0, 10, 20, 30, 5, 15, 25]),
    le(0.5, [0, 30, 60, 90, 10, 40, 70]),
    le(Infinity, [0, 40, 80, 120, 12, 52, 92]),
  ];

  it('the increase per bucket adds rises and takes a drop as a reset', () => {
    expect(Array.from(increasePerBucket(t, members[2].v, 0, 30 * MIN, 3))).toEqual([80, 40 + 12 + 40, 40]);
  });

  it('histogram_quantile per bucket over the increases, and over the whole range', () => {
    const r = histogramPercentiles('lat', 's', members, 30 * MIN, 'exact');
    expect(r.kind).toBe('histogram');
    expect(Array.from(r.t)).toEqual([0, 30 * MIN, 60 * MIN]);
    expect(Array.from(r.count)).toEqual([80, 92, 40]);
    const first = [{ upperBound: 0.1, count: 20 }, { upperBound: 0.5, count: 60 }, { upperBound: Infinity, count: 80 }];
    expect(r.lines[0].v[0]).toBeCloseTo(bucketQuantile(0.5, first).value, 12);
    expect(r.valueCount).toBe(212);
    const whole = [{ upperBound: 0.1, count: 20 + 25 + 20 }, { upperBound: 0.5, count: 60 + 70 + 60 }, { upperBound: Infinity, count: 212 }];
    expect(r.summary[2].exact).toBeCloseTo(bucketQuantile(0.99, whole).value, 12);
    expect(Number.isNaN(r.summary[0].sketch)).toBe(true);
  });

  it('a summary draws its given quantiles: the last value of each bucket', () => {
    const q = (phi: number, vals: number[]) => ({ bound: phi, t, v: Float64Array.from(vals) });
    const r = summaryPercentiles('rpc', 's', [q(0.5, [1, 2, 3, 4, 5, 6, 7]), q(0.99, [10, 20, 30, 40, 50, 60, NaN])], 30 * MIN);
    expect(r.lines.map((l) => l.name)).toEqual(['q 0.5', 'q 0.99']);
    expect(Array.from(r.lines[0].v)).toEqual([3, 6, 7]);
    expect(Array.from(r.lines[1].v)).toEqual([30, 60, NaN]);
    expect(r.summary.map((s) => s.exact)).toEqual([7, 60]);
  });
});

describe('sources and compute', () => {
  const mk = (name: string, labels: Record<string, string>, metricType: Series['metricType'], v: number[]): Series => ({
    name, labels, metricType, t: Float64Array.from(v, (_, i) => i * MIN), v: Float64Array.from(v),
  });
  const series: Series[] = [
    mk('latency_ms', {}, undefined, [5, 6, 7, 8, 9, 10]),
    mk('requests_total', {}, undefined, [0, 60, 120, 180, 240, 300]),
    mk('rpc_seconds_bucket', { le: '0.5' }, 'histogram', [0, 1, 2, 3, 4, 5]),
    mk('rpc_seconds_bucket', { le: '+Inf' }, 'histogram', [0, 2, 4, 6, 8, 10]),
    mk('gc_seconds', { quantile: '0.9' }, 'summary', [1, 1, 1, 1, 1, 1]),
  ];
  const metas = series.map((s, i) => seriesMetaOf(i, s));
  const traces = generateTraces({ traces: 50, spansPerTrace: 6, seed: 3 });
  const data: PercentileData = { series: metas, readSeries: async (i) => series[i], readTraces: async () => traces };

  it('lists plain series (counters marked), histograms, summaries and span sets', () => {
    const s = percentileSources(metas, traces);
    expect(s.series).toEqual([{ index: 0, name: 'latency_ms', kind: 'values' }, { index: 1, name: 'requests_total', kind: 'counter' }]);
    expect(s.histograms).toEqual([{ key: 'rpc_seconds{}', name: 'rpc_seconds', parts: 2 }]);
    expect(s.summaries).toEqual([{ key: 'gc_seconds{}', name: 'gc_seconds', parts: 1 }]);
    expect(s.spans?.spanCount).toBe(traces.spanCount);
    expect(s.spans?.operations.length).toBeGreaterThan(1);
    expect(defaultSource(s)).toEqual({ kind: 'series', index: 0 });
  });

  it('a counter gets a note and no lines; its rate gets lines', async () => {
    const c = await computePercentiles(kernels, data, { kind: 'series', index: 1 }, 'auto', 'exact');
    expect(c.kind).toBe('counter');
    expect(c.lines).toEqual([]);
    expect(c.notes[0]).toMatch(/counter/);
    const r = await computePercentiles(kernels, data, { kind: 'rate', index: 1 }, 'auto', 'exact');
    expect(r.summary.map((x) => x.exact)).toEqual([1, 1, 1, 1]);
  });

  it('a span set keeps only its spans (service, operation, errors only)', async () => {
    const op = percentileSources(metas, traces).spans!.operations[0];
    const r = await computePercentiles(kernels, data, { kind: 'spans', service: op.service, operation: op.operation, errorsOnly: false }, 'auto', 'exact');
    const svc = traces.services.indexOf(op.service);
    const opi = traces.operations.indexOf(op.operation);
    const ms: number[] = [];
    for (let i = 0; i < traces.spanCount; i++) if (traces.serviceIdx[i] === svc && traces.operationIdx[i] === opi) ms.push(traces.duration[i] / 1000);
    expect(r.valueCount).toBe(ms.length);
    expect(r.summary[2].exact).toBeCloseTo(type7(ms, 0.99), 9);
    const errors = await computePercentiles(kernels, data, { kind: 'spans', errorsOnly: true }, '1h', 'sketch');
    let errorCount = 0;
    for (let i = 0; i < traces.spanCount; i++) if (traces.status[i] === 2) errorCount++;
    expect(errors.valueCount).toBe(errorCount);
    await expect(computePercentiles(kernels, data, { kind: 'series', index: 9 }, 'auto', 'exact')).rejects.toThrow(/no series #9/);
  });
});

describe('a real scrape', () => {
  it("Prometheus' exposition example: histogram_quantile over one scrape's buckets, the summary's quantiles as given", async () => {
    // Lines 19–39 of the docs example (the whole file stops at a UTF-8 quoted metric name the parser refuses).
    const source = resolve(__dirname, '../../../shared/data/formats/prometheus-text/prometheus-docs_exposition-formats_example.prom');
    const file = join(mkdtempSync(join(tmpdir(), 'faultline-pct-')), 'example.prom');
    writeFileSync(file, readFileSync(source, 'utf8').split('\n').slice(18, 39).join('\n') + '\n');
    const parsed = await readTelemetryFile(file);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const series = parsed.value.series;
    const metas = series.map((s, i) => seriesMetaOf(i, s));
    const data: PercentileData = { series: metas, readSeries: async (i) => series[i], readTraces: () => Promise.reject(new Error('no traces')) };
    const sources = percentileSources(metas);
    const h = sources.histograms.find((g) => g.name === 'http_request_duration_seconds');
    expect(h?.parts).toBe(6);
    const r = await computePercentiles(kernels, data, { kind: 'histogram', key: h!.key }, 'auto', 'exact');
    expect(r.valueCount).toBe(144320);
    expect(r.t.length).toBe(1);
    // Rank 72160 falls in (0.1, 0.2]: 0.1 + 0.1 · (72160 − 33444) / (100392 − 33444).
    expect(r.summary[0].exact).toBeCloseTo(0.1 + (0.1 * (72160 - 33444)) / (100392 - 33444), 12);
    expect(r.lines[0].v[0]).toBeCloseTo(r.summary[0].exact, 12);
    expect(r.notes[0]).toMatch(/One scrape/);
    const s = sources.summaries.find((g) => g.name === 'rpc_duration_seconds');
    const sr = await computePercentiles(kernels, data, { kind: 'summary', key: s!.key }, 'auto', 'exact');
    expect(sr.summary.map((x) => [x.q, x.exact])).toEqual([[0.01, 3102], [0.05, 3272], [0.5, 4773], [0.9, 9001], [0.99, 76656]]);
  });
});

describe('selection in the URL', () => {
  it('round-trips every source kind, bucket and method, and clears the other source keys', () => {
    for (const source of [
      { kind: 'series', index: 3 },
      { kind: 'rate', index: 0 },
      { kind: 'histogram', key: 'rpc_seconds{job="a"}' },
      { kind: 'summary', key: 'gc{}' },
      { kind: 'spans', service: 'cart', operation: 'GET /cart', errorsOnly: true },
      { kind: 'spans', errorsOnly: false },
    ] as const) {
      const params = selectionParams({ source, bucket: '15m', method: 'sketch' });
      const p = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
      expect(parseSelection(p)).toEqual({ source, bucket: '15m', method: 'sketch' });
    }
    expect(selectionParams({ source: { kind: 'series', index: 1 }, bucket: 'auto', method: 'exact' })).toMatchObject({ series: '1', spans: undefined, service: undefined, bucket: undefined, method: undefined });
    expect(parseSelection(new URLSearchParams('bucket=2m&method=nope'))).toEqual({ source: undefined, bucket: 'auto', method: 'exact' });
    expect(sourceFromParams(new URLSearchParams('series=-1'))).toBeUndefined();
    expect(sourceKey({ kind: 'spans', service: 'a', errorsOnly: true })).toBe(sourceKey({ kind: 'spans', service: 'a', errorsOnly: false }));
  });
});
