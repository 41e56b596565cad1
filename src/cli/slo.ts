// `faultline slo FILE... --slo SLO.yaml [--json] [--report md|csv|html -o FILE]`: evaluates OpenSLO v1
// SLOs over telemetry files: SLI, compliance, budget, burn rates per alert window, alerts, forecast.

import { readFile, writeFile } from 'node:fs/promises';
import { parseFixedDuration } from '../analysis/slo/duration';
import { importOpenSlo } from '../analysis/slo/openslo';
import { sloResults, stepProblems } from '../analysis/slo/pipeline';
import { SLO_REPORT_FORMATS, sloReport, type SloReportFormat } from '../analysis/slo/report';
import type { SloSummary } from '../analysis/slo/summary';
import { nextStep } from '../model/errors';
import type { Series } from '../model/series';
import type { TraceSet } from '../model/traces';
import { numberFlag, parseArgs, UsageError } from './args';
import { readTelemetryFile, type CliIO } from './io';

export const SLO_HELP = `Usage: faultline slo FILE... --slo SLO.yaml [--json] [--report md|csv|html -o FILE]

Evaluates every SLO of an OpenSLO v1 file (kind: SLO, SLI, inline AlertPolicy) over the telemetry files
together, on a grid of --step (default 1m), and prints per SLO: SLI over the last 5 minutes, compliance
over the SLO window, error budget remaining, burn rates per multi-window alert rule (SRE Workbook table,
scaled to the SLO window as Sloth does), alerts fired (start, end, severity), and when the budget runs out
at the last hour's burn rate and along the last 6 hours' trend.

metricSource.spec.query is a series selector: metric{label="value",label=~"regex"} (an outer sum(),
rate(x[5m]) or increase(x[5m]) is ignored: matching series are summed and their increases taken).
spec.histogram + spec.threshold select a histogram's _bucket series and a latency bound; spec.spans
({service, operation, maxDurationMs}) counts spans. No events means no SLI (never 100 %).

Options:
  --slo FILE          OpenSLO v1 YAML (required)
  --json              print {"slos":[{"name","sli","compliance","budgetRemaining","burnRates","alerts",
                      "notifications","forecast",...}]} (fractions, ISO-8601 UTC times, null when undefined)
  --report md|csv|html  write the SLO report to the file given with -o / --out
  -o, --out FILE      where --report writes
  --step D            evaluation step, e.g. 1m, 30s, 5m (default 1m)
  --min-events N      an alert window with fewer events has no burn rate and cannot fire (default 1)
  --help              show this help

Exit code: 0 when evaluated, 1 when a file or the SLO file cannot be read, 2 on a usage error.`;

function fmt(x: number | null, digits: number, scale = 1, unit = ''): string {
  return x === null ? '-' : `${(x * scale).toFixed(digits)}${unit}`;
}

function table(summaries: readonly SloSummary[]): string {
  const lines: string[] = [];
  for (const s of summaries) {
    lines.push(`${s.name}: objective ${fmt(s.objective, 3, 100, '%')} over ${s.window}, ${s.budgetingMethod}`);
    if (s.noData) lines.push(`  no data: ${s.noData}`);
    lines.push(`  SLI (5m) ${fmt(s.sli, 3, 100, '%')}  compliance ${fmt(s.compliance, 3, 100, '%')}${s.met === false ? ' (missed)' : ''}  budget remaining ${fmt(s.budgetRemaining, 1, 100, '%')}  events ${s.goodEvents}/${s.totalEvents}`);
    for (const w of s.burnRates) lines.push(`  ${w.rule.padEnd(14)} ${w.longWindow}/${w.shortWindow} burn ${fmt(w.longBurnRate, 2)}/${fmt(w.shortBurnRate, 2)} (> ${w.factor.toFixed(2)})${w.firing ? ' FIRING' : ''}`);
    for (const a of s.alerts) lines.push(`  alert ${a.severity} ${a.rule}: ${a.start} → ${a.end ?? 'still firing'}`);
    const f = s.forecast;
    const inHours = (h: number | null) => (h === null ? 'never' : `in ${h.toFixed(1)} h`);
    if (f.breachedAt && s.budgetRemaining !== null && s.budgetRemaining <= 0) lines.push(`  budget spent since ${f.breachedAt}`);
    else lines.push(`  exhaustion: ${inHours(f.exhaustionInHours)} at the last hour's burn ${fmt(f.recentBurnRate, 2)}, ${inHours(f.exhaustionByTrendInHours)} by the 6h trend${f.breachAt ? `; breach at ${f.breachAt} if nothing changes` : ''}`);
  }
  return lines.join('\n');
}

export async function runSlo(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv.map((a) => (a === '-o' ? '--out' : a)), { values: ['slo', 'report', 'out', 'step', 'min-events'], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.out(SLO_HELP);
    return 0;
  }
  const sloPath = args.values.get('slo');
  if (!sloPath) throw new UsageError('--slo SLO.yaml is required');
  if (!args.positional.length) throw new UsageError('give at least one telemetry FILE');
  const report = args.values.get('report');
  const out = args.values.get('out');
  if (report !== undefined && !(SLO_REPORT_FORMATS as readonly string[]).includes(report)) throw new UsageError(`--report must be one of ${SLO_REPORT_FORMATS.join(', ')}, got ${JSON.stringify(report)}`);
  if ((report === undefined) !== (out === undefined)) throw new UsageError('--report and -o FILE go together');
  const stepText = args.values.get('step') ?? '1m';
  const stepMs = parseFixedDuration(stepText, '--step');
  if (typeof stepMs === 'string') throw new UsageError(stepMs);
  const minEvents = numberFlag(args, 'min-events', 1, 0, false);

  let yamlText: string;
  try {
    yamlText = await readFile(sloPath, 'utf8');
  } catch (e) {
    io.err(`faultline slo: cannot read ${sloPath}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const parsed = importOpenSlo(yamlText, sloPath);
  if (!parsed.ok) {
    for (const e of parsed.errors) io.err(`faultline slo: ${e}`);
    return 1;
  }
  const series: Series[] = [];
  const traces: TraceSet[] = [];
  let failed = false;
  for (const path of args.positional) {
    const r = await readTelemetryFile(path);
    if (!r.ok) {
      io.err(`faultline slo: ${r.error.message}. ${nextStep(r.error)}`);
      failed = true;
      continue;
    }
    series.push(...r.value.series);
    if (r.value.traces) traces.push(r.value.traces);
  }
  if (failed) return 1;
  const misfit = stepProblems(parsed.slos, stepMs)[0];
  if (misfit) throw new UsageError(`--step ${stepText}: ${misfit}`);
  const summaries: SloSummary[] = sloResults(parsed.slos, { series, traces }, { stepMs, minEvents }).map((r) => r.summary);
  if (report && out) await writeFile(out, sloReport(report as SloReportFormat, args.positional.join(', '), summaries));
  io.out(args.switches.has('json') ? JSON.stringify({ slos: summaries }, null, 2) : table(summaries));
  return 0;
}
