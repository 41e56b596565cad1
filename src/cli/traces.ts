// `faultline traces FILE... [--json]`: per service and operation calls, errors and latency percentiles (ms),
// the service dependency graph, where failures start and what dominates the critical path.

import { analyzeTraces, type TraceAnalysis } from '../analysis/traces/analyze';
import { mergeTraceSets } from '../analysis/traces/merge';
import { kernelQuantiles } from '../analysis/traces/quantiles';
import { loadKernelsNode } from '../kernels/node';
import { nextStep } from '../model/errors';
import type { TraceSet } from '../model/traces';
import { numberFlag, parseArgs, UsageError } from './args';
import { readTelemetryFile, type CliIO } from './io';

export const TRACES_HELP = `Usage: faultline traces FILE... [--json] [--skew] [--slow-ms MS]

Reads trace files (OTLP/JSON, Jaeger JSON, Zipkin v2 JSON) as one set (a trace split over files is joined)
and prints, with durations in ms:
  services     spans, error spans, p50 and p99 of span durations
  operations   per service and span name: spans, errors, p50, p90, p99, p99.9 (exact percentiles)
  edges        caller service -> callee service (a span whose parent is in another service): calls, errors
  root causes  per failing trace the deepest error span without errored children (Jaeger's rule), counted
               by service and operation over the failing traces, most first
The table adds the operations that dominate the critical path (Jaeger UI's algorithm) and the slow traces.

Options:
  --json       print {"services":[{"name","spans","errors","p50","p99"}],"operations":[{"service","name",
               "spans","errors","p50","p90","p99","p99.9"}],"edges":[{"from","to","calls","errors"}],
               "rootCauses":[{"service","operation","traces","share"}]} (null for an undefined percentile)
  --skew       shift children into their parents first (Jaeger's clock-skew adjustment)
  --slow-ms MS a trace is slow above MS (default: above the p99 of traces with the same root operation)
  --help       show this help

Exit code: 0 when analysed, 1 when a file cannot be read or holds no spans, 2 on a usage error.`;

const ms = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The JSON the command prints (also what tests read). */
export function tracesJson(a: TraceAnalysis) {
  const bySpans = <T extends { calls: number; service: string; operation?: string }>(list: T[]): T[] =>
    [...list].sort((x, y) => y.calls - x.calls || x.service.localeCompare(y.service) || (x.operation ?? '').localeCompare(y.operation ?? ''));
  return {
    services: bySpans(a.services).map((s) => ({ name: s.service, spans: s.calls, errors: s.errors, p50: ms(s.durationMs.p50), p99: ms(s.durationMs.p99) })),
    operations: bySpans(a.operations).map((o) => ({
      service: o.service, name: o.operation ?? '', spans: o.calls, errors: o.errors,
      p50: ms(o.durationMs.p50), p90: ms(o.durationMs.p90), p99: ms(o.durationMs.p99), 'p99.9': ms(o.durationMs['p99.9']),
    })),
    edges: a.graph.edges.map((e) => ({ from: e.from, to: e.to, calls: e.calls, errors: e.errors })),
    rootCauses: a.rootCauses.byOperation.map((r) => ({ service: r.service, operation: r.operation ?? '', traces: r.traces, share: r.share })),
  };
}

/** Aligned columns: the first `left` are text (left-aligned), the rest numbers. */
export function table(head: string[], rows: string[][], left = 2): string {
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]): string => cells.map((c, k) => (k < left ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const num = (x: number | null): string => (x === null ? '-' : String(Number(x.toPrecision(4))));
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function readable(a: TraceAnalysis, j: ReturnType<typeof tracesJson>): string {
  const out: string[] = [];
  out.push(`${a.traces.count} traces, ${a.forest.spanCount} spans${a.forest.nodeCount > a.forest.spanCount ? `, ${a.forest.nodeCount - a.forest.spanCount} missing parents (orphans kept under placeholders)` : ''}${a.skew ? `, ${a.skew.adjustedCount} spans shifted for clock skew` : ''}`);
  out.push('', 'Services (ms)', table(['service', 'spans', 'errors', 'p50', 'p99'], j.services.map((s) => [s.name, String(s.spans), String(s.errors), num(s.p50), num(s.p99)]), 1));
  out.push('', 'Operations (ms)', table(['service', 'operation', 'spans', 'errors', 'p50', 'p90', 'p99', 'p99.9'], j.operations.map((o) => [o.service, o.name, String(o.spans), String(o.errors), num(o.p50), num(o.p90), num(o.p99), num(o['p99.9'])])));
  out.push('', 'Service edges', j.edges.length ? table(['from', 'to', 'calls', 'errors'], j.edges.map((e) => [e.from, e.to, String(e.calls), String(e.errors)])) : '(none: every parent is in the same service)');
  out.push('', `Root causes (${a.errors.length} failing traces)`, j.rootCauses.length ? table(['service', 'operation', 'traces', 'share'], j.rootCauses.map((r) => [r.service, r.operation, String(r.traces), pct(r.share)])) : '(no error spans)');
  const cp = a.criticalPathShares.slice(0, 10);
  out.push('', 'Critical path (top operations)', cp.length ? table(['service', 'operation', 'ms', 'share', 'traces'], cp.map((c) => [c.service, c.operation, num(c.timeMs), pct(c.share), String(c.traces)])) : '(none)');
  const slow = a.slow.byOperation.slice(0, 10);
  out.push('', `Slow traces: ${a.slow.traces.length}`, ...(slow.length ? [table(['service', 'operation', 'ms over baseline', 'traces'], slow.map((s) => [s.service, s.operation, num(s.excessMs), String(s.traces)]))] : []));
  return out.join('\n');
}

/**
 * The spans of every file as one TraceSet (a trace split over files is joined); undefined after printing
 * why when a file cannot be read or holds no spans.
 */
export async function readTraceSet(command: string, paths: readonly string[], io: CliIO): Promise<TraceSet | undefined> {
  const sets: TraceSet[] = [];
  let failed = false;
  for (const path of paths) {
    const r = await readTelemetryFile(path);
    if (!r.ok) {
      io.err(`faultline ${command}: ${r.error.message}. ${nextStep(r.error)}`);
      failed = true;
    } else if (!r.value.traces || r.value.traces.spanCount === 0) {
      io.err(`faultline ${command}: ${path} holds no spans (read as ${r.value.format}); give OTLP/JSON, Jaeger or Zipkin trace files`);
      failed = true;
    } else {
      sets.push(r.value.traces);
    }
  }
  return failed ? undefined : mergeTraceSets(sets);
}

export async function runTraces(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { values: ['slow-ms'], switches: ['json', 'skew', 'help'] });
  if (args.switches.has('help')) {
    io.out(TRACES_HELP);
    return 0;
  }
  if (!args.positional.length) throw new UsageError('give at least one trace FILE');
  const slowMs = args.values.has('slow-ms') ? numberFlag(args, 'slow-ms', 0, 0, false) : undefined;
  const set = await readTraceSet('traces', args.positional, io);
  if (!set) return 1;
  const quantiles = kernelQuantiles(await loadKernelsNode());
  const analysis = analyzeTraces(set, quantiles, { adjustClockSkew: args.switches.has('skew'), ...(slowMs === undefined ? {} : { slowThresholdMs: slowMs }) });
  const json = tracesJson(analysis);
  io.out(args.switches.has('json') ? JSON.stringify(json, null, 2) : readable(analysis, json));
  return 0;
}
