// Head samplers replayed on recorded traces, one decision per trace: ALL, NONE, RANDOM(p) by OTel's
// trace-id ratio rule, ERROR_BASED (every trace with an error span, plus RANDOM(p) of the rest).

import type { SamplingContext, TraceDecisions } from './context';
import { keepByRatio } from './trace-id';

export type HeadStrategy = { kind: 'all' } | { kind: 'none' } | { kind: 'random'; p: number } | { kind: 'errors'; p: number };

/** Each trace kept by RANDOM(p) with probability p; under ERROR_BASED the error traces with 1. */
export function headDecisions(ctx: SamplingContext, strategy: HeadStrategy): TraceDecisions {
  const T = ctx.traces.count;
  const keep = new Uint8Array(T);
  const probability = new Float64Array(T);
  if (strategy.kind === 'all') return { keep: keep.fill(1), probability: probability.fill(1) };
  if (strategy.kind === 'none') return { keep, probability };
  const p = Math.min(1, strategy.p);
  const r: [number, number] = [0, 0];
  for (let t = 0; t < T; t++) {
    if (strategy.kind === 'errors' && ctx.traces.errorSpans[t] > 0) {
      keep[t] = 1;
      probability[t] = 1;
      continue;
    }
    r[0] = ctx.randomHi[t];
    r[1] = ctx.randomLo[t];
    if (keepByRatio(r, strategy.p)) {
      keep[t] = 1;
      probability[t] = p;
    }
  }
  return { keep, probability };
}
