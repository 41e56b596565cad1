// Reads JSON telemetry from a ChunkSource without one JSON.parse of a big file: a file that arrives whole
// in one chunk (≤ 8 MiB) is one JSON.parse; JSON Lines are one JSON.parse per line; anything else is
// streamed through @streamparser/json. Values at selector paths ($.a.*.b) are handed to a callback.

import Tokenizer from '@streamparser/json/tokenizer.js';
import TokenParser from '@streamparser/json/tokenparser.js';
import type { ParsedElementInfo } from '@streamparser/json/utils/types/parsedElementInfo.js';
import type { ImportError, Result } from '../model/errors';
import type { ChunkSource, ParseOptions } from './types';
import { compile, corruptAt, matchSelector, selectValues, type JsonValue, type JsonValueHandler, type Segment } from './json-select';

export { compile, corruptAt, matchSelector, previewJson, selectValues } from './json-select';
export type { JsonAt, JsonObject, JsonValue, JsonValueHandler, Segment } from './json-select';

export interface JsonReadOptions extends ParseOptions {
  /** Selectors like "$.data.result.*" ("*" = any key or index); "$" emits each top-level document */
  paths: string[];
  /** Phase name reported with progress, e.g. "reading OTLP metrics". */
  phase?: string;
}

export interface JsonReadSummary {
  /** How the file was read: one JSON.parse, one per line, or streamed. */
  mode: 'whole' | 'lines' | 'stream';
  documents: number;
  bytes: number;
}

/** Files up to this size that arrive in one chunk are parsed with one JSON.parse. */
export const WHOLE_PARSE_BYTES = 8 * 1024 * 1024;
/** The first line of a JSON Lines file is searched for this far before the file is streamed instead. */
const FIRST_LINE_LIMIT = 64 * 1024 * 1024;
/** A JSON Lines record longer than this is refused (a single huge document is not JSON Lines). */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

const fail = (error: ImportError): { ok: false; error: ImportError } => ({ ok: false, error });

/** Byte offset of the first invalid UTF-8 sequence in `b`, or -1 (a truncated sequence at the end counts). */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    const c1 = b[i + 1];
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    i += n;
  }
  return -1;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as strict UTF-8 (BOM dropped), or says where they are not UTF-8. */
function decodeUtf8(file: string, b: Uint8Array, where: { line?: number; offset: number }): string | ImportError {
  try {
    return utf8.decode(b);
  } catch {
    const bad = firstInvalidUtf8(b);
    return corruptAt(file, 'UTF-8 text', { line: where.line, offset: where.offset + Math.max(0, bad) }, 'invalid byte sequence');
  }
}

function jsonError(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^SyntaxError: /, '').slice(0, 200);
}

/** Streams documents through @streamparser/json; values at a selector go to `onValue`. */
class StreamReader {
  private readonly tokenizer: Tokenizer;
  private readonly parser: TokenParser;
  private lastOffset = 0;
  private depth = 0;
  /** Index of the document being read. */
  private current = 0;
  /** Documents completed. */
  documents = 0;
  failure: ImportError | undefined;

  constructor(private readonly file: string, private readonly selectors: Segment[][], private readonly onValue: JsonValueHandler, base: number) {
    this.tokenizer = new Tokenizer({ separator: '' });
    // Only selected paths are built (keepStack: false drops the rest), so memory stays per item.
    const paths = selectors.map((s) => '$' + s.map((x) => '.' + String(x)).join(''));
    this.parser = new TokenParser({ paths, keepStack: false, separator: '' });
    this.lastOffset = base;
    this.tokenizer.onToken = (t) => {
      this.lastOffset = base + t.offset;
      const k = t.token as number;
      // 0 { 1 } 2 [ 3 ]; other tokens are scalars, colons and commas.
      if (this.depth === 0 && k !== 1 && k !== 3) this.current = this.documents;
      if (k === 0 || k === 2) this.depth++;
      else if (k === 1 || k === 3) {
        if (--this.depth === 0) this.documents++;
      } else if (this.depth === 0 && k >= 6) this.documents++;
      this.parser.write(t);
    };
    this.parser.onValue = (info) => this.value(info);
  }

