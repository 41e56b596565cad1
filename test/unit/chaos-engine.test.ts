import { describe, expect, it } from 'vitest';
import { replayHash } from '../../src/chaos/canonical';
import { runReplay, type ReplayConfig, type ReplayResult } from '../../src/chaos/engine';
import { modelFromTraces } from '../../src/chaos/from-traces';
import type { ChaosModel } from '../../src/chaos/model';
import { isLegalTransition } from '../../src/chaos/policies/circuit-breaker';
import { DEFAULT_CIRCUIT_BREAKER, type EdgePolicy } from '../../src/chaos/policies/types';
import { buildScorecard } from '../../src/chaos/scorecard';
import { layeredTopology, shopTopology } from '../../src/chaos/topology';
import { loadKernelsNode } from '../../src/kernels/node';
import { DEFAULT_DETECTION } from '../../src/analysis/detectors/run-types';
import { TraceSetBuilder } from '../../src/model/trace-builder';
import { SPAN_KIND, SPAN_STATUS } from '../../src/model/traces';

function run(model: ChaosModel, over: Partial<ReplayConfig>): ReplayResult {
  const r = runReplay(model, { seed: 1, faults: [], policies: {}, ...over });
  if (typeof r === 'string') throw new Error(r);
  return r;
}
const edge = (r: ReplayResult, name: string) => r.edges.find((e) => e.edge === name)!;
/** Durations (ms) of replayed spans of `service`. */
function spanMs(r: ReplayResult, service: string): number[] {
  const t = r.traces!;
  const out: number[] = [];
  for (let i = 0; i < t.spanCount; i++) if (t.services[t.serviceIdx[i]] === service) out.push(t.duration[i] / 1000);
  return out;
}
const crash = { kind: 'service-crash' as const, targets: ['payment'], startMs: 0, durationMs: 600000, downtimeMs: 600000 };
const hang = { kind: 'network-latency' as const, targets: ['payment'], startMs: 0, durationMs: 600000, latencyMs: 1000 };
const small = shopTopology({ endMs: 10000 });

