import { beforeAll, describe, expect, it } from 'vitest';
import { modelFromSeries, roleOf, serviceOfSeries } from '../../src/chaos/from-series';
import type { Fault } from '../../src/chaos/faults/types';
import { emptyScenario, type Scenario } from '../../src/chaos/scenario';
import { autoBucketMs, runScenario, SCENARIO_CANCELLED, type ScenarioRun } from '../../src/chaos/scenario-run';
import { shopTopology } from '../../src/chaos/topology';
import { replay } from '../../src/chaos/engine/replay';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import type { Series } from '../../src/model/series';
import { TraceSetBuilder } from '../../src/model/trace-builder';
import { SPAN_KIND, SPAN_STATUS } from '../../src/model/traces';

const START = Date.UTC(2026, 2, 3, 12, 0, 0);
const MIN = 60_000;
const POINTS = 180;

/** Three hours of one-minute metrics of one service, with a small deterministic wobble. */
function metrics(service = 'shop'): Series[] {
  const t = Float64Array.from({ length: POINTS }, (_, i) => START + i * MIN);
  const col = (f: (i: number) => number) => Float64Array.from({ length: POINTS }, (_, i) => f(i));
  const wob = (i: number, k: number) => Math.sin(i * 0.7 + k) * 0.5 + Math.cos(i * 1.3 + k) * 0.3;
  const mk = (name: string, v: Float64Array, unit?: string): Series => ({ name, labels: { service }, t: t.slice(), v, ...(unit ? { unit } : {}) });
  return [
    mk('requests_per_s', col((i) => 100 + 3 * wob(i, 0))),
    mk('error_rate_pct', col((i) => 0.5 + 0.05 * wob(i, 1))),
    mk('p99_latency_ms', col((i) => 120 + 4 * wob(i, 2))),
    mk('cpu_pct', col((i) => 30 + wob(i, 3))),
    mk('memory_mb', col((i) => 500 + wob(i, 4))),
  ];
}

const inWindow = (t: number) => t >= START + 60 * MIN && t < START + 80 * MIN;
const window = { startMs: 60 * MIN, durationMs: 20 * MIN, targets: ['shop'] };

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

async function run(faults: Fault[], over: Partial<Scenario> = {}, series = metrics()): Promise<ScenarioRun> {
  const r = await runScenario({ series, datasetName: 'shop.csv' }, { ...emptyScenario('t', 7), faults, ...over }, kernels);
  if (typeof r === 'string') throw new Error(r);
  return r;
}
const named = (r: ScenarioRun, name: string) => r.withPolicies.series.find((s) => s.name === name)!;
/** Mean of a replayed series inside and outside the fault window. */
function means(r: ScenarioRun, name: string): { inside: number; outside: number } {
  const s = named(r, name);
  let a = 0, na = 0, b = 0, nb = 0;
  for (let i = 0; i < s.t.length; i++) {
    if (!Number.isFinite(s.v[i])) continue;
    if (inWindow(s.t[i])) { a += s.v[i]; na++; } else { b += s.v[i]; nb++; }
  }
  return { inside: a / na, outside: b / nb };
}

describe('series model', () => {
  it('services from the service label, else the name prefix, else the dataset; roles from names', () => {
    expect(serviceOfSeries({ name: 'x', labels: { service: 'cart' } }, 'd')).toBe('cart');
    expect(serviceOfSeries({ name: 'payment.latency_ms', labels: {} }, 'd')).toBe('payment');
    expect(serviceOfSeries({ name: 'latency_ms', labels: {} }, 'd')).toBe('d');
    expect(['requests_per_s', 'error_rate_pct', 'p99_latency_ms', 'cpu_pct', 'memory_mb', 'temperature'].map((name) => roleOf({ name })))
      .toEqual(['rate', 'errors', 'latency', 'cpu', 'memory', 'other']);
    const m = modelFromSeries(metrics(), 'shop.csv');
    if (typeof m === 'string') throw new Error(m);
    expect(m.services).toEqual(['shop']);
    expect(m.requests).toBeGreaterThan(100 * 60 * 170);
    expect(typeof modelFromSeries([], 'empty.csv')).toBe('string');
  });
});

