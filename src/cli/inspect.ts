// `faultline inspect FILE... [--json]`: what each file holds (format, series, points, time range,
// warnings, errors); exit 0 when every file parsed, 1 otherwise.

import { nextStep } from '../model/errors';
import { summarizeTraces } from '../model/traces';
import { parseArgs } from './args';
import { isoTime, readTelemetryFile, type CliIO } from './io';

export const INSPECT_HELP = `Usage: faultline inspect FILE... [--json]

Reads each telemetry file (format sniffed from its content) and prints its format, number of series,
number of points, first and last timestamp (ISO-8601, UTC), warnings and errors.

Options:
  --json     print {"files":[{"file","format","compression","timeEncoding","series","points","traces",
             "spans","services","errorSpans","start","end","warnings","errors"}]}: "compression" is "gzip"
             for a gzip-compressed file (else null), "errorSpans" counts spans with error status,
             "errors" lists why the file could not be read
  --help     show this help

Exit code: 0 when every file parsed, 1 when any did not, 2 on a usage error.`;

export interface FileReport {
  file: string;
  format: string | null;
  /** "gzip" when the file was gzip-compressed (format names the content inside), else null. */
  compression: string | null;
  timeEncoding: string | null;
  series: number;
  points: number;
  /** Traces with spans, spans, distinct services and spans with error status (0 for metric files). */
  traces: number;
  spans: number;
  services: number;
  errorSpans: number;
  start: string | null;
  end: string | null;
  warnings: string[];
  errors: string[];
}

const NO_TRACES = { traces: 0, spans: 0, services: 0, errorSpans: 0 };

export async function inspectFile(path: string): Promise<FileReport> {
  const parsed = await readTelemetryFile(path);
  if (!parsed.ok) {
    const e = parsed.error;
    return { file: path, format: null, compression: null, timeEncoding: null, series: 0, points: 0, ...NO_TRACES, start: null, end: null, warnings: [], errors: [`${e.message}. ${nextStep(e)}`] };
  }
  const { format, compression, timeEncoding, series, warnings, traces } = parsed.value;
  let start = Infinity;
  let end = -Infinity;
  let points = 0;
  for (const s of series) {
    points += s.t.length;
    if (s.t.length > 0) {
      start = Math.min(start, s.t[0]);
      end = Math.max(end, s.t[s.t.length - 1]);
    }
  }
  const t = traces ? summarizeTraces(traces) : undefined;
  // Span times are µs; the file's range is in ms like series times.
  if (t && Number.isFinite(t.startMicros)) {
    start = Math.min(start, t.startMicros / 1000);
    end = Math.max(end, t.endMicros / 1000);
  }
  const counts = t ? { traces: t.traceCount, spans: t.spanCount, services: t.services.length, errorSpans: t.errorSpanCount } : NO_TRACES;
  return { file: path, format, compression: compression ?? null, timeEncoding: timeEncoding ?? null, series: series.length, points, ...counts, start: isoTime(start), end: isoTime(end), warnings, errors: [] };
}

function table(reports: FileReport[]): string {
  const head = ['file', 'format', 'series', 'points', 'start', 'end'];
  const rows = reports.map((r) => [r.file, r.format ? r.format + (r.compression ? ` (${r.compression})` : '') : 'error', String(r.series), String(r.points), r.start ?? '-', r.end ?? '-']);
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padEnd(widths[k])).join('  ').trimEnd();
  const lines = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  for (const r of reports) {
    if (r.timeEncoding) lines.push(`${r.file}: time encoding ${r.timeEncoding}`);
    if (r.spans) lines.push(`${r.file}: ${r.traces} traces, ${r.spans} spans, ${r.services} services, ${r.errorSpans} error spans`);
    for (const w of r.warnings) lines.push(`${r.file}: warning: ${w}`);
  }
  return lines.join('\n');
}

export async function runInspect(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { values: [], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.out(INSPECT_HELP);
    return 0;
  }
  if (args.positional.length === 0) {
    io.err('faultline inspect: no FILE given (see faultline inspect --help)');
    return 2;
  }
  const reports: FileReport[] = [];
  for (const path of args.positional) reports.push(await inspectFile(path));
  if (args.switches.has('json')) io.out(JSON.stringify({ files: reports }, null, 2));
  else io.out(table(reports));
  const failed = reports.filter((r) => r.errors.length > 0);
  if (!args.switches.has('json')) for (const r of failed) for (const e of r.errors) io.err(`error: ${e}`);
  return failed.length === 0 ? 0 : 1;
}
