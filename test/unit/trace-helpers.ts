// Test helpers for the trace readers: fixture and shared-sample loading, the trace summary of a parsed
// file, a span looked up by id, and the meaningless-name parity check (sniff by content, not by name).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { ParsedFile } from '../../src/formats/types';
import { SPAN_KIND_NAMES, SPAN_STATUS_NAMES, spanAttributes, spanEvents, summarizeTraces, type TraceSet } from '../../src/model/traces';
import { parseOk, parseTwice, repoRoot, sharedDir } from './csv-helpers';

export const traceFixture = (dir: string, name: string): Uint8Array => new Uint8Array(readFileSync(resolve(repoRoot, 'test/fixtures', dir, name)));
export const sharedSample = (dir: string, name: string): Uint8Array => new Uint8Array(readFileSync(resolve(sharedDir, 'data/formats', dir, name)));
export const json = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));

/** Parses at 4 MiB and 100-byte chunks (identical results required) and under a meaningless name. */
export async function parseTraces(bytes: Uint8Array, name: string): Promise<ParsedFile & { traces: TraceSet }> {
  const p = await parseOk(bytes, name);
  const renamed = await parseTwice(bytes, 'upload-7f3a.bin');
  expect(renamed.ok && renamed.value).toEqual(p);
  if (!p.traces) throw new Error(`${name}: no traces`);
  return p as ParsedFile & { traces: TraceSet };
}

export function counts(set: TraceSet): { traces: number; spans: number; services: number; errors: number } {
  const s = summarizeTraces(set);
  return { traces: s.traceCount, spans: s.spanCount, services: s.services.length, errors: s.errorSpanCount };
}

export interface SpanView {
  trace: string;
  span: string;
  parent: string | null;
  declaredParent: string | null;
  service: string;
  operation: string;
  start: number;
  duration: number;
  status: string;
  kind: string;
  message: string | null;
  attributes: [string, string][];
  events: ReturnType<typeof spanEvents>;
}

/** Every span with id `spanId`, as plain values. */
export function spansById(set: TraceSet, spanId: string): SpanView[] {
  const out: SpanView[] = [];
  for (let r = 0; r < set.spanCount; r++) {
    if (set.spanIds[set.spanIdx[r]] !== spanId) continue;
    const p = set.parentIdx[r];
    const m = set.details.statusMessage[r];
    out.push({
      trace: set.traceIds[set.traceIdx[r]],
      span: spanId,
      parent: p >= 0 ? set.spanIds[set.spanIdx[p]] : null,
      declaredParent: set.parentSpanIdx[r] >= 0 ? set.spanIds[set.parentSpanIdx[r]] : null,
      service: set.services[set.serviceIdx[r]],
      operation: set.operations[set.operationIdx[r]],
      start: set.start[r],
      duration: set.duration[r],
      status: SPAN_STATUS_NAMES[set.status[r]],
      kind: SPAN_KIND_NAMES[set.kind[r]],
      message: m >= 0 ? set.details.strings[m] : null,
      attributes: spanAttributes(set, r),
      events: spanEvents(set, r),
    });
  }
  return out;
}

export function spanById(set: TraceSet, spanId: string): SpanView {
  const all = spansById(set, spanId);
  if (all.length !== 1) throw new Error(`${all.length} spans with id ${spanId}`);
  return all[0];
}
