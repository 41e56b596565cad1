// Helpers of the broken-variant tests: parse at 4 MiB and at small chunks (same outcome and error kind),
// cheap comparison of huge results, byte-level breakage (invalid UTF-8, raw 1e400), and minimal documents.

import { expect } from 'vitest';
import type { ImportError, Result } from '../../src/model/errors';
import type { ParsedFile } from '../../src/formats/types';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';
import { spanAttributes } from '../../src/model/traces';
import { text } from './csv-helpers';

/** What a huge result holds, compared instead of the whole value (a deep compare of 100 k series is slow). */
function shape(p: ParsedFile): unknown {
  const attrs = p.traces ? spanAttributes(p.traces, 0) : [];
  return {
    format: p.format,
    warnings: p.warnings,
    series: p.series.map((s) => `${s.name} ${Object.keys(s.labels).length} ${s.t.join()} ${s.v.join()}`).join('\n'),
    spans: p.traces?.spanCount,
    attrs: attrs.map(([k, v]) => `${k}=${v}`).join('\n'),
  };
}

/** Parses at 4 MiB and at `smallChunk` bytes (100, or 64 KiB for the multi-megabyte JSON documents). */
export async function outcome(bytes: Uint8Array, name: string, deep = true): Promise<Result<ParsedFile>> {
  const smallChunk = deep || name.endsWith('.csv') ? 100 : 64 * 1024;
  const whole = await parseSource(bytesSource(bytes, name));
  const small = await parseSource(bytesSource(bytes, name, smallChunk));
  expect(small.ok).toBe(whole.ok);
  if (whole.ok && small.ok) {
    if (deep) expect(small.value).toEqual(whole.value);
    else expect(shape(small.value)).toEqual(shape(whole.value));
  }
  if (!whole.ok && !small.ok) expect(small.error.kind).toBe(whole.error.kind);
  return whole;
}

export async function imported(bytes: Uint8Array, name: string, deep = true): Promise<ParsedFile> {
  const r = await outcome(bytes, name, deep);
  if (!r.ok) throw new Error(`${name}: expected an import, got ${r.error.message}`);
  return r.value;
}

export async function refused(bytes: Uint8Array, name: string): Promise<ImportError> {
  const r = await outcome(bytes, name);
  if (r.ok) throw new Error(`${name}: expected an import error, got ${r.value.series.length} series`);
  return r.error;
}

/** `s` with its first "é" turned into an invalid UTF-8 sequence (ff a9). */
export function badUtf8(s: string): Uint8Array {
  const b = text(s);
  b[b.indexOf(0xc3)] = 0xff;
  return b;
}

/** JSON text of `doc` with the string "X" replaced by `raw` (for 1e400 and deep nesting). */
export const withRaw = (doc: unknown, raw: string): Uint8Array => text(JSON.stringify(doc).replace('"X"', raw));

export const HUNDRED_K = 100_000;

export const otlpSpan = { traceId: 'ab'.repeat(16), spanId: '11'.repeat(8), name: 'op', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000000001000' };
export const otlpDoc = (span: Record<string, unknown>) => ({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...otlpSpan, ...span }] }] }] });
export const jaegerSpan = { traceID: 'abc', spanID: '1', operationName: 'op', references: [], startTime: 1_700_000_000_000_000, duration: 10, tags: [], logs: [], processID: 'p1' };
export const jaegerDoc = (span: Record<string, unknown>) => ({ data: [{ traceID: 'abc', spans: [{ ...jaegerSpan, ...span }], processes: { p1: { serviceName: 'svc' } } }] });
export const zipkinSpan = { traceId: 'abc', id: '1', name: 'op', timestamp: 1_700_000_000_000_000, duration: 5, localEndpoint: { serviceName: 's' } };
export const zipkinDoc = (span: Record<string, unknown>) => [{ ...zipkinSpan, ...span }];
export const queryRange = (metric: Record<string, string>, values: unknown) => ({ status: 'success', data: { resultType: 'matrix', result: [{ metric, values }] } });
export const gaugeRequest = (point: Record<string, unknown>) => ({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'g', gauge: { dataPoints: [{ timeUnixNano: '1700000000000000000', ...point }] } }] }] }] });
