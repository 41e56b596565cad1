// A dataset embedded in a session file: series and trace columns as JSON, numeric columns as base64 of their
// little-endian bytes (exact, NaN kept); and back, with every column's type and length checked.

import type { MetricType, Series } from '../model/series';
import { traceColumns, traceSetFromColumns, TRACE_COLUMNS, type TraceColumn, type TraceColumnName, type TraceSet } from '../model/traces';

export type ColumnType = 'f64' | 'u32' | 'i32' | 'u8';

export interface EmbeddedColumn {
  type: ColumnType;
  /** base64 of the little-endian bytes. */
  data: string;
}

export interface EmbeddedSeries {
  name: string;
  labels: Record<string, string>;
  metricType?: MetricType;
  unit?: string;
  t: string;
  v: string;
}

export interface EmbeddedData {
  series: EmbeddedSeries[];
  /** Trace columns by TRACE_COLUMNS name: string tables as arrays, the rest as typed columns. */
  traces?: Partial<Record<TraceColumnName, EmbeddedColumn | string[]>>;
}

const WIDTH: Record<ColumnType, number> = { f64: 8, u32: 4, i32: 4, u8: 1 };

function typeOf(a: Exclude<TraceColumn, string[]>): ColumnType {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'u8';
}

/** Bytes per btoa call: a multiple of 3, so no slice but the last ends in padding. */
const BASE64_SLICE = 3 * 10_922;

/** base64 of bytes (btoa over ~32 kB slices: no call-stack limit on big columns). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += BASE64_SLICE) out += btoa(String.fromCharCode(...bytes.subarray(i, i + BASE64_SLICE)));
  return out;
}

/** Bytes of base64 text, or undefined when it is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

function littleEndian(a: Exclude<TraceColumn, string[]>): Uint8Array {
  const type = typeOf(a);
  const bytes = new Uint8Array(a.length * WIDTH[type]);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) {
    if (type === 'f64') view.setFloat64(i * 8, a[i], true);
    else if (type === 'u32') view.setUint32(i * 4, a[i], true);
    else if (type === 'i32') view.setInt32(i * 4, a[i], true);
    else bytes[i] = a[i];
  }
  return bytes;
}

export function encodeColumn(a: Exclude<TraceColumn, string[]>): EmbeddedColumn {
  return { type: typeOf(a), data: toBase64(littleEndian(a)) };
}

/** The typed column, or a message when the text is not base64 of whole elements. */
export function decodeColumn(c: EmbeddedColumn): Exclude<TraceColumn, string[]> | string {
  const bytes = fromBase64(c.data);
  if (!bytes) return 'is not base64';
  const w = WIDTH[c.type];
  if (bytes.length % w) return `holds ${bytes.length} bytes, not a whole number of ${c.type} values`;
  const n = bytes.length / w;
  const view = new DataView(bytes.buffer);
  if (c.type === 'u8') return bytes;
  const out = c.type === 'f64' ? new Float64Array(n) : c.type === 'u32' ? new Uint32Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (c.type === 'f64') out[i] = view.getFloat64(i * 8, true);
    else if (c.type === 'u32') out[i] = view.getUint32(i * 4, true);
    else out[i] = view.getInt32(i * 4, true);
  }
  return out;
}

export function embedData(series: readonly Series[], traces?: TraceSet): EmbeddedData {
  const out: EmbeddedData = {
    series: series.map((s) => ({
      name: s.name,
      labels: s.labels,
      ...(s.metricType ? { metricType: s.metricType } : {}),
      ...(s.unit ? { unit: s.unit } : {}),
      t: encodeColumn(s.t).data,
      v: encodeColumn(s.v).data,
    })),
  };
  if (traces && traces.spanCount > 0) {
    const cols = traceColumns(traces);
    const enc: Partial<Record<TraceColumnName, EmbeddedColumn | string[]>> = {};
    for (const name of TRACE_COLUMNS) {
      const c = cols[name];
      enc[name] = Array.isArray(c) ? c : encodeColumn(c);
    }
    out.traces = enc;
  }
  return out;
}

