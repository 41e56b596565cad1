// The trace views' summary rows, one service's RED series and the sampling lab's policy runs and advice, on
// two hand-built traces frontend → checkout → payment (one failing at payment) with figures worked out by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTraces } from '../../src/analysis/traces/analyze';
import { serviceRed, traceInsights } from '../../src/analysis/traces/insights';
import { kernelQuantiles, type QuantileFn } from '../../src/analysis/traces/quantiles';
import { adviseWithReason, runPolicies } from '../../src/analysis/traces/sampling-lab';
import { samplingContext } from '../../src/analysis/traces/sampling/context';
import { generateTraces, traceSetOf, type SpanSpec } from '../../src/analysis/traces/synthetic';
import { loadKernelsNode } from '../../src/kernels/node';

const T1 = '0000000000000000000000000000000a';
const T2 = '0000000000000000000000000000000b';
// µs. t1: 10 ms root, 8 ms checkout, 6 ms payment, all failing; t2 one second later: 4, 3 and 2 ms, all fine.
const specs: SpanSpec[] = [
  { trace: T1, id: '1', service: 'frontend', op: 'GET /buy', start: 0, dur: 10_000, error: true },
  { trace: T1, id: '2', parent: '1', service: 'checkout', op: 'PlaceOrder', start: 1000, dur: 8000, error: true },
  { trace: T1, id: '3', parent: '2', service: 'payment', op: 'Charge', start: 2000, dur: 6000, error: true },
  { trace: T2, id: '4', service: 'frontend', op: 'GET /buy', start: 1_000_000, dur: 4000 },
  { trace: T2, id: '5', parent: '4', service: 'checkout', op: 'PlaceOrder', start: 1_000_500, dur: 3000 },
  { trace: T2, id: '6', parent: '5', service: 'payment', op: 'Charge', start: 1_001_000, dur: 2000 },
];

let quantiles: QuantileFn;
beforeAll(async () => {
  quantiles = kernelQuantiles(await loadKernelsNode());
});

describe('trace insights', () => {
  it('services, operations with self time and critical-path share, edges and root causes', () => {
    const set = traceSetOf(specs);
    const s = traceInsights(analyzeTraces(set, quantiles));
    expect([s.traceCount, s.spanCount, s.missingParents, s.failingTraces]).toEqual([2, 6, 0, 1]);
    // Equal span counts: by name.
    expect(s.services.map((r) => [r.service, r.spans, r.errors, r.errorRate])).toEqual([['checkout', 2, 1, 0.5], ['frontend', 2, 1, 0.5], ['payment', 2, 1, 0.5]]);
    const charge = s.operations.find((o) => o.operation === 'Charge');
    // Self times: payment 6 and 2 ms (leaves); type-7 p50 of [2, 6] = 4, p99 = 2 + 0.99 × 4.
    expect(charge).toMatchObject({ service: 'payment', spans: 2, errors: 1, p50: 4, selfMeanMs: 4, criticalPathTraces: 2 });
    expect(charge?.p99).toBeCloseTo(5.96, 10);
    // Critical path: t1 frontend 2 ms, checkout 2 ms, payment 6 ms; t2 1, 1 and 2 ms; 14 ms in all.
    expect(charge?.criticalPathShare).toBeCloseTo(8 / 14, 12);
    expect(s.operations.find((o) => o.operation === 'GET /buy')).toMatchObject({ selfMeanMs: 1.5 });
    expect(s.operations.find((o) => o.operation === 'GET /buy')?.criticalPathShare).toBeCloseTo(3 / 14, 12);
    expect(s.services.find((r) => r.service === 'payment')?.criticalPathShare).toBeCloseTo(8 / 14, 12);
    // Edges: callee durations 8 and 3 ms (p50 5.5, p99 3 + 0.99 × 5), 6 and 2 ms (p50 4).
    expect(s.edges.map((e) => [e.from, e.to, e.calls, e.errors, e.errorRate, e.p50])).toEqual([['checkout', 'payment', 2, 1, 0.5, 4], ['frontend', 'checkout', 2, 1, 0.5, 5.5]]);
    expect(s.edges[1].p99).toBeCloseTo(7.95, 10);
    expect(s.rootCauses.byOperation).toEqual([{ service: 'payment', operation: 'Charge', traces: 1, share: 1 }]);
    expect(s.rootCauses.byService).toEqual([{ service: 'payment', traces: 1, share: 1 }]);
  });

  it("one service's RED series on the set's bucket grid", () => {
    const set = traceSetOf(specs);
    const red = serviceRed(set, set.start, 'payment', quantiles, 1000);
    // Starts from 0 ms to 1001 ms: two 1-s buckets; payment once in each, the first failing.
    expect([...red.t]).toEqual([0, 1000]);
    expect([...red.rate]).toEqual([1, 1]);
    expect([...red.errors]).toEqual([1, 0]);
    expect([...red.p99]).toEqual([6, 2]);
    expect(serviceRed(set, set.start, 'nobody', quantiles, 1000).t.length).toBe(0);
  });
});