describe('runScenario on a metrics-only dataset', () => {
  it('same seed twice → same sha256; another seed → another', async () => {
    const f: Fault = { ...window, kind: 'network-latency', latencyMs: 200, jitterMs: 150 };
    const a = await run([f]);
    const b = await run([f]);
    const c = await run([f], { seed: 8 });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    expect(c.sha256).not.toBe(a.sha256);
    expect(a.model).toMatchObject({ kind: 'series', services: ['shop'], edges: [] });
  });

  it('no fault: the replay is the recording', async () => {
    const r = await run([]);
    const rec = metrics();
    r.withPolicies.series.forEach((s, i) => {
      expect(s.name).toBe(rec[i].name);
      expect(Array.from(s.v)).toEqual(Array.from(rec[i].v));
    });
  });

  it('service crash: rate drops to 0 and errors to 100 % while down, and the scorecard detects it', async () => {
    const r = await run([{ ...window, kind: 'service-crash', downtimeMs: 20 * MIN }]);
    expect(means(r, 'requests_per_s').inside).toBe(0);
    expect(means(r, 'error_rate_pct').inside).toBe(100);
    expect(means(r, 'requests_per_s').outside).toBeGreaterThan(95);
    const f = r.scorecard.faults[0];
    expect(f.detected).toBe(true);
    expect(f.timeToDetectMs).not.toBeNull();
    expect(f.timeToDetectMs!).toBeLessThanOrEqual(2 * MIN);
  });

  it('network latency and CPU spike raise latency; CPU spike raises CPU', async () => {
    const lat = await run([{ ...window, kind: 'network-latency', latencyMs: 300 }]);
    expect(means(lat, 'p99_latency_ms').inside).toBeCloseTo(420, 0);
    const cpu = await run([{ ...window, kind: 'cpu-spike', loadPct: 50 }]);
    expect(means(cpu, 'cpu_pct').inside).toBeCloseTo(80, 0);
    expect(means(cpu, 'p99_latency_ms').inside).toBeCloseTo(240, 0); // 1 / (1 − 0.5)
  });

  it('memory leak: memory grows linearly, then the OOM kill restarts the service', async () => {
    const r = await run([{ ...window, kind: 'memory-leak', leakRateMBps: 0.5, oomAtMB: 756, baseMB: 256, restartDelayMs: 2 * MIN }]);
    const s = named(r, 'memory_mb');
    const at = (min: number) => s.v[s.t.indexOf(START + min * MIN)];
    expect(at(61) - at(60)).toBeCloseTo(30, -1); // 0.5 MB/s for a minute
    expect(at(76)).toBeGreaterThan(at(70));
    expect(Array.from(s.v).some((x) => x === 0)).toBe(true); // down after 1000 s of growth
    expect(at(90)).toBeCloseTo(500, 0);
  });

  it('packet loss and byzantine faults raise the error rate', async () => {
    const loss = await run([{ ...window, kind: 'packet-loss', lossPct: 60, maxRetransmits: 0 }]);
    expect(means(loss, 'error_rate_pct').inside).toBeGreaterThan(30);
    expect(means(loss, 'p99_latency_ms').inside).toBeGreaterThan(150);
    const byz = await run([{ ...window, kind: 'byzantine', wrongStatusPct: 40 }]);
    expect(means(byz, 'error_rate_pct').inside).toBeGreaterThan(25);
    expect(means(byz, 'error_rate_pct').outside).toBeLessThan(1);
  });

  it('data corruption puts NaN, duplicates, out-of-order and missing points into the replayed series', async () => {
    const r = await run([{ ...window, kind: 'data-corruption', nanPct: 20, duplicatePct: 20, outOfOrderPct: 20, missingPct: 20 }]);
    const s = named(r, 'requests_per_s');
    const t = Array.from(s.t);
    expect(Array.from(s.v).some((x) => Number.isNaN(x))).toBe(true);
    expect(t.some((x, i) => i > 0 && x === t[i - 1])).toBe(true);
    expect(t.some((x, i) => i > 0 && x < t[i - 1])).toBe(true);
    expect(new Set(t).size).toBeLessThan(POINTS);
  });

  it('clock skew shifts the timestamps inside the window only', async () => {
    const r = await run([{ ...window, kind: 'clock-skew', offsetMs: 30_000 }]);
    const s = named(r, 'p99_latency_ms');
    expect(s.t[0]).toBe(START);
    expect(s.t[70]).toBe(START + 70 * MIN + 30_000);
    expect(s.t[100]).toBe(START + 100 * MIN);
  });

  it('cascading failure and partition between two services', async () => {
    const series = [...metrics('web'), ...metrics('db')];
    const r = await run([{ ...window, targets: ['db'], kind: 'network-partition', groupB: ['web'] }], {}, series);
    const err = r.withPolicies.series.filter((s) => s.name === 'error_rate_pct');
    expect(err.every((s) => Array.from(s.v).some((x, i) => inWindow(s.t[i]) && x === 100))).toBe(true);
    const c = await run([{ ...window, targets: ['db'], kind: 'cascading-failure', hangMs: 500, poolExhaustionPct: 50 }], {}, series);
    const lat = c.withPolicies.series.find((s) => s.name === 'p99_latency_ms' && s.labels.service === 'db')!;
    expect(lat.v[70]).toBeGreaterThan(600);
    const rate = c.withPolicies.series.find((s) => s.name === 'requests_per_s' && s.labels.service === 'db')!;
    expect(rate.v[70]).toBeLessThan(60);
  });

  it('a metrics-only dataset refuses policies; bad faults are readable messages', async () => {
    const s = { ...emptyScenario('t'), policies: { 'a>b': { timeoutMs: 10 } } };
    expect(await runScenario({ series: metrics(), datasetName: 'shop.csv' }, s, kernels)).toMatch(/metrics only/);
    const bad = await runScenario({ series: metrics(), datasetName: 'shop.csv' }, { ...emptyScenario('t'), faults: [{ ...window, targets: ['nope'], kind: 'cpu-spike', loadPct: 10 }] }, kernels);
    expect(bad).toMatch(/"nope" is not in the dataset/);
  });

  it('cancellation: returns the cancelled message; progress phases arrive in order', async () => {
    const phases: string[] = [];
    let calls = 0;
    const r = await runScenario({ series: metrics(), datasetName: 'shop.csv' }, emptyScenario('t'), kernels, {
      onProgress: (p) => phases.push(p.phase), isCancelled: () => ++calls > 2,
    });
    expect(r).toBe(SCENARIO_CANCELLED);
    expect(phases).toEqual(['model', 'replay with policies', 'replay without policies']);
    const all: string[] = [];
    await runScenario({ series: metrics(), datasetName: 'shop.csv' }, emptyScenario('t'), kernels, { onProgress: (p) => all.push(p.phase) });
    expect(all.at(-1)).toBe('done');
  });

  it('SLO alerts through the hook: an error-rate threshold SLO fires during a crash and burns budget', async () => {
    const r = await run([{ ...window, kind: 'service-crash', downtimeMs: 20 * MIN }], {
      slos: [{ name: 'shop-errors', sli: { kind: 'threshold', series: { metric: 'error_rate_pct', matchers: [] }, op: '<=', threshold: 5 }, objective: 0.99, timeWindow: { kind: 'rolling', ms: 3 * 3600_000 }, budgetingMethod: 'Occurrences' }],
    });
    const slo = r.scorecard.slo![0];
    expect(slo.alerts.length).toBeGreaterThan(0);
    expect(slo.budgetBurnedPct).toBeGreaterThan(100);
    expect(r.scorecard.faults[0].sloAlertsDuring).toEqual(['shop-errors']);
  });
});

