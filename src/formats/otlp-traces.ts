// OTLP/JSON traces: {"resourceSpans"}, {"result":{…}} (Jaeger v2), {"batches"} (Tempo, base64 ids, enum
// names), arrays of requests and JSON Lines whose traces span lines; metrics lines go to the OTLP metrics reader.

import type { ImportError, Result } from '../model/errors';
import { TraceSetBuilder, type SpanEventInput, type SpanRefInput } from '../model/trace-builder';
import { REF_TYPE, UNKNOWN_SERVICE } from '../model/traces';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { corruptAt, readJson, type JsonAt, type JsonValue } from './json-stream';
import { anyValueText, asArray, asObject, enumValue, field, nanosBig, nanosParts, serviceName } from './otlp-common';
import { OtlpMetricsReader } from './otlp-metrics';
import { IdStats, normaliseId } from './trace-ids';
import { keyValuePairs, sizingProgress, wrongAt } from './trace-json';

const PATHS = ['$.resourceSpans.*', '$.*.resourceSpans.*', '$.batches.*', '$.*.batches.*', '$.resourceMetrics.*', '$.*.resourceMetrics.*', '$.resourceLogs.*', '$.*.resourceLogs.*'];
const METRICS_SELECTOR = 4;
const LOGS_SELECTOR = 6;

const KIND_NAMES = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'] as const;
const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

