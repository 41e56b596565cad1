// `faultline detect FILE --detector NAME|ensemble`: runs one detector or an ensemble (runDetection) over
// every series of FILE, prints per series the incidents and flagged points, optionally writes score CSVs.

import { writeFile } from 'node:fs/promises';
import { MULTI_SERIES_DETECTORS, SERIES_DETECTORS } from '../analysis/detectors/registry';
import { resolveRun, runDetection, type DetectionOutcome } from '../analysis/detectors/run';
import { DETECTION_MODES, severityOfCode, stepProgressText, VOTINGS, type DetectPhase, type Incident, type StepProgress } from '../analysis/detectors/run-types';
import { compileKernelsNode, loadKernelsNode } from '../kernels/node';
import { nextStep } from '../model/errors';
import type { Series } from '../model/series';
import { UsageError } from './args';
import { AVAILABLE, paramHelp, parseDetectArgs } from './detect-args';
import { threadCount, threadsAvailable, ThreadDetectorPool } from './detector-threads';
import { isoTime, readTelemetryFile, type CliIO } from './io';

export const DETECT_HELP = `Usage: faultline detect FILE --detector ${[...AVAILABLE.map((d) => d.name), 'ensemble'].join('|')} [options]

Scores every series of FILE with one detector, or with several combined (--detector ensemble), merges
flagged points into incidents with a severity (LOW, MEDIUM, HIGH, CRITICAL) and a confidence, and prints
them per series.

Options:
  --detector NAME     one detector, or "ensemble" (required)
  --mode M            with ensemble: ${DETECTION_MODES.filter((m) => m !== 'single').join(', ')} (default ensemble: every detector)
  --voting V          with ensemble: ${VOTINGS.join(', ')} (default majority)
  --weight D=W        with ensemble and --voting weighted: weight of detector D (default 1; repeatable)
  --param NAME=X      a detector parameter (repeatable); with ensemble DETECTOR.NAME=X
  --cooldown MS       suppress an incident starting within MS of the series' last alerted one
  --min-duration MS   suppress incidents shorter than MS
  --threads N         detector threads besides the main one (default: one per other core, at most 3;
                      0 runs every detector in the main thread); the results are the same either way
  --json              print the result as JSON
  --out FILE.csv      write timestamp,value,anomaly_score rows (the combined score in [0, 1]); with several
                      series, one file per series named FILE-<series>.csv
  --help              show this help

Detector parameters, also as flags (with ensemble, a flag sets the parameter of every detector having it):
${AVAILABLE.map((d) => `  ${d.name}: ${d.label}\n${d.params.map(paramHelp).join('\n')}`).join('\n')}

Exit code: 0 on success, 1 when the file cannot be read, 2 on a usage error.`;

export interface FlaggedPoint {
  timestamp: string | null;
  value: number;
  score: number;
  severity: string | null;
}

export interface SeriesDetection {
  name: string;
  count: number;
  flagged: number;
  maxScore: number;
  flaggedTimestamps: (string | null)[];
  flaggedPoints: FlaggedPoint[];
  incidents: (Omit<Incident, 'start' | 'end' | 'peakTime'> & { start: string | null; end: string | null; peakTime: string | null })[];
  /** Points each detector flagged on its own. */
  detectorFlags: Record<string, number>;
  notes: string[];
}

function seriesDetection(outcome: DetectionOutcome, k: number, s: Series): SeriesDetection {
  const points = outcome.points[k];
  const summary = outcome.report.series[k];
  const flaggedPoints: FlaggedPoint[] = [];
  for (let i = 0; i < points.flag.length; i++) {
    if (!points.flag[i]) continue;
    flaggedPoints.push({ timestamp: isoTime(s.t[i]), value: s.v[i], score: points.score[i], severity: severityOfCode(points.severity[i]) });
  }
  return {
    name: s.name,
    count: summary.points,
    flagged: summary.flagged,
    maxScore: summary.maxScore,
    flaggedTimestamps: flaggedPoints.map((p) => p.timestamp),
    flaggedPoints,
    incidents: outcome.report.incidents
      .filter((x) => x.seriesIndex === summary.seriesIndex)
      .map((x) => ({ ...x, start: isoTime(x.start), end: isoTime(x.end), peakTime: isoTime(x.peakTime) })),
    detectorFlags: summary.detectorFlags,
    notes: summary.notes,
  };
}

function csvCell(x: number): string {
  return Number.isNaN(x) ? '' : String(x);
}

function scoreCsv(s: Series, score: Float64Array): string {
  const lines = ['timestamp,value,anomaly_score'];
  for (let i = 0; i < score.length; i++) lines.push(`${isoTime(s.t[i]) ?? ''},${csvCell(s.v[i])},${csvCell(score[i])}`);
  return lines.join('\n') + '\n';
}

/** Output paths: `out` itself for one series, else `out` with `-<series name>` before `.csv`. */
export function outPaths(out: string, names: string[]): string[] {
  if (names.length === 1) return [out];
  const stem = out.toLowerCase().endsWith('.csv') ? out.slice(0, -4) : out;
  return names.map((name, k) => `${stem}-${name.replace(/[^A-Za-z0-9._-]+/g, '_') || `series${k + 1}`}.csv`);
}

