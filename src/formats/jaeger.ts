// Jaeger JSON (query API / UI model): {data:[…]} envelopes, bare trace objects, arrays of traces and arrays
// of spans with an inline process; CHILD_OF / FOLLOWS_FROM references; error from the `error` or OTel tags.

import type { ImportError, Result } from '../model/errors';
import { TraceSetBuilder, type SpanEventInput, type SpanRefInput } from '../model/trace-builder';
import { REF_TYPE, SPAN_KIND, SPAN_STATUS } from '../model/traces';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { corruptAt, readJson, type JsonAt, type JsonObject, type JsonValue } from './json-stream';
import { asArray, asObject } from './otlp-common';
import { IdStats, normaliseId, valueText } from './trace-ids';
import { keyValuePairs, micros, peekFirstChar, sizingProgress, sniffJsonKeys, wrongAt } from './trace-json';

/** Selectors for a top-level object ({data:[…]}, {data:{…}}, a bare trace) and for a top-level array. */
const OBJECT_PATHS = ['$.data.*.spans.*', '$.data.*.processes', '$.data.spans.*', '$.data.processes', '$.spans.*', '$.processes'];
const ARRAY_PATHS = ['$.*'];

/** Jaeger's capitalised ids: "traceID" with "spanID" (OTLP and Zipkin write "traceId"). */
export function sniffJaeger(head: Uint8Array): boolean {
  return sniffJsonKeys(head, '{[', ['traceID', 'spanID']);
}

const KINDS: Record<string, number> = { server: SPAN_KIND.server, client: SPAN_KIND.client, producer: SPAN_KIND.producer, consumer: SPAN_KIND.consumer, internal: SPAN_KIND.internal };

function tagPairs(v: JsonValue | undefined): [string, string][] {
  return keyValuePairs(v, valueText);
}

/** Reads Jaeger spans; services come from per-trace `processes` maps that may follow the spans. */
export class JaegerReader {
  readonly builder = new TraceSetBuilder();
  readonly ids = new IdStats();
  /** scope → processID → service name (kept only while the trace is read: a trace object is contiguous). */
  private readonly processes = new Map<string, Map<string, string>>();
  /** The trace being read, and its spans waiting for its processes (rows, processIDs). */
  private open = '';
  private readonly waitingRows: number[] = [];
  private readonly waitingIds: string[] = [];
  /** Spans whose processID their trace's processes do not name. */
  private missing = 0;
  spans = 0;

  constructor(readonly file: string, private readonly array: boolean) {}

  private wrong(at: JsonAt, where: string, expected: string, found?: JsonValue): ImportError {
    return wrongAt(this.file, at, where, expected, found);
  }

  value(v: JsonValue, at: JsonAt): ImportError | void {
    if (this.array) {
      const o = asObject(v);
      if (!o) return this.wrong(at, '', 'a Jaeger trace or span object', v);
      const scope = `${at.document}/${at.path.join('/')}`;
      if (o.spans !== undefined) return this.trace(o, scope, at);
      return this.span(o, scope, at, '');
    }
    // Selector pairs (spans, processes); the scope is the trace the path is in.
    const scope = this.scopeOf(at, at.selector < 2 ? 2 : at.selector < 4 ? 1 : 0);
    if (at.selector % 2 === 1) return this.processMap(v, scope, at);
    return this.span(v, scope, at, '');
  }

  private last = { document: -1, depth: -1, a: undefined as string | number | undefined, b: undefined as string | number | undefined, scope: '' };

  /** "document/first `depth` path keys": the trace a value is in (the last one kept: spans of a trace come together). */
  private scopeOf(at: JsonAt, depth: number): string {
    const l = this.last;
    const a = at.path[0];
    const b = depth > 1 ? at.path[1] : undefined;
    if (l.document !== at.document || l.depth !== depth || l.a !== a || l.b !== b) {
      this.last = { document: at.document, depth, a, b, scope: `${at.document}/${at.path.slice(0, depth).join('/')}` };
    }
    return this.last.scope;
  }

  private trace(o: JsonObject, scope: string, at: JsonAt): ImportError | void {
    if (o.processes !== undefined) {
      const stop = this.processMap(o.processes, scope, at, '.processes');
      if (stop) return stop;
    }
    const spans = asArray(o.spans);
    if (!spans) return this.wrong(at, '.spans', 'an array of spans', o.spans);
    for (let i = 0; i < spans.length; i++) {
      const stop = this.span(spans[i], scope, at, `.spans[${i}]`);
      if (stop) return stop;
    }
  }

  private processMap(v: JsonValue, scope: string, at: JsonAt, where = ''): ImportError | void {
    const map = asObject(v);
    if (!map) return this.wrong(at, where, 'a "processes" object', v);
    this.enter(scope);
    const names = this.processes.get(scope) ?? new Map<string, string>();
    for (const [id, p] of Object.entries(map)) {
      const name = asObject(p)?.serviceName;
      names.set(id, typeof name === 'string' ? name : '');
    }
    this.processes.set(scope, names);
  }

