// Tail-sampling policy evaluators over the spans of a trace received by decision time, with the collector's
// decisions (sampled, not sampled, dropped, inverted), its rule for combining them, and the probability a
// kept trace was kept with (its adjusted count is the inverse).

import type { TraceSet } from '../../../model/traces';
import type { SamplingContext } from './context';
import type { TailPolicy } from './tail-config';
import { TokenBucket } from './token-bucket';
import { keepByHash, probabilisticThreshold } from './trace-id';

export const DECISION = { notSampled: 0, sampled: 1, dropped: 2, invertSampled: 3, invertNotSampled: 4 } as const;
export type Decision = (typeof DECISION)[keyof typeof DECISION];

/** A trace as the processor holds it at decision time. */
export interface TraceView {
  /** Forest trace. */
  trace: number;
  /** Span rows received by now, in arrival order. */
  rows: readonly number[];
  /** Decision time, µs. */
  nowUs: number;
  /** Estimated bytes of those spans. */
  bytes: number;
}

/**
 * A policy's decision on a trace and, when it samples, the probability it samples such a trace with: the
 * chance over the trace id's randomness alone, everything else (spans, attributes, token buckets) given.
 * So 1 for rules on what the trace holds and for rate limiters, percent/100 for `probabilistic`.
 */
export interface Verdict {
  decision: Decision;
  probability: number;
}

export type Evaluator = (view: TraceView) => Verdict;

const verdict = (decision: Decision, probability = 1): Verdict => Object.freeze({ decision, probability });
const SAMPLED = verdict(DECISION.sampled);
const NOT_SAMPLED = verdict(DECISION.notSampled);
const DROPPED = verdict(DECISION.dropped);
const INVERT_SAMPLED = verdict(DECISION.invertSampled);
const INVERT_NOT_SAMPLED = verdict(DECISION.invertNotSampled);
const isSample = (d: Decision): boolean => d === DECISION.sampled || d === DECISION.invertSampled;

/** The value of attribute `key` on span r (the span's service answers "service.name", as its resource). */
function attribute(set: TraceSet, r: number, key: string): string | undefined {
  if (key === 'service.name') return set.services[set.serviceIdx[r]];
  const d = set.details;
  for (let a = d.attrOffsets[r]; a < d.attrOffsets[r + 1]; a++) if (d.strings[d.attrKey[a]] === key) return d.strings[d.attrValue[a]];
  return undefined;
}

/** A span-condition policy: sampled when any span matches; with invert, invert-not-sampled when any does. */
function anySpan(set: TraceSet, key: string, invert: boolean, match: (value: string) => boolean): Evaluator {
  return (view) => {
    let hit = false;
    for (const r of view.rows) {
      const v = attribute(set, r, key);
      if (v !== undefined && match(v)) {
        hit = true;
        break;
      }
    }
    if (invert) return hit ? INVERT_NOT_SAMPLED : INVERT_SAMPLED;
    return hit ? SAMPLED : NOT_SAMPLED;
  };
}

const yes = (ok: boolean): Verdict => (ok ? SAMPLED : NOT_SAMPLED);

