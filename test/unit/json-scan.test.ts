// The item scanner that streams big JSON documents: the same selected values as one JSON.parse for random
// documents cut at every small chunk size (escapes, quotes and UTF-8 split across chunks), and byte offsets.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, selectValues, type JsonValue } from '../../src/formats/json-select';
import { JsonItemScanner } from '../../src/formats/json-scan';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function scan(bytes: Uint8Array, paths: string[], chunk: number) {
  const got: { value: JsonValue; path: readonly (string | number)[]; offset: number }[] = [];
  const scanner = new JsonItemScanner('f.json', compile(paths), (value, at) => void got.push({ value, path: at.path, offset: at.offset }), 0);
  let error = undefined as ReturnType<JsonItemScanner['end']>;
  for (let i = 0; i < bytes.length && !error; i += chunk) error = scanner.write(bytes.subarray(i, i + chunk));
  error ??= scanner.end();
  return { got, error, documents: scanner.documents };
}

const text = fc.string({ unit: fc.constantFrom('a', '"', '\\', '/', 'é', '𝄞', '\n', '{', ']', ' ', 'x') });
const leaf = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const json = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('a', 'b', 'k"q', 'é', 'items'), tie('v'), { maxKeys: 4 })),
})).v;

describe('JsonItemScanner', () => {
  it('selects what one JSON.parse selects, at every chunk size', () => {
    const paths = ['$.items.*', '$.a', '$.*.b', '$.*.items.*.a'];
    const selectors = compile(paths);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'items', 'b', 'é'), json, { maxKeys: 4 }), fc.integer({ min: 1, max: 17 }), fc.boolean(), (doc, chunk, pretty) => {
        const source = JSON.stringify(doc, null, pretty ? 2 : undefined);
        // A value two selectors match is emitted once when streamed (by the first selector).
        const expected = new Map<string, JsonValue>();
        selectValues(JSON.parse(source) as JsonValue, selectors, (v, path) => void expected.set(JSON.stringify(path), v));
        const { got, error, documents } = scan(enc(source), paths, chunk);
        expect(error).toBeUndefined();
        expect(documents).toBe(1);
        expect(new Map(got.map((g) => [JSON.stringify(g.path), g.value]))).toEqual(expected);
        expect(got.length).toBe(expected.size);
      }),
      { numRuns: Number(process.env.SCAN_RUNS ?? 300) },
    );
  });

  it('gives each value its start offset, and the offset of syntax errors', () => {
    const source = '{"x": 1, "items": [ {"k": "a\\"b"}, 7 ], "tail": [1,2]}';
    const { got } = scan(enc(source), ['$.items.*'], 3);
    expect(got.map((g) => [g.value, g.path, g.offset])).toEqual([
      [{ k: 'a"b' }, ['items', 0], source.indexOf('{"k"')],
      [7, ['items', 1], source.indexOf('7')],
    ]);
    for (const [bad, offset] of [['{"items": [1 2]}', 13], ['{"items" 1}', 9], ['{"items": [{"a": tru}]}', 20], ['{"a":1}x', 7]] as const) {
      for (const chunk of [1, 4, 100]) expect(scan(enc(bad), ['$.items.*'], chunk).error).toMatchObject({ kind: 'corrupt', offset });
    }
  });

  it('guesses the ends of long items (json-item-guess.ts) with the same values, offsets and errors as the scan', () => {
    // Items of ~3 KB in whole chunks are guessed (a learned `,{"id"` and `],"next"`); chunk 7 scans every item.
    const item = (k: number): string => JSON.stringify({ id: k, nested: [{ id: -k }, { s: ',{"id":\\"' }], pad: 'x'.repeat(3000 + k) });
    // Compact and indented separators.
    const body = (n: number): string => Array.from({ length: n }, (_, k) => item(k)).join(n % 2 ? ',' : ',\n  ');
    for (const n of [80, 81]) {
      const source = `{"lists":[{"items":[${body(n)}],"next":1},{"items":[${body(n)}],"next":2}]}`;
      const scanned = scan(enc(source), ['$.lists.*.items.*'], 7);
      expect(scanned.got.length).toBe(2 * n);
      expect(scan(enc(source), ['$.lists.*.items.*'], 1 << 20)).toEqual(scanned);
      const broken = source.replace(`"id":${n - 3},`, `"id":${n - 3}`);
      const error = scan(enc(broken), ['$.lists.*.items.*'], 7).error;
      expect(error).toMatchObject({ kind: 'corrupt' });
      expect(scan(enc(broken), ['$.lists.*.items.*'], 1 << 20).error).toEqual(error);
    }
  });

  it('says a document cut short ends inside a value, and counts concatenated documents', () => {
    const cut = scan(enc('{"items": [{"a": "b'), ['$.items.*'], 5);
    expect(cut.error?.message).toMatch(/ends inside a value/);
    const two = scan(enc('{"items":[1]} {"items":[2]}\n[3]'), ['$.items.*'], 2);
    expect(two.error).toBeUndefined();
    expect(two.documents).toBe(3);
    expect(two.got.map((g) => g.value)).toEqual([1, 2]);
  });
});
