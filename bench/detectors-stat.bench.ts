// Benchmarks the statistical detector kernels on 10 M points — rolling z-score, EWMA deviation,
// rolling IQR fences, rolling median/MAD — each in WebAssembly beside its plain-JS twin, with memory.
import { SERIES_DETECTORS } from '../src/analysis/detectors/registry';
import { runDetection } from '../src/analysis/detectors/run';
import { DEFAULT_DETECTION } from '../src/analysis/detectors/run-types';
import { resolveParams } from '../src/analysis/detectors/types';
import { adaptiveZOptions, ZSCORE_PARAMS } from '../src/analysis/detectors/zscore';
import { ADAPTIVE_Z_STATE_LENGTH } from '../src/kernels/adaptive-z-types';
import { EWMA_STATE_LENGTH } from '../src/kernels/ewma-types';
import type { KernelInstance } from '../src/kernels/instantiate';
import { loadKernelsNode } from '../src/kernels/node';
import { twinAdaptiveZScore } from '../test/reference/adaptive-z';
import { twinEwmaDeviation } from '../test/reference/ewma';
import { twinOrderStat } from '../test/reference/order-stat';
import { twinZScore, twinZScoreShifted } from '../test/reference/zscore-twin';
import { memoryPeak } from './memory';
import { syntheticSeries } from './kernels.bench';
import { bestWallCpu, firstThenBest, fmtBytes, fmtRate, printTable, type BenchRow } from './table';

const POINTS = 10_000_000;
const Z_WINDOW = 64;
const EWMA_ALPHA = 1 - 2 ** (-1 / 20); // half-life 20 points
const ORDER_WINDOW = 100;

interface Pair {
  name: string;
  repeats: number;
  target: string;
  wasm: () => void;
  js: () => void;
  jsName: string;
  /** Extra memory the JS twin holds besides inputs and outputs. */
  jsMemory: string;
  /** The kernel on arrays resident in linear memory (no copies), shown beside the copying row. */
  resident?: { run: () => void; memory: string };
}

/**
 * A kernel in place on a resident copy of v and resident outputs (its own instance; a 170 MB arena):
 * `run` gets the instance and the three arrays.
 */
async function residentRun(
  v: Float64Array, run: (kernels: KernelInstance, v: Float64Array, out: Float64Array, flags: Uint8Array) => void,
): Promise<{ run: () => void; memory: string }> {
  const kernels = await loadKernelsNode();
  const arrays = kernels.residentArrays(POINTS * 17 + 64);
  const rv = arrays.float64(POINTS);
  rv.set(v);
  const out = arrays.float64(POINTS);
  const flags = arrays.uint8(POINTS);
  return {
    run: () => run(kernels, rv, out, flags),
    memory: `${fmtBytes(kernels.linearMemoryBytes())} wasm (arena of input and outputs + scratch window)`,
  };
}