/** An evaluator per policy (each with its own state: token buckets, composite counters). */
export function evaluatorOf(policy: TailPolicy, ctx: SamplingContext): Evaluator {
  const { set } = ctx;
  switch (policy.type) {
    case 'always_sample':
      return () => SAMPLED;
    case 'latency':
      // As the collector: the running span of received spans, checked after each span, whole ms.
      return (view) => {
        let lo = Infinity;
        let hi = -Infinity;
        for (const r of view.rows) {
          lo = Math.min(lo, set.start[r]);
          hi = Math.max(hi, set.start[r] + set.duration[r]);
          const ms = Math.trunc((hi - lo) / 1000);
          if (policy.upperThresholdMs === 0 ? ms >= policy.thresholdMs : policy.thresholdMs < ms && ms <= policy.upperThresholdMs) return SAMPLED;
        }
        return NOT_SAMPLED;
      };
    case 'status_code':
      return (view) => yes(view.rows.some((r) => policy.codes.includes(set.status[r])));
    case 'probabilistic': {
      const threshold = probabilisticThreshold(policy.percent);
      const sampled = verdict(DECISION.sampled, Math.min(1, policy.percent / 100));
      return (view) => (keepByHash(ctx.idBytes.subarray(16 * view.trace, 16 * view.trace + 16), policy.salt, threshold) ? sampled : NOT_SAMPLED);
    }
    case 'rate_limiting': {
      const bucket = new TokenBucket(policy.spansPerSecond, 2 * policy.spansPerSecond);
      return (view) => yes(bucket.allow(view.nowUs, view.rows.length));
    }
    case 'bytes_limiting': {
      const bucket = new TokenBucket(policy.bytesPerSecond, policy.burst);
      return (view) => yes(bucket.allow(view.nowUs, view.bytes));
    }
    case 'string_attribute': {
      const values = new Set(policy.values.filter((v) => v !== ''));
      const regex = policy.regex;
      const match = regex ? (v: string) => regex.some((re) => re.test(v)) : (v: string) => values.has(v);
      return anySpan(set, policy.key, policy.invert, (v) => v !== '' && match(v));
    }
    case 'numeric_attribute':
      return anySpan(set, policy.key, policy.invert, (v) => {
        const x = Math.trunc(Number(v));
        return v.trim() !== '' && x >= policy.min && x <= policy.max;
      });
    case 'boolean_attribute':
      return anySpan(set, policy.key, policy.invert, (v) => (v === 'true') === policy.value && (v === 'true' || v === 'false'));
    case 'span_count':
      return (view) => {
        const n = view.rows.length;
        return yes(policy.max === 0 ? n >= policy.min : n >= policy.min && n <= policy.max);
      };
    case 'and':
    case 'drop': {
      // Both need every sub-policy to sample; `and` then samples (with the product of their probabilities,
      // taken as independent), `drop` drops.
      const subs = policy.policies.map((p) => evaluatorOf(p, ctx));
      return (view) => {
        let probability = 1;
        for (const e of subs) {
          const v = e(view);
          if (v.decision === DECISION.notSampled || v.decision === DECISION.invertNotSampled) return NOT_SAMPLED;
          probability *= v.probability;
        }
        if (policy.type === 'drop') return DROPPED;
        return probability === 1 ? SAMPLED : { decision: DECISION.sampled, probability };
      };
    }
    case 'composite':
      return compositeEvaluator(policy, ctx);
  }
}

/**
 * The collector's composite: sub-policies in order; the first that samples decides, within its spans-per-
 * second allocation (and the total) for the current second, else the trace is not sampled.
 */
function compositeEvaluator(policy: Extract<TailPolicy, { type: 'composite' }>, ctx: SamplingContext): Evaluator {
  const subs = policy.policies.map((p) => evaluatorOf(p, ctx));
  const used = new Float64Array(subs.length);
  let second = NaN;
  return (view) => {
    const now = Math.floor(view.nowUs / 1e6);
    if (now !== second) {
      second = now;
      used.fill(0);
    }
    for (let i = 0; i < subs.length; i++) {
      const v = subs[i](view);
      if (!isSample(v.decision)) continue;
      const ifSampled = used[i] + view.rows.length;
      if (ifSampled <= policy.allocatedSpansPerSecond[i] && ifSampled <= policy.maxTotalSpansPerSecond) {
        used[i] = ifSampled;
        return v.decision === DECISION.sampled ? v : SAMPLED;
      }
      return NOT_SAMPLED;
    }
    return NOT_SAMPLED;
  };
}

/**
 * The processor's final decision: a drop or an inverted not-sampled wins (no); else one sampled or inverted
 * sampled gives yes. Returns 0 for no, else the probability the trace was kept with: the largest among the
 * policies that sampled it (exact when one policy samples by chance, or several by the same salt, whose
 * thresholds nest; with independent salts the trace had better odds than that and is weighted a little high).
 */
export function combine(verdicts: readonly Verdict[]): number {
  if (verdicts.some((v) => v.decision === DECISION.dropped || v.decision === DECISION.invertNotSampled)) return 0;
  let probability = 0;
  for (const v of verdicts) if (isSample(v.decision)) probability = Math.max(probability, v.probability);
  return probability;
}

/**
 * All top-level policies of a config as one decision function (sample_on_first_match stops at a sample):
 * 0 when the trace is not sampled, else the probability it was sampled with (see combine). When a
 * probabilistic policy stops the evaluation that way, the rules after it are not asked (as in the collector),
 * so a trace one of them would have kept for certain is weighted as if kept by chance.
 */
export function decider(policies: readonly TailPolicy[], ctx: SamplingContext, sampleOnFirstMatch: boolean): (view: TraceView) => number {
  const evaluators = policies.map((p) => evaluatorOf(p, ctx));
  const verdicts: Verdict[] = [];
  return (view) => {
    verdicts.length = 0;
    for (const e of evaluators) {
      const v = e(view);
      verdicts.push(v);
      if (sampleOnFirstMatch && v.decision === DECISION.sampled) break;
    }
    return combine(verdicts);
  };
}
