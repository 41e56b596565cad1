// Several files' TraceSets as one (a trace exported by several services lands in several files): string
// tables re-interned, columns concatenated, parents and link targets that live in another file resolved.

import { StringTable } from '../../model/string-table';
import { breakParentCycles } from '../../model/trace-validate';
import type { TraceSet } from '../../model/traces';

function remap(table: StringTable, values: readonly string[]): Uint32Array {
  return Uint32Array.from(values, (s) => table.intern(s));
}

/** Copies `src` into `dst` at `at`, mapping each value through `map` (or adding `add`). */
function copyMapped(dst: Uint32Array | Int32Array, at: number, src: ArrayLike<number>, map?: Uint32Array, add = 0): void {
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    dst[at + i] = x < 0 ? x : map ? map[x] : x + add;
  }
}

const total = (sets: readonly TraceSet[], len: (s: TraceSet) => number): number => sets.reduce((k, s) => k + len(s), 0);

/** One TraceSet holding every span of `sets` (the set itself when there is one). */
export function mergeTraceSets(sets: readonly TraceSet[]): TraceSet {
  if (sets.length === 1) return sets[0];
  const tables = { traces: new StringTable(), spans: new StringTable(), services: new StringTable(), operations: new StringTable(), strings: new StringTable() };
  const n = total(sets, (s) => s.spanCount);
  const L = total(sets, (s) => s.links.span.length);
  const A = total(sets, (s) => s.details.attrKey.length);
  const E = total(sets, (s) => s.details.eventTime.length);
  const EA = total(sets, (s) => s.details.eventAttrKey.length);
  const out: TraceSet = {
    traceIds: tables.traces.values, spanIds: tables.spans.values, services: tables.services.values, operations: tables.operations.values, spanCount: n,
    traceIdx: new Uint32Array(n), spanIdx: new Uint32Array(n), parentIdx: new Int32Array(n), parentSpanIdx: new Int32Array(n),
    serviceIdx: new Uint32Array(n), operationIdx: new Uint32Array(n), start: new Float64Array(n), duration: new Float64Array(n),
    status: new Uint8Array(n), kind: new Uint8Array(n),
    links: { span: new Uint32Array(L), type: new Uint8Array(L), traceIdx: new Uint32Array(L), spanIdx: new Uint32Array(L), target: new Int32Array(L) },
    details: {
      strings: tables.strings.values, attrOffsets: new Uint32Array(n + 1), attrKey: new Uint32Array(A), attrValue: new Uint32Array(A),
      eventOffsets: new Uint32Array(n + 1), eventTime: new Float64Array(E), eventName: new Uint32Array(E),
      eventAttrOffsets: new Uint32Array(E + 1), eventAttrKey: new Uint32Array(EA), eventAttrValue: new Uint32Array(EA), statusMessage: new Int32Array(n),
    },
  };
  const at = { span: 0, link: 0, attr: 0, event: 0, eventAttr: 0 };
  for (const s of sets) {
    const traceMap = remap(tables.traces, s.traceIds);
    const spanMap = remap(tables.spans, s.spanIds);
    const stringMap = remap(tables.strings, s.details.strings);
    copyMapped(out.traceIdx, at.span, s.traceIdx, traceMap);
    copyMapped(out.spanIdx, at.span, s.spanIdx, spanMap);
    copyMapped(out.parentIdx, at.span, s.parentIdx, undefined, at.span);
    copyMapped(out.parentSpanIdx, at.span, s.parentSpanIdx, spanMap);
    copyMapped(out.serviceIdx, at.span, s.serviceIdx, remap(tables.services, s.services));
    copyMapped(out.operationIdx, at.span, s.operationIdx, remap(tables.operations, s.operations));
    out.start.set(s.start, at.span);
    out.duration.set(s.duration, at.span);
    out.status.set(s.status, at.span);
    out.kind.set(s.kind, at.span);
    const l = s.links;
    copyMapped(out.links.span, at.link, l.span, undefined, at.span);
    out.links.type.set(l.type, at.link);
    copyMapped(out.links.traceIdx, at.link, l.traceIdx, traceMap);
    copyMapped(out.links.spanIdx, at.link, l.spanIdx, spanMap);
    copyMapped(out.links.target, at.link, l.target, undefined, at.span);
    const d = s.details;
    const od = out.details;
    for (let r = 0; r < s.spanCount; r++) {
      od.attrOffsets[at.span + r + 1] = d.attrOffsets[r + 1] + at.attr;
      od.eventOffsets[at.span + r + 1] = d.eventOffsets[r + 1] + at.event;
    }
    copyMapped(od.attrKey, at.attr, d.attrKey, stringMap);
    copyMapped(od.attrValue, at.attr, d.attrValue, stringMap);
    od.eventTime.set(d.eventTime, at.event);
    copyMapped(od.eventName, at.event, d.eventName, stringMap);
    for (let e = 0; e < d.eventTime.length; e++) od.eventAttrOffsets[at.event + e + 1] = d.eventAttrOffsets[e + 1] + at.eventAttr;
    copyMapped(od.eventAttrKey, at.eventAttr, d.eventAttrKey, stringMap);
    copyMapped(od.eventAttrValue, at.eventAttr, d.eventAttrValue, stringMap);
    copyMapped(od.statusMessage, at.span, d.statusMessage, stringMap);
    at.span += s.spanCount;
    at.link += l.span.length;
    at.attr += d.attrKey.length;
    at.event += d.eventTime.length;
    at.eventAttr += d.eventAttrKey.length;
  }
  resolveAcrossFiles(out);
  return out;
}

/** Parents and link targets a file named but held in another file of the merge. */
function resolveAcrossFiles(set: TraceSet): void {
  const ids = set.spanIds.length;
  const rowOf = new Map<number, number>();
  for (let r = set.spanCount - 1; r >= 0; r--) rowOf.set(set.traceIdx[r] * ids + set.spanIdx[r], r);
  let changed = false;
  for (let r = 0; r < set.spanCount; r++) {
    if (set.parentIdx[r] >= 0 || set.parentSpanIdx[r] < 0) continue;
    const p = rowOf.get(set.traceIdx[r] * ids + set.parentSpanIdx[r]);
    if (p !== undefined && p !== r) {
      set.parentIdx[r] = p;
      changed = true;
    }
  }
  const l = set.links;
  for (let i = 0; i < l.span.length; i++) if (l.target[i] < 0) l.target[i] = rowOf.get(l.traceIdx[i] * ids + l.spanIdx[i]) ?? -1;
  if (changed) breakParentCycles(set);
}
