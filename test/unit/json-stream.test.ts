// The shared JSON reader: the same values at selectors whether a file is parsed whole, per line or
// streamed (100-byte chunks), byte offsets and lines in errors, cancellation, progress.

import { describe, expect, it } from 'vitest';
import { readJson, firstInvalidUtf8, type JsonAt, type JsonValue } from '../../src/formats/json-stream';
import { bytesSource } from '../../src/formats/sources';
import type { ParseProgress } from '../../src/formats/types';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

async function collect(bytes: Uint8Array, paths: string[], chunk?: number) {
  const got: { value: JsonValue; at: JsonAt }[] = [];
  const r = await readJson(bytesSource(bytes, 'f.json', chunk), (value, at) => void got.push({ value, at }), { paths });
  return { r, got };
}

const doc = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { a: '1' }, values: [[1, '2']] }, { metric: {}, values: [] }] } }, null, 2);

describe('readJson', () => {
  it('emits selected values with their paths, whole and streamed', async () => {
    const whole = await collect(enc(doc), ['$.status', '$.data.result.*']);
    expect(whole.r).toMatchObject({ ok: true, value: { mode: 'whole', documents: 1 } });
    expect(whole.got.map((g) => [g.at.path, g.at.selector, g.value])).toEqual([
      [['status'], 0, 'success'],
      [['data', 'result', 0], 1, { metric: { a: '1' }, values: [[1, '2']] }],
      [['data', 'result', 1], 1, { metric: {}, values: [] }],
    ]);
    const streamed = await collect(enc(doc), ['$.status', '$.data.result.*'], 100);
    expect(streamed.r).toMatchObject({ ok: true, value: { mode: 'stream', documents: 1 } });
    // Streamed values arrive in document order (not grouped by selector); same set.
    expect(streamed.got.map((g) => g.value)).toEqual(whole.got.map((g) => g.value));
    expect(streamed.got.every((g) => g.at.offset > 0 && g.at.offset <= doc.length)).toBe(true);
  });

  it('reads JSON Lines one line at a time, with line numbers, at any chunk size', async () => {
    const text = '{"a":[1,2]}\n\n{"a":[3]}\r\n{"a":[]}';
    for (const chunk of [undefined, 3, 100]) {
      const { r, got } = await collect(enc(text), ['$.a.*'], chunk);
      expect(r).toMatchObject({ ok: true, value: { mode: 'lines', documents: 3 } });
      expect(got.map((g) => [g.value, g.at.document, g.at.line])).toEqual([[1, 0, 1], [2, 0, 1], [3, 1, 3]]);
    }
  });

  it('reads concatenated pretty-printed documents as a stream', async () => {
    const text = '{\n "a": [1]\n}\n{\n "a": [2]\n}\n';
    const { r, got } = await collect(enc(text), ['$.a.*']);
    expect(r).toMatchObject({ ok: true, value: { mode: 'stream', documents: 2 } });
    expect(got.map((g) => [g.value, g.at.document])).toEqual([[1, 0], [2, 1]]);
  });

  it('says where a JSON Lines file breaks', async () => {
    const { r } = await collect(enc('{"a":1}\n{"a":2}\n{"a":\n'), ['$.a']);
    expect(r).toMatchObject({ ok: false, error: { kind: 'corrupt', line: 3, offset: 16 } });
  });

  it('gives a byte offset for broken or truncated documents, at any chunk size', async () => {
    for (const chunk of [undefined, 7]) {
      const bad = await collect(enc('{\n "a": [1, 2,, 3]\n}'), ['$.a.*'], chunk);
      expect(bad.r).toMatchObject({ ok: false, error: { kind: 'corrupt', offset: 14 } });
      const cut = await collect(enc('{\n "a": [1, 2'), ['$.a.*'], chunk);
      expect(cut.r.ok).toBe(false);
      if (!cut.r.ok) expect(cut.r.error.message).toMatch(/ends inside a value/);
    }
  });

  it('refuses invalid UTF-8 with the offending byte', async () => {
    const bytes = enc('{"a": "xx"}');
    bytes[7] = 0xff;
    for (const chunk of [undefined, 4]) {
      const { r } = await collect(bytes, ['$.a'], chunk);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('corrupt');
    }
    expect(firstInvalidUtf8(bytes)).toBe(7);
    expect(firstInvalidUtf8(enc('é€𝄞'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xe2, 0x82]))).toBe(1);
  });

  it('survives 100 k nested brackets without a stack overflow', async () => {
    const deep = enc('['.repeat(100_000) + ']'.repeat(100_000));
    for (const chunk of [undefined, 4096]) {
      const { r, got } = await collect(deep, ['$.a'], chunk);
      expect(r.ok).toBe(true);
      expect(got).toEqual([]);
    }
    const open = await collect(enc('['.repeat(100_000)), ['$.a'], 4096);
    expect(open.r).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
  });

  it('reports empty input, progress and cancellation', async () => {
    expect((await collect(enc('  \n'), ['$'])).r).toMatchObject({ ok: false, error: { kind: 'empty' } });
    const progress: ParseProgress[] = [];
    const r = await readJson(bytesSource(enc(doc), 'f.json', 50), () => undefined, { paths: ['$.x'], phase: 'p', onProgress: (p) => progress.push(p) });
    expect(r.ok).toBe(true);
    expect(progress.at(-1)).toEqual({ bytesRead: doc.length, bytesTotal: doc.length, phase: 'p' });
    let calls = 0;
    const c = await readJson(bytesSource(enc(doc), 'f.json', 50), () => undefined, { paths: ['$.x'], isCancelled: () => ++calls > 2 });
    expect(c).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });

  it('stops with the error a handler returns', async () => {
    const stop = { kind: 'corrupt' as const, file: 'f.json', expected: 'x', message: 'no' };
    for (const chunk of [undefined, 10]) {
      const r = await readJson(bytesSource(enc(doc), 'f.json', chunk), () => stop, { paths: ['$.status'] });
      expect(r).toEqual({ ok: false, error: stop });
    }
  });
});
