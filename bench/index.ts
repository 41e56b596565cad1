// `npm run bench`: runs every benchmark module in turn and prints its table.
// Each module exports `run(): Promise<void>` and prints with printTable.

const modules = ['./kernels.bench.ts', './csv.bench.ts', './chart.bench.ts', './prometheus.bench.ts', './json-metrics.bench.ts'];

for (const m of modules) {
  const mod = (await import(m)) as { run: () => Promise<void> };
  await mod.run();
}

export {};
