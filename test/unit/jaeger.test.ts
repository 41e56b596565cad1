// Jaeger JSON on every real sample (counts worked out by hand with node/jq over the raw JSON), the
// envelopes (query API, UI download, bare trace, arrays of traces or spans) and the error conventions.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from './csv-helpers';
import { counts, json, parseTraces, sharedSample, spanById, spansById, traceFixture } from './trace-helpers';

const genai = 'jaeger-ui_genai-test-trace_10-services.json';

describe('Jaeger: real samples', () => {
  it('query API envelope: 1 trace, 2 spans of jaeger-query, tags kept as text', async () => {
    const p = await parseTraces(traceFixture('jaeger', 'jaeger-analytics-java_api-traces-response.json'), 'ui-trace.json');
    expect(p.format).toBe('jaeger');
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 2, services: 1, errors: 0 });
    expect(p.traces.services).toEqual(['jaeger-query']);
    expect(p.warnings).toEqual([]);
  });

  it('otlp2jaeger output: the duplicated span and its missing parent are warnings, both spans imported', async () => {
    const p = await parseTraces(traceFixture('jaeger', 'jaeger-ui_otlp2jaeger-out.json'), 'otlp2jaeger-out.json');
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 2, services: 1, errors: 0 });
    expect(spansById(p.traces, 'e127af99e3b3e074').map((s) => s.declaredParent)).toEqual(['909541b92cf05311', '909541b92cf05311']);
    expect(p.warnings).toEqual([expect.stringMatching(/^1 span repeats a span id/), expect.stringMatching(/^2 spans have their parent missing/)]);
  });

  it('ui_01 golden file: CHILD_OF into the same trace is the parent, other references are links, logs are events', async () => {
    const p = await parseTraces(traceFixture('jaeger', 'jaeger_uimodel_ui_01_edge-cases.json'), 'ui_01.json');
    // jq: 5 spans in trace 0000000000000001, processes p1/p2, span 0000000000000002 twice with error=true (bool).
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 5, services: 2, errors: 1 });
    const four = spanById(p.traces, '0000000000000004');
    expect([four.parent, four.start, four.duration]).toEqual(['0000000000000002', 1485467191639875, 5]);
    const l = p.traces.links;
    const links = Array.from(l.span, (_, i) => [p.traces.spanIds[p.traces.spanIdx[l.span[i]]], l.type[i], p.traces.traceIds[l.traceIdx[i]], p.traces.spanIds[l.spanIdx[i]], l.target[i] >= 0]);
    expect(links).toEqual([
      ['0000000000000004', 0, '00000000000000ff', '00000000000000ff', false],
      ['0000000000000004', 1, '0000000000000001', '0000000000000002', true],
    ]);
    expect(spanById(p.traces, '0000000000000005').parent).toBe('0000000000000004');
    // int64 beyond 2^53 arrives as a JSON string and stays exact.
    const [withLogs, withTags] = spansById(p.traces, '0000000000000002');
    expect(withTags.attributes).toContainEqual(['javascript_limit', '9223372036854775222']);
    expect(withTags.attributes).toContainEqual(['blob', 'AAAwOQ==']);
    expect([withTags.status, withLogs.status, withLogs.events.length]).toEqual(['error', 'unset', 2]);
  });

  it.skipIf(!existsSync(resolve(sharedDir, 'data/formats/jaeger-json', genai)))('generated 10-service trace (bare object with _comment): 57 spans, 1 error', async () => {
    const p = await parseTraces(sharedSample('jaeger-json', genai), genai);
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 57, services: 10, errors: 1 });
    expect(spanById(p.traces, '0000000000000001').kind).toBe('server');
  });
});

const jspan = (id: string, over: Record<string, unknown> = {}) => ({ traceID: 'abc', spanID: id, operationName: `op${id}`, references: [], startTime: 1_700_000_000_000_000, duration: 10, tags: [], logs: [], processID: 'p1', ...over });

describe('Jaeger: envelopes and conventions', () => {
  it('reads an array of traces, each with its own processes map', async () => {
    const traces = [
      { traceID: 'abc', spans: [jspan('1')], processes: { p1: { serviceName: 'one' } } },
      { traceID: 'def', spans: [jspan('2', { traceID: 'def' })], processes: { p1: { serviceName: 'two' } } },
    ];
    const p = await parseTraces(json(traces), 'traces.json');
    expect(spanById(p.traces, '0000000000000001')).toMatchObject({ trace: '0000000000000abc', service: 'one' });
    expect(spanById(p.traces, '0000000000000002')).toMatchObject({ trace: '0000000000000def', service: 'two' });
  });

  it('reads an array of spans with inline process (jaeger-anonymizer) and {"data":{…}}', async () => {
    const spans = [jspan('1', { process: { serviceName: 'hashed' } }), jspan('2', { process: { serviceName: 'hashed' }, references: [{ refType: 'CHILD_OF', traceID: 'abc', spanID: '1' }] })];
    const p = await parseTraces(json(spans), 'anon.json');
    expect(spanById(p.traces, '0000000000000002')).toMatchObject({ parent: '0000000000000001', service: 'hashed' });
    const q = await parseTraces(json({ data: { traceID: 'abc', spans: [jspan('1')], processes: { p1: { serviceName: 's' } } } }), 'one.json');
    expect(counts(q.traces)).toEqual({ traces: 1, spans: 1, services: 1, errors: 0 });
  });

  it('error from error=true (bool or "true") or otel.status_code=ERROR, never from "false"; kind from span.kind', async () => {
    const tag = (key: string, value: unknown, type = 'string') => ({ key, type, value });
    const spans = [
      jspan('1', { tags: [tag('error', true, 'bool')] }),
      jspan('2', { tags: [tag('error', 'true', 'bool')] }),
      jspan('3', { tags: [tag('otel.status_code', 'ERROR'), tag('otel.status_description', 'db down'), tag('span.kind', 'client')] }),
      jspan('4', { tags: [tag('error', 'false', 'bool'), tag('otel.status_code', 'OK')] }),
    ];
    const p = await parseTraces(json({ data: [{ traceID: 'abc', spans, processes: { p1: { serviceName: 's' } } }] }), 'errors.json');
    expect(['1', '2', '3', '4'].map((i) => spanById(p.traces, i.padStart(16, '0')).status)).toEqual(['error', 'error', 'error', 'ok']);
    expect(spanById(p.traces, '0000000000000003')).toMatchObject({ kind: 'client', message: 'db down' });
  });

  it('a processID missing from processes gives unknown_service with a warning', async () => {
    const p = await parseTraces(json({ data: [{ traceID: 'abc', spans: [jspan('1', { processID: 'p9' })], processes: {} }] }), 'p9.json');
    expect(spanById(p.traces, '0000000000000001').service).toBe('unknown_service');
    expect(p.warnings[0]).toMatch(/processID missing/);
  });
});
