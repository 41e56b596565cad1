// Percentile core: sketch insert and merge beside @datadog/sketches-js and hdr-histogram-js (WASM) on
// 10 M lognormal values with their p50/p99/p99.9 errors; exact selection vs JS; rolling p99 over 10 M points.
import { DDSketch } from '@datadog/sketches-js';
import * as hdr from 'hdr-histogram-js';
import { percentileSeries } from '../src/analysis/percentiles/exact';
import { QuantileSketch } from '../src/analysis/percentiles/sketch';
import { loadKernelsNode } from '../src/kernels/node';
import { jsQuickselectQuantiles } from '../test/reference/percentiles';
import { seededRandom } from '../test/reference/synthetic-anomalies';
import { bestOf, fmtRate, printTable, type BenchRow } from './table';

const N = 10_000_000;
const QS = [0.5, 0.99, 0.999];
const PARTS = 100;

function lognormal(n: number): Float64Array {
  const rnd = seededRandom(42);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 1000 * Math.exp(Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()));
  return v;
}

/** Largest relative error of the estimates against the order statistics at ⌊q(n−1)⌋ (the sketches' rank rule). */
function worstError(estimates: number[], sorted: Float64Array): string {
  const errs = QS.map((q, j) => Math.abs(estimates[j] - sorted[Math.floor(q * (sorted.length - 1))]) / sorted[Math.floor(q * (sorted.length - 1))]);
  return errs.map((e, j) => `p${QS[j] * 100} ${(e * 100).toFixed(3)} %`).join(', ');
}

const ms = (x: number): string => `${x < 1 ? x.toFixed(3) : x.toFixed(1)} ms`;

export async function run(): Promise<void> {
  const kernels = await loadKernelsNode();
  await hdr.initWebAssembly();
  const v = lognormal(N);
  const sorted = v.slice().sort();
  const rounded = Float64Array.from(v, (x) => Math.max(1, Math.round(x)));
  const rows: BenchRow[] = [];
  const input = '10 M lognormal';

  let ours = QuantileSketch.create(kernels);
  const oursMs = bestOf(3, () => {
    ours = QuantileSketch.create(kernels);
    ours.add(v);
  });
  let dd = new DDSketch({ relativeAccuracy: 0.01 });
  const ddMs = bestOf(2, () => {
    dd = new DDSketch({ relativeAccuracy: 0.01 });
    for (let i = 0; i < N; i++) dd.accept(v[i]);
  });
  const buildHdr = () => hdr.build({ useWebAssembly: true, lowestDiscernibleValue: 1, highestTrackableValue: 1e9, numberOfSignificantValueDigits: 2 });
  let h = buildHdr();
  const hdrMs = bestOf(2, () => {
    h.destroy();
    h = buildHdr();
    for (let i = 0; i < N; i++) h.recordValue(rounded[i]);
  });
  rows.push(
    { name: 'sketch insert (α 1 %)', impl: 'wasm QuantileSketch', input, throughput: fmtRate(N, oursMs, 'values'), memory: '', note: `${(ddMs / oursMs).toFixed(1)}× DDSketch-js; ${worstError(ours.quantiles(QS), sorted)}` },
    { name: 'sketch insert (α 1 %)', impl: '@datadog/sketches-js', input, throughput: fmtRate(N, ddMs, 'values'), memory: '', note: worstError(QS.map((q) => dd.getValueAtQuantile(q)), sorted) },
    { name: 'histogram record (2 digits)', impl: 'hdr-histogram-js wasm', input: `${input} (rounded)`, throughput: fmtRate(N, hdrMs, 'values'), memory: '', note: worstError(QS.map((q) => h.getValueAtPercentile(q * 100)), sorted) },
  );

  // Merge of 100 sketches of 100 k values each into an empty one.
  const part = N / PARTS;
  const oursParts = Array.from({ length: PARTS }, (_, k) => {
    const s = QuantileSketch.create(kernels);
    s.add(v.subarray(k * part, (k + 1) * part));
    return s;
  });
  const ddParts = Array.from({ length: PARTS }, (_, k) => {
    const s = new DDSketch({ relativeAccuracy: 0.01 });
    for (let i = k * part; i < (k + 1) * part; i++) s.accept(v[i]);
    return s;
  });
  const hdrParts = Array.from({ length: PARTS }, (_, k) => {
    const s = buildHdr();
    for (let i = k * part; i < (k + 1) * part; i++) s.recordValue(rounded[i]);
    return s;
  });
  let merged = QuantileSketch.create(kernels);
  const mergeMs = bestOf(20, () => {
    merged = QuantileSketch.create(kernels).merge(...oursParts);
  });
  const ddMergeMs = bestOf(20, () => {
    const s = new DDSketch({ relativeAccuracy: 0.01 });
    for (const p of ddParts) s.merge(p);
  });
  let hdrMerged = buildHdr();
  const hdrMergeMs = bestOf(5, () => {
    hdrMerged.destroy();
    hdrMerged = buildHdr();
    for (const p of hdrParts) hdrMerged.add(p);
  });
  rows.push(
    { name: `merge ${PARTS} sketches`, impl: 'wasm QuantileSketch', input: `${PARTS} × 100 k`, throughput: ms(mergeMs), memory: '', note: `target ≤ 0.2 ms; ${worstError(merged.quantiles(QS), sorted)}` },
    { name: `merge ${PARTS} sketches`, impl: '@datadog/sketches-js', input: `${PARTS} × 100 k`, throughput: ms(ddMergeMs), memory: '', note: '' },
    { name: `merge ${PARTS} histograms`, impl: 'hdr-histogram-js wasm', input: `${PARTS} × 100 k`, throughput: ms(hdrMergeMs), memory: '', note: '' },
  );
  for (const p of hdrParts) p.destroy();
  h.destroy();
  hdrMerged.destroy();

  // Exact selection: p50, p90, p99, p99.9 of one column.
  const four = [0.5, 0.9, 0.99, 0.999];
  const out = new Float64Array(4);
  const exactMs = bestOf(3, () => kernels.exactQuantiles(v, four, out));
  const jsMs = bestOf(2, () => jsQuickselectQuantiles(v, four));
  rows.push(
    { name: 'exact p50/p90/p99/p99.9', impl: 'wasm sample brackets', input, throughput: fmtRate(N, exactMs, 'values'), memory: '', note: `${(jsMs / exactMs).toFixed(1)}× JS; target ≥ 200 M values/s` },
    { name: 'exact p50/p90/p99/p99.9', impl: 'JS quickselect (twin)', input, throughput: fmtRate(N, jsMs, 'values'), memory: '', note: '' },
  );

  // Rolling p99: 10 M points 10 ms apart, 1-minute buckets (6000 points each).
  const t = Float64Array.from({ length: N }, (_, i) => i * 10);
  const rollMs = bestOf(3, () => percentileSeries(kernels, t, v, 60_000, [0.99], 0));
  rows.push({ name: 'rolling p99, 1 min buckets', impl: 'wasm', input: '10 M points', throughput: fmtRate(N, rollMs, 'points'), memory: '', note: `${N / 6000 | 0} buckets` });

  printTable('Percentiles: sketch, merge, exact selection, rolling p99', rows);
}
