// The columnar trace model: a TraceSet holds interned string tables (trace ids, span ids, services,
// operations) and one typed column per span field (start/duration in µs), plus links and span details.

/** Span status codes stored in `TraceSet.status`. */
export const SPAN_STATUS = { unset: 0, ok: 1, error: 2 } as const;
export type SpanStatusName = keyof typeof SPAN_STATUS;
export const SPAN_STATUS_NAMES: readonly SpanStatusName[] = ['unset', 'ok', 'error'];

/** Span kinds stored in `TraceSet.kind` (OTLP UNSPECIFIED and Zipkin "no kind" are internal). */
export const SPAN_KIND = { internal: 0, server: 1, client: 2, producer: 3, consumer: 4 } as const;
export type SpanKindName = keyof typeof SPAN_KIND;
export const SPAN_KIND_NAMES: readonly SpanKindName[] = ['internal', 'server', 'client', 'producer', 'consumer'];

/** Reference types stored in `TraceLinks.type` (Jaeger words; OTLP links are FOLLOWS_FROM). */
export const REF_TYPE = { childOf: 0, followsFrom: 1 } as const;
export const REF_TYPE_NAMES = ['CHILD_OF', 'FOLLOWS_FROM'] as const;

/** Service name given to spans whose file names none (visible, never dropped). */
export const UNKNOWN_SERVICE = 'unknown_service';

/**
 * References of spans other than their parent: OTLP links, Jaeger FOLLOWS_FROM and extra CHILD_OF
 * references. One row per reference; `target` is the referenced span's row, or -1 when not in the set.
 */
export interface TraceLinks {
  /** Row of the span that holds the reference. */
  span: Uint32Array;
  type: Uint8Array;
  /** Interned ids of the referenced span (may name a trace or span not in the file). */
  traceIdx: Uint32Array;
  spanIdx: Uint32Array;
  target: Int32Array;
}

/**
 * Attributes and events of every span for the detail view, as offsets into flat columns: span r's
 * attributes are rows attrOffsets[r] … attrOffsets[r+1]-1 of attrKey/attrValue (indices into `strings`).
 */
export interface SpanDetails {
  strings: string[];
  attrOffsets: Uint32Array;
  attrKey: Uint32Array;
  attrValue: Uint32Array;
  /** Span r's events are rows eventOffsets[r] … eventOffsets[r+1]-1. */
  eventOffsets: Uint32Array;
  /** Event time, µs since the epoch. */
  eventTime: Float64Array;
  eventName: Uint32Array;
  /** Event e's attributes are rows eventAttrOffsets[e] … eventAttrOffsets[e+1]-1. */
  eventAttrOffsets: Uint32Array;
  eventAttrKey: Uint32Array;
  eventAttrValue: Uint32Array;
  /** Status message (index into `strings`), -1 when none. */
  statusMessage: Int32Array;
}

/** Spans of one or more traces, one row per span. */
export interface TraceSet {
  /** Lower-case hex ids, each once; also the ids links point to, so traces with spans can be fewer. */
  traceIds: string[];
  spanIds: string[];
  services: string[];
  operations: string[];
  spanCount: number;
  traceIdx: Uint32Array;
  spanIdx: Uint32Array;
  /** Row of the parent span in this set, -1 for a root or an orphan. */
  parentIdx: Int32Array;
  /** Interned id of the parent span the file declares, -1 when it declares none (orphans keep theirs). */
  parentSpanIdx: Int32Array;
  serviceIdx: Uint32Array;
  operationIdx: Uint32Array;
  /** Start, µs since the Unix epoch (NaN when the file gives none). */
  start: Float64Array;
  /** Duration, µs (may be fractional: OTLP nanoseconds are kept). */
  duration: Float64Array;
  /** SPAN_STATUS code. */
  status: Uint8Array;
  /** SPAN_KIND code. */
  kind: Uint8Array;
  links: TraceLinks;
  details: SpanDetails;
}

/** Counts shown for a trace dataset. */
export interface TraceSummary {
  /** Traces with at least one span in the set. */
  traceCount: number;
  spanCount: number;
  services: string[];
  errorSpanCount: number;
  /** Earliest span start and latest span end, µs; NaN when no span has a time. */
  startMicros: number;
  endMicros: number;
}

