// Zipkin v2 JSON on every real sample (counts worked out by hand with jq over the raw JSON), shared
// client/server span ids, tags.error (even ""), arrays of traces and 128-bit ids with a zero high half.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from './csv-helpers';
import { counts, json, parseTraces, sharedSample, spanById, spansById, traceFixture } from './trace-helpers';

const smartthings = 'zipkin-lens_smartthings-oauth-authorization.json';

describe('Zipkin: real samples', () => {
  it('skew.json: the shared server half hangs under its client; its ~65 ms skew is a warning', async () => {
    const p = await parseTraces(traceFixture('zipkin', 'zipkin-lens_skew.json'), 'skew.json');
    expect(p.format).toBe('zipkin');
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 4, services: 2, errors: 0 });
    const halves = spansById(p.traces, '74280ae0c10d8062');
    expect(halves.map((s) => [s.kind, s.service, s.parent])).toEqual([
      ['server', 'serviceb', '74280ae0c10d8062'],
      ['client', 'servicea', 'bf396325699c84bf'],
    ]);
    // The child "async" of the shared id belongs to the server half (same service).
    const async = spanById(p.traces, '43210ae0c10d1234');
    const row = Array.from(p.traces.spanIdx).findIndex((x) => p.traces.spanIds[x] === '43210ae0c10d1234');
    expect(p.traces.kind[p.traces.parentIdx[row]]).toBe(1); // server
    expect([async.start, async.duration]).toEqual([1470150004008762, 65000]);
    // 1470150004074202 − 1470150004008761 = 65441 µs.
    expect(p.warnings).toEqual([expect.stringMatching(/^1 span starts before its parent .*65441 µs/)]);
  });

  it('messaging-kafka.json: 28 spans, producer/consumer kinds, 3 errors including tags.error ""', async () => {
    const p = await parseTraces(traceFixture('zipkin', 'zipkin-lens_messaging-kafka.json'), 'kafka.json');
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 28, services: 2, errors: 3 });
    const kinds = new Set(Array.from(p.traces.kind));
    expect(kinds.has(3) && kinds.has(4)).toBe(true);
    const messages = Array.from(p.traces.details.statusMessage).filter((m) => m >= 0).map((m) => p.traces.details.strings[m]);
    expect(messages).toEqual(['some error', 'some error']);
  });

  it('yelp.json: 16 spans, 6 services including "unknown", shared pairs are not duplicates', async () => {
    const p = await parseTraces(traceFixture('zipkin', 'zipkin-lens_yelp.json'), 'yelp.json');
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 16, services: 6, errors: 0 });
    expect(p.traces.services).toContain('unknown');
    expect(p.warnings.some((w) => /repeat/.test(w))).toBe(false);
    expect(p.traces.details.eventTime.length).toBe(1);
  });

  it.skipIf(!existsSync(resolve(sharedDir, 'data/formats/zipkin-v2-json', smartthings)))('smartthings OAuth trace: 175 spans, 8 services, 2 errors "401"', async () => {
    const p = await parseTraces(sharedSample('zipkin-v2-json', smartthings), smartthings);
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 175, services: 8, errors: 2 });
    expect(p.traces.details.eventTime.length).toBe(9);
  });
});

describe('Zipkin: shapes', () => {
  it('reads an array of traces; 128-bit ids with a zero high half become 64-bit; missing timestamp is NaN + warning', async () => {
    const traces = [
      [{ traceId: '0000000000000000000000000000abcd', id: '1', name: 'a', timestamp: 1_700_000_000_000_000, duration: 5, localEndpoint: { serviceName: 'x' }, tags: { error: '' } }],
      [{ traceId: 'abcd', id: '2', parentId: '1', name: 'b', localEndpoint: { serviceName: 'y' } }],
    ];
    const p = await parseTraces(json(traces), 'traces.json');
    expect(counts(p.traces)).toEqual({ traces: 1, spans: 2, services: 2, errors: 1 });
    expect(spanById(p.traces, '0000000000000002')).toMatchObject({ parent: '0000000000000001', trace: '000000000000abcd' });
    expect(spanById(p.traces, '0000000000000002').start).toBeNaN();
    expect(p.warnings.some((w) => /^1 span has no start time/.test(w))).toBe(true);
  });
});
