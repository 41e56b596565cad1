// Adjusted counts: every strategy records the probability each kept trace was kept with (head ratio, 1 for
// error traces, the adaptive probability in force or 1 under the lower bound, the tail policy's), and the
// report's percentiles weighted by their inverse find the population's where the kept sample is biased.
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelQuantiles, type QuantileFn } from '../../src/analysis/traces/quantiles';
import { adaptiveDecisions } from '../../src/analysis/traces/sampling/adaptive';
import { errorsSlowAndShare } from '../../src/analysis/traces/sampling/advisor';
import { samplingContext, type SamplingContext } from '../../src/analysis/traces/sampling/context';
import { headDecisions } from '../../src/analysis/traces/sampling/head-samplers';
import { simulateSampling } from '../../src/analysis/traces/sampling/strategy';
import { combine, DECISION, evaluatorOf } from '../../src/analysis/traces/sampling/tail-policies';
import { simulateTail } from '../../src/analysis/traces/sampling/tail-simulate';
import { generateTraces } from '../../src/analysis/traces/synthetic';
import { loadKernelsNode } from '../../src/kernels/node';

let quantiles: QuantileFn;
let ctx: SamplingContext;
/** The whole-ms trace p99 of ctx: the latency policy's threshold. */
let p99Ms: number;

beforeAll(async () => {
  quantiles = kernelQuantiles(await loadKernelsNode());
  // Lognormal trace durations (median 50 ms, σ 0.6), 2 % failing traces.
  ctx = samplingContext(generateTraces({ traces: 20_000, spansPerTrace: 3, errorRate: 0.02, seed: 7 }), quantiles);
  p99Ms = Math.floor(quantiles(Float64Array.from(ctx.traces.duration, (d) => d / 1000), [0.99])[0]);
});

/** The distinct probabilities of kept traces, and that a trace has one exactly when it is kept. */
function probabilitiesOf(keep: Uint8Array, probability: Float64Array, ofTrace: (t: number) => boolean = () => true): number[] {
  const seen = new Set<number>();
  for (let t = 0; t < keep.length; t++) {
    expect(probability[t] > 0).toBe(keep[t] === 1);
    if (keep[t] && ofTrace(t)) seen.add(probability[t]);
  }
  return [...seen].sort((a, b) => a - b);
}

