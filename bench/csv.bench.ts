// CSV import throughput and memory: the streaming parser (bytesSource, 4 MiB chunks) beside a plain-JS
// baseline (TextDecoder + split + Number / Date.parse) on ~200 MB generated in memory, ISO and epoch ms.

import { baselineRow, measureBaseline, measureImport, parserRow, printImportTable, type ImportRow } from './import-figures';
import { gc } from './memory';
import { fmtBytes, fmtRate } from './table';

const TARGET_BYTES = 200e6;
const T0 = Date.UTC(2024, 0, 1);

/** A CSV of timestamp + 3 value columns, one row per 10 s, until ~bytes long. */
function generate(bytes: number, time: 'iso' | 'epoch-ms'): Uint8Array {
  const out = new Uint8Array(bytes + 256);
  const encoder = new TextEncoder();
  let at = encoder.encodeInto('timestamp,cpu,latency_ms,requests\n', out).written;
  let seed = 42;
  const rand = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const rows: string[] = [];
  for (let i = 0; at < bytes; i++) {
    const t = T0 + i * 10_000;
    const stamp = time === 'iso' ? new Date(t).toISOString() : String(t);
    rows.push(`${stamp},${(rand() * 100).toFixed(3)},${(20 + rand() * 5).toFixed(2)},${Math.floor(rand() * 5000)}\n`);
    if (rows.length === 10_000) {
      const chunk = rows.join('');
      rows.length = 0;
      if (at + chunk.length > out.length) break;
      at += encoder.encodeInto(chunk, out.subarray(at)).written;
    }
  }
  return out.subarray(0, at);
}

/** The straightforward way: decode everything, split lines and fields, Number / Date.parse each cell. */
function baseline(bytes: Uint8Array, time: 'iso' | 'epoch-ms'): Float64Array[] {
  const lines = new TextDecoder().decode(bytes).split('\n');
  const n = lines.length - 2;
  const t = new Float64Array(n);
  const v = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1].split(',');
    t[i] = time === 'iso' ? Date.parse(f[0]) : Number(f[0]);
    v[0][i] = Number(f[1]);
    v[1][i] = Number(f[2]);
    v[2][i] = Number(f[3]);
  }
  return [t, ...v];
}

/** The floor this machine sets: allocating and filling output columns of the same size (no parsing). */
function measureOutputFill(rows: number): number {
  gc();
  const t0 = performance.now();
  const cols = [0, 1, 2, 3].map(() => new Float64Array(rows));
  for (const c of cols) for (let i = 0; i < rows; i++) c[i] = i;
  return performance.now() - t0;
}

export async function run(): Promise<void> {
  const rows: ImportRow[] = [];
  for (const time of ['iso', 'epoch-ms'] as const) {
    const bytes = generate(TARGET_BYTES, time);
    const input = `${fmtBytes(bytes.length)} (${time})`;
    const f = await measureImport(bytes, 'bench.csv', 3);
    const count = f.parsed.series[0].t.length;
    let baseRows = 0;
    const base = measureBaseline(() => {
      const columns = baseline(bytes, time);
      baseRows = columns[0].length;
      return columns;
    });
    if (baseRows !== count) throw new Error(`row counts differ: ${baseRows} vs ${count}`);
    // Stored: one shared time column and a value column per series (4 columns of 8 bytes per row).
    const stored = count * 8 * (1 + f.parsed.series.length);
    rows.push(parserRow('CSV', 'faultline csv (4 MiB chunks)', `${input} · ${f.parsed.series.length} series`, bytes.length, f, stored, base, 100, fmtRate(count, f.ms, 'rows')));
    rows.push(baselineRow('CSV', 'plain JS split + Number/Date.parse', input, bytes.length, base));
    const fillMs = measureOutputFill(count);
    rows.push({ format: 'CSV', impl: 'new Float64Array ×4 + fill', input: `${(count / 1e6).toFixed(2)} M rows`, wall: '', cpu: '', peak: '', columns: '', note: `output columns only: ${fillMs.toFixed(0)} ms, ${((fillMs / f.ms) * 100).toFixed(0)}% of the parse time is filling fresh memory here` });
  }
  printImportTable('CSV import (timestamp + 3 value columns; best of 3 runs; live = GC before each sample; input already in memory)', rows);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
