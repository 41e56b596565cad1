// Big-file mode (`npm run bench -- big`): writes a 1 GB Prometheus text file and a 500 MB OTLP JSON Lines file
// to the temp folder (kept for reruns), imports each from disk the way the worker does (parseSource over a
// file ChunkSource, 4 MiB chunks) and prints MB/s, peak RSS / heap / buffer growth and the stored columns.

import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSource } from '../src/formats/node-source';
import { parseSource } from '../src/formats/registry';
import { otlpLine } from './json-metrics.bench';
import { printImportTable, seriesColumnsBytes, type ImportRow } from './import-figures';
import { memoryPeak, settle } from './memory';
import { scrapeKeys } from './prometheus.bench';
import { fmtBytes, fmtRate } from './table';

/** Scales both files (1 = 1 GB + 500 MB); e.g. BENCH_BIG_SCALE=0.1 for a quick look. */
const SCALE = Number(process.env.BENCH_BIG_SCALE ?? 1);
const DIR = process.env.BENCH_BIG_DIR ?? tmpdir();

/** Writes pieces from `next` to `path` in ~8 MB batches until it holds `bytes`; an existing file of that size is kept. */
function writeFile(path: string, bytes: number, next: (i: number) => string): void {
  if (existsSync(path) && Math.abs(statSync(path).size - bytes) < 16e6) return;
  const fd = openSync(path, 'w');
  const encoder = new TextEncoder();
  const batch = new Uint8Array(9 * 1024 * 1024);
  let written = 0;
  let at = 0;
  for (let i = 0; written + at < bytes; i++) {
    const piece = next(i);
    if (at + piece.length * 3 > batch.length) {
      writeSync(fd, batch, 0, at);
      written += at;
      at = 0;
    }
    at += encoder.encodeInto(piece, batch.subarray(at)).written;
  }
  writeSync(fd, batch, 0, at);
  closeSync(fd);
}

/** One scrape (every 15 s) of 100 instances: request counters by method/code and a latency histogram. */
function promScrapes(): (i: number) => string {
  const keys = scrapeKeys(100);
  const totals = new Float64Array(keys.length);
  const t0 = Date.UTC(2024, 0, 1);
  let seed = 3;
  const rand = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  return (i) => {
    const head = i === 0 ? '# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n# TYPE http_request_duration_seconds histogram\n' : '';
    const stamp = String(t0 + i * 15_000);
    return head + keys.map((k, j) => `${k} ${(totals[j] += Math.floor(rand() * 50))} ${stamp}\n`).join('');
  };
}

async function importFile(path: string, name: string, target: number): Promise<ImportRow> {
  const size = statSync(path).size;
  await settle();
  const memory = memoryPeak();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await parseSource(nodeFileSource(path), { onProgress: memory.sample });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  memory.sample();
  if (!r.ok) throw new Error(r.error.message);
  const points = r.value.series.reduce((n, s) => n + s.t.length, 0);
  const stored = seriesColumnsBytes(r.value);
  const peak = memory.growth();
  const wall = size / 1e6 / (ms / 1000);
  return {
    format: name,
    impl: `${r.value.format}, file source (4 MiB chunks)`,
    input: `${fmtBytes(size)} · ${r.value.series.length} series`,
    wall: wall.toFixed(1),
    cpu: (size / 1e6 / cpuS).toFixed(1),
    peak: `+${fmtBytes(peak.heap + peak.buffers)} (RSS +${fmtBytes(Math.max(0, peak.rss))})`,
    columns: `${((peak.heap + peak.buffers) / stored).toFixed(2)}× (sampled) of ${fmtBytes(stored)}`,
    note: `${fmtRate(points, ms, 'points')}; ≥ ${target} MB/s: ${wall >= target ? 'met' : 'NOT met'}`,
  };
}

export async function run(): Promise<void> {
  const prom = join(DIR, `faultline-big-${SCALE}.prom`);
  const otlp = join(DIR, `faultline-big-${SCALE}.jsonl`);
  const g0 = performance.now();
  writeFile(prom, 1e9 * SCALE, promScrapes());
  writeFile(otlp, 500e6 * SCALE, otlpLine);
  console.log(`\n(generated or reused ${prom} and ${otlp} in ${((performance.now() - g0) / 1000).toFixed(1)} s)`);
  const rows = [await importFile(prom, 'Prometheus text, 1 GB', 100), await importFile(otlp, 'OTLP metrics JSON Lines, 500 MB', 60)];
  printImportTable(`Big files from disk (scale ${SCALE})`, rows);
}
