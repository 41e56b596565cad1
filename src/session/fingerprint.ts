// The dataset fingerprint a session refers to: SHA-256 (crypto.subtle) over canonical bytes of the content
// (series: name, labels sorted by key, t, v; traces: every column), equal for a dataset read back from the
// browser's store and the same file parsed by the CLI. Metadata (file name, format, import time) is left out.

import type { Series } from '../model/series';
import { traceColumns, TRACE_COLUMNS, type TraceSet } from '../model/traces';

const MAGIC = 'faultline-dataset/1';

/** Canonical pieces in order: strings are UTF-8 with a u32 byte length, numbers little-endian float64 with a u32 count. */
type Piece = { text: Uint8Array } | { numbers: ArrayLike<number> };

function pieces(series: readonly Series[], traces: TraceSet | undefined): Piece[] {
  const enc = new TextEncoder();
  const text = (s: string): Piece => ({ text: enc.encode(s) });
  const out: Piece[] = [text(MAGIC), { numbers: [series.length] }];
  for (const s of series) {
    const labels = Object.keys(s.labels).sort().map((k) => [k, s.labels[k]]);
    out.push(text(s.name), text(JSON.stringify(labels)), { numbers: s.t }, { numbers: s.v });
  }
  out.push({ numbers: [traces && traces.spanCount > 0 ? 1 : 0] });
  if (traces && traces.spanCount > 0) {
    const cols = traceColumns(traces);
    for (const name of TRACE_COLUMNS) {
      const c = cols[name];
      out.push(text(name));
      out.push(Array.isArray(c) ? text(JSON.stringify(c)) : { numbers: c });
    }
  }
  return out;
}

/** The canonical bytes of a dataset's content (sized first, then written once). */
export function datasetBytes(series: readonly Series[], traces?: TraceSet): Uint8Array<ArrayBuffer> {
  const parts = pieces(series, traces);
  let size = 0;
  for (const p of parts) size += 4 + ('text' in p ? p.text.length : p.numbers.length * 8);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const p of parts) {
    if ('text' in p) {
      view.setUint32(at, p.text.length, true);
      bytes.set(p.text, at + 4);
      at += 4 + p.text.length;
    } else {
      const a = p.numbers;
      view.setUint32(at, a.length, true);
      at += 4;
      // NaN payloads differ between engines: every NaN is written as the one canonical NaN.
      for (let i = 0; i < a.length; i++, at += 8) view.setFloat64(at, Number.isNaN(a[i]) ? NaN : a[i], true);
    }
  }
  return bytes;
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Lower-case hex SHA-256 of a dataset's content. */
export async function datasetFingerprint(series: readonly Series[], traces?: TraceSet): Promise<string> {
  return sha256Hex(datasetBytes(series, traces));
}
