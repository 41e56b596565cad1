// Head samplers replayed on recorded traces, one decision per trace: ALL, NONE, RANDOM(p) by OTel's
// trace-id ratio rule, ERROR_BASED (every trace with an error span, plus RANDOM(p) of the rest).

import type { SamplingContext } from './context';
import { keepByRatio } from './trace-id';

export type HeadStrategy = { kind: 'all' } | { kind: 'none' } | { kind: 'random'; p: number } | { kind: 'errors'; p: number };

/** 1 per forest trace that the strategy keeps. */
export function headDecisions(ctx: SamplingContext, strategy: HeadStrategy): Uint8Array {
  const T = ctx.traces.count;
  const keep = new Uint8Array(T);
  if (strategy.kind === 'all') return keep.fill(1);
  if (strategy.kind === 'none') return keep;
  const r: [number, number] = [0, 0];
  for (let t = 0; t < T; t++) {
    if (strategy.kind === 'errors' && ctx.traces.errorSpans[t] > 0) {
      keep[t] = 1;
      continue;
    }
    r[0] = ctx.randomHi[t];
    r[1] = ctx.randomLo[t];
    keep[t] = keepByRatio(r, strategy.p) ? 1 : 0;
  }
  return keep;
}
