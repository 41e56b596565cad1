// Tail-sampling policy evaluators over the spans of a trace received by decision time, with the collector's
// decisions (sampled, not sampled, dropped, inverted) and its rule for combining them.

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

export type Evaluator = (view: TraceView) => Decision;

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
    if (invert) return hit ? DECISION.invertNotSampled : DECISION.invertSampled;
    return hit ? DECISION.sampled : DECISION.notSampled;
  };
}

const yes = (ok: boolean): Decision => (ok ? DECISION.sampled : DECISION.notSampled);

/** An evaluator per policy (each with its own state: token buckets, composite counters). */
export function evaluatorOf(policy: TailPolicy, ctx: SamplingContext): Evaluator {
  const { set } = ctx;
  switch (policy.type) {
    case 'always_sample':
      return () => DECISION.sampled;
    case 'latency':
      // As the collector: the running span of received spans, checked after each span, whole ms.
      return (view) => {
        let lo = Infinity;
        let hi = -Infinity;
        for (const r of view.rows) {
          lo = Math.min(lo, set.start[r]);
          hi = Math.max(hi, set.start[r] + set.duration[r]);
          const ms = Math.trunc((hi - lo) / 1000);
          if (policy.upperThresholdMs === 0 ? ms >= policy.thresholdMs : policy.thresholdMs < ms && ms <= policy.upperThresholdMs) return DECISION.sampled;
        }
        return DECISION.notSampled;
      };
    case 'status_code':
      return (view) => yes(view.rows.some((r) => policy.codes.includes(set.status[r])));
    case 'probabilistic': {
      const threshold = probabilisticThreshold(policy.percent);
      return (view) => yes(keepByHash(ctx.idBytes.subarray(16 * view.trace, 16 * view.trace + 16), policy.salt, threshold));
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
      // Both need every sub-policy to sample; `and` then samples, `drop` drops.
      const subs = policy.policies.map((p) => evaluatorOf(p, ctx));
      const all = policy.type === 'and' ? DECISION.sampled : DECISION.dropped;
      return (view) => {
        for (const e of subs) {
          const d = e(view);
          if (d === DECISION.notSampled || d === DECISION.invertNotSampled) return DECISION.notSampled;
        }
        return all;
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
      const d = subs[i](view);
      if (d !== DECISION.sampled && d !== DECISION.invertSampled) continue;
      const ifSampled = used[i] + view.rows.length;
      if (ifSampled <= policy.allocatedSpansPerSecond[i] && ifSampled <= policy.maxTotalSpansPerSecond) {
        used[i] = ifSampled;
        return DECISION.sampled;
      }
      return DECISION.notSampled;
    }
    return DECISION.notSampled;
  };
}

/** The processor's final decision: a drop or an inverted not-sampled wins (no); else one sampled or inverted sampled gives yes. */
export function combine(decisions: readonly Decision[]): boolean {
  if (decisions.some((d) => d === DECISION.dropped || d === DECISION.invertNotSampled)) return false;
  return decisions.some((d) => d === DECISION.sampled || d === DECISION.invertSampled);
}

/** All top-level policies of a config as one decision function (sample_on_first_match stops at a sample). */
export function decider(policies: readonly TailPolicy[], ctx: SamplingContext, sampleOnFirstMatch: boolean): (view: TraceView) => boolean {
  const evaluators = policies.map((p) => evaluatorOf(p, ctx));
  const decisions: Decision[] = [];
  return (view) => {
    decisions.length = 0;
    for (const e of evaluators) {
      const d = e(view);
      decisions.push(d);
      if (sampleOnFirstMatch && d === DECISION.sampled) break;
    }
    return combine(decisions);
  };
}
