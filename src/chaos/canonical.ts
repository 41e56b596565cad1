// Canonical bytes of a replay result (stable key order, series and span columns as little-endian float64)
// and their SHA-256 via crypto.subtle: same dataset + scenario + configuration + seed → the same hash.

import { traceColumns, TRACE_COLUMNS, type TraceSet } from '../model/traces';
import type { ReplayResult } from './engine/types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON with object keys sorted at every level (numbers as JS prints them: the same in every engine). */
export function stableJson(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'number') return Number.isFinite(x) ? String(x) : JSON.stringify(String(x));
  if (typeof x === 'string' || typeof x === 'boolean') return JSON.stringify(x);
  if (Array.isArray(x)) return `[${x.map(stableJson).join(',')}]`;
  const o = x as { [k: string]: Json };
  return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
}

class ByteWriter {
  private buf: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private readonly text = new TextEncoder();

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  string(s: string): void {
    const bytes = this.text.encode(s);
    this.u32(bytes.length);
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  u32(x: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, x, true);
    this.length += 4;
  }

  /** Every value as little-endian float64 (NaN written as the one canonical NaN). */
  numbers(a: ArrayLike<number>): void {
    this.u32(a.length);
    this.reserve(a.length * 8);
    for (let i = 0; i < a.length; i++) {
      this.view.setFloat64(this.length, a[i], true);
      this.length += 8;
    }
  }

  bytes(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.length);
  }
}

function writeTraces(w: ByteWriter, set: TraceSet): void {
  const cols = traceColumns(set);
  for (const name of TRACE_COLUMNS) {
    const c = cols[name];
    w.string(name);
    if (Array.isArray(c)) w.string(stableJson(c));
    else w.numbers(c);
  }
}

/** The bytes a replay result hashes to: summary JSON, then every series, then the replayed spans. */
export function canonicalBytes(r: ReplayResult): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter();
  w.string('faultline-replay/1');
  w.string(stableJson({ edges: r.edges, breakers: r.breakers, requests: r.requests, simulatedCalls: r.simulatedCalls, events: r.events, faultWindows: r.faultWindows }));
  w.u32(r.series.length);
  for (const s of r.series) {
    w.string(stableJson({ name: s.name, labels: s.labels, unit: s.unit ?? null, metricType: s.metricType ?? null }));
    w.numbers(s.t);
    w.numbers(s.v);
  }
  w.u32(r.traces ? 1 : 0);
  if (r.traces) writeTraces(w, r.traces);
  return w.bytes();
}

/** Lower-case hex SHA-256 of the canonical bytes (crypto.subtle: browsers and Node 20). */
export async function replayHash(r: ReplayResult): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', canonicalBytes(r));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
