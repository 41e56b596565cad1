// What the trace list, the waterfall and the span details read of one TraceSet, built lazily and kept:
// trees, per-trace table, list index, error origins, and per clock-skew setting the starts, critical paths, self times.

import { REF_TYPE_NAMES, SPAN_KIND_NAMES, SPAN_STATUS_NAMES, spanAttributes, spanEvents, type TraceSet } from '../../model/traces';
import { adjustClockSkew } from './clock-skew';
import { criticalPaths, type CriticalPaths } from './critical-path';
import { findInTrace } from './find-in-trace';
import { errorOrigins, type TraceErrorOrigins } from './root-cause';
import { selfTimes } from './self-time';
import { buildSpanForest, linksOf, type SpanForest } from './span-forest';
import { findTrace, traceList, traceListIndex, type TraceListIndex, type TraceListQuery, type TraceListResult } from './trace-list';
import { traceTable } from './trace-table';
import { ROW_FLAG, waterfallRows, type WaterfallRows } from './waterfall-rows';

/** Timings under one clock-skew setting. */
interface Timing {
  start: Float64Array;
  shifted?: Uint8Array;
  shift?: Float64Array;
  paths: CriticalPaths;
  selfUs?: Float64Array;
}

/** One span (or missing-parent placeholder) of a waterfall, as plain data for the details panel. */
export interface SpanDetail {
  row: number;
  traceId: string;
  placeholder: boolean;
  /** The span's id (for a placeholder: the id of the missing parent). */
  spanId: string;
  /** Declared parent span id, '' for a root. */
  parentSpanId: string;
  /** True when the declared parent is not in the data. */
  parentMissing: boolean;
  service: string;
  operation: string;
  kind: string;
  status: string;
  statusMessage: string;
  /** Start, µs since the epoch (adjusted when clock skew is), and relative to the trace start. */
  startUs: number;
  offsetUs: number;
  durationUs: number;
  selfUs: number;
  /** Time of this span on the critical path, µs. */
  criticalUs: number;
  /** Clock-skew shift applied, µs (0 when none or not adjusting). */
  skewShiftUs: number;
  rootCause: boolean;
  errorOrigin: boolean;
  propagated: boolean;
  /** Orphans hanging under a placeholder. */
  children: number;
  attributes: [string, string][];
  events: { offsetUs: number; name: string; attributes: [string, string][] }[];
  links: { type: string; traceId: string; spanId: string; inData: boolean }[];
}

export class TraceExplorerState {
  private forestValue?: SpanForest;
  private indexValue?: TraceListIndex;
  private originsValue?: Map<number, TraceErrorOrigins>;
  private readonly timings = new Map<boolean, Timing>();
  private readonly traceOfId = new Map<string, number>();
  /** The rows the details were last read from (detail() hands its rows away: their buffers are transferred). */
  private lastRows?: { key: string; rows: WaterfallRows };

  constructor(readonly set: TraceSet) {}

  get forest(): SpanForest {
    return (this.forestValue ??= buildSpanForest(this.set));
  }

  get index(): TraceListIndex {
    return (this.indexValue ??= traceListIndex(this.set, this.forest, traceTable(this.set, this.forest)));
  }

  private get origins(): Map<number, TraceErrorOrigins> {
    return (this.originsValue ??= new Map(errorOrigins(this.set, this.forest).map((o) => [o.trace, o])));
  }

  private timing(skew: boolean): Timing {
    let t = this.timings.get(skew);
    if (!t) {
      const adj = skew ? adjustClockSkew(this.set, this.forest) : undefined;
      const start = adj?.start ?? this.set.start;
      t = { start, shifted: adj?.adjusted, shift: adj?.shift, paths: criticalPaths(this.set, this.forest, start) };
      this.timings.set(skew, t);
    }
    return t;
  }

  list(q: TraceListQuery): TraceListResult {
    return traceList(this.index, q);
  }

  /** The forest trace of `traceId`, -1 when the set has none by that id. */
  traceOf(traceId: string): number {
    let t = this.traceOfId.get(traceId);
    if (t === undefined) {
      t = findTrace(this.index, traceId);
      if (t >= 0) this.traceOfId.set(traceId, t);
    }
    return t;
  }

