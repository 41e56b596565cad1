// Benchmarks the seasonal and correlation detectors: the seasonal detector on 10 M points and rolling
// Pearson on 10 series × 1 M points, WebAssembly kernels beside their plain-JS twins, with memory.
import { correlationDetector } from '../src/analysis/detectors/correlation';
import { seasonalDetector } from '../src/analysis/detectors/seasonal';
import { resolveParams, type SeriesPoints } from '../src/analysis/detectors/types';
import { newSeasonalState } from '../src/kernels/seasonal-state';
import type { Kernels } from '../src/kernels/types';
import { loadKernelsNode } from '../src/kernels/node';
import { twinAutocorrelation } from '../test/reference/acf';
import { twinPairDeviations } from '../test/reference/pair-deviation';
import { twinPearson } from '../test/reference/pearson';
import { twinSeasonalScore } from '../test/reference/seasonal';
import { seasonalSeries } from '../test/reference/seasonal-series';
import { gaussian, seededRandom } from '../test/reference/synthetic-anomalies';
import { memoryPeak } from './memory';
import { bestWallCpu, fmtBytes, fmtRate, printTable, type BenchRow } from './table';

const POINTS = 10_000_000;
const SERIES = 10;
const SERIES_POINTS = 1_000_000;
const WINDOW = 60;
const ACF_POINTS = 32_768;
const ACF_LAGS = 1024;

/** Ten series of 1 M points in two groups of five (each follows its group's AR(1) path plus noise). */
function correlatedSet(): SeriesPoints[] {
  const normal = gaussian(seededRandom(42));
  const latent = [0, 1].map(() => {
    const x = new Float64Array(SERIES_POINTS);
    for (let i = 1; i < SERIES_POINTS; i++) x[i] = 0.8 * x[i - 1] + normal();
    return x;
  });
  const t = Float64Array.from({ length: SERIES_POINTS }, (_, i) => 1.7e12 + i * 1000);
  return Array.from({ length: SERIES }, (_, k) => ({ t, v: Float64Array.from(latent[k % 2], (x) => 100 * k + x + 0.5 * normal()) }));
}

/** Best-of timing with peak memory growth sampled around every run. */
interface Measured {
  ms: number;
  cpu: number;
  memory: string;
}

/** Best wall and CPU time after one untimed run, with the memory growth seen during the runs. */
function measure(repeats: number, fn: () => void): Measured {
  const memory = memoryPeak();
  const { wall, cpu } = bestWallCpu(repeats, () => {
    fn();
    memory.sample();
  });
  const g = memory.growth();
  return { ms: wall, cpu, memory: `+${fmtBytes(g.buffers)} buffers, +${fmtBytes(g.heap)} heap` };
}

function pair(name: string, input: string, count: number, unit: string, wasm: Measured, js: Measured, note: string): BenchRow[] {
  const ratio = js.ms / wasm.ms;
  return [
    {
      name, impl: 'wasm', input, throughput: fmtRate(count, wasm.ms, unit), memory: wasm.memory,
      note: `${ratio.toFixed(2)}× js twin (cpu time: ${fmtRate(count, wasm.cpu, unit)}, ${(js.cpu / wasm.cpu).toFixed(2)}×; target ≥ 2×); ${note}`,
    },
    { name, impl: 'js twin', input, throughput: fmtRate(count, js.ms, unit), memory: js.memory, note: `cpu time: ${fmtRate(count, js.cpu, unit)}; same algorithm, plain TypeScript` },
  ];
}

