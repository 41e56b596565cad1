// The sampling lab's entry points: policies given as text (all, none, random:P, errors:P, adaptive:TPS)
// or as a tail_sampling JSON text, each run or refused with a readable message; the advisor with its reason.

import { adviseSampling, defaultCandidates, smallSampleCaveat } from './sampling/advisor';
import type { SamplingContext } from './sampling/context';
import type { SamplingReport } from './sampling/sampling-report';
import { parseStrategy, simulateSampling, strategyLabel, type SamplingStrategy } from './sampling/strategy';
import { parseTailConfig } from './sampling/tail-config';

/** A tail-sampling policy set as the Collector's JSON (text), with the label it is shown under. */
export interface TailPolicySpec {
  kind: 'tail';
  label: string;
  json: string;
}

/** all, none, random:P, errors:P, adaptive:TPS, or a tail-sampling config. */
export type PolicySpec = string | TailPolicySpec;

export type PolicyOutcome =
  | { ok: true; policy: string; report: SamplingReport }
  | { ok: false; policy: string; error: string };

export interface SamplingGoalsInput {
  /** Least share of error traces kept, 0..1. */
  minErrorTraceShare: number;
  /** Largest relative error of the trace p99. */
  maxP99Error: number;
  /** Largest relative error of the trace p50 (Infinity: no bound). */
  maxP50Error: number;
  /** Every service keeps at least one span. */
  keepAllServices: boolean;
}

export interface CandidateRow {
  report: SamplingReport;
  meets: boolean;
  /** The goals it misses, in words. */
  misses: string[];
}

export interface SamplingAdviceResult {
  goals: SamplingGoalsInput;
  /** The cheapest candidate meeting every goal (null when none does). */
  recommended: CandidateRow | null;
  /** Why it was chosen (or why nothing was), in words. */
  reason: string;
  /** Every candidate, fewest bytes kept first. */
  candidates: CandidateRow[];
  /** Extra policies that could not be read. */
  invalid: { policy: string; error: string }[];
}

const specLabel = (spec: PolicySpec): string => (typeof spec === 'string' ? spec : `tail:${spec.label}`);

/** The strategy a spec names, or why it cannot be read. */
export function readPolicy(spec: PolicySpec): { ok: true; strategy: SamplingStrategy } | { ok: false; error: string } {
  if (typeof spec === 'string') {
    const parsed = parseStrategy(spec.trim());
    if (!parsed.ok) return parsed;
    if ('tailFile' in parsed) return { ok: false, error: 'a tail-sampling policy is given as JSON, not as a file name' };
    return parsed;
  }
  let json: unknown;
  try {
    json = JSON.parse(spec.json);
  } catch (e) {
    return { ok: false, error: `the tail-sampling policy is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const config = parseTailConfig(json);
  if (!config.ok) return { ok: false, error: config.errors.join('; ') };
  return { ok: true, strategy: { kind: 'tail', config: config.config, label: spec.label || 'policy' } };
}

/** Every policy run over the context, in the order given; unreadable ones as error values. */
export function runPolicies(ctx: SamplingContext, specs: readonly PolicySpec[]): PolicyOutcome[] {
  return specs.map((spec) => {
    const read = readPolicy(spec);
    if (!read.ok) return { ok: false, policy: specLabel(spec), error: read.error };
    return { ok: true, policy: specLabel(spec), report: simulateSampling(ctx, read.strategy) };
  });
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const kb = (b: number): string => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`);

/** The advisor over its default candidates plus `extra`, with the reason for its choice in words. */
export function adviseWithReason(ctx: SamplingContext, goals: SamplingGoalsInput, extra: readonly PolicySpec[] = []): SamplingAdviceResult {
  const invalid: { policy: string; error: string }[] = [];
  const strategies: SamplingStrategy[] = [];
  for (const spec of extra) {
    const read = readPolicy(spec);
    if (read.ok) strategies.push(read.strategy);
    else invalid.push({ policy: specLabel(spec), error: read.error });
  }
  // A policy given that is also a default candidate is evaluated once.
  const given = new Set(strategies.map(strategyLabel));
  const advice = adviseSampling(ctx, goals, [...strategies, ...defaultCandidates(ctx).filter((c) => !given.has(strategyLabel(c)))]);
  const candidates = advice.candidates.map((c) => ({ report: c.report, meets: c.meets, misses: c.misses }));
  const rec = advice.recommended;
  const meeting = candidates.filter((c) => c.meets).length;
  let reason: string;
  if (rec) {
    const r = rec.report;
    const which = meeting === 1 ? `is the only one of the ${candidates.length} candidates meeting the goals (${kb(r.bytes.kept)}, ${pct(r.bytes.share)} of all bytes)` : `keeps the fewest bytes (${kb(r.bytes.kept)}, ${pct(r.bytes.share)} of all) of the ${meeting} of ${candidates.length} candidates meeting the goals`;
    reason =
      `${r.strategy} ${which}: ` +
      `${pct(r.errorTraces.share)} of error traces kept, trace p99 estimated within ${pct(r.latency.p99.relativeError)}` +
      `${Number.isFinite(goals.maxP50Error) ? `, p50 within ${pct(r.latency.p50.relativeError)}` : ''}${goals.keepAllServices ? ', every service kept' : ''}.`;
  } else {
    const closest = candidates.reduce<CandidateRow | null>((best, c) => (!best || c.misses.length < best.misses.length ? c : best), null);
    reason = `None of the ${candidates.length} candidates meets the goals${closest ? `; the closest, ${closest.report.strategy}, ${closest.misses.join('; ')}` : ''}. Loosen a goal.`;
  }
  const caveat = smallSampleCaveat(ctx.traces.count);
  if (caveat) reason += ` ${caveat}`;
  return { goals: { ...advice.goals }, recommended: rec ? { report: rec.report, meets: true, misses: [] } : null, reason, candidates, invalid };
}
