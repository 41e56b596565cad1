// OTLP/JSON traces on every real sample (counts worked out by hand with node/jq over the raw JSON, not by
// the parser), exact ns → µs, Tempo's base64 ids and enum names, envelopes, and JSON Lines mixed with metrics.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from './csv-helpers';
import { counts, json, parseTraces, sharedSample, spanById, traceFixture } from './trace-helpers';

const demo = 'otel-demo_collector-file-exporter_traces.jsonl';
const hotrod = 'jaeger-ui_api-v3_getTrace-response_hotrod.json';
const shared = (name: string) => existsSync(resolve(sharedDir, 'data/formats/otlp-json-traces', name));

describe('OTLP traces: opentelemetry-proto examples/trace.json', () => {
  it('reads the one server span, lower-cases its ids and keeps the missing parent as an orphan', async () => {
    const p = await parseTraces(traceFixture('otlp-traces', 'opentelemetry-proto_examples_trace.json'), 'trace.json');
    expect(p.format).toBe('otlp-traces');
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 1, services: 1, errors: 0 });
    const s = spanById(p.traces, 'eee19b7ec3c1b174');
    expect([s.trace, s.parent, s.declaredParent, s.service, s.operation, s.kind, s.status]).toEqual(['5b8efff798038103d269b633813fc60c', null, 'eee19b7ec3c1b173', 'my.service', "I'm a server span", 'server', 'unset']);
    // "1544712660000000000" → "1544712661000000000" ns.
    expect([s.start, s.duration]).toEqual([1544712660000000, 1_000_000]);
    expect(s.attributes).toEqual([['my.span.attr', 'some value'], ['otel.scope.name', 'my.library'], ['otel.scope.version', '1.0.0']]);
    expect(p.warnings).toEqual([expect.stringMatching(/^1 span has its parent missing from the file.*eee19b7ec3c1b173/)]);
  });
});

describe('OTLP traces: Jaeger 2.21 /api/v3 AnyValue edge cases ({"result":…})', () => {
  it('renders every AnyValue, keeps the link, events and status messages; 1 trace although a link names another', async () => {
    const p = await parseTraces(traceFixture('otlp-traces', 'jaeger-ui_v3-trace-local-2.21.0_anyvalue-edge-cases.json'), 'v3.json');
    // node: 3 spans, 1 traceId, service lfx-wire-probe, one status.code 2, 1 event, 1 link.
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 3, services: 1, errors: 1 });
    const root = spanById(p.traces, '0123456789abcdef');
    expect(root.attributes.slice(0, 7)).toEqual([
      ['array', '[first,false,9223372036854775807]'],
      ['bytes', 'AQID'],
      ['empty', ''],
      ['false', 'false'],
      ['float', '1.5'],
      ['integer', '0'],
      ['nested', '{child=[value]}'],
    ]);
    expect([root.status, root.message, root.kind, root.duration]).toEqual(['error', 'probe error status', 'internal', 1000]);
    // Event at "1786934400000500000" ns.
    expect(root.events).toEqual([{ time: 1786934400000500, name: 'retry', attributes: [['attempt', '1']] }]);
    const l = p.traces.links;
    expect([l.span.length, p.traces.traceIds[l.traceIdx[0]], p.traces.spanIds[l.spanIdx[0]], l.target[0], l.type[0]]).toEqual([1, 'fedcba9876543210fedcba9876543210', 'fedcba9876543210', -1, 1]);
    expect(spanById(p.traces, '1111111111111111').parent).toBe('0123456789abcdef');
  });
});

describe.skipIf(!shared(hotrod))('OTLP traces: real HotROD trace from Jaeger v2 (shared data)', () => {
  it('40 spans, 6 services, 3 errors, 52 events; ns kept exactly as µs + fraction', async () => {
    const p = await parseTraces(sharedSample('otlp-json-traces', hotrod), hotrod);
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 40, services: 6, errors: 3 });
    expect([...p.traces.services].sort()).toEqual(['customer', 'driver', 'frontend', 'mysql', 'redis-manual', 'route']);
    expect(p.traces.details.eventTime.length).toBe(52);
    const s = spanById(p.traces, '9082d67808fc8870');
    // "1782036644636668325" → "1782036644898226779": 261558454 ns.
    expect([s.start, s.duration, s.kind, s.service]).toEqual([1782036644636668, 261558.454, 'client', 'frontend']);
  });
});

describe.skipIf(!shared(demo))('OTLP traces: OpenTelemetry Demo collector JSON Lines (shared data)', () => {
  it('merges traces split over 41 lines: 141 traces, 547 spans, 8 services, 107 errors, 1 orphan', async () => {
    const p = await parseTraces(sharedSample('otlp-json-traces', demo), demo);
    expect(counts(p.traces)).toEqual({ traces: 141, spans: 547, services: 8, errors: 107 });
    // jq: 140 spans with "parentSpanId":"" are roots; 547 - 140 - 1 orphan = 406 spans under a parent.
    let roots = 0;
    let children = 0;
    for (let r = 0; r < p.traces.spanCount; r++) {
      if (p.traces.parentSpanIdx[r] < 0) roots++;
      if (p.traces.parentIdx[r] >= 0) children++;
    }
    expect([roots, children]).toEqual([140, 406]);
    expect(p.traces.links.span.length).toBe(53);
    expect(p.warnings.some((w) => /^1 span has its parent missing/.test(w))).toBe(true);
  });
});

