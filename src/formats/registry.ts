// The registry of telemetry formats: sniff the head of a file by priority (magic bytes, then JSON keys,
// then text patterns), then stream-parse with the parser that claimed it; gzip is unwrapped first.

import type { ImportError, Result } from '../model/errors';
import type { Chunk, ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { csvFormat } from './csv';
import { openMetricsFormat } from './openmetrics';
import { prometheusTextFormat } from './prometheus-text';
import { replaySource } from './sources';
import { gunzipSource, isGzip } from './gzip';
import { prometheusApiFormat } from './prometheus-api-json';
import { otlpMetricsFormat } from './otlp-metrics';
import { otlpTracesFormat } from './otlp-traces';
import { jaegerFormat } from './jaeger';
import { zipkinFormat } from './zipkin';
import { MAX_JSON_DEPTH, tooDeep } from './json-bytes';
import { corruptAt } from './json-select';

/** How many bytes a sniffer sees at most. */
export const SNIFF_BYTES = 64 * 1024;

/** Every format, highest priority first (JSON keys > text patterns like Prometheus > CSV). */
const formats: readonly FormatParser[] = [
  openMetricsFormat,
  prometheusTextFormat,
  csvFormat,
  prometheusApiFormat,
  otlpMetricsFormat,
  otlpTracesFormat,
  jaegerFormat,
  zipkinFormat,
].sort((a, b) => b.priority - a.priority);

/** Names of the formats Faultline reads, for messages and the file picker. */
export function supportedFormats(): string[] {
  return formats.map((f) => f.name);
}

/** The parser whose sniffer claims the head, by priority; undefined when none does. */
export function sniffFormat(head: Uint8Array): FormatParser | undefined {
  return formats.find((f) => f.sniff(head));
}

function concatChunks(chunks: Chunk[]): Uint8Array {
  const out = new Uint8Array(Math.min(SNIFF_BYTES, chunks.reduce((n, c) => n + c.data.length, 0)));
  let at = 0;
  for (const c of chunks) {
    if (at >= out.length) break;
    const part = c.data.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const isBom = (b: Uint8Array): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** True when the bytes are only a UTF-8 BOM and whitespace. */
function isBlank(bytes: Uint8Array): boolean {
  const from = isBom(bytes) ? 3 : 0;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i];
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

function unknownFormat(file: string): ImportError {
  const supported = supportedFormats();
  return {
    kind: 'unknown-format',
    file,
    supported,
    message: `${file}: not a format Faultline reads (supported: ${supported.join(', ')})`,
  };
}

/** Reads the head of `src`, sniffs its format and parses it (the head is delivered to the parser again). */
export async function parseSource(src: ChunkSource, opts: ParseOptions = {}): Promise<Result<ParsedFile>> {
  const file = src.name;
  const head: Chunk[] = [];
  let size = 0;
  try {
    for (;;) {
      if (opts.isCancelled?.()) return { ok: false, error: { kind: 'cancelled', file, message: `${file}: import cancelled` } };
      const chunk = await src.readChunk();
      head.push(chunk);
      size += chunk.data.length;
      if (chunk.eof || size >= SNIFF_BYTES) break;
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { kind: 'internal', file, message: `${file}: could not be read: ${why}` } };
  }
  if (size === 0) return { ok: false, error: { kind: 'empty', file, message: `${file}: the file is empty (0 bytes)` } };
  const sniffed = concatChunks(head);
  if (head[head.length - 1].eof && isBlank(sniffed)) {
    return { ok: false, error: { kind: 'empty', file, message: `${file}: the file has only blank lines` } };
  }
  if (isGzip(sniffed)) {
    // Gzip around any format: inflate as a stream, then sniff the inner bytes like any file.
    const inflated = gunzipSource(replaySource(head, src));
    const result = await parseSource(inflated, opts);
    const broken = inflated.failure();
    if (!result.ok) return broken ? { ok: false, error: broken } : result;
    return { ok: true, value: { ...result.value, compression: 'gzip' } };
  }
  const parser = sniffFormat(sniffed);
  const deep = /^\s*[[{]/.test(new TextDecoder().decode(sniffed.subarray(isBom(sniffed) ? 3 : 0, 256))) ? tooDeep(sniffed) : -1;
  if (deep >= 0) {
    // Checked before the sniff verdict: a file of brackets names no format's keys but is broken JSON.
    return { ok: false, error: corruptAt(file, `JSON nested at most ${MAX_JSON_DEPTH} levels deep`, { offset: deep }, 'telemetry nests about ten') };
  }
  if (!parser) return { ok: false, error: unknownFormat(file) };
  const result = await parser.parse(replaySource(head, src), opts);
  if (!result.ok && result.error.kind === 'unknown-format') {
    return { ok: false, error: { ...result.error, supported: supportedFormats() } };
  }
  return result;
}
