// The sampling strategies the lab and `faultline sample` compare, their text form (all, none, random:P,
// errors:P, adaptive:TPS, tail:FILE) and one entry point that runs any of them into a SamplingReport.

import { adaptiveDecisions, type AdaptiveOptions } from './adaptive';
import type { SamplingContext } from './context';
import { headDecisions, type HeadStrategy } from './head-samplers';
import { keepSpansOfTraces, samplingReport, type SamplingReport } from './sampling-report';
import type { TailConfig } from './tail-config';
import { simulateTail } from './tail-simulate';

export type SamplingStrategy =
  | HeadStrategy
  | { kind: 'adaptive'; targetSamplesPerSecond: number; options?: AdaptiveOptions }
  | { kind: 'tail'; config: TailConfig; label: string };

export function strategyLabel(s: SamplingStrategy): string {
  switch (s.kind) {
    case 'all':
    case 'none':
      return s.kind;
    case 'random':
    case 'errors':
      return `${s.kind}:${s.p}`;
    case 'adaptive':
      return `adaptive:${s.targetSamplesPerSecond}`;
    case 'tail':
      return `tail:${s.label}`;
  }
}

/** A strategy from its text form; tail:FILE comes back as the file to read; a readable error otherwise. */
export function parseStrategy(text: string): { ok: true; strategy: SamplingStrategy } | { ok: true; tailFile: string } | { ok: false; error: string } {
  const [name, ...rest] = text.split(':');
  const arg = rest.join(':');
  if ((name === 'all' || name === 'none') && !arg) return { ok: true, strategy: { kind: name } };
  if (name === 'tail') return arg ? { ok: true, tailFile: arg } : { ok: false, error: 'tail:POLICY.json needs the policy file' };
  const x = Number(arg);
  if (name === 'random' || name === 'errors') {
    if (!arg || !(x >= 0 && x <= 1)) return { ok: false, error: `${name}:P needs a probability from 0 to 1, got ${JSON.stringify(arg)}` };
    return { ok: true, strategy: { kind: name, p: x } };
  }
  if (name === 'adaptive') {
    if (!arg || !(x > 0 && Number.isFinite(x))) return { ok: false, error: `adaptive:TPS needs target traces per second per operation > 0, got ${JSON.stringify(arg)}` };
    return { ok: true, strategy: { kind: 'adaptive', targetSamplesPerSecond: x } };
  }
  return { ok: false, error: `unknown policy ${JSON.stringify(text)}: use all, none, random:P, errors:P, adaptive:TPS or tail:POLICY.json` };
}

/** Runs `strategy` over the context's traces and reports what it keeps, estimates weighted by adjusted counts. */
export function simulateSampling(ctx: SamplingContext, strategy: SamplingStrategy): SamplingReport {
  const label = strategyLabel(strategy);
  switch (strategy.kind) {
    case 'adaptive': {
      const { keep, probability } = adaptiveDecisions(ctx, { ...strategy.options, targetSamplesPerSecond: strategy.targetSamplesPerSecond });
      return samplingReport(ctx, label, keepSpansOfTraces(ctx, keep), probability);
    }
    case 'tail': {
      const { keep, probability, stats } = simulateTail(ctx, strategy.config);
      return samplingReport(ctx, label, keep, probability, stats);
    }
    default: {
      const { keep, probability } = headDecisions(ctx, strategy);
      return samplingReport(ctx, label, keepSpansOfTraces(ctx, keep), probability);
    }
  }
}
