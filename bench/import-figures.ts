// One table layout for every import benchmark: per input, the parser's MB/s by the wall clock and per
// CPU-second, peak memory (heap + buffers as sampled, RSS) and its ratio to the stored columnar size, with
// the live peak (GC forced before each sample), beside a plain-JS baseline measured the same way.

import { loadavg } from 'node:os';
import type { ParsedFile } from '../src/formats/types';
import { memoryPeak, timeParse, type MemoryGrowth } from './memory';
import { fmtBytes } from './table';

export interface ImportFigures {
  /** Best wall-clock and best CPU time of the timed runs, ms. */
  ms: number;
  cpuMs: number;
  parsed: ParsedFile;
  points: number;
  /** Peak growth during the first run (garbage not yet collected included). */
  peak: MemoryGrowth;
  /** Peak growth with a full GC before each sample: what the parse holds. */
  live: MemoryGrowth;
}

/** Parses `bytes` `runs` times (best times kept), then once more with GC'd samples for the live peak. */
export async function measureImport(bytes: Uint8Array, file: string, runs = 2): Promise<ImportFigures> {
  const first = await timeParse(bytes, file);
  let ms = first.ms;
  let cpuMs = first.cpuMs;
  for (let k = 1; k < runs; k++) {
    const r = await timeParse(bytes, file);
    ms = Math.min(ms, r.ms);
    cpuMs = Math.min(cpuMs, r.cpuMs);
  }
  const live = (await timeParse(bytes, file, true)).peak;
  return { ms, cpuMs, parsed: first.parsed, points: first.points, peak: first.peak, live };
}

export interface BaselineFigures {
  ms: number;
  cpuMs: number;
  /** Growth while the baseline's result is still held. */
  peak: MemoryGrowth;
}

/** Keeps the baseline's result reachable until memory is sampled. */
const held: unknown[] = [];

/** Times `fn` (wall and CPU) and samples memory after it returns, its result still held. */
export function measureBaseline(fn: () => unknown): BaselineFigures {
  const memory = memoryPeak();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  held.push(fn());
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  memory.sample();
  held.length = 0;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peak: memory.growth() };
}

/** Baseline for JSON inputs: TextDecoder + JSON.parse (per line for JSON Lines, once for a document), no model. */
export function jsonBaseline(bytes: Uint8Array, lines: boolean): BaselineFigures {
  const text = new TextDecoder();
  return measureBaseline(() => (lines ? text.decode(bytes).split('\n').map((line) => (line ? (JSON.parse(line) as unknown) : null)) : (JSON.parse(text.decode(bytes)) as unknown)));
}

/** Bytes of the metric series columns (t and v), the stored size metrics are compared with. */
export function seriesColumnsBytes(p: ParsedFile): number {
  return p.series.reduce((n, s) => n + s.t.byteLength + s.v.byteLength, 0);
}

export interface ImportRow {
  format: string;
  impl: string;
  input: string;
  wall: string;
  cpu: string;
  /** Peak heap + buffers growth, and RSS growth. */
  peak: string;
  /** Ratio of the peak (sampled / live) to the stored columns. */
  columns: string;
  note: string;
}

const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

/** The parser's row: rates, memory, the ratio to `stored` bytes, and the targets met or not. */
export function parserRow(format: string, impl: string, input: string, bytes: number, f: ImportFigures, stored: number, base: BaselineFigures, target: number, extra = ''): ImportRow {
  const wall = mbps(bytes, f.ms);
  const cpu = mbps(bytes, f.cpuMs);
  const sampled = f.peak.heap + f.peak.buffers;
  const live = f.live.heap + f.live.buffers;
  const targets = `≥ ${target} MB/s: ${wall >= target ? 'met' : cpu >= target ? 'met per CPU-s' : 'NOT met'}; live ≤ 2× columns: ${live <= 2 * stored ? 'met' : 'NOT met'}`;
  return {
    format,
    impl,
    input,
    wall: wall.toFixed(1),
    cpu: cpu.toFixed(1),
    peak: `+${fmtBytes(sampled)} (RSS +${fmtBytes(Math.max(0, f.peak.rss))})`,
    columns: `${(sampled / stored).toFixed(2)}× / ${(live / stored).toFixed(2)}× of ${fmtBytes(stored)}`,
    note: `${(cpu / mbps(bytes, base.cpuMs)).toFixed(2)}× baseline (CPU); ${targets}${extra ? `; ${extra}` : ''}`,
  };
}

/** The baseline's row, measured like the parser's. */
export function baselineRow(format: string, impl: string, input: string, bytes: number, b: BaselineFigures, note = 'baseline'): ImportRow {
  return {
    format,
    impl,
    input,
    wall: mbps(bytes, b.ms).toFixed(1),
    cpu: mbps(bytes, b.cpuMs).toFixed(1),
    peak: `+${fmtBytes(Math.max(0, b.peak.heap + b.peak.buffers))} (RSS +${fmtBytes(Math.max(0, b.peak.rss))})`,
    columns: '',
    note,
  };
}

/** Prints the rows under a title that records the machine's load (figures mean little without it). */
export function printImportTable(title: string, rows: ImportRow[]): void {
  const head: [keyof ImportRow, string][] = [
    ['format', 'format'],
    ['impl', 'implementation'],
    ['input', 'input'],
    ['wall', 'MB/s (wall)'],
    ['cpu', 'MB per CPU-s'],
    ['peak', 'peak heap+buffers'],
    ['columns', 'peak ÷ columns (sampled / live)'],
    ['note', 'note'],
  ];
  const widths = head.map(([k, h]) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  const load = loadavg().map((x) => x.toFixed(2)).join(', ');
  console.log(`\n## ${title}\n\n(load average ${load}; ${new Date().toISOString()})\n`);
  console.log(line(head.map(([, h]) => h)));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(head.map(([k]) => r[k])));
}