describe('each strategy records the probability of each kept trace', () => {
  it('head: p under random:P; under errors:P 1 for error traces and p for the rest; 1 under all', () => {
    const random = headDecisions(ctx, { kind: 'random', p: 0.1 });
    expect(probabilitiesOf(random.keep, random.probability)).toEqual([0.1]);
    const errors = headDecisions(ctx, { kind: 'errors', p: 0.1 });
    const failing = (t: number): boolean => ctx.traces.errorSpans[t] > 0;
    expect(probabilitiesOf(errors.keep, errors.probability, failing)).toEqual([1]);
    expect(probabilitiesOf(errors.keep, errors.probability, (t) => !failing(t))).toEqual([0.1]);
    const all = headDecisions(ctx, { kind: 'all' });
    expect(probabilitiesOf(all.keep, all.probability)).toEqual([1]);
  });

  it('tail "errors + slow + 10 %": 1 for error and slow traces, 0.1 for the rest', () => {
    const { keep, probability } = simulateTail(ctx, errorsSlowAndShare(p99Ms, 10));
    const keptTrace = new Uint8Array(ctx.traces.count);
    for (let r = 0; r < keep.length; r++) if (keep[r]) keptTrace[ctx.forest.traceOf[r]] = 1;
    const sure = (t: number): boolean => ctx.traces.errorSpans[t] > 0 || ctx.traces.duration[t] >= (p99Ms + 1) * 1000;
    const rest = (t: number): boolean => ctx.traces.errorSpans[t] === 0 && ctx.traces.duration[t] < p99Ms * 1000;
    expect(probabilitiesOf(keptTrace, probability, sure)).toEqual([1]);
    expect(probabilitiesOf(keptTrace, probability, rest)).toEqual([0.1]);
  });

  it('tail combination: the largest probability among the policies that sample; a drop wins; `and` multiplies', () => {
    const v = (decision: (typeof DECISION)[keyof typeof DECISION], probability = 1) => ({ decision, probability });
    expect(combine([v(DECISION.sampled, 0.1), v(DECISION.notSampled)])).toBe(0.1);
    expect(combine([v(DECISION.sampled, 0.1), v(DECISION.sampled, 0.25)])).toBe(0.25);
    expect(combine([v(DECISION.sampled, 0.1), v(DECISION.invertSampled)])).toBe(1);
    expect(combine([v(DECISION.sampled), v(DECISION.dropped)])).toBe(0);
    expect(combine([v(DECISION.notSampled)])).toBe(0);
    const and = evaluatorOf({ name: 'a', type: 'and', policies: [{ name: 'all', type: 'always_sample' }, { name: 'half', type: 'probabilistic', percent: 50, salt: 's' }] }, ctx);
    const seen = new Set<number>();
    for (let t = 0; t < 200; t++) {
      const out = and({ trace: t, rows: [], nowUs: 0, bytes: 0 });
      if (out.decision === DECISION.sampled) seen.add(out.probability);
    }
    expect([...seen]).toEqual([0.5]);
  });

  it('adaptive: the probability in force (or 1 under the lower bound); adjusted counts add up to the traffic', () => {
    const set = generateTraces({ traces: 180_000, spansPerTrace: 1, services: 1, operationsPerService: 1, tracesPerSecond: 50, errorRate: 0, seed: 3 });
    const c = samplingContext(set, quantiles);
    const { keep, probability, probabilities } = adaptiveDecisions(c, { targetSamplesPerSecond: 1 });
    const [history] = [...probabilities.values()];
    const used = probabilitiesOf(keep, probability);
    expect(used.every((p) => p === 1 || history.includes(p))).toBe(true);
    expect(used).toContain(1);
    // The last 20 minutes (the loop settled near p = 1/50): 60,000 traces, about 1,200 kept.
    const from = c.traces.start[0] + 40 * 60e6;
    let traffic = 0;
    let estimated = 0;
    for (let t = 0; t < c.traces.count; t++) {
      if (c.traces.start[t] < from) continue;
      traffic++;
      if (keep[t]) estimated += 1 / probability[t];
    }
    expect(Math.abs(estimated - traffic) / traffic).toBeLessThan(0.05);
  });
});

describe('the report estimates percentiles with adjusted counts', () => {
  it('a tail set keeping every slow trace and 10 % of the rest estimates the p99 within 3 % (the kept traces alone are off by 30 % and more)', () => {
    const r = simulateSampling(ctx, { kind: 'tail', config: errorsSlowAndShare(p99Ms, 10), label: 'slow+10' });
    expect(r.traces.share).toBeLessThan(0.15);
    const p99 = r.latency.p99;
    expect(p99.relativeError).toBeLessThan(0.03);
    expect(p99.relativeError).toBe(Math.abs(p99.estimate - p99.all) / p99.all);
    expect(p99.unweighted / p99.all - 1).toBeGreaterThan(0.3);
    expect(r.latency.p50.relativeError).toBeLessThan(0.05);
  });

  it('under all, weighted and unweighted are the truth exactly', () => {
    const all = simulateSampling(ctx, { kind: 'all' });
    expect([all.latency.p50.estimate, all.latency.p99.estimate, all.latency.p99.unweighted]).toEqual([all.latency.p50.all, all.latency.p99.all, all.latency.p99.all]);
    expect(all.operationP99Error.worst).toBe(0);
  });

  it('the advisor no longer needs to keep everything: a tail set meets the default goals at under a quarter of the bytes', () => {
    const r = simulateSampling(ctx, { kind: 'tail', config: errorsSlowAndShare(p99Ms, 10), label: 'slow+10' });
    expect(r.bytes.share).toBeLessThan(0.25);
    expect(r.errorTraces.share).toBe(1);
    expect(r.latency.p99.relativeError).toBeLessThanOrEqual(0.05);
  });
});
