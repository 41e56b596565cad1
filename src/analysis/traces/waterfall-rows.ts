// The rows of one trace's waterfall, in tree (pre-order) order, as typed columns: depth, times relative to
// the trace start, service and operation, status, kind, flags (critical path, root cause, placeholder …).

import { SPAN_KIND, SPAN_STATUS, type TraceSet } from '../../model/traces';
import type { CriticalPaths } from './critical-path';
import type { TraceErrorOrigins } from './root-cause';
import type { SpanForest } from './span-forest';

/** Bits of `WaterfallRows.flags`. */
export const ROW_FLAG = {
  /** Some of the span's time is on the critical path. */
  critical: 1,
  /** The trace's primary error origin (the deepest error span without errored children). */
  rootCause: 2,
  /** An error span with an errored child: the error came from below. */
  propagated: 4,
  /** Stands for a parent span missing from the data; its children are the orphans. */
  placeholder: 8,
  /** The span was moved by the clock-skew adjustment. */
  skewShifted: 16,
  hasChildren: 32,
  /** Another error origin than the primary one (an independent failure). */
  errorOrigin: 64,
} as const;

/** One trace's waterfall: row i is the i-th node of the trace's pre-order (children by start time). */
export interface WaterfallRows {
  traceId: string;
  /** Earliest start of the trace's rows, µs since the epoch (with the clock-skew adjustment when asked for). */
  traceStartUs: number;
  /** Latest end − traceStartUs, µs. */
  durationUs: number;
  count: number;
  depth: Uint32Array;
  /** Start relative to traceStartUs, µs (NaN when unknown). */
  start: Float64Array;
  duration: Float64Array;
  /** Indices into `services` / `operations` (a placeholder's operation names the missing span). */
  service: Uint32Array;
  operation: Uint32Array;
  /** SPAN_STATUS code (unset for a placeholder). */
  status: Uint8Array;
  /** SPAN_KIND code. */
  kind: Uint8Array;
  /** ROW_FLAG bits. */
  flags: Uint8Array;
  /** Row of the tree parent, -1 for a root. */
  parent: Int32Array;
  /** Rows in the subtree of row i, itself included: rows i … i+subtreeSize[i]−1. */
  subtreeSize: Uint32Array;
  /** Span row in the set, -1 for a placeholder. */
  spanRow: Int32Array;
  services: string[];
  operations: string[];
  /** Critical-path sections: row, and start/end relative to traceStartUs, µs (from the end of the trace back). */
  critical: { row: Uint32Array; start: Float64Array; end: Float64Array };
  counts: { spans: number; placeholders: number; errors: number; skewShifted: number; maxDepth: number; rootCause: number };
}

export interface WaterfallOptions {
  /** Start column to use (clock-skew adjusted or the set's own), µs. */
  start?: Float64Array;
  /** 1 per span row moved by the clock-skew adjustment. */
  shifted?: Uint8Array;
  /** Critical paths of the forest (computed on the same start column). */
  paths?: CriticalPaths;
  /** The trace's error origins (root-cause.ts), when it has errors. */
  origins?: TraceErrorOrigins;
}

/** Interns strings into a local table. */
class Table {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      this.index.set(s, (i = this.values.length));
      this.values.push(s);
    }
    return i;
  }
}