export function summarizeTraces(set: TraceSet): TraceSummary {
  let errors = 0;
  const traces = new Uint8Array(set.traceIds.length);
  let traceCount = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < set.spanCount; i++) {
    if (set.status[i] === SPAN_STATUS.error) errors++;
    if (!traces[set.traceIdx[i]]) {
      traces[set.traceIdx[i]] = 1;
      traceCount++;
    }
    const s = set.start[i];
    if (!Number.isFinite(s)) continue;
    const e = s + Math.max(0, Number.isFinite(set.duration[i]) ? set.duration[i] : 0);
    if (s < lo) lo = s;
    if (e > hi) hi = e;
  }
  return {
    traceCount,
    spanCount: set.spanCount,
    services: [...set.services],
    errorSpanCount: errors,
    startMicros: lo === Infinity ? NaN : lo,
    endMicros: hi === -Infinity ? NaN : hi,
  };
}

/** Attributes of span `row` as [key, value] pairs. */
export function spanAttributes(set: TraceSet, row: number): [string, string][] {
  const d = set.details;
  const out: [string, string][] = [];
  for (let a = d.attrOffsets[row]; a < d.attrOffsets[row + 1]; a++) out.push([d.strings[d.attrKey[a]], d.strings[d.attrValue[a]]]);
  return out;
}

export interface SpanEvent {
  time: number;
  name: string;
  attributes: [string, string][];
}

/** Events (OTLP events, Jaeger logs, Zipkin annotations) of span `row`. */
export function spanEvents(set: TraceSet, row: number): SpanEvent[] {
  const d = set.details;
  const out: SpanEvent[] = [];
  for (let e = d.eventOffsets[row]; e < d.eventOffsets[row + 1]; e++) {
    const attributes: [string, string][] = [];
    for (let a = d.eventAttrOffsets[e]; a < d.eventAttrOffsets[e + 1]; a++) attributes.push([d.strings[d.eventAttrKey[a]], d.strings[d.eventAttrValue[a]]]);
    out.push({ time: d.eventTime[e], name: d.strings[d.eventName[e]], attributes });
  }
  return out;
}

/** A column of a TraceSet as stored: a typed array or a string table. */
export type TraceColumn = Uint8Array | Uint32Array | Int32Array | Float64Array | string[];

/** Every column of a TraceSet by a stable name (storage writes and reads them in this order). */
export const TRACE_COLUMNS = [
  'traceIds', 'spanIds', 'services', 'operations',
  'traceIdx', 'spanIdx', 'parentIdx', 'parentSpanIdx', 'serviceIdx', 'operationIdx', 'start', 'duration', 'status', 'kind',
  'links.span', 'links.type', 'links.traceIdx', 'links.spanIdx', 'links.target',
  'details.strings', 'details.attrOffsets', 'details.attrKey', 'details.attrValue', 'details.eventOffsets', 'details.eventTime',
  'details.eventName', 'details.eventAttrOffsets', 'details.eventAttrKey', 'details.eventAttrValue', 'details.statusMessage',
] as const;
export type TraceColumnName = (typeof TRACE_COLUMNS)[number];

/** The columns of `set` by name (views of the set's own arrays, no copies). */
export function traceColumns(set: TraceSet): Record<TraceColumnName, TraceColumn> {
  const { links: l, details: d } = set;
  return {
    traceIds: set.traceIds, spanIds: set.spanIds, services: set.services, operations: set.operations,
    traceIdx: set.traceIdx, spanIdx: set.spanIdx, parentIdx: set.parentIdx, parentSpanIdx: set.parentSpanIdx,
    serviceIdx: set.serviceIdx, operationIdx: set.operationIdx, start: set.start, duration: set.duration, status: set.status, kind: set.kind,
    'links.span': l.span, 'links.type': l.type, 'links.traceIdx': l.traceIdx, 'links.spanIdx': l.spanIdx, 'links.target': l.target,
    'details.strings': d.strings, 'details.attrOffsets': d.attrOffsets, 'details.attrKey': d.attrKey, 'details.attrValue': d.attrValue,
    'details.eventOffsets': d.eventOffsets, 'details.eventTime': d.eventTime, 'details.eventName': d.eventName,
    'details.eventAttrOffsets': d.eventAttrOffsets, 'details.eventAttrKey': d.eventAttrKey, 'details.eventAttrValue': d.eventAttrValue,
    'details.statusMessage': d.statusMessage,
  };
}

/** Empty column of the right type for `name` (what an absent stored column reads as). */
function emptyColumn(name: TraceColumnName, like: TraceColumn): TraceColumn {
  if (Array.isArray(like)) return [];
  return new (like.constructor as new (n: number) => Exclude<TraceColumn, string[]>)(name.endsWith('Offsets') ? 1 : 0);
}

/**
 * Rebuilds a TraceSet from columns by name; an error message when a column is missing, of the wrong
 * type, or of a length that does not fit the others.
 */
