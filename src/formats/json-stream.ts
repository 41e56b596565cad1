// Reads JSON telemetry from a ChunkSource without one JSON.parse of a big file: a file that arrives whole
// in one chunk (≤ 8 MiB) is one JSON.parse; JSON Lines are one JSON.parse per line; anything else is
// streamed by the item scanner (json-scan.ts). Values at selector paths ($.a.*.b) are handed to a callback.

import type { ImportError, Result } from '../model/errors';
import type { ChunkSource, ParseOptions } from './types';
import { compile, corruptAt, selectValues, type JsonValue, type JsonValueHandler, type Segment } from './json-select';
import { concat, decodeUtf8, isSpace, jsonError } from './json-bytes';
import { JsonItemScanner } from './json-scan';

export { compile, corruptAt, matchSelector, previewJson, selectValues } from './json-select';
export { firstInvalidUtf8 } from './json-bytes';
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
const FIRST_LINE_LIMIT = 16 * 1024 * 1024;
/** A JSON Lines record longer than this is refused (a single huge document is not JSON Lines). */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

const fail = (error: ImportError): { ok: false; error: ImportError } => ({ ok: false, error });

/**
 * Whether a file is JSON Lines: its first line (found by a native newline search, chunk by chunk) opens and
 * closes an object or array. A first line longer than FIRST_LINE_LIMIT is not looked at: the file is streamed.
 */
class FirstLine {
  private parts: Uint8Array[] = [];
  private bytes = 0;
  /** 'lines', 'stream', or undefined while the bytes so far cannot tell. */
  verdict: 'lines' | 'stream' | undefined;

  feed(b: Uint8Array, eof: boolean): void {
    for (let from = 0; !this.verdict; ) {
      const nl = b.indexOf(10, from);
      const part = b.subarray(from, nl < 0 ? b.length : nl);
      this.parts.push(part);
      this.bytes += part.length;
      if (nl < 0 && !eof) {
        if (this.bytes > FIRST_LINE_LIMIT) this.verdict = 'stream';
        return;
      }
      const line = concat(this.parts, this.bytes);
      this.parts = [];
      this.bytes = 0;
      let s = line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf ? 3 : 0;
      while (s < line.length && isSpace(line[s])) s++;
      // Blank lines before the first value are skipped.
      if (s === line.length && nl >= 0) {
        from = nl + 1;
        continue;
      }
      // An object or array that closes on its line (not parsed here: a one-line document is parsed once).
      let e = line.length - 1;
      while (e > s && isSpace(line[e])) e--;
      this.verdict = (line[s] === 0x7b && line[e] === 0x7d) || (line[s] === 0x5b && line[e] === 0x5d) ? 'lines' : 'stream';
    }
  }
}

/**
 * A reader's error about the value at `path` of a document parsed whole (reported at byte 0) moved to the
 * value's first byte, found by the scanner: the offset a streamed read reports.
 */
function located(file: string, error: ImportError, bytes: Uint8Array, base: number, line: number | undefined, selectors: Segment[][], path: readonly (string | number)[]): ImportError {
  const rest = error.message.indexOf(': expected ');
  if (error.kind !== 'corrupt' || error.offset !== base || rest < 0) return error;
  let offset = base;
  const found: ImportError = { kind: 'internal', file, message: 'found' };
  const scanner = new JsonItemScanner(file, selectors, (_v, at) => {
    if (at.path.length !== path.length || at.path.some((p, k) => p !== path[k])) return;
    offset = at.offset;
    return found;
  }, base);
  if (scanner.write(bytes) !== found) return error;
  const where = `${line !== undefined ? `line ${line}, ` : ''}byte ${offset}`;
  return { ...error, ...(line !== undefined ? { line } : {}), offset, message: `${file}, ${where}${error.message.slice(rest)}` };
}

/** True when `b` holds one line (nothing but blanks after its first newline): chunked reading sees JSON Lines. */
function oneLine(b: Uint8Array): boolean {
  const nl = b.indexOf(10);
  if (nl < 0) return true;
  for (let i = nl; i < b.length; i++) if (!isSpace(b[i])) return false;
  return true;
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
  let stream: JsonItemScanner | undefined;
  const probe = new FirstLine();
  let bytes = 0;
  let first = true;

  /** Emits the selected values of a parsed line; an error about one of them names that value's byte. */
  const emitLine = (value: JsonValue, bytes: Uint8Array, where: { line: number; offset: number }): ImportError | void => {
    let failed: readonly (string | number)[] = [];
    const stop = selectValues(value, selectors, (v, path, selector) => ((failed = path), onValue(v, { path, selector, document: documents, line: where.line, offset: where.offset })));
    return stop ? located(file, stop, bytes, where.offset, where.line, selectors, failed) : undefined;
  };

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
        const stop = emitLine(value, buf.subarray(s, nl), { line, offset: base + s });
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
    stream = new JsonItemScanner(file, selectors, onValue, pendingStart);
    const parts = pending;
    pending = [];
    pendingBytes = 0;
    for (const part of parts) {
      const failure = stream.write(part);
      if (failure) return failure;
    }
    return undefined;
  };

  /** Decides the mode once `data` joined the bytes buffered so far; 'more' = cannot tell yet. */
  const decide = (data: Uint8Array, eof: boolean, total: number): ImportError | undefined | 'more' => {
    if (eof && first && total <= WHOLE_PARSE_BYTES) {
      // The whole file is in memory: one JSON.parse (fast); on failure fall through to find where it broke.
      // Invalid UTF-8 or JSON falls through to the chunked readers, so errors are the same at any chunk size.
      const buf = concat(pending, pendingBytes);
      const text = decodeUtf8(file, buf, { offset: 0 });
      let value: JsonValue | undefined;
      try {
        value = typeof text === 'string' ? (JSON.parse(text) as JsonValue) : undefined;
      } catch {
        value = undefined;
      }
      if (value !== undefined) {
        mode = 'whole';
        pending = [];
        pendingBytes = 0;
        let failed: readonly (string | number)[] = [];
        const stop = selectValues(value, selectors, (v, path, selector) => ((failed = path), onValue(v, { path, selector, document: 0, offset: 0 })));
        documents = 1;
        return stop ? located(file, stop, buf, 0, oneLine(buf) ? 1 : undefined, selectors, failed) : undefined;
      }
    }
    probe.feed(data, eof);
    if (probe.verdict === undefined) return 'more';
    if (probe.verdict === 'stream') return startStream();
    mode = 'lines';
    const buf = concat(pending, pendingBytes);
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
            const d = decide(chunk.data, chunk.eof, chunk.bytesTotal > 0 ? chunk.bytesTotal : chunk.bytesRead);
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
