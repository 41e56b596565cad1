// `npm run bench`: runs every benchmark module in turn and prints its table; `npm run bench -- traces csv`
// runs only the modules whose file names contain a given word. Each module exports `run(): Promise<void>`.
// `npm run bench -- big` runs only the big-file mode (bench/big-files.bench.ts): a 1 GB Prometheus text file
// and a 500 MB OTLP JSON Lines file written to the temp folder and imported from disk (BENCH_BIG_SCALE=0.1 makes both 10× smaller).

const all = ['./kernels.bench.ts', './csv.bench.ts', './chart.bench.ts', './shapes.bench.ts', './prometheus.bench.ts', './json-metrics.bench.ts', './traces.bench.ts', './detectors-stat.bench.ts', './detectors-ml.bench.ts', './detectors-seasonal.bench.ts', './detection-threads.bench.ts', './percentiles.bench.ts', './chaos.bench.ts', './nab.bench.ts', './traces-analysis.bench.ts', './waterfall.bench.ts'];
const words = process.argv.slice(2);
const modules = words.includes('big') ? ['./big-files.bench.ts'] : words.length ? all.filter((m) => words.some((w) => m.includes(w))) : all;

for (const m of modules) {
  const mod = (await import(m)) as { run: () => Promise<void> };
  await mod.run();
}

export {};
