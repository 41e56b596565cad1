// Bytes a span costs to keep, estimated as its OTLP protobuf encoding: fixed fields (ids, times, kind,
// status) plus name, attributes, events and links with their tags and length prefixes.

import type { TraceSet } from '../../../model/traces';

/** Bytes of a length-delimited protobuf field holding `len` bytes (tag + varint length + payload). */
function delimited(len: number): number {
  return 1 + (len < 128 ? 1 : len < 16384 ? 2 : 3) + len;
}

/** UTF-8 length of each string of a table (computed once per table). */
function utf8Lengths(strings: readonly string[]): Uint32Array {
  const enc = new TextEncoder();
  return Uint32Array.from(strings, (s) => (/^[\x00-\x7f]*$/.test(s) ? s.length : enc.encode(s).length));
}

/**
 * Estimated encoded size of every span, bytes: trace id (18), span id (10), parent id (10 when set), start and
 * end (9 each), kind and status (4 + message), the name, each attribute as a KeyValue with a string value,
 * each event (time, name, attributes) and each link (ids); the span's own length prefix on top.
 */
export function spanBytes(set: TraceSet): Float64Array {
  const d = set.details;
  const ops = utf8Lengths(set.operations);
  const strings = utf8Lengths(d.strings);
  const keyValue = (k: number, v: number): number => delimited(delimited(strings[k]) + delimited(delimited(strings[v])));
  const links = new Uint32Array(set.spanCount);
  for (let i = 0; i < set.links.span.length; i++) links[set.links.span[i]]++;
  const out = new Float64Array(set.spanCount);
  for (let r = 0; r < set.spanCount; r++) {
    let b = 18 + 10 + (set.parentSpanIdx[r] >= 0 ? 10 : 0) + 18 + 4 + delimited(ops[set.operationIdx[r]]);
    const m = d.statusMessage[r];
    if (m >= 0) b += delimited(strings[m]);
    for (let a = d.attrOffsets[r]; a < d.attrOffsets[r + 1]; a++) b += keyValue(d.attrKey[a], d.attrValue[a]);
    for (let e = d.eventOffsets[r]; e < d.eventOffsets[r + 1]; e++) {
      let eb = 9 + delimited(strings[d.eventName[e]]);
      for (let a = d.eventAttrOffsets[e]; a < d.eventAttrOffsets[e + 1]; a++) eb += keyValue(d.eventAttrKey[a], d.eventAttrValue[a]);
      b += delimited(eb);
    }
    b += links[r] * delimited(18 + 10);
    out[r] = delimited(b);
  }
  return out;
}