describe('sampling lab', () => {
  const errorsOnly = JSON.stringify({ policies: [{ name: 'e', type: 'status_code', status_code: { status_codes: ['ERROR'] } }] });

  it('runs each policy or says why it cannot', () => {
    const ctx = samplingContext(traceSetOf(specs), quantiles);
    const out = runPolicies(ctx, ['all', 'none', 'random:2', 'tail:x.json', { kind: 'tail', label: 'errors', json: errorsOnly }, { kind: 'tail', label: 'bad', json: '{' }]);
    expect(out.map((o) => [o.policy, o.ok])).toEqual([['all', true], ['none', true], ['random:2', false], ['tail:x.json', false], ['tail:errors', true], ['tail:bad', false]]);
    const [all, none, random, file, errors, bad] = out;
    expect(all.ok && [all.report.traces.kept, all.report.spans.kept, all.report.errorTraces.share]).toEqual([2, 6, 1]);
    expect(none.ok && [none.report.traces.kept, none.report.vanished.services]).toEqual([0, ['checkout', 'frontend', 'payment']]);
    expect(!random.ok && random.error).toMatch(/probability from 0 to 1/);
    expect(!file.ok && file.error).toMatch(/given as JSON/);
    // The failing trace only: 3 of 6 spans, every error trace.
    expect(errors.ok && [errors.report.traces.kept, errors.report.spans.kept, errors.report.errorTraces.share]).toEqual([1, 3, 1]);
    expect(!bad.ok && bad.error).toMatch(/not JSON/);
  });

  it('the advisor names its choice and its reason, or says nothing meets the goals', () => {
    const ctx = samplingContext(traceSetOf(specs), quantiles);
    const goals = { minErrorTraceShare: 1, maxP99Error: 0.05, maxP50Error: Infinity, keepAllServices: true };
    const advice = adviseWithReason(ctx, goals, ['errors:0.5', 'bogus']);
    expect(advice.invalid).toEqual([{ policy: 'bogus', error: expect.stringMatching(/unknown policy/) }]);
    expect(advice.recommended?.meets).toBe(true);
    expect(advice.reason).toMatch(new RegExp(`^${advice.recommended?.report.strategy.replace(/[.+]/g, '\\$&')} keeps the fewest bytes`));
    // Candidates fewest bytes first; the recommended one is the first meeting the goals.
    const bytes = advice.candidates.map((c) => c.report.bytes.kept);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(advice.candidates.find((c) => c.meets)?.report.strategy).toBe(advice.recommended?.report.strategy);
    const impossible = adviseWithReason(ctx, { ...goals, minErrorTraceShare: 1.01 });
    expect(impossible.recommended).toBeNull();
    expect(impossible.reason).toMatch(/^None of the \d+ candidates meets the goals; the closest/);
    // Two traces: none lies above the p99, and the reason says how little it rests on.
    expect(advice.reason).toMatch(/With 2 traces recorded, none lies above the p99, so any sample's p99 is fragile/);
  });

  it('says nothing of sample size once at least 10 traces lie above the p99', () => {
    const many = generateTraces({ traces: 1000, spansPerTrace: 2, errorRate: 0.05, seed: 5 });
    const goals = { minErrorTraceShare: 0.99, maxP99Error: 0.05, maxP50Error: Infinity, keepAllServices: true };
    expect(adviseWithReason(samplingContext(many, quantiles), goals).reason).not.toMatch(/fragile/);
    const few = generateTraces({ traces: 999, spansPerTrace: 2, errorRate: 0.05, seed: 5 });
    expect(adviseWithReason(samplingContext(few, quantiles), goals).reason).toMatch(/With 999 traces recorded, only 9 lie above the p99/);
  });
});
