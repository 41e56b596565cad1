// Builds a TraceSet span by span: interns ids and names, fills typed columns (sized ahead from the share of
// the input read, else in blocks), and on finish() resolves parents and links to rows and validates the spans (trace-validate.ts).

import { trimColumn } from './column-trim';
import { StringTable } from './string-table';
import { REF_TYPE, SPAN_KIND, UNKNOWN_SERVICE, type TraceSet } from './traces';
import { validateTraces } from './trace-validate';

export interface SpanEventInput {
  /** µs since the epoch. */
  time: number;
  name: string;
  attributes?: [string, string][];
}

export interface SpanRefInput {
  /** REF_TYPE code. */
  type: number;
  traceId: string;
  spanId: string;
}

/** One span as a format reader sees it; ids already normalised to lower-case hex. */
export interface SpanInput {
  traceId: string;
  spanId: string;
  /** Absent or "" for a root. */
  parentSpanId?: string;
  /** Undefined = not known yet (set later with setService) or none: UNKNOWN_SERVICE. */
  service?: string;
  operation: string;
  /** µs since the epoch; NaN when the file gives none. */
  start: number;
  /** µs. */
  duration: number;
  /** SPAN_STATUS code. */
  status: number;
  /** SPAN_KIND code. */
  kind: number;
  statusMessage?: string;
  attributes?: [string, string][];
  events?: SpanEventInput[];
  refs?: SpanRefInput[];
}

type Typed = Uint8Array | Uint32Array | Int32Array | Float64Array;
type TypedCtor<T extends Typed> = new (n: number) => T;

/** 256 KiB blocks at most (a column's spare room stays under a quarter of it, or one block). */
const MAX_BLOCK_BYTES = 1 << 18;

/** Room reserved beyond the projected length (as the CSV reader sizes its columns). */
const RESERVE_MARGIN = 1.1;

/**
 * A typed column filled in blocks: a new block holds a quarter of the rows so far, so nothing is copied
 * while spans are added (no 3x transient when a doubled array is copied) and done() joins them once.
 * reserve() makes one block of the projected final length: filled mostly, done() returns a view of it
 * (no copy of the whole column beside the blocks at the end of an import).
 */
class Column<T extends Typed> {
  private readonly blocks: T[] = [];
  /** First row of each block. */
  private readonly starts: number[] = [];
  private current: T;
  private k = 0;
  length = 0;
  constructor(private readonly ctor: TypedCtor<T>) {
    this.current = new ctor(0);
  }
  push(x: number): void {
    if (this.k === this.current.length) {
      const max = MAX_BLOCK_BYTES / (this.current.BYTES_PER_ELEMENT || 1);
      this.current = new this.ctor(Math.min(max, Math.max(256, this.length >> 2)));
      this.blocks.push(this.current);
      this.starts.push(this.length);
      this.k = 0;
    }
    this.current[this.k++] = x;
    this.length++;
  }
  /** Block index holding row i (binary search; rows are set only for a few late fixes). */
  private block(i: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** Room for `rows` rows in all, in one block holding the rows so far (a no-op when there is room). */
  reserve(rows: number): void {
    if (rows <= this.length - this.k + this.current.length) return;
    const out = new this.ctor(rows);
    for (let b = 0; b < this.blocks.length; b++) out.set(b === this.blocks.length - 1 ? this.current.subarray(0, this.k) : this.blocks[b], this.starts[b]);
    this.blocks.length = 0;
    this.starts.length = 0;
    this.blocks.push(out);
    this.starts.push(0);
    this.current = out;
    this.k = this.length;
  }
  set(i: number, x: number): void {
    const b = this.block(i);
    this.blocks[b][i - this.starts[b]] = x;
  }
  /** The rows as one array (a view of a mostly full single block); the blocks are let go (call once, last). */
  done(): T {
    let out: T;
    if (this.blocks.length <= 1) out = trimColumn(this.current, this.k);
    else {
      out = new this.ctor(this.length);
      for (let b = 0; b < this.blocks.length; b++) {
        const block = b === this.blocks.length - 1 ? (this.blocks[b].subarray(0, this.k) as T) : this.blocks[b];
        out.set(block, this.starts[b]);
      }
    }
    this.blocks.length = 0;
    this.current = new this.ctor(0);
    return out;
  }
}

const PENDING = 0xffffffff;

export class TraceSetBuilder {
  private readonly traceIds = new StringTable();
  private readonly spanIds = new StringTable();
  private readonly services = new StringTable();
  private readonly operations = new StringTable();
  private readonly strings = new StringTable();
  private readonly traceIdx = new Column(Uint32Array);
  private readonly spanIdx = new Column(Uint32Array);
  private readonly parentSpanIdx = new Column(Int32Array);
  private readonly serviceIdx = new Column(Uint32Array);
  private readonly operationIdx = new Column(Uint32Array);
  private readonly start = new Column(Float64Array);
  private readonly duration = new Column(Float64Array);
  private readonly status = new Column(Uint8Array);
  private readonly kind = new Column(Uint8Array);
  private readonly statusMessage = new Column(Int32Array);
  private readonly linkSpan = new Column(Uint32Array);
  private readonly linkType = new Column(Uint8Array);
  private readonly linkTrace = new Column(Uint32Array);
  private readonly linkSpanId = new Column(Uint32Array);
  private readonly attrOffsets = new Column(Uint32Array);
  private readonly attrKey = new Column(Uint32Array);
  private readonly attrValue = new Column(Uint32Array);
  private readonly eventOffsets = new Column(Uint32Array);
  private readonly eventTime = new Column(Float64Array);
  private readonly eventName = new Column(Uint32Array);
  private readonly eventAttrOffsets = new Column(Uint32Array);
  private readonly eventAttrKey = new Column(Uint32Array);
  private readonly eventAttrValue = new Column(Uint32Array);