  private value(info: ParsedElementInfo): void {
    if (this.failure) return;
    const path: (string | number)[] = [];
    for (let i = 1; i < info.stack.length; i++) path.push(info.stack[i].key as string | number);
    if (info.key !== undefined) path.push(info.key);
    const s = matchSelector(this.selectors, path);
    if (s < 0) return;
    const stop = this.onValue(info.value as JsonValue, { path, selector: s, document: this.current, offset: this.lastOffset + 1 });
    if (stop) this.failure = stop;
  }

  write(bytes: Uint8Array): ImportError | undefined {
    try {
      this.tokenizer.write(bytes);
    } catch (e) {
      if (!this.failure) this.failure = this.error(e);
    }
    return this.failure;
  }

  end(): ImportError | undefined {
    if (this.failure) return this.failure;
    if (this.depth > 0) return this.error(new Error('ended in the middle'));
    try {
      this.tokenizer.end();
    } catch (e) {
      return this.error(e);
    }
    return this.failure;
  }

  private error(e: unknown): ImportError {
    const msg = jsonError(e);
    const abs = /absolute position "(\d+)"/.exec(msg);
    const offset = abs ? Number(abs[1]) : this.lastOffset;
    const truncated = /ended in the middle|ended in mid-parsing/.test(msg);
    return corruptAt(this.file, truncated ? 'the rest of the JSON document (the file ends inside a value)' : 'valid JSON', { offset }, truncated ? undefined : msg.replace(/ at chunk position.*? in state/, ' in state'));
  }
}

/**
 * Reads every JSON document of `src` (one document, JSON Lines, or concatenated documents) and calls
 * `onValue` for each value at one of `opts.paths`. Never throws; stops at the first error or cancel.
 */