/** Series and traces of embedded data, or a message naming the JSON path that is wrong. */
export function unembedData(d: EmbeddedData): { series: Series[]; traces?: TraceSet } | { problem: string; where: string } {
  const series: Series[] = [];
  for (let i = 0; i < d.series.length; i++) {
    const e = d.series[i];
    const t = decodeColumn({ type: 'f64', data: e.t });
    const v = decodeColumn({ type: 'f64', data: e.v });
    if (typeof t === 'string') return { problem: `the timestamps ${t}`, where: `dataset.embedded.series[${i}].t` };
    if (typeof v === 'string') return { problem: `the values ${v}`, where: `dataset.embedded.series[${i}].v` };
    if (t.length !== v.length) return { problem: `${t.length} timestamps but ${v.length} values`, where: `dataset.embedded.series[${i}]` };
    series.push({ name: e.name, labels: { ...e.labels }, ...(e.metricType ? { metricType: e.metricType } : {}), ...(e.unit ? { unit: e.unit } : {}), t: t as Float64Array, v: v as Float64Array });
  }
  if (!d.traces) return { series };
  const cols: Partial<Record<TraceColumnName, TraceColumn>> = {};
  for (const name of TRACE_COLUMNS) {
    const c = d.traces[name];
    if (c === undefined) continue;
    if (Array.isArray(c)) cols[name] = c;
    else {
      const col = decodeColumn(c);
      if (typeof col === 'string') return { problem: `the column ${col}`, where: `dataset.embedded.traces["${name}"]` };
      cols[name] = col;
    }
  }
  const traces = traceSetFromColumns(cols);
  if (typeof traces === 'string') return { problem: traces, where: 'dataset.embedded.traces' };
  const bad = indexProblem(traces);
  if (bad) return { problem: bad, where: 'dataset.embedded.traces' };
  return { series, traces };
}

/** Every interned index must point inside its table (a hostile file could point past it). */
function indexProblem(s: TraceSet): string | undefined {
  const within = (name: string, col: ArrayLike<number>, size: number, allowMinusOne = false): string | undefined => {
    for (let i = 0; i < col.length; i++) {
      const x = col[i];
      if (!(x < size) || (x < 0 && !(allowMinusOne && x === -1))) return `column ${name} row ${i} points to ${x}, outside 0…${size - 1}`;
    }
    return undefined;
  };
  const d = s.details;
  return (
    within('traceIdx', s.traceIdx, s.traceIds.length) ?? within('spanIdx', s.spanIdx, s.spanIds.length) ??
    within('parentIdx', s.parentIdx, s.spanCount, true) ?? within('parentSpanIdx', s.parentSpanIdx, s.spanIds.length, true) ??
    within('serviceIdx', s.serviceIdx, s.services.length) ?? within('operationIdx', s.operationIdx, s.operations.length) ??
    within('links.span', s.links.span, s.spanCount) ?? within('links.target', s.links.target, s.spanCount, true) ??
    within('links.traceIdx', s.links.traceIdx, s.traceIds.length) ?? within('links.spanIdx', s.links.spanIdx, s.spanIds.length) ??
    within('details.attrKey', d.attrKey, d.strings.length) ?? within('details.attrValue', d.attrValue, d.strings.length) ??
    within('details.eventName', d.eventName, d.strings.length) ?? within('details.eventAttrKey', d.eventAttrKey, d.strings.length) ??
    within('details.eventAttrValue', d.eventAttrValue, d.strings.length) ?? within('details.statusMessage', d.statusMessage, d.strings.length, true) ??
    monotone('details.attrOffsets', d.attrOffsets) ?? monotone('details.eventOffsets', d.eventOffsets) ?? monotone('details.eventAttrOffsets', d.eventAttrOffsets)
  );
}

function monotone(name: string, col: Uint32Array): string | undefined {
  for (let i = 1; i < col.length; i++) if (col[i] < col[i - 1]) return `column ${name} decreases at row ${i}`;
  return undefined;
}
