// Broken trace files for the OTLP, Jaeger and Zipkin readers: truncated, wrong types, deeply nested,
// empty; each is a typed import error (or imports with warnings), at 4 MiB and at 100-byte chunks.

import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';
import { parseTwice } from './csv-helpers';
import { json, traceFixture } from './trace-helpers';

const otlp = traceFixture('otlp-traces', 'jaeger-ui_v3-trace-local-2.21.0_anyvalue-edge-cases.json');
const jaeger = traceFixture('jaeger', 'jaeger-analytics-java_api-traces-response.json');
const zipkin = traceFixture('zipkin', 'zipkin-lens_skew.json');
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The error at 4 MiB chunks; at 100-byte chunks the same kind and expectation (a line number may be added). */
async function error(bytes: Uint8Array, name: string, sameExpectation = true) {
  const whole = await parseSource(bytesSource(bytes, name));
  const small = await parseSource(bytesSource(bytes, name, 100));
  if (whole.ok || small.ok) throw new Error(`${name}: expected an import error`);
  expect(small.error.kind).toBe(whole.error.kind);
  if (sameExpectation && whole.error.kind === 'corrupt' && small.error.kind === 'corrupt') expect(small.error.expected).toBe(whole.error.expected);
  return whole.error;
}

describe('trace readers: truncated files', () => {
  for (const [name, bytes] of [['otlp.json', otlp], ['jaeger.json', jaeger], ['zipkin.json', zipkin]] as const) {
    it(`${name} cut in half is corrupt, with a byte offset`, async () => {
      const e = await error(bytes.subarray(0, bytes.length >> 1), name);
      expect(e.kind).toBe('corrupt');
      expect(e.kind === 'corrupt' && e.offset !== undefined).toBe(true);
    });
  }
});

describe('trace readers: wrong types name the JSON path', () => {
  const base = { traceId: 'ab'.repeat(16), spanId: '11'.repeat(8), name: 'x', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000000001000' };
  const cases: [string, unknown, RegExp][] = [
    ['otlp-start.json', { resourceSpans: [{ scopeSpans: [{ spans: [{ ...base, startTimeUnixNano: 1.5 }] }] }] }, /startTimeUnixNano/],
    ['otlp-end.json', { resourceSpans: [{ scopeSpans: [{ spans: [{ ...base, endTimeUnixNano: 'soon' }] }] }] }, /endTimeUnixNano/],
    ['otlp-spans.json', { resourceSpans: [{ scopeSpans: [{ spans: 'none' }] }] }, /scopeSpans\[0\]\.spans/],
    ['otlp-name.json', { resourceSpans: [{ scopeSpans: [{ spans: [{ ...base, name: 7 }] }] }] }, /\.name/],
    ['jaeger-start.json', { data: [{ traceID: 'a', spans: [{ traceID: 'a', spanID: 'b', startTime: 'noon' }], processes: {} }] }, /startTime/],
    ['jaeger-spans.json', [{ traceID: 'a', spanID: 'b', spans: 3 }], /spans/],
    ['zipkin-duration.json', [{ traceId: 'a', id: 'b', timestamp: 1, duration: {} }], /duration/],
    ['zipkin-item.json', [{ traceId: 'a', id: 'b' }, 42], /Zipkin span object/],
  ];
  for (const [name, doc, where] of cases) {
    it(name, async () => {
      const e = await error(json(doc), name);
      expect(e.kind).toBe('corrupt');
      expect(e.message).toMatch(where);
    });
  }
});

describe('trace readers: invalid UTF-8', () => {
  it('a Zipkin file with a bad byte in a service name is corrupt at that byte', async () => {
    const bytes = new Uint8Array(zipkin);
    const at = new TextDecoder().decode(zipkin).indexOf('serviceb');
    bytes[at] = 0xff;
    // Streamed (100-byte chunks) the tokenizer reports it as invalid JSON rather than invalid UTF-8.
    const e = await error(bytes, 'bad.json', false);
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/UTF-8|JSON/);
  });
});

describe('trace readers: empty and id-less input', () => {
  it('an empty file and blank lines are "empty"', async () => {
    expect((await error(new Uint8Array(0), 'a.json')).kind).toBe('empty');
    expect((await error(text('\n \n'), 'a.json')).kind).toBe('empty');
  });

  it('{"resourceSpans":[]} and spans without ids import nothing', async () => {
    expect(['corrupt', 'empty']).toContain((await error(json({ resourceSpans: [] }), 'e.json')).kind);
    const idless = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '', spanId: '', startTimeUnixNano: '1', endTimeUnixNano: '2' }] }] }] };
    expect((await error(json(idless), 'e.json')).kind).toBe('empty');
    expect((await error(json([{ traceId: '', id: '' }]), 'z.json')).kind).toBe('empty');
    // Nothing in it looks like Jaeger (no "traceID"): not sniffed as Jaeger at all.
    expect((await error(json({ data: [] }), 'j.json')).kind).toBe('unknown-format');
  });
});

describe('trace readers: deep nesting', () => {
  it('an attribute nested 100 000 levels deep imports (rendered to 16 levels), no stack overflow', async () => {
    const deep = '{"arrayValue":{"values":['.repeat(100_000) + ']}}'.repeat(100_000);
    const doc = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${'ab'.repeat(16)}","spanId":"${'11'.repeat(8)}","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000000001000","attributes":[{"key":"deep","value":${deep}}]}]}]}]}`;
    const r = await parseTwice(text(doc), 'deep.json');
    if (!r.ok) {
      // A JSON reader may refuse the depth; it must do so as a typed error.
      expect(['corrupt', 'internal']).toContain(r.error.kind);
      return;
    }
    const attr = r.value.traces?.details.strings ?? [];
    expect(attr.some((s) => s.includes('…'))).toBe(true);
  });

  it('spans nested in arrays where a ResourceSpans belongs are corrupt', async () => {
    const e = await error(text(`{"resourceSpans":[${'['.repeat(5000)}${']'.repeat(5000)}]}`), 'nested.json');
    expect(e.kind).toBe('corrupt');
  });
});