/** A JSON object / array (or JSON Lines) naming resourceSpans, or Tempo batches with scope spans. */
export function sniffOtlpTraces(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head);
  if (!/^\uFEFF?\s*[[{]/.test(text)) return false;
  return /"resourceSpans"\s*:/.test(text) || (/"batches"\s*:/.test(text) && /"(scopeSpans|instrumentationLibrarySpans)"\s*:/.test(text));
}

/** OTLP kind (0–5) → SPAN_KIND code (UNSPECIFIED reads as internal). */
function kindCode(k: number | undefined): number {
  return k !== undefined && k >= 1 && k <= 5 ? k - 1 : 0;
}

function attributePairs(v: JsonValue | undefined): [string, string][] {
  return keyValuePairs(v, anyValueText);
}

/** Reads `resourceSpans` items into a TraceSetBuilder; reusable by any reader that meets OTLP spans. */
export class OtlpTraceReader {
  readonly builder = new TraceSetBuilder();
  readonly ids = new IdStats();
  readonly metrics: OtlpMetricsReader;
  logs = 0;
  resourceSpans = 0;

  constructor(readonly file: string) {
    this.metrics = new OtlpMetricsReader(file);
  }

  /** One emitted value of the JSON reader (selectors as in PATHS). */
  value(v: JsonValue, at: JsonAt): ImportError | void {
    if (at.selector >= LOGS_SELECTOR) {
      this.logs++;
      return;
    }
    if (at.selector >= METRICS_SELECTOR) {
      this.metrics.requests.add(at.document);
      return this.metrics.resourceMetrics(v, at);
    }
    this.resourceSpans++;
    return this.read(v, at);
  }

  private wrong(at: JsonAt, where: string, expected: string, found?: JsonValue): ImportError {
    return wrongAt(this.file, at, where, expected, found);
  }

  private read(v: JsonValue, at: JsonAt): ImportError | void {
    const rs = asObject(v);
    if (!rs) return this.wrong(at, '', 'a ResourceSpans object', v);
    const service = serviceName(rs.resource) ?? UNKNOWN_SERVICE;
    const scopes = field(rs, 'scopeSpans', 'instrumentationLibrarySpans') ?? [];
    const scopeList = asArray(scopes);
    if (!scopeList) return this.wrong(at, '.scopeSpans', 'an array of ScopeSpans', scopes);
    for (let s = 0; s < scopeList.length; s++) {
      const ss = asObject(scopeList[s]);
      if (!ss) return this.wrong(at, `.scopeSpans[${s}]`, 'a ScopeSpans object', scopeList[s]);
      const scope = asObject(field(ss, 'scope', 'instrumentationLibrary'));
      const scopeAttrs: [string, string][] = [];
      if (scope && typeof scope.name === 'string' && scope.name) scopeAttrs.push(['otel.scope.name', scope.name]);
      if (scope && typeof scope.version === 'string' && scope.version) scopeAttrs.push(['otel.scope.version', scope.version]);
      const spans = ss.spans === undefined ? [] : asArray(ss.spans);
      if (!spans) return this.wrong(at, `.scopeSpans[${s}].spans`, 'an array of Span', ss.spans);
      for (let i = 0; i < spans.length; i++) {
        const stop = this.span(spans[i], service, scopeAttrs, at, () => `.scopeSpans[${s}].spans[${i}]`);
        if (stop) return stop;
      }
    }
  }

  /** `where` is built only for an error message (not a string per span). */
  private span(v: JsonValue, service: string, scopeAttrs: [string, string][], at: JsonAt, where: () => string): ImportError | void {
    const span = asObject(v);
    if (!span) return this.wrong(at, where(), 'a Span object', v);
    const traceId = normaliseId(span.traceId);
    const spanId = normaliseId(span.spanId);
    if (!traceId || !spanId) {
      this.ids.missing++;
      return;
    }
    const start = nanosParts(span.startTimeUnixNano);
    if (start === undefined) return this.wrong(at, `${where()}.startTimeUnixNano`, 'nanoseconds since the epoch as a decimal string', span.startTimeUnixNano);
    const end = nanosParts(span.endTimeUnixNano);
    if (end === undefined) return this.wrong(at, `${where()}.endTimeUnixNano`, 'nanoseconds since the epoch as a decimal string', span.endTimeUnixNano);
    // Exact: whole µs as written; the duration keeps the ns as a fraction of a µs (integer ns while below
    // 2^53, else through BigInt so it is rounded once, like end − start in ns).
    const wholeUs = end[0] - start[0];
    const duration = Math.abs(wholeUs) < 9e12 && start[0] <= Number.MAX_SAFE_INTEGER && end[0] <= Number.MAX_SAFE_INTEGER ? (wholeUs * 1000 + end[1] - start[1]) / 1000 : Number(nanosBig(span.endTimeUnixNano)! - nanosBig(span.startTimeUnixNano)!) / 1000;
    if (span.name !== undefined && typeof span.name !== 'string') return this.wrong(at, `${where()}.name`, 'a string', span.name);
    const parent = normaliseId(span.parentSpanId);
    const status = asObject(span.status);
    const code = enumValue(status?.code, STATUS_NAMES) ?? 0;
    const events: SpanEventInput[] = [];
    for (const item of asArray(span.events) ?? []) {
      const e = asObject(item);
      if (!e) continue;
      const t = nanosBig(e.timeUnixNano);
      events.push({ time: t === undefined ? NaN : Number(t / 1000n), name: typeof e.name === 'string' ? e.name : '', attributes: attributePairs(e.attributes) });
    }
    const refs: SpanRefInput[] = [];
    for (const item of asArray(span.links) ?? []) {
      const l = asObject(item);
      const lt = l && normaliseId(l.traceId);
      const ls = l && normaliseId(l.spanId);
      if (lt && ls) refs.push({ type: REF_TYPE.followsFrom, traceId: this.ids.note(lt), spanId: this.ids.note(ls) });
    }
    const attributes = asArray(span.attributes);
    if (attributes) {
      for (let a = 0; a < attributes.length; a++) {
        const kv = asObject(attributes[a]);
        if (kv && typeof kv.key === 'string') this.builder.attribute(kv.key, anyValueText(kv.value));
      }
    }
    this.builder.addSpan({
      traceId: this.ids.note(traceId),
      spanId: this.ids.note(spanId),
      parentSpanId: parent ? this.ids.note(parent) : undefined,
      service,
      operation: typeof span.name === 'string' ? span.name : '',
      start: start[0],
      duration,
      status: code >= 0 && code <= 2 ? code : 0,
      kind: kindCode(enumValue(span.kind, KIND_NAMES)),
      statusMessage: typeof status?.message === 'string' ? status.message : undefined,
      attributes: scopeAttrs,
      events,
      refs,
    });
  }

  notes(): string[] {
    const out = this.ids.warnings('traceId / spanId');
    if (this.logs) out.push(`${this.logs} resourceLogs item${this.logs === 1 ? '' : 's'} (logs in the same file) ${this.logs === 1 ? 'was' : 'were'} skipped: Faultline does not import logs.`);
    return out;
  }
}

/** Parses OTLP/JSON traces (and metrics lines in the same file) from a source; never throws. */
export async function parseOtlpTraces(src: ChunkSource, opts: ParseOptions = {}): Promise<Result<ParsedFile>> {
  const file = src.name;
  const reader = new OtlpTraceReader(file);
  const read = await readJson(src, (v, at) => reader.value(v, at), { ...opts, onProgress: sizingProgress(reader.builder, opts), paths: PATHS, phase: 'reading OTLP traces' });
  if (!read.ok) return read;
  if (reader.resourceSpans === 0 && reader.metrics.requests.size === 0) {
    return { ok: false, error: corruptAt(file, 'an OTLP traces request {"resourceSpans":[…]} (one per line for JSON Lines)', { offset: 0 }) };
  }
  const { set, warnings } = reader.builder.finish();
  const metrics = reader.metrics.requests.size ? reader.metrics.set.finish() : { series: [], warnings: [] };
  if (set.spanCount === 0 && metrics.series.length === 0) return { ok: false, error: { kind: 'empty', file, message: `${file}: the OTLP file has no spans` } };
  const notes = [...reader.notes(), ...warnings];
  if (reader.metrics.requests.size) notes.push(`${reader.metrics.requests.size} line${reader.metrics.requests.size === 1 ? '' : 's'} held OTLP metrics: read as ${metrics.series.length} series beside the traces.`, ...reader.metrics.notes().filter((n) => !n.includes('resourceSpans')), ...metrics.warnings);
  return { ok: true, value: { format: 'otlp-traces', series: metrics.series, warnings: notes, traces: set } };
}

export const otlpTracesFormat: FormatParser = {
  id: 'otlp-traces',
  name: 'OTLP/JSON traces (request, JSON Lines, Jaeger v2 or Tempo)',
  priority: 55,
  sniff: sniffOtlpTraces,
  parse: parseOtlpTraces,
};