describe('runScenario on a trace dataset', () => {
  it('uses the call graph from the spans; policies compared with and without', async () => {
    // Replayed spans of the shop topology serve as a recorded trace set.
    const rec = replay(shopTopology({ endMs: START + 120_000, ratePerS: 20, startMs: START }), { seed: 1, faults: [], policies: {}, traceEvery: 1 });
    const b = new TraceSetBuilder();
    const set = rec.traces!;
    for (let i = 0; i < set.spanCount; i++) {
      b.addSpan({ traceId: set.traceIds[set.traceIdx[i]], spanId: set.spanIds[i], parentSpanId: set.parentIdx[i] >= 0 ? set.spanIds[set.parentIdx[i]] : '',
        service: set.services[set.serviceIdx[i]], operation: 'op', start: set.start[i], duration: set.duration[i], status: SPAN_STATUS.ok, kind: SPAN_KIND.server });
    }
    const traces = b.finish().set;
    const scenario: Scenario = { ...emptyScenario('t', 3), faults: [{ kind: 'service-crash', targets: ['payment'], startMs: 30_000, durationMs: 30_000, downtimeMs: 30_000 }],
      policies: { 'checkout>payment': { fallback: true } } };
    const r = await runScenario({ series: [], traces, datasetName: 'shop.json' }, scenario, kernels);
    if (typeof r === 'string') throw new Error(r);
    expect(r.model.kind).toBe('traces');
    expect([...r.model.edges].sort()).toEqual(['checkout>payment', 'frontend>checkout']);
    const p = r.scorecard.policies.find((x) => x.edge === 'checkout>payment')!;
    expect(p.withoutPct).toBeGreaterThan(20);
    expect(p.withPct).toBe(0);
  });
});

describe('autoBucketMs', () => {
  it('about 30 requests a bucket, nice widths, at least 60 buckets when it can', () => {
    expect(autoBucketMs(2013, 0, 3_600_000)).toBe(60_000); // the demo traces: 0.56 requests/s
    expect(autoBucketMs(360_000, 0, 3_600_000)).toBe(10_000); // 100 requests/s
    expect(autoBucketMs(10, 0, 3_600_000)).toBe(60_000); // sparse: capped at span / 60
  });
});