const b64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');
const span = (over: Record<string, unknown>) => ({ traceId: 'ab'.repeat(16), spanId: '11'.repeat(8), name: 'op', startTimeUnixNano: '1700000000000000001', endTimeUnixNano: '1700000000000999999', ...over });
const request = (service: string, spans: unknown[], key = 'resourceSpans') => ({
  [key]: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] }],
});

describe('OTLP traces: envelopes and encodings', () => {
  it('reads Tempo {"batches"} with base64 ids and enum names', async () => {
    const tempo = request('cart', [
      span({ traceId: b64('0af7651916cd43dd8448eb211c80319c'), spanId: b64('b7ad6b7169203331'), kind: 'SPAN_KIND_CLIENT', status: { code: 'STATUS_CODE_ERROR', message: 'boom' } }),
      span({ traceId: b64('0af7651916cd43dd8448eb211c80319c'), spanId: b64('00f067aa0ba902b7'), parentSpanId: b64('b7ad6b7169203331'), kind: 'SPAN_KIND_SERVER' }),
    ], 'batches');
    const p = await parseTraces(json(tempo), 'tempo.json');
    const child = spanById(p.traces, '00f067aa0ba902b7');
    expect([child.trace, child.parent, child.kind]).toEqual(['0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', 'server']);
    expect(spanById(p.traces, 'b7ad6b7169203331')).toMatchObject({ kind: 'client', status: 'error', message: 'boom' });
    expect(p.warnings[0]).toMatch(/^5 ids were base64/);
    // 1700000000000000001 → 1700000000000999999 ns: start floored to the µs, duration exact in ns.
    expect([child.start, child.duration]).toEqual([1700000000000000, 999.998]);
  });

  it('reads a JSON array of requests and merges their resourceSpans', async () => {
    const p = await parseTraces(json([request('a', [span({})]), request('b', [span({ spanId: '22'.repeat(8), parentSpanId: '11'.repeat(8) })])]), 'array.json');
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 2, services: 2, errors: 0 });
    expect(spanById(p.traces, '2222222222222222').parent).toBe('1111111111111111');
  });

  it('keeps metrics lines of a mixed JSON Lines file as series and skips logs with a warning', async () => {
    const metrics = { resourceMetrics: [{ resource: {}, scopeMetrics: [{ metrics: [{ name: 'queue.depth', gauge: { dataPoints: [{ timeUnixNano: '1700000000000000000', asDouble: 3 }] } }] }] }] };
    const logs = { resourceLogs: [{ resource: {}, scopeLogs: [] }] };
    const lines = [request('a', [span({})]), metrics, logs, request('a', [span({ spanId: '22'.repeat(8), parentSpanId: '11'.repeat(8) })])];
    const p = await parseTraces(new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join('\n') + '\n'), 'mixed.jsonl');
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 2, services: 1, errors: 0 });
    expect(p.series.map((s) => [s.name, [...s.t], [...s.v]])).toEqual([['queue.depth', [1700000000000], [3]]]);
    expect(p.warnings.some((w) => /1 resourceLogs item .* skipped/.test(w))).toBe(true);
    expect(p.warnings.some((w) => /1 line held OTLP metrics: read as 1 series/.test(w))).toBe(true);
  });

  it('claims a JSON Lines file whose first line is metrics when spans follow (both signals kept)', async () => {
    const metrics = { resourceMetrics: [{ resource: {}, scopeMetrics: [{ metrics: [{ name: 'm', gauge: { dataPoints: [{ timeUnixNano: '1700000000000000000', asInt: '7' }] } }] }] }] };
    const p = await parseTraces(new TextEncoder().encode([metrics, request('a', [span({})])].map((l) => JSON.stringify(l)).join('\n')), 'metrics-first.jsonl');
    expect([p.format, p.series.length, p.traces.spanCount]).toEqual(['otlp-traces', 1, 1]);
  });

  it('reads pre-0.15 instrumentationLibrarySpans, kinds as numbers and strings, status {} and {"code":1}', async () => {
    const doc = { resourceSpans: [{ resource: {}, instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'old' }, spans: [span({ kind: '3', status: { code: 1 } }), span({ spanId: '33'.repeat(8), kind: 5, status: {} })] }] }] };
    const p = await parseTraces(json(doc), 'old.json');
    expect(spanById(p.traces, '1111111111111111')).toMatchObject({ kind: 'client', status: 'ok', service: 'unknown_service' });
    expect(spanById(p.traces, '3333333333333333')).toMatchObject({ kind: 'consumer', status: 'unset' });
  });
});
