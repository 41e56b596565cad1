// Shared pieces of the trace JSON readers: peek at the first JSON character of a source (an array and an
// object are streamed with different selectors), µs numbers read leniently, and progress that sizes the columns.

import type { ImportError } from '../model/errors';
import type { TraceSetBuilder } from '../model/trace-builder';
import type { Chunk, ChunkSource, ParseOptions } from './types';
import { corruptAt, previewJson, type JsonAt, type JsonValue } from './json-stream';
import { asArray, asObject } from './otlp-common';
import { replaySource } from './sources';

/** The first non-blank character of the source ("" when it is empty) and a source that replays it. */
export async function peekFirstChar(src: ChunkSource): Promise<{ first: string; src: ChunkSource }> {
  const head: Chunk[] = [];
  for (;;) {
    const chunk = await src.readChunk();
    head.push(chunk);
    const d = chunk.data;
    let i = head.length === 1 && d[0] === 0xef && d[1] === 0xbb && d[2] === 0xbf ? 3 : 0;
    while (i < d.length && (d[i] === 32 || d[i] === 9 || d[i] === 10 || d[i] === 13)) i++;
    if (i < d.length) return { first: String.fromCharCode(d[i]), src: replaySource(head, src) };
    if (chunk.eof) return { first: '', src: replaySource(head, src) };
  }
}

/** A µs time or duration: a JSON number, or a decimal string (int64 beyond 2^53 as text); undefined otherwise. */
export function micros(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

/** A text sniff: JSON that starts with one of `starts` and contains every one of `keys` (as "key":). */
export function sniffJsonKeys(head: Uint8Array, starts: string, keys: string[], without: string[] = []): boolean {
  const text = new TextDecoder().decode(head);
  const m = /^\uFEFF?\s*(.)/.exec(text);
  if (!m || !starts.includes(m[1])) return false;
  const has = (k: string): boolean => new RegExp(`"${k}"\\s*:`).test(text);
  return keys.every(has) && !without.some(has);
}

/** A corrupt-input error at a JSON value: what was expected at which path, and what was found. */
export function wrongAt(file: string, at: JsonAt, where: string, expected: string, found?: JsonValue): ImportError {
  return corruptAt(file, `${expected} at ${['$', ...at.path].join('.')}${where}`, { line: at.line, offset: at.offset }, found === undefined ? undefined : `found ${previewJson(found)}`);
}

/** A list of {key, value} objects (OTLP attributes, Jaeger tags) as [key, text] pairs; other items skipped. */
export function keyValuePairs(v: JsonValue | undefined, text: (value: JsonValue | undefined) => string): [string, string][] {
  const out: [string, string][] = [];
  for (const item of asArray(v) ?? []) {
    const kv = asObject(item);
    if (kv && typeof kv.key === 'string') out.push([kv.key, text(kv.value)]);
  }
  return out;
}

/** `opts.onProgress`, telling `builder` first how much of the input is read (it sizes its columns from that). */
export function sizingProgress(builder: TraceSetBuilder, opts: ParseOptions): ParseOptions['onProgress'] {
  return (p) => {
    builder.expectInput(p.bytesRead, p.bytesTotal);
    opts.onProgress?.(p);
  };
}