export async function readJson(src: ChunkSource, onValue: JsonValueHandler, opts: JsonReadOptions): Promise<Result<JsonReadSummary>> {
  const file = src.name;
  const selectors = compile(opts.paths);
  const handler = onValue;
  // A handler that throws is a bug, not bad input: it becomes an 'internal' error in every mode.
  onValue = (v, at) => {
    try {
      return handler(v, at);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return { kind: 'internal', file, message: `${file}: failed on the value at ${['$', ...at.path].join('.')}: ${why}` };
    }
  };
  const phase = opts.phase ?? 'reading JSON';
  const cancelled = (): ImportError => ({ kind: 'cancelled', file, message: `${file}: import cancelled` });
  let mode: JsonReadSummary['mode'] | undefined;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let pendingStart = 0; // byte offset of pending[0][0]
  let line = 1;
  let documents = 0;
  let stream: StreamReader | undefined;
  let bytes = 0;
  let first = true;

  const emitParsed = (value: JsonValue, where: { line?: number; offset: number }): ImportError | void =>
    selectValues(value, selectors, (v, path, selector) => onValue(v, { path, selector, document: documents, ...(where.line !== undefined ? { line: where.line } : {}), offset: where.offset }));

  /** JSON Lines: parses each complete line of `buf` (which starts at byte `base`); returns bytes consumed. */
  const lines = (buf: Uint8Array, base: number, eof: boolean): number | ImportError => {
    let pos = 0;
    while (pos < buf.length) {
      let nl = buf.indexOf(10, pos);
      if (nl < 0) {
        if (!eof) break;
        nl = buf.length;
      }
      let s = pos;
      while (s < nl && isSpace(buf[s])) s++;
      if (s < nl) {
        const text = decodeUtf8(file, buf.subarray(s, nl), { line, offset: base + s });
        if (typeof text !== 'string') return text;
        let value: JsonValue;
        try {
          value = JSON.parse(text) as JsonValue;
        } catch (e) {
          return corruptAt(file, 'one complete JSON value per line (JSON Lines)', { line, offset: base + s }, jsonError(e));
        }
        const stop = emitParsed(value, { line, offset: base + s });
        if (stop) return stop;
        documents++;
      }
      line++;
      pos = nl + 1;
    }
    return pos;
  };

  /**
   * JSON Lines, next chunk: the line cut by the previous chunk's end is finished in a small stitched buffer
   * (pending bytes + this chunk up to its first newline); the rest is read in place, without a copy.
   */
  const linesChunk = (data: Uint8Array, eof: boolean): ImportError | undefined => {
    let from = 0;
    if (pendingBytes > 0) {
      const nl = data.indexOf(10);
      if (nl < 0 && !eof) {
        pending.push(data);
        pendingBytes += data.length;
        if (pendingBytes > MAX_LINE_BYTES) return corruptAt(file, `a line shorter than ${MAX_LINE_BYTES / 1048576} MiB (JSON Lines)`, { line, offset: pendingStart });
        return undefined;
      }
      from = nl < 0 ? data.length : nl + 1;
      const stitched = concat([...pending, data.subarray(0, from)], pendingBytes + from);
      const used = lines(stitched, pendingStart, true);
      if (typeof used !== 'number') return used;
      pendingStart += stitched.length;
      pending = [];
      pendingBytes = 0;
    }
    const rest = data.subarray(from);
    const used = lines(rest, pendingStart, eof);
    if (typeof used !== 'number') return used;
    pendingStart += used;
    if (used < rest.length) {
      pending = [rest.subarray(used)];
      pendingBytes = rest.length - used;
    }
    return undefined;
  };

  const startStream = (): ImportError | undefined => {
    mode = 'stream';
    stream = new StreamReader(file, selectors, onValue, pendingStart);
    const buf = concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return stream.write(buf);
  };

  /** Decides the mode from the bytes buffered so far; undefined = need more bytes. */
  const decide = (eof: boolean, total: number): ImportError | undefined | 'more' => {
    const buf = concat(pending, pendingBytes);
    pending = [buf];
    let s = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    while (s < buf.length && isSpace(buf[s])) s++;
    if (eof && first && total <= WHOLE_PARSE_BYTES) {
      // The whole file is in memory: one JSON.parse (fast); on failure fall through to find where it broke.
      const text = decodeUtf8(file, buf, { offset: 0 });
      if (typeof text !== 'string') return text;
      let value: JsonValue | undefined;
      try {
        value = JSON.parse(text) as JsonValue;
      } catch {
        value = undefined;
      }
      if (value !== undefined) {
        mode = 'whole';
        pending = [];
        pendingBytes = 0;
        const stop = emitParsed(value, { offset: 0 });
        documents = 1;
        return stop || undefined;
      }
    }
    const nl = buf.indexOf(10, s);
    if (nl < 0 && !eof) return pendingBytes > FIRST_LINE_LIMIT ? startStream() : 'more';
    const end = nl < 0 ? buf.length : nl;
    let firstLine: JsonValue | undefined;
    try {
      firstLine = JSON.parse(new TextDecoder().decode(buf.subarray(s, end))) as JsonValue;
    } catch {
      firstLine = undefined;
    }
    if (firstLine === undefined || typeof firstLine !== 'object' || firstLine === null) return startStream();
    mode = 'lines';
    const used = lines(buf, pendingStart, eof);
    if (typeof used !== 'number') return used;
    pending = [buf.subarray(used)];
    pendingBytes = buf.length - used;
    pendingStart += used;
    return undefined;
  };

  try {
    for (;;) {
      if (opts.isCancelled?.()) return fail(cancelled());
      const chunk = await src.readChunk();
      bytes = chunk.bytesRead;
      let failure: ImportError | undefined;
      if (mode === 'stream' && stream) {
        failure = stream.write(chunk.data);
      } else if (mode === 'lines') {
        failure = linesChunk(chunk.data, chunk.eof);
      } else {
        if (chunk.data.length > 0) {
          pending.push(chunk.data);
          pendingBytes += chunk.data.length;
        }
        if (mode === undefined) {
          if (pendingBytes > 0 || chunk.eof) {
            const d = decide(chunk.eof, chunk.bytesTotal > 0 ? chunk.bytesTotal : chunk.bytesRead);
            if (d !== 'more') failure = d;
          }
        }
      }
      first = false;
      if (failure) return fail(failure);
      opts.onProgress?.({ bytesRead: chunk.bytesRead, bytesTotal: chunk.bytesTotal, phase });
      if (chunk.eof) break;
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail({ kind: 'internal', file, message: `${file}: reading failed after ${bytes} bytes: ${why}` });
  }
  if (stream) {
    const end = stream.end();
    if (end) return fail(end);
    documents = stream.documents;
  }
  if (documents === 0) return fail({ kind: 'empty', file, message: `${file}: no JSON document in the file` });
  return { ok: true, value: { mode: mode ?? 'whole', documents, bytes } };
}
