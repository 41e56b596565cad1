// chart() on a 10 M-point series through the in-process engine, at full view down to 0.01 %: the first
// request (load, score, build caches) and later ones (zoom/pan), beside the exact raw-kernel path.
import { chartOf, scoreSeries, type ChartRequest } from '../src/analysis/chart';
import { pyramidBytes, pyramidOf } from '../src/analysis/chart-summary';
import { InProcessEngine } from '../src/analysis/engine';
import { loadKernelsNode } from '../src/kernels/node';
import type { Series } from '../src/model/series';
import { bestOf, firstThenBest, fmtBytes, fmtRate, printTable, type BenchRow } from './table';

const POINTS = 10_000_000;
/** A ~2000 px wide chart at 2 buckets per pixel. */
const BUCKETS = 4000;
const REPEATS = 10;
const VIEWS: [string, number][] = [['full view', 1], ['10 %', 0.1], ['1 %', 0.01], ['0.01 %', 0.0001]];

/** Deterministic telemetry: 1 s steps with jitter, a random walk with noise, rare spikes and gaps (NaN). */
export function syntheticSeries(n: number): Series {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let seed = 987654321;
  const rand = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  let time = 1.7e12;
  let level = 500;
  for (let i = 0; i < n; i++) {
    time += 1000 + Math.floor(rand() * 3);
    t[i] = time;
    level += rand() - 0.5;
    v[i] = level + (rand() - 0.5) * 10 + (rand() < 1e-4 ? 300 : 0);
    if (rand() < 1e-4) v[i] = NaN;
  }
  return { name: 'bench', labels: {}, t, v };
}

/** The view covering `fraction` of the series around its middle (NaN bounds for the full view). */
function viewOf(s: Series, fraction: number): { t0: number; t1: number } {
  if (fraction >= 1) return { t0: NaN, t1: NaN };
  const first = s.t[0];
  const span = s.t[s.t.length - 1] - first;
  const mid = first + span / 2;
  return { t0: mid - (span * fraction) / 2, t1: mid + (span * fraction) / 2 };
}

export const ms = (x: number): string => `${x.toFixed(x < 1 ? 2 : 1)} ms`;



export async function run(): Promise<void> {
  const kernels = await loadKernelsNode();
  const series = syntheticSeries(POINTS);
  const rows: BenchRow[] = [];
  for (const threshold of [4, 1]) {
    const detector = { kind: 'zscore', window: 60, threshold } as const;
    const scores = scoreSeries(kernels, series, detector);
    for (const [label, fraction] of VIEWS) {
      const req: ChartRequest = { datasetId: 'bench', seriesIndex: 0, buckets: BUCKETS, detector, ...viewOf(series, fraction) };
      // A fresh engine and value column per view: its first request scores and builds whatever it caches.
      const fresh: Series = { ...series, v: series.v.slice() };
      const engine = new InProcessEngine(async () => fresh, kernels);
      const { result: data, firstMs, laterMs } = await firstThenBest(REPEATS, () => engine.chart(req));
      const rawMs = bestOf(REPEATS, () => chartOf(kernels, series, scores, req, undefined, false));
      const name = `chart() ${label}, |z| > ${threshold}`;
      const input = `${(data.pointCount / 1e6).toFixed(data.pointCount < 1e5 ? 4 : 1)} M points`;
      const flags = `${data.flagCount} flagged, ${data.flagT.length} sent`;
      rows.push(
        { name, impl: 'engine, first request', input, throughput: ms(firstMs), memory: '', note: 'score + summaries built as needed (series preloaded)' },
        { name, impl: `engine, later (best of ${REPEATS})`, input, throughput: ms(laterMs), memory: '', note: `${fmtRate(data.pointCount, laterMs, 'points')}; ${data.t.length} buckets; ${flags}` },
        { name, impl: 'exact raw kernels', input, throughput: ms(rawMs), memory: '', note: `${fmtRate(data.pointCount, rawMs, 'points')}; ${(rawMs / laterMs).toFixed(1)}× the later requests` },
      );
    }
  }
  const summary = fmtBytes(pyramidBytes(pyramidOf(series.v)));
  printTable(
    `chart() on ${POINTS / 1e6} M points, ${BUCKETS} buckets (throughput column: time per request; ` +
      `summaries: ${summary} per value column + ${summary} per detector)`,
    rows,
  );
}
