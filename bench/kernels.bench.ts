// Benchmarks the WebAssembly kernels on 10 M points: rolling z-score (WASM vs the plain-JS twin)
// and min/max downsampling, with throughput and memory.
import { loadKernelsNode } from '../src/kernels/node';
import { twinZScore, twinZScoreShifted } from '../test/reference/zscore-twin';
import { bestOf, fmtBytes, fmtRate, printTable, type BenchRow } from './table';

const POINTS = 10_000_000;
const WINDOW = 64;
const THRESHOLD = 4;
const BUCKETS = 2000;
const REPEATS = 10;

/** A deterministic metric-like series: slow random walk around 1e9 (a counter-ish gauge), noise, rare spikes. */
export function syntheticSeries(n: number): { t: Float64Array; v: Float64Array } {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let seed = 12345;
  const rand = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  let level = 1e9;
  for (let i = 0; i < n; i++) {
    t[i] = 1.7e12 + i * 1000;
    level += rand() - 0.5;
    v[i] = level + (rand() - 0.5) * 10 + (rand() < 1e-4 ? 500 : 0);
  }
  return { t, v };
}

const externalBytes = (): number => process.memoryUsage().arrayBuffers;

export async function run(): Promise<void> {
  const kernels = await loadKernelsNode();
  const { t, v } = syntheticSeries(POINTS);
  const score = new Float64Array(POINTS);
  const flags = new Uint8Array(POINTS);
  const input = `${POINTS / 1e6} M points`;
  const opts = { window: WINDOW, threshold: THRESHOLD };

  const before = externalBytes();
  const wasmMs = bestOf(REPEATS, () => kernels.rollingZScore(v, opts, score, flags));
  const wasmMem = kernels.linearMemoryBytes();
  const flagged = flags.reduce((a, b) => a + b, 0);
  const welfordMs = bestOf(REPEATS, () => twinZScore(v, opts, score, flags));
  const shiftedMs = bestOf(REPEATS, () => twinZScoreShifted(v, opts, score, flags));
  // The ratio is taken against the faster plain-JS twin.
  const jsMs = Math.min(welfordMs, shiftedMs);

  const outT = new Float64Array(BUCKETS);
  const outMin = new Float64Array(BUCKETS);
  const outMax = new Float64Array(BUCKETS);
  const dsMs = bestOf(REPEATS, () => kernels.downsampleMinMax(t, v, t[0], t[POINTS - 1] + 1, BUCKETS, outT, outMin, outMax));
  const growth = externalBytes() - before;

  const rows: BenchRow[] = [
    {
      name: `rolling z-score (w=${WINDOW})`, impl: 'wasm', input, throughput: fmtRate(POINTS, wasmMs, 'points'),
      memory: `${fmtBytes(wasmMem)} wasm`,
      note: `${(jsMs / wasmMs).toFixed(2)}× faster js twin; target ≥ 300 M/s, ≥ 2×; incl. copy in/out; ${flagged} flagged`,
    },
    {
      name: `rolling z-score (w=${WINDOW})`, impl: 'js twin', input, throughput: fmtRate(POINTS, shiftedMs, 'points'),
      memory: '0 B extra', note: `same algorithm (shifted sliding sums), scalar; wasm/js ${(shiftedMs / wasmMs).toFixed(2)}×`,
    },
    {
      name: `rolling z-score (w=${WINDOW})`, impl: 'js Welford', input, throughput: fmtRate(POINTS, welfordMs, 'points'),
      memory: '0 B extra', note: `sliding Welford add/remove; wasm/js ${(welfordMs / wasmMs).toFixed(2)}×`,
    },
    {
      name: `min/max downsample (${BUCKETS} buckets)`, impl: 'wasm', input, throughput: fmtRate(POINTS, dsMs, 'points'),
      memory: `${fmtBytes(kernels.linearMemoryBytes())} wasm`, note: `incl. copy in; +${fmtBytes(growth)} external during run`,
    },
  ];
  printTable(`kernels (best of ${REPEATS}; inputs ${fmtBytes(POINTS * 8)} per array)`, rows);
}
