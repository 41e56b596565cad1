import { describe, expect, it } from 'vitest';
import { runReplay, type ReplayConfig, type ReplayResult } from '../../src/chaos/engine';
import type { Fault } from '../../src/chaos/faults/types';
import { validateFaults } from '../../src/chaos/faults/validate';
import { shopTopology } from '../../src/chaos/topology';

const model = shopTopology();
const WINDOW = { startMs: 120000, durationMs: 120000 };

function run(faults: Fault[], over: Partial<ReplayConfig> = {}): ReplayResult {
  const r = runReplay(model, { seed: 1, faults, policies: {}, ...over });
  if (typeof r === 'string') throw new Error(r);
  return r;
}
/** Value of a replayed series in the bucket starting at tMs. */
function at(r: ReplayResult, name: string, service: string, tMs: number): number {
  const s = r.series.find((x) => x.name === name && x.labels.service === service);
  if (!s) throw new Error(`no ${name}{${service}}`);
  return s.v[s.t.indexOf(tMs)];
}
const errors = (r: ReplayResult, svc: string, t: number): number => at(r, 'chaos_error_rate_pct', svc, t);
const p50 = (r: ReplayResult, svc: string, t: number): number => at(r, 'chaos_latency_p50_ms', svc, t);

describe('fault kinds on frontend → checkout → payment (100 req/s, fault from 2 to 4 min)', () => {
  const base = run([]);

  it('baseline: no errors, checkout takes 5 + 10 ms', () => {
    expect(errors(base, 'frontend', 150000)).toBe(0);
    expect(p50(base, 'checkout', 150000)).toBeGreaterThan(14);
    expect(p50(base, 'checkout', 150000)).toBeLessThan(16.5);
    expect(at(base, 'chaos_requests_per_s', 'frontend', 150000)).toBe(100);
  });

  it('network latency adds latency ± jitter to calls into the target, only inside the window', () => {
    const r = run([{ kind: 'network-latency', targets: ['payment'], ...WINDOW, latencyMs: 300, jitterMs: 50 }]);
    expect(p50(r, 'checkout', 150000)).toBeGreaterThan(280);
    expect(p50(r, 'checkout', 150000)).toBeLessThan(350);
    expect(p50(r, 'checkout', 60000)).toBeLessThan(16.5);
    const from = run([{ kind: 'network-latency', targets: ['payment'], ...WINDOW, latencyMs: 300, direction: 'from' }]);
    expect(p50(from, 'checkout', 150000)).toBeLessThan(16.5); // payment calls nobody
  });

  it('packet loss: retransmit delays, and failures past maxRetransmits', () => {
    const all = run([{ kind: 'packet-loss', targets: ['payment'], ...WINDOW, lossPct: 100, maxRetransmits: 2 }]);
    expect(errors(all, 'frontend', 150000)).toBe(100);
    expect(p50(all, 'checkout', 150000)).toBeGreaterThan(1300); // 200 + 400 + 800 ms of retransmits
    const some = run([{ kind: 'packet-loss', targets: ['payment'], ...WINDOW, lossPct: 30 }]);
    expect(errors(some, 'frontend', 150000)).toBeLessThan(5);
    expect(at(some, 'chaos_latency_p95_ms', 'checkout', 150000)).toBeGreaterThan(200);
  });

  it('service crash: down for the downtime every repeat interval, slower while warming up', () => {
    const r = run([{ kind: 'service-crash', targets: ['payment'], ...WINDOW, downtimeMs: 30000, repeatIntervalMs: 60000, restartWarmupMs: 20000, warmupFactor: 5 }]);
    expect(errors(r, 'frontend', 120000)).toBeGreaterThan(99); // a request of 119.99 s finishing after 120 s is in this bucket too
    expect(errors(r, 'frontend', 140000)).toBe(100);
    expect(errors(r, 'frontend', 160000)).toBe(0);
    expect(p50(r, 'checkout', 150000)).toBeGreaterThan(30); // warm-up: payment's 10 ms × up to 5
    expect(errors(r, 'frontend', 180000)).toBeGreaterThan(99);
    expect(errors(r, 'frontend', 250000)).toBe(0);
    expect(at(r, 'chaos_requests_per_s', 'payment', 130000)).toBe(0); // a crashed service reports nothing
  });

  it('cascading failure: the root hangs, callers run out of workers, the entry sees queueing and 503s', () => {
    const r = run([{ kind: 'cascading-failure', targets: ['payment'], ...WINDOW, hangMs: 1000, propagationDelayMs: 10000, poolExhaustionPct: 80 }],
      { workersPerService: 50, queueLimit: 100 });
    expect(at(r, 'chaos_latency_p99_ms', 'checkout', 200000)).toBeGreaterThan(1000);
    expect(errors(r, 'frontend', 200000)).toBeGreaterThan(10);
    expect(errors(r, 'frontend', 60000)).toBe(0);
  });

  it('byzantine: a fraction of responses get an error status, or a wrong value with a 2xx status', () => {
    const r = run([{ kind: 'byzantine', targets: ['payment'], ...WINDOW, wrongStatusPct: 40 }]);
    expect(errors(r, 'frontend', 150000)).toBeGreaterThan(30);
    expect(errors(r, 'frontend', 150000)).toBeLessThan(50);
    const silent = run([{ kind: 'byzantine', targets: ['payment'], ...WINDOW, wrongStatusPct: 40, replaceStatus: 200 }]);
    expect(errors(silent, 'frontend', 150000)).toBe(0);
    expect(at(silent, 'chaos_wrong_responses', 'payment', 150000)).toBeGreaterThan(300);
  });

  it('memory leak: linear growth to the OOM limit, then crash and restart', () => {
    const r = run([{ kind: 'memory-leak', targets: ['payment'], ...WINDOW, baseMB: 100, leakRateMBps: 10, oomAtMB: 400, restartDelayMs: 10000 }]);
    expect(at(r, 'chaos_memory_mb', 'payment', 60000)).toBe(100);
    expect(at(r, 'chaos_memory_mb', 'payment', 140000)).toBe(300); // 20 s × 10 MB/s
    expect(at(r, 'chaos_memory_mb', 'payment', 150000)).toBe(0); // 30 s: OOM-killed, restarting
    expect(errors(r, 'frontend', 150000)).toBeGreaterThan(99);
    expect(errors(r, 'frontend', 160000)).toBe(0);
  });

  it('CPU spike: load inflates work time as 1 / (1 − load) and shows in the CPU series', () => {
    const r = run([{ kind: 'cpu-spike', targets: ['payment'], ...WINDOW, loadPct: 90 }]);
    expect(p50(r, 'checkout', 150000)).toBeGreaterThan(95); // 5 + 10 / 0.1
    expect(p50(r, 'checkout', 60000)).toBeLessThan(16.5);
    expect(at(r, 'chaos_cpu_pct', 'payment', 150000)).toBeGreaterThan(90);
    expect(at(base, 'chaos_cpu_pct', 'payment', 150000)).toBeLessThan(30);
  });

  it('data corruption: NaN, missing, duplicated and out-of-order points inside the window only', () => {
    const series = (r: ReplayResult) => r.series.find((s) => s.name === 'chaos_requests_per_s' && s.labels.service === 'checkout')!;
    const nan = series(run([{ kind: 'data-corruption', targets: ['checkout'], ...WINDOW, nanPct: 100 }]));
    expect(nan.v.filter(Number.isNaN).length).toBe(12);
    expect(series(base).v.filter(Number.isNaN).length).toBe(0);
    expect(series(run([{ kind: 'data-corruption', targets: ['checkout'], ...WINDOW, missingPct: 100 }])).t.length).toBe(60 - 12);
    expect(series(run([{ kind: 'data-corruption', targets: ['checkout'], ...WINDOW, duplicatePct: 100 }])).t.length).toBe(60 + 12);
    const ooo = series(run([{ kind: 'data-corruption', targets: ['checkout'], ...WINDOW, outOfOrderPct: 100 }]));
    let backwards = 0;
    for (let i = 1; i < ooo.t.length; i++) if (ooo.t[i] < ooo.t[i - 1]) backwards++;
    expect(backwards).toBeGreaterThan(0);
  });

  it('clock skew: the targets\' timestamps move by offset + drift inside the window, spans too', () => {
    const r = run([{ kind: 'clock-skew', targets: ['checkout'], ...WINDOW, offsetMs: 5000, driftPpm: 1000 }], { traceEvery: 1000 });
    const t = r.series.find((s) => s.name === 'chaos_requests_per_s' && s.labels.service === 'checkout')!.t;
    expect(t[12]).toBe(120000 + 5000);
    expect(t[13]).toBe(130000 + 5000 + 10);
    expect(t[11]).toBe(110000);
    const untouched = r.series.find((s) => s.name === 'chaos_requests_per_s' && s.labels.service === 'frontend')!.t;
    expect(untouched[12]).toBe(120000);
    const traces = r.traces!;
    const skewed = Array.from({ length: traces.spanCount }, (_, i) => i).filter((i) => traces.services[traces.serviceIdx[i]] === 'checkout' && traces.start[i] > 120005e3 && traces.start[i] < 240000e3);
    expect(skewed.length).toBeGreaterThan(0);
  });

  it('network partition: calls from group A to group B hang until the connect timeout, then fail; heals at healAtMs', () => {
    const r = run([{ kind: 'network-partition', targets: ['checkout'], groupB: ['payment'], ...WINDOW, healAtMs: 180000, connectTimeoutMs: 2000 }]);
    expect(errors(r, 'frontend', 150000)).toBe(100);
    expect(p50(r, 'checkout', 150000)).toBeGreaterThan(1900);
    expect(errors(r, 'frontend', 200000)).toBe(0);
    const other = run([{ kind: 'network-partition', targets: ['checkout'], groupB: ['payment'], ...WINDOW, direction: 'from' }]);
    expect(errors(other, 'frontend', 150000)).toBe(0); // only payment → checkout calls are cut, and there are none
  });

  it('validation names the fault, the field and the accepted range', () => {
    const problems = validateFaults([
      { kind: 'network-latency', targets: ['nope'], startMs: -1, durationMs: 0, latencyMs: -5 },
      { kind: 'packet-loss', targets: ['payment'], startMs: 0, durationMs: 10, lossPct: 150 },
      { kind: 'network-partition', targets: ['payment'], groupB: ['payment'], startMs: 0, durationMs: 10 },
      { kind: 'meteor' } as unknown as Fault,
    ], model);
    expect(problems).toContain('fault 1 (network-latency): service "nope" is not in the dataset (services: frontend, checkout, payment).');
    expect(problems).toContain('fault 1 (network-latency): latencyMs must be a number in [0, Infinity], got -5.');
    expect(problems.some((p) => p.startsWith('fault 1 (network-latency): startMs'))).toBe(true);
    expect(problems).toContain('fault 2 (packet-loss): lossPct must be a number in [0, 100], got 150.');
    expect(problems).toContain('fault 3 (network-partition): payment is in both groups.');
    expect(problems.some((p) => p.startsWith('fault 4 (meteor): unknown kind'))).toBe(true);
    const r = runReplay(model, { seed: 1, policies: {}, faults: [{ kind: 'cpu-spike', targets: ['payment'], startMs: 0, durationMs: 1, loadPct: 101 }] });
    expect(r).toBe('The replay cannot run: fault 1 (cpu-spike): loadPct must be a number in [0, 100], got 101.');
  });
});