  /** Whether the columns were sized from the share of the input read (done once). */
  private reserved = false;

  constructor() {
    this.attrOffsets.push(0);
    this.eventOffsets.push(0);
    this.eventAttrOffsets.push(0);
  }

  /**
   * The reader has read `done` of `total` input bytes: the first time spans are in and input is left, every
   * column reserves its length projected to the whole input, so it is filled in place (not joined at the end).
   */
  expectInput(done: number, total: number): void {
    if (this.reserved || this.spanCount === 0 || !(done > 0 && done < total)) return;
    this.reserved = true;
    const scale = (total / done) * RESERVE_MARGIN;
    const columns: Column<Typed>[] = [
      this.traceIdx, this.spanIdx, this.parentSpanIdx, this.serviceIdx, this.operationIdx, this.start, this.duration, this.status, this.kind, this.statusMessage,
      this.linkSpan, this.linkType, this.linkTrace, this.linkSpanId, this.attrOffsets, this.attrKey, this.attrValue,
      this.eventOffsets, this.eventTime, this.eventName, this.eventAttrOffsets, this.eventAttrKey, this.eventAttrValue,
    ];
    for (const c of columns) c.reserve(Math.ceil(c.length * scale));
  }

  get spanCount(): number {
    return this.traceIdx.length;
  }

  /**
   * Adds an attribute to the span the next addSpan call adds (before its `attributes`): readers push them
   * as they read, with no pair array per attribute. Call only once the span is sure to be added.
   */
  attribute(key: string, value: string): void {
    this.attrKey.push(this.strings.intern(key));
    this.attrValue.push(this.strings.intern(value));
  }

  /** Adds one span; returns its row. */
  addSpan(s: SpanInput): number {
    const row = this.traceIdx.length;
    this.traceIdx.push(this.traceIds.intern(s.traceId));
    this.spanIdx.push(this.spanIds.intern(s.spanId));
    this.parentSpanIdx.push(s.parentSpanId ? this.spanIds.intern(s.parentSpanId) : -1);
    this.serviceIdx.push(s.service === undefined ? PENDING : this.services.intern(s.service || UNKNOWN_SERVICE));
    this.operationIdx.push(this.operations.intern(s.operation));
    this.start.push(s.start);
    this.duration.push(s.duration);
    this.status.push(s.status);
    this.kind.push(s.kind);
    this.statusMessage.push(s.statusMessage ? this.strings.intern(s.statusMessage) : -1);
    for (const [k, v] of s.attributes ?? []) {
      this.attrKey.push(this.strings.intern(k));
      this.attrValue.push(this.strings.intern(v));
    }
    this.attrOffsets.push(this.attrKey.length);
    for (const e of s.events ?? []) {
      this.eventTime.push(e.time);
      this.eventName.push(this.strings.intern(e.name));
      for (const [k, v] of e.attributes ?? []) {
        this.eventAttrKey.push(this.strings.intern(k));
        this.eventAttrValue.push(this.strings.intern(v));
      }
      this.eventAttrOffsets.push(this.eventAttrKey.length);
    }
    this.eventOffsets.push(this.eventTime.length);
    for (const r of s.refs ?? []) {
      this.linkSpan.push(row);
      this.linkType.push(r.type === REF_TYPE.childOf ? REF_TYPE.childOf : REF_TYPE.followsFrom);
      this.linkTrace.push(this.traceIds.intern(r.traceId));
      this.linkSpanId.push(this.spanIds.intern(r.spanId));
    }
    return row;
  }

