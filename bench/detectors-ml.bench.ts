// Benchmarks the ML kernels on 100 k × 4 features: Isolation Forest fit + score (100 trees, ψ = 256)
// and LOF (k = 20, k-d tree), WebAssembly beside the plain-JS twins, with wall and CPU time and memory.
import { loadKernelsNode } from '../src/kernels/node';
import type { FeatureMatrix } from '../src/kernels/iforest-types';
import { twinIsolationForest } from '../test/reference/iforest';
import { twinLof } from '../test/reference/lof';
import { clustersWithOutliers } from '../test/reference/ml-data';
import { memoryPeak } from './memory';
import { fmtBytes, fmtRate, printTable, type BenchRow } from './table';

const ROWS = 100_000;
const DIMS = 4;
const REPEATS = 5;

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

function rows(name: string, target: string, wasm: Timing, js: Timing, wasmMemory: number): BenchRow[] {
  const input = `${ROWS / 1000} k × ${DIMS}`;
  const ms = (t: Timing) => `${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms cpu`;
  return [
    {
      name, impl: 'wasm', input, throughput: fmtRate(ROWS, wasm.wall, 'rows'),
      memory: `${fmtBytes(wasmMemory)} wasm`,
      note: `${ms(wasm)}; ${(js.wall / wasm.wall).toFixed(2)}× js twin (cpu ${(js.cpu / wasm.cpu).toFixed(2)}×); target ${target}, ≥ 2×`,
    },
    {
      name, impl: 'js twin', input, throughput: fmtRate(ROWS, js.wall, 'rows'),
      memory: `+${fmtBytes(js.buffers)} buffers`, note: `${ms(js)}; same algorithm and operation order, typed arrays`,
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

  printTable(`ML kernels (best of ${REPEATS}; 3 Gaussian clusters + 1 % outliers; memory: wasm linear memory after the run)`, [
    ...rows('Isolation Forest fit + score (100 trees, ψ 256)', '≤ 100 ms', forestWasm, forestJs, forestMemory),
    ...rows('LOF (k = 20, k-d tree)', '≤ 300 ms', lofWasm, lofJs, lofMemory),
  ]);
}
