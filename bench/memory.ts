// Shared helpers for the import benchmarks: generated input bytes, forced GC, peak memory growth sampled
// during a run, and one timed parse of in-memory bytes through the format registry.

import { parseSource } from '../src/formats/registry';
import { bytesSource } from '../src/formats/sources';
import type { ParsedFile } from '../src/formats/types';

/** Runs a full GC when node was started with --expose-gc (npm run bench does). */
export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Collects garbage a few times with pauses, so buffers freed by an earlier run are gone before a baseline. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
  /** CPU time of the process (all its threads) during the parse: steadier than `ms` on a busy machine. */
  cpuMs: number;
  parsed: ParsedFile;
  points: number;
  peak: MemoryGrowth;
}

/**
 * Parses `bytes` as file `name` at the default chunk size, sampling memory at every progress report and at
 * the end; with `live`, a full GC runs before each sample, so the peak is what the parse holds (not garbage
 * not yet collected) — slow, for a memory-only run.
 */
export async function timeParse(bytes: Uint8Array, name: string, live = false): Promise<TimedParse> {
  // Garbage of earlier runs is collected first (else its release during the run hides growth).
  await settle();
  const memory = memoryPeak();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // Two GCs: the second waits for the first's release of dead ArrayBuffers (done in the background, late
  // on a busy machine, which counted freed buffers as held).
  const onProgress = live ? () => (gc(), gc(), memory.sample()) : memory.sample;
  const r = await parseSource(bytesSource(bytes, name), { onProgress });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  if (live) {
    gc();
    gc();
  }
  memory.sample();
  if (!r.ok) throw new Error(r.error.message);
  const points = r.value.series.reduce((n, s) => n + s.t.length, 0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, parsed: r.value, points, peak: memory.growth() };
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
