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

/** When samples the file leaves untimed were taken, as far as the caller knows, and how it knows. */
export interface DefaultSampleTime {
  /** ms since the epoch. */
  ms: number;
  /** Where the time comes from, for the warning: "file modification time", "import time". */
  source: string;
}

export interface ParseOptions {
  onProgress?: (p: ParseProgress) => void;
  /**
   * Time of samples the file gives none (a Prometheus / OpenMetrics scrape saved without timestamps): the
   * file's modification time, or the import time. Without it such samples are dated 1970-01-01 (epoch 0).
   */
  defaultSampleTime?: DefaultSampleTime;
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
