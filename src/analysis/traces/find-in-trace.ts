// Find within one trace (the waterfall's search box, as Jaeger UI's "Find…"): the rows whose service,
// operation, span id, status message, attribute key or value, or event name or attribute contains the
// text (case-insensitive). `key=value` matches spans with attribute `key` whose value contains `value`.

import type { TraceSet } from '../../model/traces';
import type { SpanForest } from './span-forest';

/** Which entries of a string table contain `needle` (already lower case); 1 per match. */
function matching(table: readonly string[], needle: string): Uint8Array {
  const m = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) if (table[i].toLowerCase().includes(needle)) m[i] = 1;
  return m;
}

/** Parses `key=value` (key without spaces, non-empty); undefined for plain text. */
function keyValue(text: string): { key: string; value: string } | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  const key = text.slice(0, eq).trim();
  return key && !/\s/.test(key) ? { key, value: text.slice(eq + 1).trim().toLowerCase() } : undefined;
}

/**
 * Waterfall rows of forest trace `t` that match `text` (ascending). Missing-parent placeholders match
 * by the id of the span they stand for. Empty text matches nothing.
 */
export function findInTrace(set: TraceSet, forest: SpanForest, t: number, text: string): Uint32Array {
  const query = text.trim();
  if (!query || t < 0 || t >= forest.orderOffsets.length - 1) return new Uint32Array(0);
  const d = set.details;
  const lo = forest.orderOffsets[t];
  const hi = forest.orderOffsets[t + 1];
  const out: number[] = [];
  const kv = keyValue(query);
  if (kv) {
    const values = matching(d.strings, kv.value);
    for (let row = 0; row < hi - lo; row++) {
      const v = forest.order[lo + row];
      if (v >= set.spanCount) continue;
      for (let a = d.attrOffsets[v]; a < d.attrOffsets[v + 1]; a++) {
        if (values[d.attrValue[a]] && d.strings[d.attrKey[a]] === kv.key) {
          out.push(row);
          break;
        }
      }
    }
    return Uint32Array.from(out);
  }
  const needle = query.toLowerCase();
  const strings = matching(d.strings, needle);
  const services = matching(set.services, needle);
  const operations = matching(set.operations, needle);
  const ids = (i: number): boolean => i >= 0 && (set.spanIds[i] ?? '').toLowerCase().includes(needle);
  const hit = (v: number): boolean => {
    if (v >= set.spanCount) return ids(forest.placeholderSpanIdx[v - set.spanCount]);
    if (services[set.serviceIdx[v]] || operations[set.operationIdx[v]] || ids(set.spanIdx[v])) return true;
    const msg = d.statusMessage[v];
    if (msg >= 0 && strings[msg]) return true;
    for (let a = d.attrOffsets[v]; a < d.attrOffsets[v + 1]; a++) if (strings[d.attrKey[a]] || strings[d.attrValue[a]]) return true;
    for (let e = d.eventOffsets[v]; e < d.eventOffsets[v + 1]; e++) {
      if (strings[d.eventName[e]]) return true;
      for (let a = d.eventAttrOffsets[e]; a < d.eventAttrOffsets[e + 1]; a++) if (strings[d.eventAttrKey[a]] || strings[d.eventAttrValue[a]]) return true;
    }
    return false;
  };
  for (let row = 0; row < hi - lo; row++) if (hit(forest.order[lo + row])) out.push(row);
  return Uint32Array.from(out);
}
