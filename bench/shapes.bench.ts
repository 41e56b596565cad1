// shapes() (the Overview's sparklines: every series of a dataset in one request) on 10 M points, as one
// series and split into 20: the first request (builds the min/max pyramids) and later ones.
import { InProcessEngine } from '../src/analysis/engine';
import { loadKernelsNode } from '../src/kernels/node';
import type { Series } from '../src/model/series';
import { ms, syntheticSeries } from './chart.bench';
import { firstThenBest, fmtBytes, fmtRate, printTable, type BenchRow } from './table';

const POINTS = 10_000_000;
/** One bucket per CSS pixel of a sparkline. */
const BUCKETS = 160;
const REPEATS = 10;


export async function run(): Promise<void> {
  const kernels = await loadKernelsNode();
  const whole = syntheticSeries(POINTS);
  const rows: BenchRow[] = [];
  for (const count of [1, 20]) {
    // Fresh columns per case, so the first request builds its pyramids.
    const per = POINTS / count;
    const series: Series[] = Array.from({ length: count }, (_, j) => ({ ...whole, t: whole.t.slice(j * per, (j + 1) * per), v: whole.v.slice(j * per, (j + 1) * per) }));
    const engine = new InProcessEngine(async (_id, i) => series[i], kernels, { seriesCount: async () => count });
    const req = { datasetId: 'bench', start: whole.t[0], end: whole.t[POINTS - 1], buckets: BUCKETS };
    const { result: shapes, firstMs, laterMs } = await firstThenBest(REPEATS, () => engine.shapes(req));
    const sent = fmtBytes(shapes.min.byteLength + shapes.max.byteLength + shapes.last.byteLength + shapes.points.byteLength);
    const name = `shapes() of ${count} series`;
    const input = `${POINTS / 1e6} M points`;
    rows.push(
      { name, impl: 'engine, first request', input, throughput: ms(firstMs), memory: '', note: `${fmtRate(POINTS, firstMs, 'points')}; pyramids built (series preloaded)` },
      { name, impl: `engine, later (best of ${REPEATS})`, input, throughput: ms(laterMs), memory: '', note: `${BUCKETS} buckets per series; ${sent} sent` },
    );
  }
  printTable(`shapes() on ${POINTS / 1e6} M points, ${BUCKETS} buckets per series (throughput column: time per request)`, rows);
}
