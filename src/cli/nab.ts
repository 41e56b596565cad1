// `faultline nab --data DIR`: runs detectors as streams over a folder in NAB's layout and prints the
// NAB scoreboard (three profiles, corpus thresholds, counts, time to detect); --out writes NAB results.

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadKernelsNode } from '../kernels/node';
import { parseNabCsv } from '../analysis/nab/csv';
import { resultsCsv, resultsPath } from '../analysis/nab/results-csv';
import { nabDetectors, streamScores, type NabDetector } from '../analysis/nab/run';
import { prepareCorpus, scoreDetector, type NabCorpus, type NabProfileScore } from '../analysis/nab/score';
import { inSubset, parseSubset, unmatchedEntries, type NabSubset } from '../analysis/nab/subset';
import { parseWindows } from '../analysis/nab/windows';
import { parseArgs, UsageError } from './args';
import type { CliIO } from './io';

export const NAB_HELP = `Usage: faultline nab --data DIR [--detector NAME|all] [--files-from LIST] [--out RESULTS_DIR] [--json]

Scores anomaly detectors with the Numenta Anomaly Benchmark. DIR is in NAB's layout:
DIR/data/<category>/<file>.csv (timestamp,value) and DIR/combined_windows.json (labelled windows).
Each detector runs as a stream over every file (no look-ahead, one configuration for all files); NAB
picks one threshold per detector and profile over the whole corpus and normalises the score so the
null detector gets 0 and a perfect one 100.

Options:
  --data DIR            the NAB-layout folder (required)
  --detector NAME|all   one detector, or every single-series detector plus NAB's windowedGaussian
                        baseline (default all)
  --files-from LIST     score only the categories and files LIST names, one a line: <category> or
                        <category>/<file>.csv (# comments); thresholds are swept over that subset
                        (bench/nab-tuning.txt and bench/nab-held-out.txt are the likelihood
                        detector's tuning and held-out halves)
  --out RESULTS_DIR     write RESULTS_DIR/<detector>/<category>/<detector>_<file>.csv
                        (timestamp,value,anomaly_score,label)
  --json                print {"detectors":[{name, standard, reward_low_FP_rate, reward_low_FN_rate,
                        thresholds, ...}]}
  --help                show this help

Exit code: 0 on success, 1 when the folder cannot be read or scored, 2 on a usage error.`;

interface LoadedCorpus {
  corpus: NabCorpus;
  values: Float64Array[];
}

/**
 * Reads DIR/combined_windows.json and every DIR/data/<category>/*.csv (only those `subset` names, when
 * given); an error says what is wrong where.
 */
