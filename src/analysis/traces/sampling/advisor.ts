// Sampling advisor: evaluates a set of candidate strategies and recommends the cheapest (fewest bytes
// kept) that meets the goals: error traces kept, trace p50/p99 within bounds, no service vanishing. The
// p50/p99 are those a backend estimates from the kept traces weighted by adjusted counts (sampling-report.ts).

import type { SamplingContext } from './context';
import type { SamplingReport } from './sampling-report';
import { simulateSampling, type SamplingStrategy } from './strategy';
import type { TailConfig, TailPolicy } from './tail-config';

export interface SamplingGoals {
  /** Least share of error traces kept (default 0.99). */
  minErrorTraceShare?: number;
  /** Largest relative error of the estimated trace-duration p99 (default 0.05). */
  maxP99Error?: number;
  /** Largest relative error of the estimated trace-duration p50 (default: no bound). */
  maxP50Error?: number;
  /** Every service keeps at least one span (default true). */
  keepAllServices?: boolean;
}

export interface CandidateResult {
  strategy: SamplingStrategy;
  report: SamplingReport;
  meets: boolean;
  /** The goals it misses, in words. */
  misses: string[];
}

export interface SamplingAdvice {
  goals: Required<SamplingGoals>;
  /** The cheapest candidate meeting every goal (null when none does). */
  recommended: CandidateResult | null;
  /** Every candidate, fewest bytes kept first. */
  candidates: CandidateResult[];
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** The tail policy set "every error trace, every trace over `slowMs`, and `percent` % of the rest". */
export function errorsSlowAndShare(slowMs: number, percent: number): TailConfig {
  const policies: TailPolicy[] = [
    { name: 'errors', type: 'status_code', codes: [2] },
    { name: 'slow', type: 'latency', thresholdMs: slowMs, upperThresholdMs: 0 },
    { name: 'share', type: 'probabilistic', percent, salt: 'default-hash-seed' },
  ];
  return { decisionWaitMs: 30_000, numTraces: 50_000, sampleOnFirstMatch: false, sampledCacheSize: 0, nonSampledCacheSize: 0, policies };
}

/** Head ratios, error-based ratios, adaptive targets, tail policy sets around the trace p99, and ALL. */
export function defaultCandidates(ctx: SamplingContext): SamplingStrategy[] {
  const ratios = [0.01, 0.05, 0.1, 0.25, 0.5];
  const p99Ms = Math.floor(ctx.quantiles(Float64Array.from(ctx.traces.duration, (d) => d / 1000), [0.99])[0]);
  const out: SamplingStrategy[] = [
    ...ratios.map((p): SamplingStrategy => ({ kind: 'random', p })),
    ...ratios.map((p): SamplingStrategy => ({ kind: 'errors', p })),
    { kind: 'adaptive', targetSamplesPerSecond: 1 },
    { kind: 'adaptive', targetSamplesPerSecond: 10 },
  ];
  if (Number.isFinite(p99Ms)) {
    for (const percent of [1, 5, 10, 25]) out.push({ kind: 'tail', config: errorsSlowAndShare(p99Ms, percent), label: `errors+over ${p99Ms} ms+${percent} %` });
  }
  out.push({ kind: 'all' });
  return out;
}

function misses(r: SamplingReport, g: Required<SamplingGoals>): string[] {
  const out: string[] = [];
  if (r.errorTraces.share < g.minErrorTraceShare) out.push(`keeps ${pct(r.errorTraces.share)} of error traces (goal ≥ ${pct(g.minErrorTraceShare)})`);
  const off = (name: string, e: number, goal: number): string => (Number.isFinite(e) ? `${name} estimate off by ${pct(e)} (goal ≤ ${pct(goal)})` : `no trace kept to measure the ${name}`);
  if (!(r.latency.p99.relativeError <= g.maxP99Error)) out.push(off('p99', r.latency.p99.relativeError, g.maxP99Error));
  if (!(r.latency.p50.relativeError <= g.maxP50Error)) out.push(off('p50', r.latency.p50.relativeError, g.maxP50Error));
  if (g.keepAllServices && r.vanished.services.length) out.push(`services vanish: ${r.vanished.services.join(', ')}`);
  return out;
}

/** Traces above the p99 under which a p99 judged from a sample rests on a handful of them. */
const FEW_ABOVE_P99 = 10;

/** A caveat when too few traces lie above the p99 for its estimate from a sample to mean much ('' otherwise). */
export function smallSampleCaveat(traces: number): string {
  const above = Math.floor(traces / 100);
  if (above >= FEW_ABOVE_P99) return '';
  const which = above === 0 ? 'none lies' : above === 1 ? 'only one lies' : `only ${above} lie`;
  return `With ${traces.toLocaleString('en-US')} trace${traces === 1 ? '' : 's'} recorded, ${which} above the p99, so any sample's p99 is fragile: take this as a rough guide and judge again on more traffic.`;
}

export function adviseSampling(ctx: SamplingContext, goals: SamplingGoals = {}, candidates: readonly SamplingStrategy[] = defaultCandidates(ctx)): SamplingAdvice {
  const g: Required<SamplingGoals> = { minErrorTraceShare: 0.99, maxP99Error: 0.05, maxP50Error: Infinity, keepAllServices: true, ...goals };
  const results = candidates.map((strategy): CandidateResult => {
    const report = simulateSampling(ctx, strategy);
    const m = misses(report, g);
    return { strategy, report, meets: m.length === 0, misses: m };
  });
  results.sort((a, b) => a.report.bytes.kept - b.report.bytes.kept || a.report.spans.kept - b.report.spans.kept);
  return { goals: g, recommended: results.find((r) => r.meets) ?? null, candidates: results };
}
