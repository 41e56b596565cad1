// Shared helpers for the import benchmarks: generated input bytes, forced GC, peak memory growth sampled
// during a run, one timed parse of in-memory bytes through the format registry, and a JSON.parse baseline.

import { parseSource } from '../src/formats/registry';
import { bytesSource } from '../src/formats/sources';
import type { ParsedFile } from '../src/formats/types';

/** Runs a full GC when node was started with --expose-gc (npm run bench does). */
export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface MemoryGrowth {
  /** Growth of RSS (noisy: freed pages are not always returned). */
  rss: number;
  /** Growth of the JS heap in use. */
  heap: number;
  /** Growth of ArrayBuffer memory (exact: the columns and buffers the run holds). */
  buffers: number;
}

/** Collects garbage, takes a baseline, and tracks the peak growth of each measure from there. */
export function memoryPeak(): { sample(): void; growth(): MemoryGrowth } {
  gc();
  const m0 = process.memoryUsage();
  const peak = { rss: m0.rss, heap: m0.heapUsed, buffers: m0.arrayBuffers };
  return {
    sample() {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heap = Math.max(peak.heap, m.heapUsed);
      peak.buffers = Math.max(peak.buffers, m.arrayBuffers);
    },
    growth: () => ({ rss: peak.rss - m0.rss, heap: peak.heap - m0.heapUsed, buffers: peak.buffers - m0.arrayBuffers }),
  };
}

export interface TimedParse {
  ms: number;
  parsed: ParsedFile;
  points: number;
  peak: MemoryGrowth;
}

/** Parses `bytes` as file `name` at the default chunk size, sampling memory at every progress report. */
export async function timeParse(bytes: Uint8Array, name: string): Promise<TimedParse> {
  const memory = memoryPeak();
  const t0 = performance.now();
  const r = await parseSource(bytesSource(bytes, name), { onProgress: memory.sample });
  const ms = performance.now() - t0;
  memory.sample();
  if (!r.ok) throw new Error(r.error.message);
  const points = r.value.series.reduce((n, s) => n + s.t.length, 0);
  return { ms, parsed: r.value, points, peak: memory.growth() };
}

/** Encodes generated pieces into one buffer until it is ~bytes long or `next` returns undefined. */
export function fill(bytes: number, next: (i: number) => string | undefined): Uint8Array {
  const out = new Uint8Array(bytes + 16 * 1024 * 1024);
  const encoder = new TextEncoder();
  let at = 0;
  for (let i = 0; at < bytes; i++) {
    const piece = next(i);
    if (piece === undefined) break;
    at += encoder.encodeInto(piece, out.subarray(at)).written;
  }
  return out.subarray(0, at);
}

/** Baseline ms: TextDecoder + JSON.parse (per line for JSON Lines, once for a document), no model built. */
export function jsonParseBaseline(bytes: Uint8Array, lines: boolean): number {
  gc();
  const t0 = performance.now();
  const text = new TextDecoder().decode(bytes);
  if (lines) {
    for (const line of text.split('\n')) if (line) JSON.parse(line);
  } else {
    JSON.parse(text);
  }
  return performance.now() - t0;
}
