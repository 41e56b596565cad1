// Trace sets made without a file: from short span specs (hand-built cases, through the model's builder) and
// a seeded generator of many random trees written straight into columns (sampling lab, benchmarks).

import { TraceSetBuilder } from '../../model/trace-builder';
import { emptyTraceSet, REF_TYPE, SPAN_KIND, SPAN_STATUS, type SpanKindName, type TraceSet } from '../../model/traces';

/** One span of a hand-built trace; times in µs. */
export interface SpanSpec {
  id: string;
  /** Parent span id (CHILD_OF); absent for a root. */
  parent?: string;
  /** FOLLOWS_FROM reference (span id in the same trace). */
  follows?: string;
  trace?: string;
  service?: string;
  op?: string;
  start: number;
  dur: number;
  error?: boolean;
  kind?: SpanKindName;
  attributes?: [string, string][];
}

/** A TraceSet of `specs` through the model's builder (ids kept as written; trace "t1" by default). */
export function traceSetOf(specs: readonly SpanSpec[]): TraceSet {
  const b = new TraceSetBuilder();
  for (const s of specs) {
    const trace = s.trace ?? 't1';
    b.addSpan({
      traceId: trace,
      spanId: s.id,
      parentSpanId: s.parent,
      service: s.service ?? 'svc',
      operation: s.op ?? s.id,
      start: s.start,
      duration: s.dur,
      status: s.error ? SPAN_STATUS.error : SPAN_STATUS.unset,
      kind: SPAN_KIND[s.kind ?? 'internal'],
      attributes: s.attributes,
      refs: s.follows ? [{ type: REF_TYPE.followsFrom, traceId: trace, spanId: s.follows }] : undefined,
    });
  }
  return b.finish().set;
}

export interface GenerateOptions {
  traces: number;
  seed?: number;
  /** Spans per trace: uniform in [1, 2·mean − 1] (default mean 10). */
  spansPerTrace?: number;
  services?: number;
  operationsPerService?: number;
  /** Chance that a trace fails: a random span errs and the error climbs each level with chance 0.7. */
  errorRate?: number;
  /** Trace arrivals per second, evenly spaced with jitter (default 100), from `startMicros`. */
  tracesPerSecond?: number;
  startMicros?: number;
  /** Median root duration, ms (lognormal, σ 0.6; default 50). */
  medianMs?: number;
}

/** Marsaglia's xorshift32 (seed mixed by the golden ratio, never 0): floats in [0, 1). */
function xorshift32(seed: number): () => number {
  let x = Math.imul(seed | 0, 0x9e3779b9) || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const hex8 = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');

/**
 * A deterministic set of random span trees: each span's parent is a random earlier span of its trace, a
 * child starts inside its parent and ends before it; roots carry a `customer.tier` attribute.
 */
export function generateTraces(opts: GenerateOptions): TraceSet {
  const rnd = xorshift32(opts.seed ?? 1);
  const T = opts.traces;
  const mean = opts.spansPerTrace ?? 10;
  const S = opts.services ?? 8;
  const O = opts.operationsPerService ?? 4;
  const errorRate = opts.errorRate ?? 0.02;
  const gapUs = 1e6 / (opts.tracesPerSecond ?? 100);
  const t0 = opts.startMicros ?? Date.UTC(2026, 0, 1) * 1000;
  const median = (opts.medianMs ?? 50) * 1000;
  const sizes = Uint32Array.from({ length: T }, () => Math.max(1, Math.floor(1 + rnd() * (2 * mean - 1))));
  const n = sizes.reduce((a, b) => a + b, 0);
  const set = emptyTraceSet();
  set.traceIds = Array.from({ length: T }, () => hex8(rnd() * 2 ** 32) + hex8(rnd() * 2 ** 32) + hex8(rnd() * 2 ** 32) + hex8(rnd() * 2 ** 32));
  set.services = Array.from({ length: S }, (_, s) => `service-${s}`);
  set.operations = Array.from({ length: S * O }, (_, k) => `op-${Math.floor(k / O)}-${k % O}`);
  set.spanIds = Array.from({ length: n }, (_, r) => hex8(r) + hex8(Math.imul(r + 1, 0x9e3779b1)));
  set.details.strings = ['customer.tier', 'free', 'pro', 'enterprise'];
  Object.assign(set, {
    spanCount: n, traceIdx: new Uint32Array(n), spanIdx: Uint32Array.from({ length: n }, (_, r) => r), parentIdx: new Int32Array(n),
    parentSpanIdx: new Int32Array(n), serviceIdx: new Uint32Array(n), operationIdx: new Uint32Array(n), start: new Float64Array(n),
    duration: new Float64Array(n), status: new Uint8Array(n), kind: new Uint8Array(n),
  });
  set.details.statusMessage = new Int32Array(n).fill(-1);
  set.details.eventOffsets = new Uint32Array(n + 1);
  const attrOffsets = new Uint32Array(n + 1);
  const attrKey = new Uint32Array(T);
  const attrValue = new Uint32Array(T);
  let r = 0;
  for (let t = 0; t < T; t++) {
    const first = r;
    const k = sizes[t];
    for (let i = 0; i < k; i++, r++) {
      set.traceIdx[r] = t;
      attrOffsets[r + 1] = t + 1;
      if (i === 0) {
        set.parentIdx[r] = set.parentSpanIdx[r] = -1;
        set.serviceIdx[r] = 0;
        set.kind[r] = SPAN_KIND.server;
        set.start[r] = t0 + t * gapUs + rnd() * gapUs * 0.5;
        const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
        set.duration[r] = median * Math.exp(0.6 * z);
        attrKey[t] = 0;
        attrValue[t] = 1 + (t % 3);
      } else {
        const p = first + Math.floor(rnd() * i);
        set.parentIdx[r] = p;
        set.parentSpanIdx[r] = p;
        set.serviceIdx[r] = rnd() < 0.6 ? Math.floor(rnd() * S) : set.serviceIdx[p];
        set.kind[r] = set.serviceIdx[r] === set.serviceIdx[p] ? SPAN_KIND.internal : SPAN_KIND.server;
        const offset = rnd() * 0.5 * set.duration[p];
        set.start[r] = set.start[p] + offset;
        set.duration[r] = (set.duration[p] - offset) * (0.2 + 0.7 * rnd());
      }
      set.operationIdx[r] = set.serviceIdx[r] * O + Math.floor(rnd() * O);
    }
    if (rnd() < errorRate) {
      for (let v = first + Math.floor(rnd() * k); v >= 0; v = rnd() < 0.7 ? set.parentIdx[v] : -1) set.status[v] = SPAN_STATUS.error;
    }
  }
  set.details.attrOffsets = attrOffsets;
  set.details.attrKey = attrKey;
  set.details.attrValue = attrValue;
  return set;
}