/** The waterfall rows of forest trace `t` (no recursion: a stack of open ancestors over the pre-order). */
export function waterfallRows(set: TraceSet, forest: SpanForest, t: number, opts: WaterfallOptions = {}): WaterfallRows {
  const n = set.spanCount;
  const startCol = opts.start ?? set.start;
  const lo = forest.orderOffsets[t];
  const count = forest.orderOffsets[t + 1] - lo;
  const depth = new Uint32Array(count);
  const absStart = new Float64Array(count);
  const duration = new Float64Array(count);
  const service = new Uint32Array(count);
  const operation = new Uint32Array(count);
  const status = new Uint8Array(count);
  const kind = new Uint8Array(count);
  const flags = new Uint8Array(count);
  const parent = new Int32Array(count);
  const subtreeSize = new Uint32Array(count);
  const spanRow = new Int32Array(count);
  const services = new Table();
  const operations = new Table();
  const serviceLocal = new Int32Array(set.services.length).fill(-1);
  const operationLocal = new Int32Array(set.operations.length).fill(-1);
  // Open ancestors as rows: in pre-order a node's parent is the nearest of them.
  const open = new Int32Array(count);
  let top = 0;
  let first = Infinity;
  let last = -Infinity;
  let errors = 0;
  let shiftedCount = 0;
  let maxDepth = 0;
  let placeholders = 0;
  for (let i = 0; i < count; i++) {
    const v = forest.order[lo + i];
    const p = forest.parent[v];
    while (top > 0 && forest.order[lo + open[top - 1]] !== p) top--;
    parent[i] = top > 0 ? open[top - 1] : -1;
    depth[i] = top;
    if (top > maxDepth) maxDepth = top;
    open[top++] = i;
    if (v < n) {
      spanRow[i] = v;
      absStart[i] = startCol[v];
      duration[i] = set.duration[v];
      const gs = set.serviceIdx[v];
      const go = set.operationIdx[v];
      if (serviceLocal[gs] < 0) serviceLocal[gs] = services.of(set.services[gs]);
      if (operationLocal[go] < 0) operationLocal[go] = operations.of(set.operations[go]);
      service[i] = serviceLocal[gs];
      operation[i] = operationLocal[go];
      status[i] = set.status[v];
      kind[i] = set.kind[v];
      if (status[i] === SPAN_STATUS.error) errors++;
      if (opts.shifted?.[v]) {
        flags[i] |= ROW_FLAG.skewShifted;
        shiftedCount++;
      }
    } else {
      const k = v - n;
      placeholders++;
      spanRow[i] = -1;
      const ps = forest.placeholderStart[k];
      const pe = forest.placeholderEnd[k];
      absStart[i] = Number.isFinite(ps) ? ps : NaN;
      duration[i] = Number.isFinite(ps) && Number.isFinite(pe) ? pe - ps : NaN;
      service[i] = services.of('');
      operation[i] = operations.of(`missing parent ${set.spanIds[forest.placeholderSpanIdx[k]] ?? '?'}`);
      kind[i] = SPAN_KIND.internal;
      flags[i] |= ROW_FLAG.placeholder;
    }
    if (forest.childOffsets[v + 1] > forest.childOffsets[v]) flags[i] |= ROW_FLAG.hasChildren;
    const s = absStart[i];
    if (s === s) {
      if (s < first) first = s;
      const e = s + (duration[i] > 0 ? duration[i] : 0);
      if (e > last) last = e;
    }
  }
  for (let i = count - 1; i >= 0; i--) {
    subtreeSize[i] += 1;
    if (parent[i] >= 0) subtreeSize[parent[i]] += subtreeSize[i];
  }
  const traceStartUs = first === Infinity ? 0 : first;
  const start = absStart; // made relative in place
  for (let i = 0; i < count; i++) start[i] -= traceStartUs;

  // Span row → waterfall row, for the critical path and the error origins (only this trace's entries are written and read).
  const needRows = (opts.paths && opts.paths.offsets[t + 1] > opts.paths.offsets[t]) || opts.origins;
  const rowOf = needRows ? scratchRows(n) : new Int32Array(0);
  if (needRows) for (let i = 0; i < count; i++) if (spanRow[i] >= 0) rowOf[spanRow[i]] = i;
  const critical = criticalRows(opts.paths, t, rowOf, traceStartUs, flags);
  let rootCause = -1;
  if (opts.origins) {
    for (const r of opts.origins.origins) mark(rowOf, r, flags, ROW_FLAG.errorOrigin);
    for (const r of opts.origins.propagated) mark(rowOf, r, flags, ROW_FLAG.propagated);
    rootCause = rowOf[opts.origins.primary] ?? -1;
    if (rootCause >= 0) flags[rootCause] = (flags[rootCause] & ~ROW_FLAG.errorOrigin) | ROW_FLAG.rootCause;
  }
  return {
    traceId: set.traceIds[forest.traceId[t]],
    traceStartUs,
    durationUs: last === -Infinity ? 0 : last - traceStartUs,
    count,
    depth,
    start,
    duration,
    service,
    operation,
    status,
    kind,
    flags,
    parent,
    subtreeSize,
    spanRow,
    services: services.values,
    operations: operations.values,
    critical,
    counts: { spans: count - placeholders, placeholders, errors, skewShifted: shiftedCount, maxDepth, rootCause },
  };
}

let scratch = new Int32Array(0);
/** A reused span row → waterfall row column of at least `n` entries (stale entries are never read). */
function scratchRows(n: number): Int32Array {
  if (scratch.length < n) scratch = new Int32Array(n);
  return scratch;
}

function mark(rowOf: Int32Array, spanRow: number, flags: Uint8Array, bit: number): void {
  flags[rowOf[spanRow]] |= bit;
}

function criticalRows(paths: CriticalPaths | undefined, t: number, rowOf: Int32Array, t0: number, flags: Uint8Array): WaterfallRows['critical'] {
  if (!paths) return { row: new Uint32Array(0), start: new Float64Array(0), end: new Float64Array(0) };
  const from = paths.offsets[t];
  const k = paths.offsets[t + 1] - from;
  const row = new Uint32Array(k);
  const start = new Float64Array(k);
  const end = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const i = rowOf[paths.span[from + j]];
    row[j] = i;
    start[j] = paths.start[from + j] - t0;
    end[j] = paths.end[from + j] - t0;
    flags[i] |= ROW_FLAG.critical;
  }
  return { row, start, end };
}

/** The typed columns of `rows` (what crosses the worker boundary as transferables). */
export function waterfallBuffers(rows: WaterfallRows): ArrayBuffer[] {
  const cols = [rows.depth, rows.start, rows.duration, rows.service, rows.operation, rows.status, rows.kind, rows.flags, rows.parent, rows.subtreeSize, rows.spanRow, rows.critical.row, rows.critical.start, rows.critical.end];
  return cols.map((c) => c.buffer as ArrayBuffer);
}
