// Benchmarks an ensemble detection run over one 1 M-point series in the main thread alone, and with
// `faultline detect`'s detector threads (src/cli/detector-threads.ts, started from the built CLI bundle),
// with the peak memory of each and a check that both give the same report.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runDetection, type DetectionOutcome } from '../src/analysis/detectors/run';
import type { DetectorPool } from '../src/analysis/detectors/run-steps';
import { DEFAULT_DETECTION } from '../src/analysis/detectors/run-types';
import { threadCount, ThreadDetectorPool } from '../src/cli/detector-threads';
import { compileKernelsNode, loadKernelsNode } from '../src/kernels/node';
import type { Series } from '../src/model/series';
import { syntheticSeries } from './kernels.bench';
import { memoryPeak } from './memory';
import { fmtBytes, fmtRate, printTable, type BenchRow } from './table';

const POINTS = 1_000_000;

export async function run(): Promise<void> {
  const bundle = resolve(import.meta.dirname, '../dist-cli/faultline.js');
  if (!existsSync(bundle)) {
    console.log('\n## ensemble run with detector threads\n\nskipped: dist-cli/faultline.js is missing (run `npm run build:cli`)');
    return;
  }
  const kernels = await loadKernelsNode();
  const series: Series[] = [{ name: 'value', labels: {}, ...syntheticSeries(POINTS) }];
  const config = { ...DEFAULT_DETECTION, mode: 'ensemble' as const };
  const threads = Math.max(1, threadCount());
  const timed = async (pool?: DetectorPool): Promise<{ ms: number; outcome: DetectionOutcome; memory: string }> => {
    const memory = memoryPeak();
    const timer = setInterval(() => memory.sample(), 20);
    const t0 = performance.now();
    const outcome = await runDetection(series, config, kernels, pool ? { pool } : {});
    const ms = performance.now() - t0;
    clearInterval(timer);
    memory.sample();
    const g = memory.growth();
    return { ms, outcome, memory: `+${fmtBytes(g.rss)} rss, +${fmtBytes(g.buffers)} js buffers (main thread)` };
  };
  await timed(); // warm-up: compiles the detectors' code in this thread
  const alone = await timed();
  const pool = new ThreadDetectorPool(await compileKernelsNode(), threads, pathToFileURL(bundle));
  const shared = await timed(pool);
  const steps = pool.completed;
  await pool.close();
  const same = JSON.stringify(shared.outcome.report) === JSON.stringify(alone.outcome.report);
  const input = `${POINTS / 1e6} M points, 8 detectors`;
  const rows: BenchRow[] = [
    { name: 'ensemble run', impl: 'main thread only', input, throughput: fmtRate(POINTS, alone.ms, 'points'), memory: alone.memory, note: `${(alone.ms / 1000).toFixed(2)} s` },
    {
      name: 'ensemble run', impl: `+ ${threads} detector thread${threads > 1 ? 's' : ''}`, input, throughput: fmtRate(POINTS, shared.ms, 'points'), memory: shared.memory,
      note: `${(shared.ms / 1000).toFixed(2)} s, ${(alone.ms / shared.ms).toFixed(2)}× (cold threads); ${steps} of 8 steps ran in threads; same report: ${same ? 'yes' : 'NO'}`,
    },
  ];
  printTable(`ensemble detection run, main thread vs detector threads (${availableParallelism()} cores here; wall time, after one warm-up run in the main thread)`, rows);
}
