// Benchmarks the ML kernels on 100 k × 4 features: Isolation Forest fit + score (100 trees, ψ = 256)
// and LOF (k = 20, k-d tree), and the series features the ML detectors feed them (trailing median and
// MAD of 100 k points), WebAssembly beside the plain-JS twins, with wall and CPU time and memory; then
// the two ML detectors as a user runs them on one 100 k-point series (features, a refit every 512 points).
import { seriesFeatures } from '../src/analysis/detectors/features';
import { SERIES_DETECTORS } from '../src/analysis/detectors/registry';
import { resolveParams } from '../src/analysis/detectors/types';
import { loadKernelsNode } from '../src/kernels/node';
import type { FeatureMatrix } from '../src/kernels/iforest-types';
import { twinIsolationForest } from '../test/reference/iforest';
import { twinLof } from '../test/reference/lof';
import { clustersWithOutliers } from '../test/reference/ml-data';
import { twinSeriesFeatures } from '../test/reference/series-features';
import { syntheticSeries } from './kernels.bench';
import { memoryPeak } from './memory';
import { fmtBytes, fmtRate, printTable, type BenchRow } from './table';

const ROWS = 100_000;
const DIMS = 4;
const REPEATS = 5;
/** The ML detectors' default feature window. */
const FEATURE_WINDOW = 32;

interface Timing {
  /** Best wall-clock time, ms. */
  wall: number;
  /** CPU time of that run, ms (on a shared machine it is closer to the time the work takes alone). */
  cpu: number;
  /** Peak growth of ArrayBuffer memory during the runs (typed arrays and wasm memory). */
  buffers: number;
}

function time(fn: () => void): Timing {
  const memory = memoryPeak();
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    memory.sample();
    if (ms < wall) {
      wall = ms;
      cpu = (c.user + c.system) / 1000;
    }
  }
  return { wall, cpu, buffers: memory.growth().buffers };
}

const SAME_ORDER = 'same algorithm and operation order, typed arrays';

function rows(name: string, input: string, target: string, wasm: Timing, js: Timing, wasmMemory: number, twin = SAME_ORDER): BenchRow[] {
  const ms = (t: Timing) => `${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms cpu`;
  return [
    {
      name, impl: 'wasm', input, throughput: fmtRate(ROWS, wasm.wall, 'rows'),
      memory: `${fmtBytes(wasmMemory)} wasm`,
      note: `${ms(wasm)}; ${(js.wall / wasm.wall).toFixed(2)}× js twin (cpu ${(js.cpu / wasm.cpu).toFixed(2)}×); target ${target}, ≥ 2×`,
    },
    {
      name, impl: 'js twin', input, throughput: fmtRate(ROWS, js.wall, 'rows'),
      memory: `+${fmtBytes(js.buffers)} buffers`, note: `${ms(js)}; ${twin}`,
    },
  ];
}

export async function run(): Promise<void> {
  const kernels = await loadKernelsNode();
  const x: FeatureMatrix = clustersWithOutliers(DIMS, ROWS - 1000, 1000, 1).x;
  const out = new Float64Array(ROWS);
  const forest = { trees: 100, sampleSize: 256, seed: 1 };

  const forestWasm = time(() => kernels.isolationForest(x, x, forest, out));
  const forestMemory = kernels.linearMemoryBytes();
  const forestJs = time(() => twinIsolationForest(x, x, forest, out));
  const lofWasm = time(() => kernels.localOutlierFactor(x, { k: 20 }, out));
  const lofMemory = kernels.linearMemoryBytes();
  const lofJs = time(() => twinLof(x, 20, out));
  const { v } = syntheticSeries(ROWS);
  const featureKernels = await loadKernelsNode(); // an instance of its own: linear memory never shrinks
  const featuresWasm = time(() => seriesFeatures(v, FEATURE_WINDOW, 0, ROWS, featureKernels));
  const featuresMemory = featureKernels.linearMemoryBytes();
  const featuresJs = time(() => twinSeriesFeatures(v, FEATURE_WINDOW, 0, ROWS));

  const input = `${ROWS / 1000} k × ${DIMS}`;
  printTable(`ML kernels (best of ${REPEATS}; 3 Gaussian clusters + 1 % outliers; features: the kernels bench's series; memory: wasm linear memory after the run)`, [
    ...rows('Isolation Forest fit + score (100 trees, ψ 256)', input, '≤ 100 ms', forestWasm, forestJs, forestMemory),
    ...rows('LOF (k = 20, k-d tree)', input, '≤ 300 ms', lofWasm, lofJs, lofMemory),
    ...rows(`Series features (trailing median + MAD, window ${FEATURE_WINDOW})`, `${ROWS / 1000} k points`, '—', featuresWasm, featuresJs, featuresMemory,
      'each window insertion-sorted twice (the detectors before the kernel)'),
  ]);

  // Whole detectors with their defaults: features, then a model fitted on the trailing 1024 rows every
  // 512 points (~195 fits for 100 k points), scores and flags; no twin (the kernels are compared above).
  const t = new Float64Array(ROWS);
  const detectorRows: BenchRow[] = [];
  for (const name of ['iforest', 'lof']) {
    const d = SERIES_DETECTORS.find((x) => x.name === name);
    if (!d) continue;
    const params = resolveParams(d.params);
    const timing = time(() => d.detect({ t, v }, params, featureKernels));
    detectorRows.push({
      name: `${d.label} detector (defaults)`, impl: 'detect()', input: `${ROWS / 1000} k points`, throughput: fmtRate(ROWS, timing.wall, 'points'),
      memory: `+${fmtBytes(timing.buffers)} buffers`, note: `${timing.wall.toFixed(0)} ms wall, ${timing.cpu.toFixed(0)} ms cpu; window ${params.window}, train ${params.train}, refit every ${params.refit}`,
    });
  }
  printTable(`ML detectors on one series (best of ${REPEATS}; the features row's series)`, detectorRows);
}