async function loadCorpus(dir: string, subset?: NabSubset): Promise<LoadedCorpus | string> {
  const windowsPath = join(dir, 'combined_windows.json');
  let windowsJson: unknown;
  try {
    windowsJson = JSON.parse(await readFile(windowsPath, 'utf8'));
  } catch (e) {
    return `${windowsPath}: ${e instanceof Error ? e.message : String(e)} (NAB layout needs DIR/combined_windows.json)`;
  }
  const windows = parseWindows(windowsJson, windowsPath);
  if (!windows.ok) return windows.error;
  const dataDir = join(dir, 'data');
  let categories: string[];
  try {
    categories = (await readdir(dataDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return `${dataDir}: cannot read the folder (NAB layout needs DIR/data/<category>/<file>.csv)`;
  }
  const files: { key: string; t: Float64Array }[] = [];
  const values: Float64Array[] = [];
  const seen: string[] = [];
  for (const category of categories) {
    const names = (await readdir(join(dataDir, category))).filter((f) => f.endsWith('.csv')).sort();
    for (const name of names) {
      seen.push(`${category}/${name}`);
      if (subset && !inSubset(subset, `${category}/${name}`)) continue;
      const path = join(dataDir, category, name);
      const table = parseNabCsv(await readFile(path, 'utf8'), path, ['value']);
      if (!table.ok) return table.error;
      files.push({ key: `${category}/${name}`, t: table.value.t });
      values.push(table.value.columns.get('value') as Float64Array);
    }
  }
  const unmatched = subset ? unmatchedEntries(subset, seen) : [];
  if (unmatched.length) return `--files-from: ${unmatched.map((e) => JSON.stringify(e)).join(', ')} names no <category>/<file>.csv under ${dataDir}`;
  if (!files.length) return `${dataDir}: no <category>/<file>.csv found`;
  const corpus = prepareCorpus(files, windows.value);
  return corpus.ok ? { corpus: corpus.value, values } : corpus.error;
}

interface DetectorScore {
  name: string;
  label: string;
  seconds: number;
  profiles: NabProfileScore[];
}

async function runOne(detector: NabDetector, loaded: LoadedCorpus, out: string | undefined): Promise<DetectorScore> {
  const started = performance.now();
  const { corpus, values } = loaded;
  const scores = corpus.files.map((f, k) => streamScores(detector, f.t, values[k]));
  const seconds = (performance.now() - started) / 1000;
  if (out) {
    for (let k = 0; k < corpus.files.length; k++) {
      const path = join(out, resultsPath(detector.name, corpus.files[k].key));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, resultsCsv(corpus.files[k].t, values[k], scores[k], corpus.weights[k].label));
    }
  }
  return { name: detector.name, label: detector.label, seconds, profiles: scoreDetector(corpus, scores) };
}

function duration(ms: number | null): string {
  if (ms === null) return '-';
  const minutes = ms / 60000;
  return minutes < 120 ? `${minutes.toFixed(0)} min` : `${(minutes / 60).toFixed(1)} h`;
}

const fixed = (x: number | null, digits: number): string => (x === null ? '-' : x.toFixed(digits));

function scoreboard(results: DetectorScore[], loaded: LoadedCorpus, seconds: number): string {
  const { corpus } = loaded;
  const rows = corpus.files.reduce((s, f) => s + f.t.length, 0);
  const lines = [
    `NAB: ${corpus.files.length} files, ${rows} rows, ${corpus.windows} windows; thresholds swept over the whole corpus (ties to the higher)`,
    '',
    'detector            standard  low_FP  low_FN   threshold (std / lowFP / lowFN)   TP rows  FP rows  FN rows  windows hit  mean time to detect',
  ];
  const sorted = [...results].sort((a, b) => (b.profiles[0].normalised ?? -Infinity) - (a.profiles[0].normalised ?? -Infinity));
  for (const r of sorted) {
    const [std, fp, fn] = r.profiles;
    lines.push(
      [
        r.name.padEnd(18),
        fixed(std.normalised, 2).padStart(9),
        fixed(fp.normalised, 2).padStart(7),
        fixed(fn.normalised, 2).padStart(7),
        `   ${[std, fp, fn].map((p) => p.threshold.toPrecision(6)).join(' / ')}`.padEnd(36),
        String(std.tp).padStart(7),
        String(std.fp).padStart(8),
        String(std.fn).padStart(8),
        `${std.detectedWindows}/${corpus.windows}`.padStart(12),
        `  ${duration(std.meanTimeToDetectMs)}`,
      ].join(' '),
    );
  }
  lines.push('', `counts and time to detect at the standard threshold (time from a window's start to its first detection); ${seconds.toFixed(1)} s`);
  return lines.join('\n');
}

function jsonResult(results: DetectorScore[], seconds: number): object {
  return {
    detectors: results.map((r) => {
      const entry: Record<string, unknown> = { name: r.name };
      for (const p of r.profiles) entry[p.profile] = p.normalised;
      entry.thresholds = Object.fromEntries(r.profiles.map((p) => [p.profile, p.threshold]));
      entry.raw = Object.fromEntries(r.profiles.map((p) => [p.profile, p.score]));
      entry.counts = Object.fromEntries(r.profiles.map((p) => [p.profile, { tp: p.tp, fp: p.fp, fn: p.fn, tn: p.tn, windowsDetected: p.detectedWindows }]));
      entry.meanTimeToDetectMs = r.profiles[0].meanTimeToDetectMs;
      entry.seconds = r.seconds;
      return entry;
    }),
    seconds,
  };
}

/** The --files-from list, undefined without the flag, or an error naming the file or its bad line. */
async function readSubset(path: string | undefined): Promise<NabSubset | undefined | string> {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return `${path}: ${e instanceof Error ? e.message : String(e)} (--files-from needs a readable list)`;
  }
  const subset = parseSubset(text, path);
  return subset.ok ? subset.value : subset.error;
}

export async function runNab(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { values: ['data', 'detector', 'out', 'files-from'], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.out(NAB_HELP);
    return 0;
  }
  if (args.positional.length) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
  const dir = args.values.get('data');
  if (dir === undefined) throw new UsageError('--data DIR is required');
  const started = performance.now();
  const all = nabDetectors(await loadKernelsNode());
  const wanted = args.values.get('detector') ?? 'all';
  const chosen = wanted === 'all' ? all : all.filter((d) => d.name === wanted);
  if (!chosen.length) throw new UsageError(`unknown detector ${JSON.stringify(wanted)} (available: all, ${all.map((d) => d.name).join(', ')})`);
  const subset = await readSubset(args.values.get('files-from'));
  const loaded = typeof subset === 'string' ? subset : await loadCorpus(dir, subset);
  if (typeof loaded === 'string') {
    io.err(`error: ${loaded}`);
    return 1;
  }
  const results: DetectorScore[] = [];
  for (const d of chosen) results.push(await runOne(d, loaded, args.values.get('out')));
  const seconds = (performance.now() - started) / 1000;
  io.out(args.switches.has('json') ? JSON.stringify(jsonResult(results, seconds), null, 2) : scoreboard(results, loaded, seconds));
  return 0;
}
