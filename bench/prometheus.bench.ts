// Prometheus text / OpenMetrics import throughput and memory: the streaming parsers (4 MiB chunks) beside a
// plain-JS baseline (TextDecoder + split lines + regex + Map) on ~200 MB of generated concatenated scrapes.

import { baselineRow, measureBaseline, measureImport, parserRow, printImportTable, seriesColumnsBytes, type ImportRow } from './import-figures';
import { fmtBytes, fmtRate } from './table';

const TARGET_BYTES = 200e6;
const T0 = Date.UTC(2024, 0, 1);
const METHODS = ['get', 'post', 'put', 'delete'];
const CODES = ['200', '404', '500'];
const BUCKETS = ['0.005', '0.01', '0.05', '0.1', '0.5', '1', '5', '+Inf'];

/** One scrape's sample keys: a counter by instance/method/code and a latency histogram by instance. */
export function scrapeKeys(instances: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < instances; i++) {
    const instance = `instance="host-${i}:9100",job="api"`;
    for (const method of METHODS) for (const code of CODES) keys.push(`http_requests_total{code="${code}",${instance},method="${method}"}`);
    for (const le of BUCKETS) keys.push(`http_request_duration_seconds_bucket{${instance},le="${le}"}`);
    keys.push(`http_request_duration_seconds_sum{${instance}}`, `http_request_duration_seconds_count{${instance}}`);
  }
  return keys;
}

/** Scrapes every 15 s until ~bytes long: concatenated scrapes with ms timestamps (Prometheus text), or
 * series after series with float-second timestamps and # EOF (OpenMetrics keeps a family together). */
function generate(bytes: number, openMetrics: boolean): Uint8Array {
  const out = new Uint8Array(bytes + (1 << 20));
  const encoder = new TextEncoder();
  const keys = scrapeKeys(100);
  const header = openMetrics
    ? '# TYPE http_requests counter\n# HELP http_requests Requests.\n'
    : '# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n# TYPE http_request_duration_seconds histogram\n';
  let at = encoder.encodeInto(header, out).written;
  let seed = 7;
  const rand = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const stamp = (scrape: number): string => (openMetrics ? ((T0 + scrape * 15_000) / 1000).toFixed(3) : String(T0 + scrape * 15_000));
  const write = (lines: string[]): boolean => {
    const chunk = lines.join('');
    if (at + chunk.length > out.length - 64) return false;
    at += encoder.encodeInto(chunk, out.subarray(at)).written;
    return true;
  };
  if (!openMetrics) {
    const totals = new Float64Array(keys.length);
    for (let scrape = 0; at < bytes; scrape++) {
      const lines = keys.map((k, i) => `${k} ${(totals[i] += Math.floor(rand() * 50))} ${stamp(scrape)}\n`);
      if (!write(lines)) break;
    }
    return out.subarray(0, at);
  }
  const scrapes = Math.ceil(bytes / (keys.length * (keys[0].length + 24)));
  const isCounter = (k: string): boolean => k.startsWith('http_requests_total');
  let histogramHeader = false;
  for (const k of [...keys.filter(isCounter), ...keys.filter((k) => !isCounter(k))]) {
    if (!histogramHeader && !isCounter(k)) {
      write(['# TYPE http_request_duration_seconds histogram\n# UNIT http_request_duration_seconds seconds\n']);
      histogramHeader = true;
    }
    // Buckets stay cumulative (OpenMetrics checks it): a bucket's count grows with its le rank.
    const rank = BUCKETS.findIndex((le) => k.endsWith(`le="${le}"}`)) + 1 || BUCKETS.length;
    const lines: string[] = [];
    for (let scrape = 0; scrape < scrapes; scrape++) {
      const value = isCounter(k) ? Math.floor(rand() * 50) + scrape * 50 : scrape * 40 * rank;
      lines.push(`${k} ${value} ${stamp(scrape)}\n`);
    }
    if (!write(lines)) break;
  }
  write(['# EOF\n']);
  return out.subarray(0, at);
}

/** The straightforward way: decode everything, split lines, one regex per sample, a Map of arrays per series. */
function baseline(bytes: Uint8Array): { series: number; points: number; columns: Float64Array[][] } {
  const lines = new TextDecoder().decode(bytes).split('\n');
  const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?)\s+(\S+)(?:\s+(\S+))?$/;
  const series = new Map<string, { t: number[]; v: number[] }>();
  let points = 0;
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) continue;
    const m = sample.exec(line);
    if (!m) throw new Error(`baseline: no sample: ${line}`);
    let s = series.get(m[1]);
    if (!s) series.set(m[1], (s = { t: [], v: [] }));
    s.t.push(Number(m[3]));
    s.v.push(Number(m[2]));
    points++;
  }
  const columns = [...series.values()].map((s) => [Float64Array.from(s.t), Float64Array.from(s.v)]);
  return { series: columns.length, points, columns };
}

/** The floor this machine sets right now: finding the line feeds only (indexOf per line), best of 3. */
function measureLineFeeds(bytes: Uint8Array): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    for (let pos = 0, eol = 0; pos < bytes.length; pos = eol + 1) {
      eol = bytes.indexOf(10, pos);
      if (eol < 0) break;
    }
    best = Math.min(best, performance.now() - t0);
  }
  return bytes.length / 1e6 / (best / 1000);
}

export async function run(): Promise<void> {
  const rows: ImportRow[] = [];
  for (const openMetrics of [false, true]) {
    const bytes = generate(TARGET_BYTES, openMetrics);
    const label = openMetrics ? 'OpenMetrics' : 'Prometheus text';
    const input = `${fmtBytes(bytes.length)} (${openMetrics ? 'series by series, float s' : 'concatenated scrapes, ms'})`;
    const f = await measureImport(bytes, openMetrics ? 'bench.om.txt' : 'bench.prom', 3);
    let counts = { series: 0, points: 0 };
    const base = measureBaseline(() => (counts = baseline(bytes)));
    if (counts.points !== f.points || counts.series !== f.parsed.series.length) throw new Error(`counts differ: ${counts.points}/${counts.series} vs ${f.points}/${f.parsed.series.length}`);
    const size = `${input} · ${f.parsed.series.length} series`;
    rows.push(parserRow(label, `faultline ${openMetrics ? 'openmetrics' : 'prometheus-text'} (4 MiB chunks)`, size, bytes.length, f, seriesColumnsBytes(f.parsed), base, 100, fmtRate(f.points, f.ms, 'samples')));
    rows.push(baselineRow(label, 'plain JS split + regex + Map', input, bytes.length, base));
    rows.push({ format: label, impl: 'Uint8Array.indexOf per line', input, wall: measureLineFeeds(bytes).toFixed(1), cpu: '', peak: '', columns: '', note: 'line feeds only: the ceiling on this machine now' });
  }
  printImportTable('Prometheus text / OpenMetrics import (best of 3 runs; live = GC before each sample; input already in memory)', rows);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
