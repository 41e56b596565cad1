// Zipkin v2 JSON: an array of spans (one trace) or an array of traces (arrays of spans); client/server
// halves may share a span id; any `error` tag (even "") marks a failed span; times are µs.

import type { ImportError, Result } from '../model/errors';
import { TraceSetBuilder, type SpanEventInput } from '../model/trace-builder';
import { SPAN_KIND, SPAN_STATUS } from '../model/traces';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { corruptAt, readJson, type JsonAt, type JsonValue } from './json-stream';
import { asArray, asObject } from './otlp-common';
import { IdStats, normaliseId, valueText, type NormalisedId } from './trace-ids';
import { micros, peekFirstChar, sizingProgress, sniffJsonKeys, wrongAt } from './trace-json';

const KINDS: Record<string, number> = { SERVER: SPAN_KIND.server, CLIENT: SPAN_KIND.client, PRODUCER: SPAN_KIND.producer, CONSUMER: SPAN_KIND.consumer };

/** An array whose spans name "traceId" and "id" (OTLP names "spanId", Jaeger "traceID"). */
export function sniffZipkin(head: Uint8Array): boolean {
  return sniffJsonKeys(head, '[', ['traceId', 'id'], ['spanId', 'resourceSpans']);
}

/** Zipkin ids: a 128-bit id whose high half is zero is its 64-bit low half (zipkin-lens normalizeTraceId). */
function zipkinId(n: NormalisedId | undefined): NormalisedId | undefined {
  if (n && n.id.length === 32 && n.id.startsWith('0000000000000000')) return { ...n, id: n.id.slice(16) };
  return n;
}

export class ZipkinReader {
  readonly builder = new TraceSetBuilder();
  readonly ids = new IdStats();
  spans = 0;

  constructor(readonly file: string) {}

  private wrong(at: JsonAt, where: string, expected: string, found?: JsonValue): ImportError {
    return wrongAt(this.file, at, where, expected, found);
  }

  /** One item of the top-level array: a span, or a trace (array of spans). */
  value(v: JsonValue, at: JsonAt): ImportError | void {
    const trace = asArray(v);
    if (!trace) return this.span(v, at, () => '');
    for (let i = 0; i < trace.length; i++) {
      const stop = this.span(trace[i], at, () => `[${i}]`);
      if (stop) return stop;
    }
  }

  /** `where` is built only for an error message (not a string per span). */
  private span(v: JsonValue, at: JsonAt, where: () => string): ImportError | void {
    const s = asObject(v);
    if (!s) return this.wrong(at, where(), 'a Zipkin span object', v);
    const traceId = zipkinId(normaliseId(s.traceId));
    const spanId = normaliseId(s.id);
    if (!traceId || !spanId) {
      this.ids.missing++;
      return;
    }
    const start = s.timestamp === undefined ? NaN : micros(s.timestamp);
    if (start === undefined) return this.wrong(at, `${where()}.timestamp`, 'µs since the epoch as a number', s.timestamp);
    const duration = s.duration === undefined ? 0 : micros(s.duration);
    if (duration === undefined) return this.wrong(at, `${where()}.duration`, 'a duration in µs as a number', s.duration);
    const id = this.ids.note(spanId);
    const parentId = normaliseId(s.parentId);
    // A span naming itself as parent has none (zipkin-lens span-cleaner).
    const parent = parentId && parentId.id !== id ? this.ids.note(parentId) : undefined;
    const tags = asObject(s.tags);
    const attributes: [string, string][] = [];
    const remote = asObject(s.remoteEndpoint)?.serviceName;
    if (typeof remote === 'string' && remote) attributes.push(['remoteEndpoint.serviceName', remote]);
    if (s.shared === true) attributes.push(['shared', 'true']);
    const failed = tags !== undefined && Object.prototype.hasOwnProperty.call(tags, 'error');
    const events: SpanEventInput[] = [];
    for (const item of asArray(s.annotations) ?? []) {
      const a = asObject(item);
      if (a) events.push({ time: micros(a.timestamp) ?? NaN, name: valueText(a.value) });
    }
    const service = asObject(s.localEndpoint)?.serviceName;
    const message = failed ? valueText(tags?.error) : '';
    // Tags go to the builder as they are read; the endpoint and shared notes follow them.
    if (tags) for (const k in tags) this.builder.attribute(k, valueText(tags[k]));
    this.builder.addSpan({
      traceId: this.ids.note(traceId),
      spanId: id,
      parentSpanId: parent,
      service: typeof service === 'string' ? service : '',
      operation: typeof s.name === 'string' ? s.name : '',
      start,
      duration,
      status: failed ? SPAN_STATUS.error : SPAN_STATUS.unset,
      kind: typeof s.kind === 'string' ? (KINDS[s.kind.toUpperCase()] ?? SPAN_KIND.internal) : SPAN_KIND.internal,
      statusMessage: message || undefined,
      attributes,
      events,
    });
    this.spans++;
  }
}

/** Parses Zipkin v2 JSON from a source; never throws. */
export async function parseZipkin(source: ChunkSource, opts: ParseOptions = {}): Promise<Result<ParsedFile>> {
  const file = source.name;
  const { first, src } = await peekFirstChar(source);
  if (first !== '[') return { ok: false, error: corruptAt(file, 'a JSON array of Zipkin spans (or of traces)', { offset: 0 }, first ? `found ${JSON.stringify(first)}` : undefined) };
  const reader = new ZipkinReader(file);
  const read = await readJson(src, (v, at) => reader.value(v, at), { ...opts, onProgress: sizingProgress(reader.builder, opts), paths: ['$.*'], phase: 'reading Zipkin JSON' });
  if (!read.ok) return read;
  const { set, warnings } = reader.builder.finish();
  if (set.spanCount === 0) return { ok: false, error: { kind: 'empty', file, message: `${file}: the Zipkin file has no span with a traceId and id` } };
  const notes = reader.ids.warnings('traceId / id');
  return { ok: true, value: { format: 'zipkin', series: [], warnings: [...notes, ...warnings], traces: set } };
}

export const zipkinFormat: FormatParser = {
  id: 'zipkin',
  name: 'Zipkin v2 JSON (array of spans or of traces)',
  priority: 53,
  sniff: sniffZipkin,
  parse: parseZipkin,
};