export function traceSetFromColumns(cols: Partial<Record<TraceColumnName, TraceColumn>>): TraceSet | string {
  const shape = traceColumns(emptyTraceSet());
  const get = <T extends TraceColumn>(name: TraceColumnName): T => {
    const c = cols[name] ?? emptyColumn(name, shape[name]);
    const want = shape[name];
    if (Array.isArray(want) ? !Array.isArray(c) : Array.isArray(c) || c.constructor !== want.constructor) throw new Error(`column ${name} has the wrong type`);
    return c as T;
  };
  try {
    const set: TraceSet = {
      traceIds: get('traceIds'), spanIds: get('spanIds'), services: get('services'), operations: get('operations'),
      spanCount: get<Uint32Array>('traceIdx').length,
      traceIdx: get('traceIdx'), spanIdx: get('spanIdx'), parentIdx: get('parentIdx'), parentSpanIdx: get('parentSpanIdx'),
      serviceIdx: get('serviceIdx'), operationIdx: get('operationIdx'), start: get('start'), duration: get('duration'), status: get('status'), kind: get('kind'),
      links: { span: get('links.span'), type: get('links.type'), traceIdx: get('links.traceIdx'), spanIdx: get('links.spanIdx'), target: get('links.target') },
      details: {
        strings: get('details.strings'), attrOffsets: get('details.attrOffsets'), attrKey: get('details.attrKey'), attrValue: get('details.attrValue'),
        eventOffsets: get('details.eventOffsets'), eventTime: get('details.eventTime'), eventName: get('details.eventName'),
        eventAttrOffsets: get('details.eventAttrOffsets'), eventAttrKey: get('details.eventAttrKey'), eventAttrValue: get('details.eventAttrValue'),
        statusMessage: get('details.statusMessage'),
      },
    };
    const problem = checkShape(set);
    return problem ?? set;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** A message when the columns of `set` disagree in length, undefined when they fit. */
export function checkShape(set: TraceSet): string | undefined {
  const n = set.spanCount;
  const perSpan: [string, { length: number }][] = [
    ['spanIdx', set.spanIdx], ['parentIdx', set.parentIdx], ['parentSpanIdx', set.parentSpanIdx], ['serviceIdx', set.serviceIdx],
    ['operationIdx', set.operationIdx], ['start', set.start], ['duration', set.duration], ['status', set.status], ['kind', set.kind],
    ['details.statusMessage', set.details.statusMessage],
  ];
  for (const [name, c] of perSpan) if (c.length !== n) return `column ${name} has ${c.length} rows, not ${n}`;
  const l = set.links;
  for (const c of [l.type, l.traceIdx, l.spanIdx, l.target]) if (c.length !== l.span.length) return 'link columns differ in length';
  const d = set.details;
  if (d.attrOffsets.length !== n + 1 || d.eventOffsets.length !== n + 1) return 'detail offsets do not fit the span count';
  if (d.attrKey.length !== d.attrValue.length || d.attrOffsets[n] !== d.attrKey.length) return 'attribute columns do not fit their offsets';
  const events = d.eventTime.length;
  if (d.eventName.length !== events || d.eventOffsets[n] !== events || d.eventAttrOffsets.length !== events + 1) return 'event columns do not fit their offsets';
  if (d.eventAttrOffsets[events] !== d.eventAttrKey.length || d.eventAttrKey.length !== d.eventAttrValue.length) return 'event attribute columns do not fit their offsets';
  return undefined;
}

export function emptyTraceSet(): TraceSet {
  return {
    traceIds: [], spanIds: [], services: [], operations: [], spanCount: 0,
    traceIdx: new Uint32Array(0), spanIdx: new Uint32Array(0), parentIdx: new Int32Array(0), parentSpanIdx: new Int32Array(0),
    serviceIdx: new Uint32Array(0), operationIdx: new Uint32Array(0), start: new Float64Array(0), duration: new Float64Array(0),
    status: new Uint8Array(0), kind: new Uint8Array(0),
    links: { span: new Uint32Array(0), type: new Uint8Array(0), traceIdx: new Uint32Array(0), spanIdx: new Uint32Array(0), target: new Int32Array(0) },
    details: {
      strings: [], attrOffsets: new Uint32Array(1), attrKey: new Uint32Array(0), attrValue: new Uint32Array(0),
      eventOffsets: new Uint32Array(1), eventTime: new Float64Array(0), eventName: new Uint32Array(0),
      eventAttrOffsets: new Uint32Array(1), eventAttrKey: new Uint32Array(0), eventAttrValue: new Uint32Array(0), statusMessage: new Int32Array(0),
    },
  };
}