describe('chaos replay engine', () => {
  it('same seed → same SHA-256; another seed → another; the seed reaches every random draw', async () => {
    const model = layeredTopology(8, 50, 60000, 3);
    const cfg: Partial<ReplayConfig> = { traceEvery: 10, faults: [{ kind: 'network-latency', targets: ['svc-03'], startMs: 10000, durationMs: 20000, latencyMs: 50, jitterMs: 40 }],
      policies: { 'svc-01>svc-03': { timeoutMs: 80, retry: { maxAttempts: 3, backoff: { kind: 'aws-full', baseMs: 5, capMs: 100 } } } } };
    const a = await replayHash(run(model, { ...cfg, seed: 11 }));
    expect(await replayHash(run(model, { ...cfg, seed: 11 }))).toBe(a);
    expect(await replayHash(run(model, { ...cfg, seed: 12 }))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('adding a fault on another service does not shift the draws of the first one', () => {
    const model = layeredTopology(8, 50, 60000, 3);
    const f1 = { kind: 'byzantine' as const, targets: ['svc-05'], startMs: 0, durationMs: 60000, wrongStatusPct: 30, replaceStatus: 200 };
    const f2 = { kind: 'byzantine' as const, targets: ['svc-06'], startMs: 0, durationMs: 60000, wrongStatusPct: 30, replaceStatus: 200 };
    const wrong = (r: ReplayResult) => r.series.find((s) => s.name === 'chaos_wrong_responses' && s.labels.service === 'svc-05')!.v;
    expect(Array.from(wrong(run(model, { faults: [f2, f1] })))).toEqual(Array.from(wrong(run(model, { faults: [f1] }))));
  });

  it('retry: maxAttempts counts the first call; constant waits add up in the caller\'s span', () => {
    const r = run(small, { faults: [crash], traceEvery: 1, policies: { 'checkout>payment': { retry: { maxAttempts: 3, backoff: { kind: 'constant', waitDurationMs: 50 } } } } });
    const e = edge(r, 'checkout>payment');
    expect(e.attempts).toBe(3 * e.calls);
    expect(e.failed).toBe(e.calls);
    expect(new Set(spanMs(r, 'checkout'))).toEqual(new Set([5 + 50 + 50])); // refused at once, twice 50 ms apart
  });

  it('composition: the time limiter bounds each attempt inside the retry; the breaker counts attempts; fallback outermost', () => {
    const policy: EdgePolicy = { timeoutMs: 100, retry: { maxAttempts: 3, backoff: { kind: 'constant', waitDurationMs: 10 } } };
    const r = run(small, { faults: [hang], traceEvery: 1, policies: { 'checkout>payment': policy } });
    const e = edge(r, 'checkout>payment');
    expect(e.timeouts).toBe(3 * e.calls);
    expect(new Set(spanMs(r, 'checkout'))).toEqual(new Set([5 + 100 + 10 + 100 + 10 + 100]));
    const withCb = run(small, { faults: [hang], policies: { 'checkout>payment': { ...policy, circuitBreaker: { ...DEFAULT_CIRCUIT_BREAKER, slidingWindowSize: 3, minimumNumberOfCalls: 3 } } } });
    expect(withCb.breakers[0].timeline[0]).toMatchObject({ from: 'CLOSED', to: 'OPEN', failureRate: 100 }); // the first call's 3 attempts open it
    expect(withCb.breakers[0].timeline[0].atMs).toBeLessThan(small.arrivalMs[1] + 400);
    expect(edge(withCb, 'checkout>payment').rejectedByBreaker).toBeGreaterThan(0);
    const fb = run(small, { faults: [hang], policies: { 'checkout>payment': { ...policy, fallback: true } } });
    expect(edge(fb, 'checkout>payment')).toMatchObject({ failed: 0, fallbacks: edge(fb, 'checkout>payment').calls });
    const fe = fb.series.find((s) => s.name === 'chaos_error_rate_pct' && s.labels.service === 'frontend')!;
    expect(Math.max(...fe.v)).toBe(0);
  });

  it('bulkhead: rejects beyond maxConcurrentCalls at once; with maxWaitDuration waits, and the wait counts toward the timeout', () => {
    const slow = { kind: 'network-latency' as const, targets: ['payment'], startMs: 0, durationMs: 600000, latencyMs: 90 };
    const r = run(small, { faults: [slow], policies: { 'checkout>payment': { bulkhead: { maxConcurrentCalls: 2, maxWaitDurationMs: 0 } } } });
    const e = edge(r, 'checkout>payment');
    expect(e.rejectedByBulkhead / e.calls).toBeGreaterThan(0.7); // 100 ms per call, one call every 10 ms, 2 at a time
    expect(e.rejectedByBulkhead / e.calls).toBeLessThan(0.9);
    expect(edge(run(small, { faults: [slow], policies: { 'checkout>payment': { bulkhead: { maxConcurrentCalls: 20, maxWaitDurationMs: 0 } } } }), 'checkout>payment').rejectedByBulkhead).toBe(0);
    const waiting = edge(run(small, { faults: [slow], policies: { 'checkout>payment': { bulkhead: { maxConcurrentCalls: 2, maxWaitDurationMs: 10000 }, timeoutMs: 150 } } }), 'checkout>payment');
    expect(waiting.rejectedByBulkhead).toBe(0);
    expect(waiting.timeouts).toBeGreaterThan(0.5 * waiting.calls); // the queue grows; waiting calls time out
  });

  it('breaker timelines of a long run hold only legal transitions and recover after the fault', () => {
    const model = shopTopology({ endMs: 300000 });
    const r = run(model, {
      faults: [{ kind: 'service-crash', targets: ['payment'], startMs: 60000, durationMs: 60000, downtimeMs: 60000 }],
      policies: { 'checkout>payment': { circuitBreaker: { ...DEFAULT_CIRCUIT_BREAKER, slidingWindowSize: 20, minimumNumberOfCalls: 10, waitDurationInOpenStateMs: 5000, permittedNumberOfCallsInHalfOpenState: 3 }, fallback: true } },
    });
    const tl = r.breakers[0].timeline;
    expect(tl.length).toBeGreaterThan(3);
    for (let i = 0; i < tl.length; i++) {
      expect(isLegalTransition(tl[i].from, tl[i].to)).toBe(true);
      if (i) expect(tl[i].from).toBe(tl[i - 1].to);
    }
    expect(tl[0].atMs).toBeGreaterThanOrEqual(60000);
    expect(tl[tl.length - 1].to).toBe('CLOSED');
    expect(tl[tl.length - 1].atMs).toBeGreaterThanOrEqual(120000);
    expect(tl[tl.length - 1].atMs).toBeLessThan(130000);
  });

  it('derives services, edges, fan-out and arrivals from a TraceSet', () => {
    const b = new TraceSetBuilder();
    const span = (trace: number, id: string, parent: string, service: string, startMs: number, ms: number, failed = false) =>
      b.addSpan({ traceId: trace.toString(16).padStart(32, '0'), spanId: id, parentSpanId: parent, service, operation: 'op', start: startMs * 1000, duration: ms * 1000,
        status: failed ? SPAN_STATUS.error : SPAN_STATUS.ok, kind: SPAN_KIND.server });
    for (let k = 0; k < 4; k++) {
      const t0 = 1000 * k;
      span(k, `a${k}`, '', 'frontend', t0, 30);
      span(k, `b${k}`, `a${k}`, 'frontend', t0 + 1, 25); // internal span of the same service
      span(k, `c${k}`, `b${k}`, 'checkout', t0 + 2, 20);
      span(k, `d${k}`, `c${k}`, 'payment', t0 + 3, 4, k === 0);
      span(k, `e${k}`, `c${k}`, 'payment', t0 + 8, 6);
    }
    const m = modelFromTraces(b.finish().set);
    if (typeof m === 'string') throw new Error(m);
    expect(m.services).toEqual(['frontend', 'checkout', 'payment']);
    expect(m.edges.map((e) => `${m.services[e.caller]}>${m.services[e.callee]}`)).toEqual(['frontend>checkout', 'checkout>payment']);
    expect(m.edges[1]).toMatchObject({ fanOut: 2, callProbability: 1, errorRate: 1 / 8 });
    expect(Array.from(m.edges[0].selfMs)).toEqual([10, 10, 10, 10]); // 20 − 4 − 6
    expect(Array.from(m.entries[0].selfMs)).toEqual([10, 10, 10, 10]); // 30 − 20
    expect(Array.from(m.arrivalMs)).toEqual([0, 1000, 2000, 3000]);
    expect(run(m, {}).edges[1].calls).toBe(8);
  });
});

describe('chaos scorecard', () => {
  it('a crash is caught with a time to detect, and the breaker + fallback cut the caller\'s errors', async () => {
    const kernels = await loadKernelsNode();
    const model = shopTopology({ endMs: 1800000, latency: 'exponential', arrivals: 'poisson', ratePerS: 20 });
    const out = await buildScorecard(model, {
      seed: 5, bucketMs: 10000,
      faults: [{ kind: 'service-crash', targets: ['payment'], startMs: 1200000, durationMs: 180000, downtimeMs: 180000 }],
      policies: { 'checkout>payment': { circuitBreaker: { ...DEFAULT_CIRCUIT_BREAKER, slidingWindowSize: 20, minimumNumberOfCalls: 10, waitDurationInOpenStateMs: 5000, permittedNumberOfCallsInHalfOpenState: 3 }, fallback: true } },
    }, { detection: DEFAULT_DETECTION, kernels, slo: async () => [{ slo: 'checkout availability', alerts: [{ start: 1230000, end: 1300000, severity: 'page' }], budgetBurnedPct: 12 }] });
    if (typeof out === 'string') throw new Error(out);
    const f = out.scorecard.faults[0];
    expect(f).toMatchObject({ kind: 'service-crash', detected: true, start: 1200000, end: 1380000 });
    expect(f.timeToDetectMs).not.toBeNull();
    expect(f.timeToDetectMs!).toBeLessThan(60000);
    expect(f.detectedBy.length).toBeGreaterThan(0);
    expect(f.sloAlertsDuring).toEqual(['checkout availability']);
    const p = out.scorecard.policies.find((x) => x.edge === 'checkout>payment')!;
    expect(p.withoutPct).toBeGreaterThan(5);
    expect(p.withPct).toBe(0);
    expect(p.text).toMatch(/^checkout → payment: errors seen by checkout \d+(\.\d)? % → 0 %$/);
    expect(p.text).toContain(p.withoutPct >= 10 ? p.withoutPct.toFixed(0) : p.withoutPct.toFixed(1));
    expect(out.scorecard.breakers[0].timeline[0].to).toBe('OPEN');
    expect(typeof out.scorecard.falseAlarms).toBe('number');
  }, 60000);
});