  /** Sets the service of a span added with `service: undefined` (e.g. Jaeger processes read later). */
  setService(row: number, service: string): void {
    this.serviceIdx.set(row, this.services.intern(service || UNKNOWN_SERVICE));
  }

  /** The finished set and its validation warnings (parents resolved, cycles broken). */
  finish(): { set: TraceSet; warnings: string[] } {
    const n = this.spanCount;
    // The string indexes are no longer needed: let them go before the columns are joined.
    for (const t of [this.traceIds, this.spanIds, this.operations, this.strings]) t.forget();
    const serviceIdx = this.serviceIdx.done();
    let unknown = -1;
    for (let i = 0; i < n; i++) if (serviceIdx[i] === PENDING) serviceIdx[i] = unknown < 0 ? (unknown = this.services.intern(UNKNOWN_SERVICE)) : unknown;
    const traceIdx = this.traceIdx.done();
    const spanIdx = this.spanIdx.done();
    const parentSpanIdx = this.parentSpanIdx.done();
    const kind = this.kind.done();
    const rows = new RowsById(traceIdx, spanIdx, this.spanIds.values.length);
    const parentIdx = new Int32Array(n).fill(-1);
    for (let r = 0; r < n; r++) {
      const shared = rows.first(traceIdx[r], spanIdx[r], r, -1);
      // Zipkin shared span: the server half with the id of a client span hangs under that client.
      if (kind[r] === SPAN_KIND.server && shared >= 0 && kind[shared] === SPAN_KIND.client) {
        parentIdx[r] = shared;
        continue;
      }
      // Children of a shared id belong to its server half.
      if (parentSpanIdx[r] >= 0) parentIdx[r] = rows.first(traceIdx[r], parentSpanIdx[r], r, SPAN_KIND.server, kind);
    }
    const linkTrace = this.linkTrace.done();
    const linkSpanId = this.linkSpanId.done();
    const target = new Int32Array(linkTrace.length);
    for (let l = 0; l < target.length; l++) target[l] = rows.first(linkTrace[l], linkSpanId[l], -1, -1);
    const set: TraceSet = {
      traceIds: this.traceIds.values,
      spanIds: this.spanIds.values,
      services: this.services.values,
      operations: this.operations.values,
      spanCount: n,
      traceIdx,
      spanIdx,
      parentIdx,
      parentSpanIdx,
      serviceIdx,
      operationIdx: this.operationIdx.done(),
      start: this.start.done(),
      duration: this.duration.done(),
      status: this.status.done(),
      kind,
      links: { span: this.linkSpan.done(), type: this.linkType.done(), traceIdx: linkTrace, spanIdx: linkSpanId, target },
      details: {
        strings: this.strings.values,
        attrOffsets: this.attrOffsets.done(),
        attrKey: this.attrKey.done(),
        attrValue: this.attrValue.done(),
        eventOffsets: this.eventOffsets.done(),
        eventTime: this.eventTime.done(),
        eventName: this.eventName.done(),
        eventAttrOffsets: this.eventAttrOffsets.done(),
        eventAttrKey: this.eventAttrKey.done(),
        eventAttrValue: this.eventAttrValue.done(),
        statusMessage: this.statusMessage.done(),
      },
    };
    return { set, warnings: validateTraces(set) };
  }
}

/**
 * Rows by (trace, span id) as chains in typed arrays (no list per span): span ids repeat across traces only
 * rarely, so a chain is almost always one row long.
 */
class RowsById {
  /** First row of each span id, -1 when none. */
  private readonly head: Int32Array;
  /** Next row with the same span id, -1 at the end (rows in ascending order). */
  private readonly next: Int32Array;
  constructor(private readonly traceIdx: Uint32Array, spanIdx: Uint32Array, ids: number) {
    this.head = new Int32Array(ids).fill(-1);
    this.next = new Int32Array(spanIdx.length);
    for (let r = spanIdx.length - 1; r >= 0; r--) {
      this.next[r] = this.head[spanIdx[r]];
      this.head[spanIdx[r]] = r;
    }
  }
  /**
   * The first row of span id `span` in trace `trace` other than `self`, preferring one whose `kinds` entry
   * is `prefer` (when prefer ≥ 0); -1 when none.
   */
  first(trace: number, span: number, self: number, prefer: number, kinds?: Uint8Array): number {
    let found = -1;
    for (let r = span < this.head.length ? this.head[span] : -1; r >= 0; r = this.next[r]) {
      if (r === self || this.traceIdx[r] !== trace) continue;
      if (prefer < 0 || (kinds && kinds[r] === prefer)) return r;
      if (found < 0) found = r;
    }
    return found;
  }
}
