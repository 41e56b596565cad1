// The analysis worker's API for the trace list and one trace's waterfall (spans, critical path, root cause) (plain data and transferable typed arrays only).

import type { SpanDetail } from '../analysis/traces/trace-explorer-state';
import type { TraceListQuery, TraceListResult } from '../analysis/traces/trace-list';
import type { WaterfallRows } from '../analysis/traces/waterfall-rows';

export type { SpanDetail } from '../analysis/traces/trace-explorer-state';
export type { TraceListQuery, TraceListResult, TraceListRow, TraceSortKey } from '../analysis/traces/trace-list';
export { ROW_FLAG, type WaterfallRows } from '../analysis/traces/waterfall-rows';

export interface TraceDetailOptions {
  /** Shift children into their parents as Jaeger does (shifted rows are flagged). */
  clockSkew: boolean;
}

export interface TracesWorkerApi {
  /** Traces of the dataset filtered, sorted and paged, with the service and operation facets. */
  traceList(datasetId: string, query: TraceListQuery): Promise<TraceListResult>;
  /** The waterfall rows of one trace (typed columns transferred); undefined when the dataset has no such trace. */
  traceDetail(datasetId: string, traceId: string, opts: TraceDetailOptions): Promise<WaterfallRows | undefined>;
  /** Attributes, events, links, ids, self time of waterfall row `spanRow`; undefined when there is no such row. */
  spanDetail(datasetId: string, traceId: string, spanRow: number, opts?: TraceDetailOptions): Promise<SpanDetail | undefined>;
  /** Waterfall rows of the trace matching `text` (service, operation, span id, attributes, events; `key=value`), ascending; empty when none or no such trace. */
  findInTrace(datasetId: string, traceId: string, text: string): Promise<Uint32Array>;
}
