// `faultline sample FILE... --policy P [--advise] [--json]`: what a sampling strategy replayed over the
// recorded traces keeps and loses, and the advisor's cheapest strategy meeting the goals.

import { readFile } from 'node:fs/promises';
import { kernelQuantiles } from '../analysis/traces/quantiles';
import { adviseSampling, defaultCandidates, smallSampleCaveat, type CandidateResult } from '../analysis/traces/sampling/advisor';
import { samplingContext } from '../analysis/traces/sampling/context';
import type { SamplingReport } from '../analysis/traces/sampling/sampling-report';
import { parseStrategy, simulateSampling, type SamplingStrategy } from '../analysis/traces/sampling/strategy';
import { parseTailConfig } from '../analysis/traces/sampling/tail-config';
import { loadKernelsNode } from '../kernels/node';
import { numberFlag, parseArgs, UsageError } from './args';
import type { CliIO } from './io';
import { readTraceSet, table } from './traces';

export const SAMPLE_HELP = `Usage: faultline sample FILE... --policy POLICY [--json]
       faultline sample FILE... --advise [--policy POLICY] [--min-error-share X] [--max-p99-error X] [--json]

Replays a sampling strategy over the recorded traces (the files read as one set) and prints what it keeps:
traces, spans and bytes (estimated OTLP size) kept, error traces kept, trace-duration p50/p99 estimated from
the kept traces against all, the worst per-operation p99 error, and the services and operations that vanish.
Estimates weight each kept trace by its adjusted count, 1 / the probability it was kept with, as a trace
backend reads sampled data: 1/P under random:P, 1 for error traces under errors:P, the probability in force
under adaptive, and under tail the probability of the policy that kept it (1 for status_code, latency and
the other rules on what a trace holds, sampling_percentage/100 for probabilistic).

POLICY:
  all | none
  random:P        OTel's trace-id ratio rule: keep iff the 56 rightmost id bits >= (1 - P) * 2^56
  errors:P        every trace with an error span, and random:P of the rest
  adaptive:TPS    Jaeger's adaptive sampling: per root operation, TPS sampled traces a second (1-minute loop)
  tail:FILE.json  an OpenTelemetry Collector tail_sampling config as JSON (its settings, or a document with
                  processors.tail_sampling): decision_wait, num_traces, decision_cache and the policies
                  latency, status_code, probabilistic, rate_limiting, bytes_limiting, string_attribute,
                  numeric_attribute, boolean_attribute, span_count, and, drop, composite

Options:
  --policy POLICY        the strategy to replay
  --advise               evaluate the advisor's candidates (and POLICY) and recommend the one keeping the
                         fewest bytes that meets the goals
  --min-error-share X    goal: share of error traces kept, 0..1 (default 0.99)
  --max-p99-error X      goal: relative error of the trace p99, >= 0 (default 0.05)
  --max-p50-error X      goal: relative error of the trace p50 (default: none)
  --allow-vanishing      goal off: services may lose every span
  --json                 print {"reports":[{"strategy","traces":{"total","kept","share"},"spans","bytes",
                         "errorTraces","partialTraces","latency":{"p50":{"all","estimate","unweighted",
                         "relativeError"},"p99"},
                         "operationP99Error","vanished":{"services","operations"},"tail"?}],"advice"?:{"goals",
                         "recommended","caveat","candidates":[{"strategy","meets","misses"}]}} (null: nothing
                         kept; caveat: null unless too few traces lie above the p99 to judge it)
  --help                 show this help

Exit code: 0 when simulated, 1 when a file cannot be read, 2 on a usage error or a bad policy file.`;

async function strategyFrom(text: string): Promise<SamplingStrategy> {
  const parsed = parseStrategy(text);
  if (!parsed.ok) throw new UsageError(`--policy: ${parsed.error}`);
  if ('strategy' in parsed) return parsed.strategy;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(parsed.tailFile, 'utf8'));
  } catch (e) {
    throw new UsageError(`--policy tail:${parsed.tailFile}: cannot read it as JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const config = parseTailConfig(json);
  if (!config.ok) throw new UsageError(`--policy tail:${parsed.tailFile}: ${config.errors.join('; ')}`);
  return { kind: 'tail', config: config.config, label: parsed.tailFile };
}

const size = (b: number): string => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`);
const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '-');
const ms = (x: number): string => (Number.isNaN(x) ? '-' : `${x.toFixed(3)} ms`);

