// `faultline detect FILE --detector zscore`: runs the WebAssembly rolling z-score over every series,
// prints flagged timestamps and a score summary, and optionally writes timestamp,value,anomaly_score CSV.

import { writeFile } from 'node:fs/promises';
import type { Series } from '../model/series';
import { nextStep } from '../model/errors';
import type { Kernels } from '../kernels/types';
import { loadKernelsNode } from '../kernels/node';
import { numberFlag, parseArgs, UsageError } from './args';
import { isoTime, readTelemetryFile, type CliIO } from './io';

export const DEFAULT_WINDOW = 100;
export const DEFAULT_THRESHOLD = 4;

export const DETECT_HELP = `Usage: faultline detect FILE --detector zscore [--window N] [--threshold K] [--json] [--out FILE.csv]

Runs the rolling z-score detector (WebAssembly kernel) over every series of FILE: each point is scored
against the mean and standard deviation of the N points before it, and flagged when |z| > K.

Options:
  --detector zscore   the detector (only zscore so far; required)
  --window N          points in the rolling window, integer >= 2 (default ${DEFAULT_WINDOW})
  --threshold K       flag points with |z| above K, K > 0 (default ${DEFAULT_THRESHOLD})
  --json              print the result as JSON
  --out FILE.csv      write timestamp,value,anomaly_score rows; with several series, one file per
                      series named FILE-<series>.csv
  --help              show this help

Exit code: 0 on success, 1 when the file cannot be read, 2 on a usage error.`;

export interface SeriesDetection {
  name: string;
  count: number;
  flagged: number;
  /** Largest finite |z|, or null when no score is finite. */
  maxAbsScore: number | null;
  /**
   * Min / max / mean of the finite scores (null when there are none); `infinite` counts ±Infinity
   * scores (a point that differs from a constant window: flagged, but left out of min/max/mean).
   */
  score: { finite: number; infinite: number; min: number | null; max: number | null; mean: number | null };
  flaggedTimestamps: string[];
}

interface Scored {
  series: Series;
  score: Float64Array;
  summary: SeriesDetection;
}

function scoreSeries(kernels: Kernels, series: Series, window: number, threshold: number): Scored {
  const n = series.v.length;
  const score = new Float64Array(n);
  const flags = new Uint8Array(n);
  kernels.rollingZScore(series.v, { window, threshold }, score, flags);
  let finite = 0;
  let infinite = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let maxAbs = -1;
  const flaggedTimestamps: string[] = [];
  for (let i = 0; i < n; i++) {
    const z = score[i];
    if (flags[i]) flaggedTimestamps.push(isoTime(series.t[i]) ?? String(series.t[i]));
    if (z === Infinity || z === -Infinity) infinite++;
    if (!Number.isFinite(z)) continue;
    finite++;
    sum += z;
    if (z < min) min = z;
    if (z > max) max = z;
    if (Math.abs(z) > maxAbs) maxAbs = Math.abs(z);
  }
  return {
    series,
    score,
    summary: {
      name: series.name,
      count: n,
      flagged: flaggedTimestamps.length,
      maxAbsScore: finite ? maxAbs : null,
      score: { finite, infinite, min: finite ? min : null, max: finite ? max : null, mean: finite ? sum / finite : null },
      flaggedTimestamps,
    },
  };
}

function csvCell(x: number): string {
  return Number.isNaN(x) ? '' : String(x);
}

function scoreCsv(s: Scored): string {
  const lines = ['timestamp,value,anomaly_score'];
  for (let i = 0; i < s.score.length; i++) {
    lines.push(`${isoTime(s.series.t[i]) ?? ''},${csvCell(s.series.v[i])},${csvCell(s.score[i])}`);
  }
  return lines.join('\n') + '\n';
}

/** Output paths: `out` itself for one series, else `out` with `-<series name>` before `.csv`. */
export function outPaths(out: string, names: string[]): string[] {
  if (names.length === 1) return [out];
  const stem = out.toLowerCase().endsWith('.csv') ? out.slice(0, -4) : out;
  return names.map((name, k) => `${stem}-${name.replace(/[^A-Za-z0-9._-]+/g, '_') || `series${k + 1}`}.csv`);
}

function fmt(x: number | null): string {
  return x === null ? '-' : x.toFixed(3);
}

export async function runDetect(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { values: ['detector', 'window', 'threshold', 'out'], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.out(DETECT_HELP);
    return 0;
  }
  if (args.positional.length !== 1) throw new UsageError('detect needs exactly one FILE');
  const detector = args.values.get('detector');
  if (detector !== 'zscore') {
    throw new UsageError(detector === undefined ? '--detector is required (zscore)' : `unknown detector ${JSON.stringify(detector)} (available: zscore)`);
  }
  const window = numberFlag(args, 'window', DEFAULT_WINDOW, 2, true);
  const threshold = numberFlag(args, 'threshold', DEFAULT_THRESHOLD, Number.MIN_VALUE, false);
  const file = args.positional[0];
  const parsed = await readTelemetryFile(file);
  if (!parsed.ok) {
    const e = parsed.error;
    if (args.switches.has('json')) io.out(JSON.stringify({ file, errors: [e.message] }, null, 2));
    io.err(`error: ${e.message}. ${nextStep(e)}`);
    return 1;
  }
  const kernels = await loadKernelsNode();
  const scored = parsed.value.series.map((s) => scoreSeries(kernels, s, window, threshold));
  const out = args.values.get('out');
  const written = out ? outPaths(out, scored.map((s) => s.series.name)) : [];
  for (let k = 0; k < written.length; k++) await writeFile(written[k], scoreCsv(scored[k]));
  const defaults = `window ${window}${args.values.has('window') ? '' : ' (default)'}, threshold ${threshold}${args.values.has('threshold') ? '' : ' (default)'}`;
  if (args.switches.has('json')) {
    const result = { file, detector, window, threshold, warnings: parsed.value.warnings, series: scored.map((s) => s.summary), out: written };
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  const lines = [`${file}: rolling z-score, ${defaults}`];
  for (const { summary: s } of scored) {
    lines.push(
      `  ${s.name}: ${s.count} points, ${s.flagged} flagged, max |z| ${fmt(s.maxAbsScore)}, z min ${fmt(s.score.min)} max ${fmt(s.score.max)} mean ${fmt(s.score.mean)}${s.score.infinite ? `, ${s.score.infinite} infinite (point off a constant window)` : ''}`,
    );
    const shown = s.flaggedTimestamps.slice(0, 10);
    if (shown.length) lines.push(`    flagged: ${shown.join(', ')}${s.flagged > shown.length ? `, … (${s.flagged - shown.length} more)` : ''}`);
  }
  for (const w of parsed.value.warnings) lines.push(`  warning: ${w}`);
  for (const p of written) lines.push(`  wrote ${p}`);
  io.out(lines.join('\n'));
  return 0;
}