  detail(traceId: string, skew: boolean): WaterfallRows | undefined {
    const t = this.traceOf(traceId);
    if (t < 0) return undefined;
    const timing = this.timing(skew);
    return waterfallRows(this.set, this.forest, t, { start: timing.start, shifted: timing.shifted, paths: timing.paths, origins: this.origins.get(t) });
  }

  /** Waterfall rows of `traceId` matching `text` (find-in-trace.ts); empty when there is no such trace. */
  find(traceId: string, text: string): Uint32Array {
    return findInTrace(this.set, this.forest, this.traceOf(traceId), text);
  }

  /** Details of waterfall row `row` of `traceId`; undefined when either does not exist. */
  span(traceId: string, row: number, skew: boolean): SpanDetail | undefined {
    const t = this.traceOf(traceId);
    if (t < 0) return undefined;
    const { set, forest } = this;
    const lo = forest.orderOffsets[t];
    if (!Number.isInteger(row) || row < 0 || row >= forest.orderOffsets[t + 1] - lo) return undefined;
    const v = forest.order[lo + row];
    const timing = this.timing(skew);
    const key = `${t}:${skew}`;
    if (this.lastRows?.key !== key) this.lastRows = { key, rows: waterfallRows(set, forest, t, { start: timing.start, shifted: timing.shifted, paths: timing.paths, origins: this.origins.get(t) }) };
    const rows = this.lastRows.rows;
    const f = rows.flags[row];
    let criticalUs = 0;
    for (let j = 0; j < rows.critical.row.length; j++) if (rows.critical.row[j] === row) criticalUs += rows.critical.end[j] - rows.critical.start[j];
    const base = {
      row,
      traceId: rows.traceId,
      startUs: rows.start[row] + rows.traceStartUs,
      offsetUs: rows.start[row],
      durationUs: rows.duration[row],
      criticalUs,
      rootCause: (f & ROW_FLAG.rootCause) !== 0,
      errorOrigin: (f & (ROW_FLAG.rootCause | ROW_FLAG.errorOrigin)) !== 0,
      propagated: (f & ROW_FLAG.propagated) !== 0,
      children: forest.childOffsets[v + 1] - forest.childOffsets[v],
    };
    if (v >= set.spanCount) {
      const missing = set.spanIds[forest.placeholderSpanIdx[v - set.spanCount]] ?? '';
      return {
        ...base, placeholder: true, spanId: missing, parentSpanId: '', parentMissing: false, service: '', operation: `missing parent ${missing}`,
        kind: 'internal', status: 'unset', statusMessage: '', selfUs: NaN, skewShiftUs: 0, attributes: [], events: [], links: [],
      };
    }
    timing.selfUs ??= selfTimes(set, forest, timing.start);
    const msg = set.details.statusMessage[v];
    const skewShiftUs = timing.shift?.[v] ?? 0;
    return {
      ...base,
      placeholder: false,
      spanId: set.spanIds[set.spanIdx[v]],
      parentSpanId: set.parentSpanIdx[v] >= 0 ? set.spanIds[set.parentSpanIdx[v]] : '',
      parentMissing: set.parentSpanIdx[v] >= 0 && set.parentIdx[v] < 0,
      service: set.services[set.serviceIdx[v]],
      operation: set.operations[set.operationIdx[v]],
      kind: SPAN_KIND_NAMES[set.kind[v]] ?? 'internal',
      status: SPAN_STATUS_NAMES[set.status[v]] ?? 'unset',
      statusMessage: msg >= 0 ? set.details.strings[msg] : '',
      selfUs: timing.selfUs[v],
      skewShiftUs,
      attributes: spanAttributes(set, v),
      // Events move with their span when it was shifted for clock skew.
      events: spanEvents(set, v).map((e) => ({ offsetUs: e.time + skewShiftUs - rows.traceStartUs, name: e.name, attributes: e.attributes })),
      links: linksOf(set, forest, v).map((k) => ({
        type: REF_TYPE_NAMES[set.links.type[k]] ?? 'FOLLOWS_FROM',
        traceId: set.traceIds[set.links.traceIdx[k]] ?? '',
        spanId: set.spanIds[set.links.spanIdx[k]] ?? '',
        inData: set.links.target[k] >= 0,
      })),
    };
  }
}
