// The contract every telemetry format implements: sniff the head of a file, then stream-parse
// chunks into the columnar model. Sources are read through one readChunk() interface.

import type { Compression, Series, TimeEncoding } from '../model/series';
import type { Result } from '../model/errors';
import type { TraceSet } from '../model/traces';

export interface Chunk {
  data: Uint8Array;
  /** Cumulative bytes read so far, including this chunk. */
  bytesRead: number;
  /** Total bytes, or 0 when unknown. */
  bytesTotal: number;
  eof: boolean;
}

/** One pull-based source of bytes; the consumer awaits each chunk (back-pressure). */
export interface ChunkSource {
  readonly name: string;
  readChunk(): Promise<Chunk>;
}

export interface ParsedFile {
  /** The format of the (decompressed) content, e.g. "otlp-traces"; unchanged by compression. */
  format: string;
  /** Set when the file was compressed and Faultline decompressed it before parsing. */
  compression?: Compression;
  timeEncoding?: TimeEncoding;
  series: Series[];
  warnings: string[];
  /** Spans, for trace formats (OTLP traces, Jaeger, Zipkin); absent for metric-only files. */
  traces?: TraceSet;
}

export interface ParseProgress {
  bytesRead: number;
  bytesTotal: number;
  phase: string;
}

export interface ParseOptions {
  onProgress?: (p: ParseProgress) => void;
  /** Checked between chunks; when it returns true the parse stops with a 'cancelled' error. */
  isCancelled?: () => boolean;
}

export interface FormatParser {
  id: string;
  /** Human name shown to the user, e.g. "CSV time series". */
  name: string;
  /** Higher is tried first. */
  priority: number;
  /** True when the first bytes (up to 64 KiB) look like this format. */
  sniff(head: Uint8Array): boolean;
  parse(src: ChunkSource, opts?: ParseOptions): Promise<Result<ParsedFile>>;
}