function incidentLine(x: SeriesDetection['incidents'][number]): string {
  const span = x.start === x.end ? `at ${x.start}` : `${x.start} – ${x.end}`;
  const why = x.suppressed ? `, suppressed (${x.suppressed})` : '';
  return `    ${x.severity} ${span}: ${x.points} point${x.points > 1 ? 's' : ''}, peak ${x.peakValue} at ${x.peakTime}, confidence ${x.confidence.toFixed(2)}, by ${x.detectors.join(' + ')}${why}`;
}

/** "detecting 6/8 · iforest on cpu: 43 %": where a run is, for the terminal's status line. */
export function progressLine(done: number, total: number, phase: DetectPhase, within?: StepProgress): string {
  return `${phase} ${done}/${total}${within ? ` · ${stepProgressText(within)}` : ''}`;
}

export async function runDetect(argv: string[], io: CliIO): Promise<number> {
  const args = parseDetectArgs(argv);
  if (args.help) {
    io.out(DETECT_HELP);
    return 0;
  }
  const { file, config } = args;
  try {
    resolveRun(config, { series: SERIES_DETECTORS, multi: MULTI_SERIES_DETECTORS });
  } catch (e) {
    // Invalid parameters (RangeError naming detector and parameter) are the user's to fix: a usage error.
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const parsed = await readTelemetryFile(file);
  if (!parsed.ok) {
    const e = parsed.error;
    if (args.json) io.out(JSON.stringify({ file, errors: [e.message] }, null, 2));
    io.err(`error: ${e.message}. ${nextStep(e)}`);
    return 1;
  }
  const series = parsed.value.series;
  const kernels = await loadKernelsNode();
  const threads = args.threads ?? threadCount();
  const pool = threads > 0 && threadsAvailable() ? new ThreadDetectorPool(await compileKernelsNode(), threads) : undefined;
  let outcome: DetectionOutcome;
  try {
    outcome = await runDetection(series, config, kernels, {
      ...(io.progress ? { onProgress: (...p: Parameters<typeof progressLine>) => io.progress?.(progressLine(...p)) } : {}),
      ...(pool ? { pool } : {}),
    });
  } finally {
    await pool?.close();
  }
  io.progress?.('');
  const results = series.map((s, k) => seriesDetection(outcome, k, s));
  const written = args.out ? outPaths(args.out, series.map((s) => s.name)) : [];
  for (let k = 0; k < written.length; k++) await writeFile(written[k], scoreCsv(series[k], outcome.points[k].score));
  const { report } = outcome;
  if (args.json) {
    const { detectors, health, notes, correlation } = report;
    // threads: detector threads started, and the steps (one detector over one series) they ran.
    const threadsUsed = { count: pool?.size ?? 0, steps: pool?.completed ?? 0 };
    const json = { file, detector: args.detector, mode: config.mode, voting: config.voting, detectors, params: resolvedParams(config.params, detectors), warnings: parsed.value.warnings, notes, series: results, health, ...(correlation ? { correlation } : {}), threads: threadsUsed, out: written };
    io.out(JSON.stringify(json, null, 2));
    return 0;
  }
  const how = config.mode === 'single' ? report.detectors[0] : `${config.mode} mode (${report.detectors.join(', ')}), ${config.voting} voting`;
  const lines = [`${file}: ${how}; health ${report.health.overall}/100`];
  for (const s of results) {
    lines.push(`  ${s.name}: ${s.count} points, ${s.flagged} flagged, ${s.incidents.length} incident${s.incidents.length === 1 ? '' : 's'}, max score ${s.maxScore.toFixed(3)}`);
    for (const x of s.incidents.slice(0, 20)) lines.push(incidentLine(x));
    if (s.incidents.length > 20) lines.push(`    … (${s.incidents.length - 20} more incidents)`);
    const shown = s.flaggedTimestamps.slice(0, 10);
    if (shown.length) lines.push(`    flagged: ${shown.join(', ')}${s.flagged > shown.length ? `, … (${s.flagged - shown.length} more)` : ''}`);
    for (const n of s.notes) lines.push(`    note: ${n}`);
  }
  for (const c of report.health.components) for (const r of c.reasons) lines.push(`  health ${c.name}: ${r}`);
  for (const n of report.notes) lines.push(`  note: ${n}`);
  for (const w of parsed.value.warnings) lines.push(`  warning: ${w}`);
  for (const p of written) lines.push(`  wrote ${p}`);
  io.out(lines.join('\n'));
  return 0;
}

/** The parameters each detector ran with (defaults filled in), for the JSON output. */
function resolvedParams(given: Partial<Record<string, Partial<Record<string, number>>>>, detectors: readonly string[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const name of detectors) {
    const d = AVAILABLE.find((x) => x.name === name);
    if (d) out[name] = Object.fromEntries(d.params.map((p) => [p.name, given[name]?.[p.name] ?? p.default]));
  }
  return out;
}
