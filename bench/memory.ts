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
  /** CPU time of the process (all its threads) during the parse: steadier than `ms` on a busy machine. */
  cpuMs: number;
  parsed: ParsedFile;
  points: number;
  peak: MemoryGrowth;
}

/**
 * Parses `bytes` as file `name` at the default chunk size, sampling memory at every progress report; with
 * `live`, a full GC runs before each sample, so the peak is what the parse holds (not garbage not yet
 * collected) — slow, for a memory-only run.
 */
export async function timeParse(bytes: Uint8Array, name: string, live = false): Promise<TimedParse> {
  const memory = memoryPeak();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const onProgress = live ? () => (gc(), memory.sample()) : memory.sample;
  const r = await parseSource(bytesSource(bytes, name), { onProgress });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
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

/**
 * Baseline: TextDecoder + JSON.parse (per line for JSON Lines, once for a document), no model built; wall
 * and CPU ms.
 */
export function jsonParseBaseline(bytes: Uint8Array, lines: boolean): { ms: number; cpuMs: number } {
  gc();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const text = new TextDecoder().decode(bytes);
  if (lines) {
    for (const line of text.split('\n')) if (line) JSON.parse(line);
  } else {
    JSON.parse(text);
  }
  const cpu = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export interface Rates {
  /** MB/s by the wall clock (best run). */
  wall: number;
  /** MB per CPU-second (best run): what the parse would reach alone on the machine. */
  cpu: number;
  baseWall: number;
  baseCpu: number;
}

/** MB/s of the best of `runs` and of the baseline, by wall clock and by CPU time. */
export function rates(bytes: number, runs: { ms: number; cpuMs: number }[], base: { ms: number; cpuMs: number }): Rates {
  const mb = bytes / 1e6;
  return {
    wall: mb / (Math.min(...runs.map((r) => r.ms)) / 1000),
    cpu: mb / (Math.min(...runs.map((r) => r.cpuMs)) / 1000),
    baseWall: mb / (base.ms / 1000),
    baseCpu: mb / (base.cpuMs / 1000),
  };
}

/** "12.3 MB/s (45.6 per CPU-s)", the import's or the baseline's. */
export function rateText(r: Rates, baseline = false): string {
  return baseline ? `${r.baseWall.toFixed(1)} MB/s (${r.baseCpu.toFixed(1)} per CPU-s)` : `${r.wall.toFixed(1)} MB/s (${r.cpu.toFixed(1)} per CPU-s)`;
}