export async function run(): Promise<void> {
  const kernels = await loadKernelsNode();
  const { v } = syntheticSeries(POINTS); // the kernels benchmark's series: random walk around 1e9, noise, rare spikes
  const out = new Float64Array(POINTS);
  const flags = new Uint8Array(POINTS);
  const input = `${POINTS / 1e6} M points`;
  const zOpts = { window: Z_WINDOW, threshold: 4 };
  const ewmaOpts = { alpha: EWMA_ALPHA, warmUp: 40, threshold: 4.5 };
  const out2 = new Float64Array(POINTS); // the adaptive z-score's second output (raw z in out, score here)
  const adaptiveOpts = adaptiveZOptions(resolveParams(ZSCORE_PARAMS)); // the zscore detector's defaults
  const orderOpts = { window: ORDER_WINDOW, minCount: ORDER_WINDOW / 2, threshold: 3 };

  const pairs: Pair[] = [
    {
      name: `rolling z-score (w=${Z_WINDOW})`, repeats: 10, target: '≥ 300 M/s',
      wasm: () => kernels.rollingZScore(v, zOpts, out, flags),
      js: () => twinZScoreShifted(v, zOpts, out, flags), jsName: 'js twin (shifted sums)', jsMemory: '0 B',
      resident: await residentRun(v, (k, rv, score, f) => k.rollingZScore(rv, zOpts, score, f)),
    },
    {
      // The zscore detector's kernel at its defaults: both windows, the adaptive threshold, score and flag.
      name: 'adaptive z-score (w=100, recent 20)', repeats: 6, target: '—',
      wasm: () => kernels.adaptiveZScore(v, 0, adaptiveOpts, new Float64Array(ADAPTIVE_Z_STATE_LENGTH), out, out2, flags),
      js: () => twinAdaptiveZScore(v, 0, adaptiveOpts, new Float64Array(ADAPTIVE_Z_STATE_LENGTH), out, out2, flags), jsName: 'js twin (shifted sums)', jsMemory: '0 B',
    },
    {
      name: 'EWMA deviation (half-life 20)', repeats: 10, target: 'well above 260 M/s',
      wasm: () => kernels.ewmaDeviation(v, 0, ewmaOpts, new Float64Array(EWMA_STATE_LENGTH), out, flags),
      js: () => twinEwmaDeviation(v, ewmaOpts, out, flags), jsName: 'js twin (recurrence)', jsMemory: '0 B',
      resident: await residentRun(v, (k, rv, dev, f) => k.ewmaDeviation(rv, 0, ewmaOpts, new Float64Array(EWMA_STATE_LENGTH), dev, f)),
    },
    {
      name: `rolling IQR fences (w=${ORDER_WINDOW})`, repeats: 6, target: '≥ 30 M/s',
      wasm: () => kernels.rollingIqr(v, 0, orderOpts, out, flags),
      js: () => twinOrderStat('iqr', v, orderOpts, out, flags), jsName: 'js twin (sorted window)', jsMemory: fmtBytes((ORDER_WINDOW + 1) * 8),
    },
    {
      name: `rolling median/MAD (w=${ORDER_WINDOW})`, repeats: 6, target: '—',
      wasm: () => kernels.rollingMad(v, 0, orderOpts, out, flags),
      js: () => twinOrderStat('mad', v, orderOpts, out, flags), jsName: 'js twin (sorted window)', jsMemory: fmtBytes((ORDER_WINDOW + 1) * 8),
    },
  ];

  const rows: BenchRow[] = [];
  for (const p of pairs) {
    const memory = memoryPeak();
    const { wall: wasmMs, cpu: wasmCpu } = bestWallCpu(p.repeats, p.wasm);
    memory.sample();
    const flagged = flags.reduce((a, b) => a + b, 0);
    const { wall: jsMs, cpu: jsCpu } = bestWallCpu(p.repeats, p.js);
    const resident = p.resident;
    const residentRow = (r: NonNullable<Pair['resident']>): BenchRow => {
      const { wall: ms, cpu } = bestWallCpu(p.repeats, r.run);
      return {
        name: p.name, impl: 'wasm, arrays resident in linear memory', input, throughput: fmtRate(POINTS, ms, 'points'), memory: r.memory,
        note: `${(jsMs / ms).toFixed(2)}× js (cpu time: ${fmtRate(POINTS, cpu, 'points')}, ${(jsCpu / cpu).toFixed(2)}×); no copy in/out`,
      };
    };
    rows.push(
      {
        name: p.name, impl: 'wasm', input, throughput: fmtRate(POINTS, wasmMs, 'points'),
        memory: `${fmtBytes(kernels.linearMemoryBytes())} wasm, +${fmtBytes(memory.growth().buffers)} js buffers`,
        note: `${(jsMs / wasmMs).toFixed(2)}× js (cpu time: ${fmtRate(POINTS, wasmCpu, 'points')}, ${(jsCpu / wasmCpu).toFixed(2)}×); target ${p.target}, ≥ 2×; ${flagged} flagged`,
      },
      ...(resident ? [residentRow(resident)] : []),
      {
        name: p.name, impl: p.jsName, input, throughput: fmtRate(POINTS, jsMs, 'points'), memory: `${p.jsMemory} extra`,
        note: `cpu time: ${fmtRate(POINTS, jsCpu, 'points')}`,
      },
    );
  }
  // Whole detectors (kernel + squashing into scores and flags + allocation of the result), defaults.
  const t = new Float64Array(POINTS);
  // What every detector pays before any arithmetic: allocating its result (score and raw f64, flag u8)
  // and writing it once (the first touch of fresh pages; see the README's bench line).
  const touch = bestWallCpu(3, () => {
    new Uint8Array(POINTS).fill(1);
    new Float64Array(POINTS).fill(1);
    new Float64Array(POINTS).fill(1);
  });
  for (const name of ['zscore', 'ewma', 'iqr', 'mad']) {
    const d = SERIES_DETECTORS.find((x) => x.name === name);
    if (!d) continue;
    const params = resolveParams(d.params);
    const { wall, cpu } = bestWallCpu(3, () => d.detect({ t, v }, params, kernels));
    rows.push({
      name: `${name} detector (defaults)`, impl: 'detect()', input, throughput: fmtRate(POINTS, wall, 'points'),
      memory: `${fmtBytes(POINTS * 17)} result`,
      note: `cpu time: ${fmtRate(POINTS, cpu, 'points')}; of its ${wall.toFixed(0)} ms, allocating and first writing the result takes ${touch.wall.toFixed(0)} ms timed alone`,
    });
  }
  // A whole detection run in statistical mode (zscore, iqr and ewma, then voting, severity grading,
  // incidents and the summary): what that mode costs on one 10 M-point series, one point a minute.
  const minutes = Float64Array.from({ length: POINTS }, (_, i) => i * 60_000);
  const config = { ...DEFAULT_DETECTION, mode: 'statistical' as const };
  const statistical = await firstThenBest(2, () => runDetection([{ name: 'bench', labels: {}, t: minutes, v }], config, kernels));
  const runMs = statistical.laterMs;
  rows.push({
    name: 'statistical detection run', impl: 'runDetection()', input, throughput: fmtRate(POINTS, runMs, 'points'),
    memory: '—', note: `${runMs.toFixed(0)} ms (best of 2 after a first run of ${statistical.firstMs.toFixed(0)} ms); 3 detectors, then voting, grading, incidents, summary`,
  });
  // The Welford twin beside the shifted one, as in kernels.bench.ts (the ratio above uses the shifted twin).
  const welfordMs = bestWallCpu(10, () => twinZScore(v, zOpts, out, flags)).wall;
  rows.splice(rows.findIndex((r) => r.impl === pairs[0].jsName) + 1, 0, { name: pairs[0].name, impl: 'js Welford', input, throughput: fmtRate(POINTS, welfordMs, 'points'), memory: '0 B extra', note: '' });
  printTable(
    `statistical detector kernels (best of 10, IQR/MAD best of 6, after one untimed run; wall time; cpu time in the notes; incl. copy in/out; inputs ${fmtBytes(POINTS * 8)} per array)`,
    rows,
  );
}
