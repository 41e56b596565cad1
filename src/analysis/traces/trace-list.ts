// The trace list: traces of a set filtered (service, operation, errors, duration range, attribute key=value),
// sorted (start, duration, spans, errors) and paged, with the facets the filters offer.

import type { TraceSet } from '../../model/traces';
import { groupIndices } from './csr';
import type { SpanForest } from './span-forest';
import type { TraceTable } from './trace-table';

export type TraceSortKey = 'start' | 'duration' | 'spans' | 'errors';

export interface TraceListQuery {
  /** Traces with a span of this service (with `operation`: a span of this service and operation). */
  service?: string;
  /** Traces with a span of this operation name. */
  operation?: string;
  errorsOnly?: boolean;
  /** Trace duration bounds, ms, inclusive. */
  minDurationMs?: number;
  maxDurationMs?: number;
  /** Traces with a span holding this attribute (value compared as text). */
  attribute?: { key: string; value: string };
  sort?: TraceSortKey;
  /** Default: descending (newest, longest, most first). */
  order?: 'asc' | 'desc';
  offset?: number;
  /** Default 50. */
  limit?: number;
}

export interface TraceListRow {
  traceId: string;
  /** Service and operation of the earliest root span ('' when every span lost its parent). */
  rootService: string;
  rootOperation: string;
  /** Earliest span start, ms since the epoch. */
  startMs: number;
  durationMs: number;
  spans: number;
  errorSpans: number;
  /** Services with spans in the trace, by name. */
  services: string[];
}

export interface TraceListResult {
  /** Traces matching the filters (before paging). */
  total: number;
  rows: TraceListRow[];
  facets: {
    /** Every service of the set, by name. */
    services: string[];
    /** Operations offered: those of the chosen service, or of every service, by name, each once. */
    operations: string[];
  };
}

/** What the list reads of a set, built once: its trees, per-trace table and each trace's services. */
export interface TraceListIndex {
  set: TraceSet;
  forest: SpanForest;
  table: TraceTable;
  /** Trace t's distinct service indices are traceServices[serviceOffsets[t]] … [serviceOffsets[t+1]−1]. */
  serviceOffsets: Uint32Array;
  traceServices: Uint32Array;
  /** The operation indices of each service index's spans (the operation facet, without a scan per query). */
  serviceOperations: Set<number>[];
}

export function traceListIndex(set: TraceSet, forest: SpanForest, table: TraceTable): TraceListIndex {
  const spansByTrace = groupIndices(forest.traceOf.subarray(0, set.spanCount), forest.traceCount);
  const seen = new Int32Array(set.services.length).fill(-1);
  const offsets = new Uint32Array(forest.traceCount + 1);
  const items: number[] = [];
  const serviceOperations = set.services.map(() => new Set<number>());
  for (let t = 0; t < forest.traceCount; t++) {
    const from = items.length;
    for (let i = spansByTrace.offsets[t]; i < spansByTrace.offsets[t + 1]; i++) {
      const r = spansByTrace.items[i];
      const s = set.serviceIdx[r];
      serviceOperations[s].add(set.operationIdx[r]);
      if (seen[s] !== t) {
        seen[s] = t;
        items.push(s);
      }
    }
    const own = items.slice(from).sort((a, b) => (set.services[a] < set.services[b] ? -1 : set.services[a] > set.services[b] ? 1 : a - b));
    for (let k = 0; k < own.length; k++) items[from + k] = own[k];
    offsets[t + 1] = items.length;
  }
  return { set, forest, table, serviceOffsets: offsets, traceServices: Uint32Array.from(items), serviceOperations };
}

/** Indices of `table` whose text equals `text` (the tables are interned, but a hand-built set need not be). */
function indicesOf(table: readonly string[], text: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < table.length; i++) if (table[i] === text) out.add(i);
  return out;
}

/** 1 per forest trace holding a span that passes `keep(row)`. */
function tracesWithSpan(ix: TraceListIndex, keep: (row: number) => boolean): Uint8Array {
  const out = new Uint8Array(ix.forest.traceCount);
  for (let r = 0; r < ix.set.spanCount; r++) if (keep(r)) out[ix.forest.traceOf[r]] = 1;
  return out;
}

