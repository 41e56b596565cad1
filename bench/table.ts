// Prints benchmark rows as aligned plain-text tables (throughput and memory, WASM beside plain JS).

export interface BenchRow {
  /** What was measured, e.g. "rolling z-score (w=64)". */
  name: string;
  /** Implementation, e.g. "wasm", "js twin". */
  impl: string;
  /** Size of the input, e.g. "10 M points", "120 MB". */
  input: string;
  /** Throughput with unit, e.g. "412 M points/s". */
  throughput: string;
  /** Peak extra memory, e.g. "160 MB", or "" when not measured. */
  memory: string;
  /** Free text: ratio to the baseline, target, … */
  note: string;
}

export function printTable(title: string, rows: BenchRow[]): void {
  const head: (keyof BenchRow)[] = ['name', 'impl', 'input', 'throughput', 'memory', 'note'];
  const widths = head.map((h) => Math.max(h.length, ...rows.map((r) => r[h].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(`\n## ${title}\n`);
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(head.map((h) => r[h])));
}

/** Best of `repeats` runs of fn, in ms. */
export function bestOf(repeats: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** The first call of an async fn (its result and time) and the best of `repeats` later calls, in ms. */
export async function firstThenBest<T>(repeats: number, fn: () => Promise<T>): Promise<{ result: T; firstMs: number; laterMs: number }> {
  let start = performance.now();
  const result = await fn();
  const firstMs = performance.now() - start;
  let laterMs = Infinity;
  for (let i = 0; i < repeats; i++) {
    start = performance.now();
    await fn();
    laterMs = Math.min(laterMs, performance.now() - start);
  }
  return { result, firstMs, laterMs };
}

/**
 * Best wall time and best CPU time (this process, user + system: steadier than wall time on a shared
 * machine) over `repeats` runs, in ms, after one untimed run (V8 compiles WebAssembly in a baseline
 * tier first and optimises it in the background; on a busy machine the first runs can be twice as slow).
 */
export function bestWallCpu(repeats: number, fn: () => void): { wall: number; cpu: number } {
  fn();
  const best = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < repeats; i++) {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    fn();
    const wall = performance.now() - wall0;
    const cpu = process.cpuUsage(cpu0);
    best.wall = Math.min(best.wall, wall);
    best.cpu = Math.min(best.cpu, (cpu.user + cpu.system) / 1000);
  }
  return best;
}

export function fmtRate(count: number, ms: number, unit: string): string {
  const perS = (count / ms) * 1000;
  if (perS >= 1e6) return `${(perS / 1e6).toFixed(1)} M ${unit}/s`;
  if (perS >= 1e3) return `${(perS / 1e3).toFixed(1)} k ${unit}/s`;
  return `${perS.toFixed(1)} ${unit}/s`;
}

export function fmtBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}