function rows(reports: readonly SamplingReport[], verdicts?: readonly CandidateResult[]): string {
  const head = ['strategy', 'traces', 'spans', 'bytes', 'error traces', 'p50 error', 'p99 error', 'vanished', ...(verdicts ? ['meets goals'] : [])];
  const misses = verdicts ? verdicts.filter((v) => !v.meets).map((v) => `  ${v.report.strategy} misses: ${v.misses.join('; ')}`) : [];
  const body = reports.map((r, i) => [
    r.strategy, pct(r.traces.share), pct(r.spans.share), `${size(r.bytes.kept)} (${pct(r.bytes.share)})`, pct(r.errorTraces.share),
    pct(r.latency.p50.relativeError), pct(r.latency.p99.relativeError), `${r.vanished.services.length} svc, ${r.vanished.operations.length} ops`,
    ...(verdicts ? [verdicts[i].meets ? 'yes' : 'no'] : []),
  ]);
  const note = 'p50/p99 error: estimated from the kept traces weighted by their adjusted counts, against all traces';
  return [table(head, body, 1), '', note, ...(misses.length ? ['', ...misses] : [])].join('\n');
}

function details(r: SamplingReport): string[] {
  const out = [`${r.strategy}: kept ${r.traces.kept}/${r.traces.total} traces, ${r.spans.kept}/${r.spans.total} spans, ${r.errorTraces.kept}/${r.errorTraces.total} error traces; trace p99 estimated ${ms(r.latency.p99.estimate)} (the kept traces unweighted: ${ms(r.latency.p99.unweighted)}) against ${ms(r.latency.p99.all)}`];
  if (r.vanished.services.length) out.push(`  services that vanish: ${r.vanished.services.join(', ')}`);
  if (r.vanished.operations.length) out.push(`  operations that vanish: ${r.vanished.operations.slice(0, 10).join(', ')}${r.vanished.operations.length > 10 ? ', …' : ''}`);
  if (r.tail) out.push(`  tail: ${r.tail.lateSpans} late spans (${r.tail.lateInherited} took the decision, ${r.tail.lateRedecided} decided again), ${r.tail.decidedIncomplete} traces decided incomplete, ${r.tail.droppedTooEarly} dropped too early (${r.tail.lostSpans} spans)`);
  return out;
}

export async function runSample(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { values: ['policy', 'min-error-share', 'max-p99-error', 'max-p50-error'], switches: ['json', 'advise', 'allow-vanishing', 'help'] });
  if (args.switches.has('help')) {
    io.out(SAMPLE_HELP);
    return 0;
  }
  if (!args.positional.length) throw new UsageError('give at least one trace FILE');
  const policy = args.values.get('policy');
  const advise = args.switches.has('advise');
  if (!policy && !advise) throw new UsageError('give --policy POLICY or --advise');
  const strategy = policy ? await strategyFrom(policy) : undefined;
  const minShare = numberFlag(args, 'min-error-share', 0.99, 0, false);
  if (minShare > 1) throw new UsageError(`--min-error-share must be from 0 to 1, got ${minShare}`);
  const goals = {
    minErrorTraceShare: minShare,
    maxP99Error: numberFlag(args, 'max-p99-error', 0.05, 0, false),
    maxP50Error: numberFlag(args, 'max-p50-error', Infinity, 0, false),
    keepAllServices: !args.switches.has('allow-vanishing'),
  };
  const set = await readTraceSet('sample', args.positional, io);
  if (!set) return 1;
  const ctx = samplingContext(set, kernelQuantiles(await loadKernelsNode()));
  if (!advise && strategy) {
    const report = simulateSampling(ctx, strategy);
    io.out(args.switches.has('json') ? JSON.stringify({ reports: [report] }, null, 2) : [rows([report]), '', ...details(report)].join('\n'));
    return 0;
  }
  const advice = adviseSampling(ctx, goals, [...(strategy ? [strategy] : []), ...defaultCandidates(ctx)]);
  const reports = advice.candidates.map((c) => c.report);
  const caveat = smallSampleCaveat(ctx.traces.count) || null;
  if (args.switches.has('json')) {
    const candidates = advice.candidates.map((c) => ({ strategy: c.report.strategy, meets: c.meets, misses: c.misses }));
    io.out(JSON.stringify({ reports, advice: { goals: advice.goals, recommended: advice.recommended?.report.strategy ?? null, caveat, candidates } }, null, 2));
    return 0;
  }
  const g = advice.goals;
  const goalText = `error traces kept >= ${pct(g.minErrorTraceShare)}, p99 error <= ${pct(g.maxP99Error)}${Number.isFinite(g.maxP50Error) ? `, p50 error <= ${pct(g.maxP50Error)}` : ''}${g.keepAllServices ? ', no service vanishing' : ''}`;
  const rec = advice.recommended;
  io.out([`Goals: ${goalText}`, '', rows(reports, advice.candidates), '', rec ? `Recommended: ${rec.report.strategy} (the fewest bytes among those meeting the goals)` : 'Recommended: none of the candidates meets the goals', ...(rec ? details(rec.report) : []), ...(caveat ? ['', caveat] : [])].join('\n'));
  return 0;
}