/** The span filters of `q` as one mask per trace, undefined when none is set. */
function spanMask(ix: TraceListIndex, q: TraceListQuery): Uint8Array | undefined {
  const { set } = ix;
  const masks: Uint8Array[] = [];
  const service = q.service ? indicesOf(set.services, q.service) : undefined;
  const operation = q.operation ? indicesOf(set.operations, q.operation) : undefined;
  if (service || operation) {
    masks.push(tracesWithSpan(ix, (r) => (!service || service.has(set.serviceIdx[r])) && (!operation || operation.has(set.operationIdx[r]))));
  }
  if (q.attribute && q.attribute.key) {
    const d = set.details;
    const keys = indicesOf(d.strings, q.attribute.key);
    const values = indicesOf(d.strings, q.attribute.value);
    masks.push(
      tracesWithSpan(ix, (r) => {
        for (let a = d.attrOffsets[r]; a < d.attrOffsets[r + 1]; a++) if (keys.has(d.attrKey[a]) && values.has(d.attrValue[a])) return true;
        return false;
      }),
    );
  }
  if (!masks.length) return undefined;
  for (let k = 1; k < masks.length; k++) for (let t = 0; t < masks[0].length; t++) masks[0][t] &= masks[k][t];
  return masks[0];
}

/** Forest traces matching `q`'s filters, in forest order. */
export function filterTraces(ix: TraceListIndex, q: TraceListQuery): Uint32Array {
  const { table } = ix;
  const mask = spanMask(ix, q);
  const lo = q.minDurationMs !== undefined && Number.isFinite(q.minDurationMs) ? q.minDurationMs * 1000 : -Infinity;
  const hi = q.maxDurationMs !== undefined && Number.isFinite(q.maxDurationMs) ? q.maxDurationMs * 1000 : Infinity;
  const out = new Uint32Array(table.count);
  let n = 0;
  for (let t = 0; t < table.count; t++) {
    if (mask && !mask[t]) continue;
    if (q.errorsOnly && table.errorSpans[t] === 0) continue;
    const d = table.duration[t];
    if ((lo > -Infinity || hi < Infinity) && !(d >= lo && d <= hi)) continue;
    out[n++] = t;
  }
  return out.subarray(0, n);
}

/** Sorts forest traces in place by `key` (ties: by start, then by trace order, both ascending). NaN sorts last. */
export function sortTraces(ix: TraceListIndex, traces: Uint32Array, key: TraceSortKey, order: 'asc' | 'desc'): Uint32Array {
  const { table } = ix;
  const col = key === 'duration' ? table.duration : key === 'spans' ? table.spans : key === 'errors' ? table.errorSpans : table.start;
  const sign = order === 'asc' ? 1 : -1;
  return traces.sort((a, b) => {
    const x = col[a];
    const y = col[b];
    const xn = x !== x;
    const yn = y !== y;
    if (xn || yn) {
      if (!(xn && yn)) return xn ? 1 : -1;
    } else if (x !== y) return sign * (x - y);
    const sa = table.start[a];
    const sb = table.start[b];
    if (sa !== sb && sa === sa && sb === sb) return sa - sb;
    return a - b;
  });
}

/** The list row of forest trace t. */
export function traceListRow(ix: TraceListIndex, t: number): TraceListRow {
  const { set, table } = ix;
  const root = table.rootSpan[t];
  const services: string[] = [];
  for (let i = ix.serviceOffsets[t]; i < ix.serviceOffsets[t + 1]; i++) services.push(set.services[ix.traceServices[i]]);
  return {
    traceId: set.traceIds[table.traceId[t]],
    rootService: root >= 0 ? set.services[set.serviceIdx[root]] : '',
    rootOperation: root >= 0 ? set.operations[set.operationIdx[root]] : '',
    startMs: table.start[t] / 1000,
    durationMs: table.duration[t] / 1000,
    spans: table.spans[t],
    errorSpans: table.errorSpans[t],
    services,
  };
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Operations of `service` (every service when absent), each name once, by name. */
export function operationFacet(ix: TraceListIndex, service?: string): string[] {
  const { set } = ix;
  const services = service ? indicesOf(set.services, service) : set.services.keys();
  const names = new Set<string>();
  for (const s of services) for (const o of ix.serviceOperations[s]) names.add(set.operations[o]);
  return [...names].sort(byName);
}

export function traceList(ix: TraceListIndex, q: TraceListQuery): TraceListResult {
  const matching = sortTraces(ix, filterTraces(ix, q), q.sort ?? 'start', q.order ?? 'desc');
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  const limit = Math.max(0, Math.floor(q.limit ?? 50));
  const page = matching.subarray(offset, offset + limit);
  return {
    total: matching.length,
    rows: Array.from(page, (t) => traceListRow(ix, t)),
    facets: { services: [...new Set(ix.set.services)].sort(byName), operations: operationFacet(ix, q.service) },
  };
}

/** The forest trace holding `traceId`, -1 when none. */
export function findTrace(ix: TraceListIndex, traceId: string): number {
  const want = traceId.toLowerCase();
  for (let t = 0; t < ix.table.count; t++) if (ix.set.traceIds[ix.table.traceId[t]] === want) return t;
  return -1;
}
