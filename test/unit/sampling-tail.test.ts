// Tail sampling: the collector config read from JSON (with paths in errors), each policy and the final
// decision rule on hand-built traces, decision_wait with late spans, num_traces eviction, the decision cache,
// composite rate allocation, and the report and advisor over generated traces.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelQuantiles, type QuantileFn } from '../../src/analysis/traces/quantiles';
import { adviseSampling } from '../../src/analysis/traces/sampling/advisor';
import { samplingContext } from '../../src/analysis/traces/sampling/context';
import { simulateSampling } from '../../src/analysis/traces/sampling/strategy';
import { goDurationMs, parseTailConfig, type TailConfig } from '../../src/analysis/traces/sampling/tail-config';
import { simulateTail } from '../../src/analysis/traces/sampling/tail-simulate';
import { generateTraces, traceSetOf, type SpanSpec } from '../../src/analysis/traces/synthetic';
import { loadKernelsNode } from '../../src/kernels/node';

let quantiles: QuantileFn;
beforeAll(async () => {
  quantiles = kernelQuantiles(await loadKernelsNode());
});

const fixture = (name: string): unknown => JSON.parse(readFileSync(`test/fixtures/sampling/${name}`, 'utf8'));

function config(json: unknown): TailConfig {
  const r = parseTailConfig(json);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

/** Trace ids kept (a trace counts when any span is kept). */
function keptTraces(specs: SpanSpec[], cfg: unknown): string[] {
  const set = traceSetOf(specs);
  const { keep } = simulateTail(samplingContext(set, quantiles), config(cfg));
  const ids = new Set<string>();
  for (let r = 0; r < set.spanCount; r++) if (keep[r]) ids.add(set.traceIds[set.traceIdx[r]]);
  return [...ids].sort();
}

/** One-span traces "a", "b", …: durations in ms, optional error and attributes. */
const single = (list: { ms: number; error?: boolean; attributes?: [string, string][] }[]): SpanSpec[] =>
  list.map((s, k) => ({ id: `s${k}`, trace: String.fromCharCode(97 + k), start: k * 1e6, dur: s.ms * 1000, error: s.error, attributes: s.attributes }));

const policies = (...p: unknown[]) => ({ decision_wait: '1s', policies: p });

describe('tail_sampling config', () => {
  it('reads the processor under processors.tail_sampling, with its defaults', () => {
    const c = config(fixture('tail-policies.json'));
    expect(c.decisionWaitMs).toBe(10_000);
    expect(c.numTraces).toBe(50_000);
    expect(c.policies.map((p) => [p.name, p.type])).toEqual([['errors', 'status_code'], ['slow', 'latency'], ['enterprise', 'string_attribute'], ['ten-percent', 'probabilistic']]);
    const d = config({ policies: [{ name: 'all', type: 'always_sample' }] });
    expect([d.decisionWaitMs, d.numTraces, d.sampledCacheSize]).toEqual([30_000, 50_000, 0]);
  });

  it('composite: sub-policies in policy_order, each with its share of the total spans per second', () => {
    const [c] = config(fixture('composite.json')).policies;
    if (c.type !== 'composite') throw new Error('not composite');
    expect(c.policies.map((p) => p.name)).toEqual(['errors', 'everything']);
    expect(c.allocatedSpansPerSecond).toEqual([60, 40]);
  });

  it('names every problem with its path', () => {
    const r = parseTailConfig({
      decision_wait: '10 seconds',
      policies: [
        { name: 'x', type: 'latency', latency: { threshold_ms: 'a' } },
        { name: 'y', type: 'ottl_condition' },
        { type: 'nope' },
        { name: 'z', type: 'status_code', status_code: { status_codes: ['FAILED'] } },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'decision_wait: expected a duration such as "30s" or "500ms", got "10 seconds"',
      'policies[0].latency.threshold_ms: expected a number ≥ 0, got "a"',
      'policies[1]: policy type ottl_condition cannot be simulated: OTTL conditions are not evaluated here',
      'policies[2].name: expected a non-empty string, got nothing',
      expect.stringMatching(/^policies\[2\]\.type: expected one of always_sample, latency, .*, got "nope"$/),
      'policies[3].status_code.status_codes[0]: expected OK, ERROR or UNSET, got "FAILED"',
    ]);
    expect(parseTailConfig([]).ok).toBe(false);
  });

  it('Go durations', () => {
    expect(goDurationMs('1m30s')).toBe(90_000);
    expect(goDurationMs('500ms')).toBe(500);
    expect(goDurationMs('1.5h')).toBe(5_400_000);
    expect(goDurationMs('30')).toBeUndefined();
  });
});

describe('tail policies', () => {
  const traces = single([{ ms: 50 }, { ms: 150, error: true }, { ms: 99.9, attributes: [['customer.tier', 'enterprise']] }, { ms: 250, attributes: [['customer.tier', 'free']] }]);

  it('status_code, latency (whole ms, with an upper bound), string_attribute exact and regex', () => {
    expect(keptTraces(traces, policies({ name: 'e', type: 'status_code', status_code: { status_codes: ['ERROR'] } }))).toEqual(['b']);
    expect(keptTraces(traces, policies({ name: 'l', type: 'latency', latency: { threshold_ms: 99 } }))).toEqual(['b', 'c', 'd']);
    expect(keptTraces(traces, policies({ name: 'l', type: 'latency', latency: { threshold_ms: 100 } }))).toEqual(['b', 'd']); // 99.9 ms is 99 whole ms
    expect(keptTraces(traces, policies({ name: 'l', type: 'latency', latency: { threshold_ms: 100, upper_threshold_ms: 200 } }))).toEqual(['b']);
    expect(keptTraces(traces, policies({ name: 's', type: 'string_attribute', string_attribute: { key: 'customer.tier', values: ['enterprise'] } }))).toEqual(['c']);
    expect(keptTraces(traces, policies({ name: 's', type: 'string_attribute', string_attribute: { key: 'customer.tier', values: ['^ent', 'fr.e'], enabled_regex_matching: true } }))).toEqual(['c', 'd']);
    expect(keptTraces(traces, policies({ name: 's', type: 'string_attribute', string_attribute: { key: 'service.name', values: ['svc'] } }))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('final decision: a drop or an inverted not-sampled wins over any sample', () => {
    const all = { name: 'all', type: 'always_sample' };
    expect(keptTraces(traces, policies(all, { name: 'd', type: 'drop', drop: { drop_sub_policy: [{ name: 'e', type: 'status_code', status_code: { status_codes: ['ERROR'] } }] } }))).toEqual(['a', 'c', 'd']);
    // Not free: inverted-sampled (kept even without another policy); free: inverted-not-sampled (dropped despite `all`).
    const notFree = { name: 'nf', type: 'string_attribute', string_attribute: { key: 'customer.tier', values: ['free'], invert_match: true } };
    expect(keptTraces(traces, policies(notFree))).toEqual(['a', 'b', 'c']);
    expect(keptTraces(traces, policies(all, notFree))).toEqual(['a', 'b', 'c']);
    const and = { name: 'and', type: 'and', and: { and_sub_policy: [{ name: 'l', type: 'latency', latency: { threshold_ms: 100 } }, notFree] } };
    expect(keptTraces(traces, policies(and))).toEqual(['b']);
  });

  it('rate_limiting: 10 spans/s (burst 20), a 5-span trace every 0.1 s for 10 s keeps 23 traces', () => {
    const specs: SpanSpec[] = [];
    for (let k = 0; k < 100; k++) for (let i = 0; i < 5; i++) specs.push({ id: `${k}.${i}`, trace: `t${String(k).padStart(3, '0')}`, start: k * 100_000, dur: 1000 });
    const kept = keptTraces(specs, policies({ name: 'r', type: 'rate_limiting', rate_limiting: { spans_per_second: 10 } }));
    expect(kept.length).toBe(23);
    expect(kept.slice(0, 6)).toEqual(['t000', 't001', 't002', 't003', 't005', 't010']);
  });

  it('composite: per second, 60 spans for error traces and 40 for the rest; over its allocation a trace is not sampled', () => {
    const specs: SpanSpec[] = [];
    for (let k = 0; k < 20; k++) for (let i = 0; i < 10; i++) specs.push({ id: `${k}.${i}`, trace: `t${String(k).padStart(2, '0')}`, start: 1000 * k, dur: 1000, error: k % 2 === 0 && i === 0 });
    const kept = keptTraces(specs, fixture('composite.json'));
    expect(kept.filter((t) => Number(t.slice(1)) % 2 === 0)).toEqual(['t00', 't02', 't04', 't06', 't08', 't10']);
    expect(kept.filter((t) => Number(t.slice(1)) % 2 === 1)).toEqual(['t01', 't03', 't05', 't07']);
  });
});

describe('decision_wait, num_traces and the decision cache', () => {
  // One trace: a child ending at 1 s, the root ending at 5 s.
  const trace: SpanSpec[] = [
    { id: 'root', start: 0, dur: 5e6 },
    { id: 'child', parent: 'root', start: 0, dur: 1e6 },
  ];
  const slow = { name: 'l', type: 'latency', latency: { threshold_ms: 4000 } };

  it('a decision before the root arrives sees a 1 s trace; the late root takes that decision', () => {
    const set = traceSetOf(trace);
    const early = simulateTail(samplingContext(set, quantiles), config({ decision_wait: '2s', policies: [slow] }));
    expect(Array.from(early.keep)).toEqual([0, 0]);
    expect(early.stats).toMatchObject({ lateSpans: 1, lateInherited: 1, lateRedecided: 0, decidedIncomplete: 1 });
    const late = simulateTail(samplingContext(set, quantiles), config({ decision_wait: '5s', policies: [slow] }));
    expect(Array.from(late.keep)).toEqual([1, 1]);
    expect(late.stats.lateSpans).toBe(0);
  });

  it('num_traces 2: traces evicted before their decision are dropped too early', () => {
    const specs: SpanSpec[] = [0, 1, 2, 3, 4].map((k) => ({ id: `s${k}`, trace: `t${k}`, start: k * 1e6, dur: 1000 }));
    const set = traceSetOf(specs);
    const r = simulateTail(samplingContext(set, quantiles), config({ decision_wait: '10s', num_traces: 2, policies: [{ name: 'all', type: 'always_sample' }] }));
    // t0 is evicted when t2 arrives (2 s), before its decision at 10 s; likewise t1, t2. t3, t4 stay.
    expect(Array.from(r.keep)).toEqual([0, 0, 0, 1, 1]);
    expect(r.stats).toMatchObject({ droppedTooEarly: 3, lostSpans: 3 });
  });

  it('a late span after eviction is decided again on its own, unless the decision cache remembers the trace', () => {
    const specs: SpanSpec[] = [
      { id: 'err', trace: 't0', start: 0, dur: 1000, error: true },
      { id: 'late', trace: 't0', start: 0, dur: 30e6 },
      { id: 'x', trace: 't1', start: 2e6, dur: 1000 },
    ];
    const set = traceSetOf(specs);
    const errors = { name: 'e', type: 'status_code', status_code: { status_codes: ['ERROR'] } };
    const base = { decision_wait: '1s', num_traces: 1, policies: [errors] };
    // t0 decided (sampled) at 1.001 s, evicted when t1 arrives (2.001 s); its late span ends at 30 s.
    const redo = simulateTail(samplingContext(set, quantiles), config(base));
    expect(Array.from(redo.keep)).toEqual([1, 0, 0]);
    expect(redo.stats).toMatchObject({ lateSpans: 1, lateRedecided: 1 });
    const cached = simulateTail(samplingContext(set, quantiles), config({ ...base, decision_cache: { sampled_cache_size: 10 } }));
    expect(Array.from(cached.keep)).toEqual([1, 1, 0]);
    expect(cached.stats).toMatchObject({ lateSpans: 1, lateInherited: 1 });
  });
});

describe('sampling report and advisor', () => {
  it('kept and lost figures, vanished services and operations', () => {
    const ctx = samplingContext(generateTraces({ traces: 2000, errorRate: 0.05, seed: 11 }), quantiles);
    const all = simulateSampling(ctx, { kind: 'all' });
    expect(all.traces).toEqual({ total: 2000, kept: 2000, share: 1 });
    expect(all.latency.p99.relativeError).toBe(0);
    expect(all.vanished).toEqual({ services: [], operations: [] });
    expect(all.bytes.total).toBeGreaterThan(all.spans.total * 60);
    const none = simulateSampling(ctx, { kind: 'none' });
    expect([none.traces.kept, none.spans.kept, none.bytes.kept, none.latency.p99.relativeError]).toEqual([0, 0, 0, Infinity]);
    expect(none.vanished.services).toHaveLength(8);
    const errors = simulateSampling(ctx, { kind: 'errors', p: 0.1 });
    expect(errors.errorTraces.share).toBe(1);
    expect(errors.bytes.share).toBeGreaterThan(errors.traces.share * 0.5);
  });

  it('recommends the cheapest candidate meeting the goals', () => {
    const ctx = samplingContext(generateTraces({ traces: 2000, errorRate: 0.05, seed: 11 }), quantiles);
    const advice = adviseSampling(ctx, { minErrorTraceShare: 0.99, maxP99Error: 1 }, [{ kind: 'all' }, { kind: 'errors', p: 0.5 }, { kind: 'random', p: 0.01 }]);
    expect(advice.candidates.map((c) => [c.report.strategy, c.meets])).toEqual([['random:0.01', false], ['errors:0.5', true], ['all', true]]);
    expect(advice.recommended?.report.strategy).toBe('errors:0.5');
    expect(advice.candidates[0].misses[0]).toMatch(/^keeps \d+\.\d % of error traces \(goal ≥ 99\.0 %\)$/);
    const full = adviseSampling(ctx);
    expect(full.recommended?.meets).toBe(true);
    const cheaper = full.candidates.filter((c) => c.report.bytes.kept < full.recommended!.report.bytes.kept);
    expect(cheaper.every((c) => !c.meets)).toBe(true);
  });
});
