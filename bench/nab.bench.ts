// Benchmarks the NAB likelihood detector (plain TypeScript, no kernel yet) in points/s on 1 M points,
// without and with pattern novelty; the baseline a WebAssembly port would be measured against.
import { likelihoodDetector } from '../src/analysis/detectors/likelihood';
import { resolveParams } from '../src/analysis/detectors/types';
import type { Kernels } from '../src/kernels/types';
import { syntheticSeries } from './kernels.bench';
import { bestOf, fmtRate, printTable, type BenchRow } from './table';

const POINTS = 1_000_000;
/** The detector reads no kernel. */
const NO_KERNELS = {} as Kernels;

export async function run(): Promise<void> {
  const series = syntheticSeries(POINTS); // random walk around 1e9 at 1 s steps, noise, rare spikes
  const rows: BenchRow[] = [];
  for (const novelty of [0, 0.5]) {
    const params = resolveParams(likelihoodDetector.params, { novelty, learning: 750 });
    const ms = bestOf(3, () => likelihoodDetector.detect(series, params, NO_KERNELS));
    rows.push({
      name: `likelihood (novelty ${novelty})`,
      impl: 'ts',
      input: `${POINTS / 1e6} M points`,
      throughput: fmtRate(POINTS, ms, 'points'),
      memory: '',
      note: novelty ? 'contexts of the last 1..7 levels in a set' : 'NAB default',
    });
  }
  printTable('NAB likelihood detector', rows);
}