  private span(v: JsonValue, scope: string, at: JsonAt, where: string): ImportError | void {
    const s = asObject(v);
    if (!s) return this.wrong(at, where, 'a Jaeger span object', v);
    this.enter(scope);
    const traceId = normaliseId(s.traceID);
    const spanId = normaliseId(s.spanID);
    if (!traceId || !spanId) {
      this.ids.missing++;
      return;
    }
    const start = micros(s.startTime);
    if (start === undefined) return this.wrong(at, `${where}.startTime`, 'µs since the epoch as a number', s.startTime);
    const duration = s.duration === undefined ? 0 : micros(s.duration);
    if (duration === undefined) return this.wrong(at, `${where}.duration`, 'a duration in µs as a number', s.duration);
    const trace = this.ids.note(traceId);
    let parent: string | undefined;
    const refs: SpanRefInput[] = [];
    for (const item of asArray(s.references) ?? []) {
      const r = asObject(item);
      const rt = r && normaliseId(r.traceID);
      const rs = r && normaliseId(r.spanID);
      if (!r || !rt || !rs) continue;
      const childOf = r.refType !== 'FOLLOWS_FROM';
      // The first CHILD_OF into the same trace is the parent; every other reference is kept as a link.
      if (childOf && parent === undefined && rt.id === trace) parent = this.ids.note(rs);
      else refs.push({ type: childOf ? REF_TYPE.childOf : REF_TYPE.followsFrom, traceId: this.ids.note(rt), spanId: this.ids.note(rs) });
    }
    if (parent === undefined) {
      const p = normaliseId(s.parentSpanID);
      if (p && !/^0+$/.test(p.id)) parent = this.ids.note(p);
    }
    let status: number = SPAN_STATUS.unset;
    let kind: number = SPAN_KIND.internal;
    let statusMessage: string | undefined;
    // Tags go to the builder as they are read (no pair per tag); the span is added below in every case.
    const tags = asArray(s.tags) ?? [];
    for (let t = 0; t < tags.length; t++) {
      const tag = asObject(tags[t]);
      if (!tag || typeof tag.key !== 'string') continue;
      const k = tag.key;
      const val = valueText(tag.value);
      this.builder.attribute(k, val);
      if (k === 'error' && val.toLowerCase() === 'true') status = SPAN_STATUS.error;
      else if (k === 'otel.status_code' && val.toUpperCase() === 'ERROR') status = SPAN_STATUS.error;
      else if (k === 'otel.status_code' && val.toUpperCase() === 'OK' && status === SPAN_STATUS.unset) status = SPAN_STATUS.ok;
      else if (k === 'otel.status_description' && val) statusMessage = val;
      else if (k === 'span.kind' && KINDS[val.toLowerCase()] !== undefined) kind = KINDS[val.toLowerCase()];
    }
    const events: SpanEventInput[] = [];
    for (const item of asArray(s.logs) ?? []) {
      const log = asObject(item);
      if (!log) continue;
      const fields = tagPairs(log.fields);
      const named = fields.findIndex(([k]) => k === 'event');
      events.push({ time: micros(log.timestamp) ?? NaN, name: named >= 0 ? fields[named][1] : 'log', attributes: fields.filter((_, i) => i !== named) });
    }
    const inline = asObject(s.process);
    const inlineName = inline && typeof inline.serviceName === 'string' ? inline.serviceName : undefined;
    const row = this.builder.addSpan({
      traceId: trace,
      spanId: this.ids.note(spanId),
      parentSpanId: parent,
      service: inlineName,
      operation: typeof s.operationName === 'string' ? s.operationName : '',
      start,
      duration,
      status,
      kind,
      statusMessage,
      events,
      refs,
    });
    this.spans++;
    if (inlineName === undefined && typeof s.processID === 'string') {
      this.waitingRows.push(row);
      this.waitingIds.push(s.processID);
    }
  }

  /** A value of trace `scope` is read: the trace before it is complete and its spans get their services. */
  private enter(scope: string): void {
    if (scope === this.open) return;
    this.settle();
    this.open = scope;
  }

  private settle(): void {
    const names = this.processes.get(this.open);
    for (let i = 0; i < this.waitingRows.length; i++) {
      const name = names?.get(this.waitingIds[i]);
      if (name === undefined) this.missing++;
      else this.builder.setService(this.waitingRows[i], name);
    }
    this.waitingRows.length = 0;
    this.waitingIds.length = 0;
    this.processes.delete(this.open);
  }

  /** Gives the last trace's spans their services; returns how many spans named a process not found. */
  resolveServices(): number {
    this.settle();
    this.open = '';
    return this.missing;
  }
}

/** Parses Jaeger JSON from a source; never throws. */
export async function parseJaeger(source: ChunkSource, opts: ParseOptions = {}): Promise<Result<ParsedFile>> {
  const file = source.name;
  const { first, src } = await peekFirstChar(source);
  const reader = new JaegerReader(file, first === '[');
  const read = await readJson(src, (v, at) => reader.value(v, at), { ...opts, onProgress: sizingProgress(reader.builder, opts), paths: first === '[' ? ARRAY_PATHS : OBJECT_PATHS, phase: 'reading Jaeger JSON' });
  if (!read.ok) return read;
  if (reader.spans === 0 && reader.ids.missing === 0) {
    return { ok: false, error: corruptAt(file, 'Jaeger traces ({"data":[{"traceID","spans","processes"}]}, a trace object, or an array of traces or spans)', { offset: 0 }) };
  }
  const missing = reader.resolveServices();
  const { set, warnings } = reader.builder.finish();
  if (set.spanCount === 0) return { ok: false, error: { kind: 'empty', file, message: `${file}: the Jaeger file has no span with a traceID and spanID` } };
  const notes = reader.ids.warnings('traceID / spanID');
  if (missing) notes.push(`${missing} span${missing === 1 ? ' names' : 's name'} a processID missing from "processes": service shown as unknown_service.`);
  return { ok: true, value: { format: 'jaeger', series: [], warnings: [...notes, ...warnings], traces: set } };
}

export const jaegerFormat: FormatParser = {
  id: 'jaeger',
  name: 'Jaeger JSON (UI download or query API)',
  priority: 54,
  sniff: sniffJaeger,
  parse: parseJaeger,
};
