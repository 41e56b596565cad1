// Per-service and per-operation statistics (with the percentile kernels), RED series and the merge of
// several files, on the OTel demo file and hand-built traces.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTraces } from '../../src/analysis/traces/analyze';
import { mergeTraceSets } from '../../src/analysis/traces/merge';
import { kernelQuantiles, type QuantileFn } from '../../src/analysis/traces/quantiles';
import { redSeries } from '../../src/analysis/traces/red-series';
import { buildSpanForest } from '../../src/analysis/traces/span-forest';
import { groupByOperation, groupByService } from '../../src/analysis/traces/span-groups';
import { traceSetOf } from '../../src/analysis/traces/synthetic';
import { loadKernelsNode } from '../../src/kernels/node';
import { summarizeTraces, type TraceSet } from '../../src/model/traces';
import { sortedQuantiles } from '../reference/percentiles';
import { parseOk } from './csv-helpers';
import { sharedSample } from './trace-helpers';

const OTEL_DEMO = 'otel-demo_collector-file-exporter_traces.jsonl';
let quantiles: QuantileFn;
let demo: TraceSet;
let demoBytes: Uint8Array;

beforeAll(async () => {
  quantiles = kernelQuantiles(await loadKernelsNode());
  demoBytes = sharedSample('otlp-json-traces', OTEL_DEMO);
  demo = (await parseOk(demoBytes, OTEL_DEMO)).traces!;
});

describe('latency statistics', () => {
  it('OTel demo: spans and errors per service as counted with jq; percentiles equal a sort of the durations', () => {
    const a = analyzeTraces(demo, quantiles);
    // jq: group the spans of each resourceSpans by its service.name; count spans and status.code == 2.
    expect(Object.fromEntries(a.services.map((s) => [s.service, [s.calls, s.errors]]))).toEqual({
      adservice: [24, 0], checkoutservice: [12, 8], flagd: [25, 0], frontend: [197, 60], 'frontend-proxy': [150, 0],
      loadgenerator: [83, 39], productcatalogservice: [40, 0], recommendationservice: [16, 0],
    });
    expect(a.operations.reduce((k, o) => k + o.calls, 0)).toBe(547);
    expect(a.operations.reduce((k, o) => k + o.errors, 0)).toBe(107);
    for (const o of a.operations) {
      const rows: number[] = [];
      for (let r = 0; r < demo.spanCount; r++) if (demo.services[demo.serviceIdx[r]] === o.service && demo.operations[demo.operationIdx[r]] === o.operation) rows.push(r);
      const want = sortedQuantiles(Float64Array.from(rows, (r) => demo.duration[r] / 1000), [0.5, 0.9, 0.99, 0.999]);
      expect([o.durationMs.p50, o.durationMs.p90, o.durationMs.p99, o.durationMs['p99.9']]).toEqual(want);
      expect(o.calls).toBe(rows.length);
    }
  });

  it('self time sums per operation; error rate is errors over calls', () => {
    const set = traceSetOf([
      { id: 'a', service: 'web', op: 'GET', start: 0, dur: 10_000 },
      { id: 'b', parent: 'a', service: 'db', op: 'SELECT', start: 1000, dur: 4000, error: true },
      { id: 'c', trace: 't2', service: 'web', op: 'GET', start: 0, dur: 2000 },
    ]);
    const a = analyzeTraces(set, quantiles);
    const get = a.operations.find((o) => o.operation === 'GET')!;
    expect(get).toMatchObject({ service: 'web', calls: 2, errors: 0, errorRate: 0, selfTimeMs: 6 + 2, selfTimeP50Ms: 4 });
    expect(get.durationMs.p50).toBe(6);
    expect(a.operations.find((o) => o.operation === 'SELECT')).toMatchObject({ calls: 1, errors: 1, errorRate: 1, selfTimeMs: 4 });
  });
});

describe('RED series', () => {
  it('per operation and bucket: rates that add back to the calls and errors, duration percentiles', () => {
    const set = traceSetOf([
      { id: 'a', op: 'GET', start: 0, dur: 1000 },
      { id: 'b', trace: 't2', op: 'GET', start: 500_000, dur: 3000, error: true },
      { id: 'c', trace: 't3', op: 'GET', start: 2_500_000, dur: 2000 },
    ]);
    const series = redSeries(set, groupByOperation(set), quantiles, { bucketMs: 1000 });
    const by = (name: string) => series.find((s) => s.name === name)!;
    expect(series.map((s) => s.name)).toEqual(['trace.calls', 'trace.errors', 'trace.error_ratio', 'trace.duration.p50', 'trace.duration.p99']);
    expect(by('trace.calls').labels).toEqual({ service: 'svc', operation: 'GET' });
    expect(Array.from(by('trace.calls').t)).toEqual([0, 1000, 2000]);
    expect(Array.from(by('trace.calls').v)).toEqual([2, 0, 1]);
    expect(Array.from(by('trace.errors').v)).toEqual([1, 0, 0]);
    expect(Array.from(by('trace.error_ratio').v)).toEqual([0.5, NaN, 0]);
    expect(Array.from(by('trace.duration.p50').v)).toEqual([2, NaN, 2]);
  });

  it('OTel demo: calls × bucket seconds add up to each service\'s spans', () => {
    const series = redSeries(demo, groupByService(demo), quantiles);
    const calls = series.filter((s) => s.name === 'trace.calls');
    expect(calls).toHaveLength(8);
    const bucketS = (calls[0].t[1] - calls[0].t[0]) / 1000;
    const total = calls.reduce((k, s) => k + s.v.reduce((x, y) => x + y, 0) * bucketS, 0);
    expect(Math.round(total)).toBe(547);
  });
});

describe('merging files', () => {
  it('the OTel demo split in two files merges into the same trees (101 traces span several lines)', async () => {
    const text = new TextDecoder().decode(demoBytes);
    const lines = text.split('\n').filter((l) => l.trim());
    const half = Math.floor(lines.length / 2);
    const enc = new TextEncoder();
    const a = (await parseOk(enc.encode(lines.slice(0, half).join('\n')), 'a.jsonl')).traces!;
    const b = (await parseOk(enc.encode(lines.slice(half).join('\n')), 'b.jsonl')).traces!;
    const merged = mergeTraceSets([a, b]);
    expect(summarizeTraces(merged)).toEqual(summarizeTraces(demo));
    const f = buildSpanForest(merged);
    const whole = buildSpanForest(demo);
    expect(f.nodeCount).toBe(whole.nodeCount);
    expect(f.traceCount).toBe(whole.traceCount);
    // Apart, the halves leave spans whose parent is in the other half; merged, only the file's one orphan remains.
    expect(buildSpanForest(a).nodeCount - a.spanCount + buildSpanForest(b).nodeCount - b.spanCount).toBeGreaterThan(1);
    expect(f.nodeCount - f.spanCount).toBe(1);
    const key = (s: TraceSet, r: number): string => `${s.traceIds[s.traceIdx[r]]}/${s.spanIds[s.spanIdx[r]]}`;
    const parents = (s: TraceSet): string[] => Array.from({ length: s.spanCount }, (_, r) => `${key(s, r)}<${s.parentIdx[r] >= 0 ? key(s, s.parentIdx[r]) : '-'}`).sort();
    expect(parents(merged)).toEqual(parents(demo));
  });
});
