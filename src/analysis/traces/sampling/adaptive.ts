// Jaeger's adaptive sampling replayed over recorded traces: per (service, root operation) a probability
// recomputed every interval from the sampled root-span rate (i^4-weighted buckets, 0.3 tolerance, increases
// capped at 50 %), applied by trace id with the SDK's guaranteed lower-bound rate limiter.

import type { SamplingContext, TraceDecisions } from './context';
import { tracesByStart } from './context';
import { keepByRatio } from './trace-id';

export interface AdaptiveOptions {
  /** Target sampled traces per second per operation (Jaeger's target_samples_per_second, default 1). */
  targetSamplesPerSecond?: number;
  deltaTolerance?: number;
  calculationIntervalMs?: number;
  aggregationBuckets?: number;
  initialSamplingProbability?: number;
  minSamplingProbability?: number;
  /** Lower bound per operation, traces/s (default 1/60: one a minute). */
  minSamplesPerSecond?: number;
}

export const ADAPTIVE_DEFAULTS: Required<AdaptiveOptions> = {
  targetSamplesPerSecond: 1,
  deltaTolerance: 0.3,
  calculationIntervalMs: 60_000,
  aggregationBuckets: 10,
  initialSamplingProbability: 0.001,
  minSamplingProbability: 1e-5,
  minSamplesPerSecond: 1 / 60,
};

/** PercentageIncreaseCappedCalculator: p·target/qps, an increase capped at +50 % of p. */
export function nextProbability(p: number, qps: number, o: Required<AdaptiveOptions>): number {
  const target = o.targetSamplesPerSecond;
  if (Math.abs(qps - target) / target < o.deltaTolerance) return p;
  let next: number;
  if (qps === 0) next = p * 2;
  else {
    const factor = target / qps;
    next = p * factor;
    if (factor > 1 && (next - p) / p > 0.5) next = p * 1.5;
  }
  return Math.min(1, Math.max(o.minSamplingProbability, next));
}

/** Weighted QPS of buckets (most recent first) with weights (n − i)^4, normalised. */
export function weightedQps(buckets: readonly number[]): number {
  let sum = 0;
  let norm = 0;
  for (let i = 0; i < buckets.length; i++) {
    const w = (buckets.length - i) ** 4;
    sum += w * buckets[i];
    norm += w;
  }
  return norm ? sum / norm : 0;
}

/** Per operation: its probability, sampled count of the current interval, history and lower-bound limiter. */
interface OperationState {
  p: number;
  sampled: number;
  /** Sampled QPS of the last intervals, most recent first. */
  qps: number[];
  credits: number;
  lastUs: number;
}

/**
 * Each kept trace's probability is the effective one in force when it was decided: its operation's
 * probability, or 1 when the lower-bound limiter had a credit (it would have been kept whatever its id).
 */
export interface AdaptiveResult extends TraceDecisions {
  /** Per root operation ("service operation"): its probability after each interval (first entry: initial). */
  probabilities: Map<string, number[]>;
}

/**
 * Replays the control loop in trace start order: intervals start at the first trace; at each interval end
 * every known operation's sampled QPS joins its buckets and its probability is recomputed. A trace is kept
 * when its id passes the probability (OTel's ratio rule) or the lower-bound limiter has a credit.
 * Jaeger's calculation_delay (waiting for spans in flight) has nothing to wait for here and is not applied.
 */
export function adaptiveDecisions(ctx: SamplingContext, options: AdaptiveOptions = {}): AdaptiveResult {
  const o = { ...ADAPTIVE_DEFAULTS, ...options };
  const { set, traces } = ctx;
  const keep = new Uint8Array(traces.count);
  const probability = new Float64Array(traces.count);
  const states = new Map<number, OperationState>();
  const probabilities = new Map<string, number[]>();
  const intervalUs = o.calculationIntervalMs * 1000;
  const intervalS = o.calculationIntervalMs / 1000;
  const order = tracesByStart(ctx);
  let intervalEnd = NaN;
  const r: [number, number] = [0, 0];

  const closeInterval = (): void => {
    for (const [key, s] of states) {
      s.qps.unshift(s.sampled / intervalS);
      if (s.qps.length > o.aggregationBuckets) s.qps.pop();
      s.sampled = 0;
      s.p = nextProbability(s.p, weightedQps(s.qps), o);
      probabilities.get(labelOf(key))?.push(s.p);
    }
  };
  const labelOf = (key: number): string => {
    const sv = Math.floor(key / set.operations.length);
    return `${set.services[sv]} ${set.operations[key - sv * set.operations.length]}`;
  };

  for (const t of order) {
    const now = traces.start[t];
    const root = traces.rootSpan[t] >= 0 ? traces.rootSpan[t] : ctx.forest.order[ctx.forest.orderOffsets[t]];
    if (!Number.isFinite(now) || root >= set.spanCount) continue;
    if (intervalEnd !== intervalEnd) intervalEnd = now + intervalUs;
    // After 64 empty intervals every probability is 1 and the buckets are zeros: more change nothing.
    for (let k = 0; now >= intervalEnd && k < 64; k++, intervalEnd += intervalUs) closeInterval();
    if (now >= intervalEnd) intervalEnd += Math.ceil((now - intervalEnd + 1) / intervalUs) * intervalUs;
    const key = set.serviceIdx[root] * set.operations.length + set.operationIdx[root];
    let s = states.get(key);
    if (!s) {
      s = { p: o.initialSamplingProbability, sampled: 0, qps: [], credits: Math.max(1, o.minSamplesPerSecond), lastUs: now };
      states.set(key, s);
      probabilities.set(labelOf(key), [s.p]);
    }
    // Lower-bound limiter (credits accrue at minSamplesPerSecond, at most max(1, rate) held).
    s.credits = Math.min(Math.max(1, o.minSamplesPerSecond), s.credits + ((now - s.lastUs) / 1e6) * o.minSamplesPerSecond);
    s.lastUs = now;
    r[0] = ctx.randomHi[t];
    r[1] = ctx.randomLo[t];
    // As the SDK's GuaranteedThroughputProbabilisticSampler: the limiter is asked (and spends) either way.
    const byLowerBound = s.credits >= 1;
    if (byLowerBound) s.credits -= 1;
    if (keepByRatio(r, s.p) || byLowerBound) {
      keep[t] = 1;
      probability[t] = byLowerBound ? 1 : s.p;
      s.sampled++;
    }
  }
  return { keep, probability, probabilities };
}
