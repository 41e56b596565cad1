// JSON metrics import throughput and memory: OTLP JSON Lines (~200 MB) and one big Prometheus query_range
// document (~100 MB, streamed) through parseSource at 4 MiB chunks, beside a plain JSON.parse baseline.

import { baselineRow, jsonBaseline, measureImport, parserRow, printImportTable, seriesColumnsBytes, type ImportRow } from './import-figures';
import { fill } from './memory';
import { fmtBytes, fmtRate } from './table';

const OTLP_BYTES = 200e6;
const PROM_BYTES = 100e6;
const T0_NS = 1_730_000_000_000_000_000n;

let seed = 7;
const rand = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;

const attr = (k: string, v: string): string => `{"key":"${k}","value":{"stringValue":"${v}"}}`;

/** One Collector-style request per line: 50 hosts × (gauge, cumulative counter, histogram with 10 bounds). */
export function otlpLine(i: number): string {
  const t = (T0_NS + BigInt(i) * 10_000_000_000n + 123_456_789n).toString();
  const start = T0_NS.toString();
  const resources: string[] = [];
  for (let h = 0; h < 50; h++) {
    const points = (extra: string, f: () => string) =>
      [0, 1, 2].map((k) => `{"attributes":[${attr('cpu', String(k))}${extra}],"startTimeUnixNano":"${start}","timeUnixNano":"${t}",${f()}}`).join(',');
    const gauge = `{"name":"system.cpu.utilization","unit":"1","description":"CPU","gauge":{"dataPoints":[${points('', () => `"asDouble":${rand().toFixed(6)}`)}]}}`;
    const sum = `{"name":"system.network.io","unit":"By","sum":{"dataPoints":[${points(`,${attr('direction', 'rx')}`, () => `"asInt":"${Math.floor(rand() * 1e9)}"`)}],"aggregationTemporality":2,"isMonotonic":true}}`;
    const counts = Array.from({ length: 11 }, () => `"${Math.floor(rand() * 100)}"`).join(',');
    const hist = `{"name":"http.server.duration","unit":"ms","histogram":{"dataPoints":[${points('', () => `"count":"500","sum":${(rand() * 1e4).toFixed(3)},"bucketCounts":[${counts}],"explicitBounds":[5,10,25,50,75,100,250,500,750,1000]`)}],"aggregationTemporality":2}}`;
    resources.push(`{"resource":{"attributes":[${attr('service.name', 'svc')},${attr('host.name', `host-${h}`)}]},"scopeMetrics":[{"scope":{"name":"otelcol/hostmetricsreceiver","version":"0.105.0"},"metrics":[${gauge},${sum},${hist}]}]}`);
  }
  return `{"resourceMetrics":[${resources.join(',')}]}\n`;
}

/** A query_range matrix: 2000 series, values every 15 s, written as one document (streamed when > 8 MiB). */
export function promDocument(bytes: number): Uint8Array {
  const seriesCount = 2000;
  const perSeries = Math.ceil(bytes / seriesCount / 30);
  return fill(bytes + 16 * 1024 * 1024, (i) => {
    if (i === 0) return '{"status":"success","data":{"resultType":"matrix","result":[';
    const s = i - 1;
    if (s >= seriesCount) return i === seriesCount + 1 ? ']}}' : undefined;
    const values = Array.from({ length: perSeries }, (_, k) => `[${1730000000 + k * 15}.781,"${(rand() * 100).toFixed(4)}"]`).join(',');
    return `${s > 0 ? ',' : ''}{"metric":{"__name__":"node_cpu_seconds_total","instance":"host-${s}:9100","job":"node","mode":"idle"},"values":[${values}]}`;
  });
}

export async function run(): Promise<void> {
  const rows: ImportRow[] = [];
  const inputs = [
    { name: 'OTLP metrics JSON Lines', file: 'bench.jsonl', make: () => fill(OTLP_BYTES, otlpLine), lines: true },
    { name: 'Prometheus query_range document', file: 'bench.json', make: () => promDocument(PROM_BYTES), lines: false },
  ];
  for (const input of inputs) {
    const bytes = input.make();
    const f = await measureImport(bytes, input.file);
    const base = jsonBaseline(bytes, input.lines);
    const size = `${fmtBytes(bytes.length)} · ${f.parsed.series.length} series`;
    rows.push(parserRow(input.name, 'faultline (4 MiB chunks)', size, bytes.length, f, seriesColumnsBytes(f.parsed), base, 60, fmtRate(f.points, f.ms, 'points')));
    rows.push(baselineRow(input.name, input.lines ? 'JSON.parse per line (no model)' : 'one JSON.parse (no model)', fmtBytes(bytes.length), bytes.length, base));
  }
  printImportTable('JSON metrics import (OTLP JSON Lines, Prometheus API JSON; best of 2 runs; live = GC before each sample)', rows);
}