export async function run(): Promise<void> {
  const kernels = await loadKernelsNode();
  const twins: Kernels = { ...kernels, autocorrelation: twinAutocorrelation, seasonalScore: twinSeasonalScore, rollingPearson: twinPearson, pairDeviations: twinPairDeviations };
  const rows: BenchRow[] = [];

  // Seasonal detector: 10 M points at 1 s (116 days), period learned on the default 14-day prefix.
  const s = seasonalSeries({ days: POINTS / 86_400, stepMs: 1000, seed: 9 });
  const p = resolveParams(seasonalDetector.params);
  // The flags are counted after timing (a reduce over 10 M flags took 120–270 ms, charged to one side only).
  let last: Uint8Array = new Uint8Array(0);
  const detW = measure(3, () => {
    last = seasonalDetector.detect(s, p, kernels).flag;
  });
  let flagged = 0;
  for (const f of last) flagged += f;
  const detJ = measure(2, () => seasonalDetector.detect(s, p, twins));
  // What both sides pay alike: allocating the result (score and raw f64, flag u8) and writing it once.
  const touch = measure(3, () => {
    last = new Uint8Array(POINTS).fill(1);
    new Float64Array(POINTS).fill(1);
    new Float64Array(POINTS).fill(1);
  });
  const rest = detW.ms > touch.ms ? ` (${((detJ.ms - touch.ms) / (detW.ms - touch.ms)).toFixed(1)}× without it)` : '';
  rows.push(...pair('seasonal detector (learn 14 d + score)', '10 M points', POINTS, 'points', detW, detJ,
    `${flagged} flagged; wasm ${fmtBytes(kernels.linearMemoryBytes())}; both sides include allocating and first writing the ${fmtBytes(POINTS * 17)} result: ${touch.ms.toFixed(0)} ms timed alone${rest}`));

  // The two seasonal kernels alone.
  const bins = 288;
  const shape = { bins, cycles: 4, anchor: s.t[0], invWidth: bins / 86_400_000 };
  const raw = new Float64Array(POINTS);
  const score = new Float64Array(POINTS);
  const flag = new Uint8Array(POINTS);
  const scoreW = measure(3, () => kernels.seasonalScore(s.t, s.v, { ...shape, state: newSeasonalState(bins, 4) }, 4, raw, score, flag));
  const scoreJ = measure(3, () => twinSeasonalScore(s.t, s.v, { ...shape, state: newSeasonalState(bins, 4) }, 4, raw, score, flag));
  rows.push(...pair('seasonal baseline scores (288 bins, 4 cycles)', '10 M points', POINTS, 'points', scoreW, scoreJ, 'incl. copy in/out'));
  const x = s.v.subarray(0, ACF_POINTS);
  const r = new Float64Array(ACF_LAGS + 1);
  const acfW = measure(5, () => kernels.autocorrelation(x, ACF_LAGS, r));
  const acfJ = measure(5, () => twinAutocorrelation(x, ACF_LAGS, r));
  rows.push(...pair(`autocorrelation (${ACF_LAGS} lags)`, '32 k points', ACF_POINTS * ACF_LAGS, 'products', acfW, acfJ, 'one grid level of detectPeriods'));

  // Rolling Pearson over every pair of 10 series × 1 M points.
  const set = correlatedSet();
  const out = new Float64Array(SERIES_POINTS);
  const pairs = (SERIES * (SERIES - 1)) / 2;
  const allPairs = (f: (x: Float64Array, y: Float64Array, w: number, o: Float64Array) => void) => () => {
    for (let a = 0; a < SERIES; a++) for (let b = a + 1; b < SERIES; b++) f(set[a].v, set[b].v, WINDOW, out);
  };
  const pW = measure(3, allPairs((...args) => kernels.rollingPearson(...args)));
  const pJ = measure(3, allPairs(twinPearson));
  rows.push(...pair(`rolling Pearson (w=${WINDOW}), ${pairs} pairs`, '10 × 1 M points', pairs * SERIES_POINTS, 'pair-points', pW, pJ, 'incl. copy in/out'));
  const cp = resolveParams(correlationDetector.params);
  const corrW = measure(2, () => correlationDetector.detectMany(set, cp, kernels));
  const corrJ = measure(1, () => correlationDetector.detectMany(set, cp, twins));
  rows.push(...pair('correlation detector (align + 45 pairs + baselines)', '10 × 1 M points', SERIES * SERIES_POINTS, 'points', corrW, corrJ, 'grid alignment, breaks and per-point scores in TS for both'));

  printTable('seasonal and correlation detectors (best of 1–5 runs after one untimed run, wall time, cpu time in the notes; memory = peak growth during the runs)', rows);
}
