// Chaos replay throughput: simulated calls/s of a 20-service graph with policies on every edge (target
// ≥ 2 M/s), wall time of a one-hour replay of a demo-like shop topology (target < 2 s), with its SHA-256 time,
// and runScenario end to end (model, two replays, detectors, SLO hook, hash) over the demo's traces and metrics.

import { replayHash } from '../src/chaos/canonical';
import { runReplay, type ReplayConfig } from '../src/chaos/engine';
import type { ChaosModel } from '../src/chaos/model';
import { DEFAULT_CIRCUIT_BREAKER, type PolicyMap } from '../src/chaos/policies/types';
import { buildTopology, layeredTopology } from '../src/chaos/topology';
import { emptyScenario, type Scenario } from '../src/chaos/scenario';
import { runScenario } from '../src/chaos/scenario-run';
import { readTelemetryFile } from '../src/cli/io';
import { loadKernelsNode } from '../src/kernels/node';
import { printTable, type BenchRow } from './table';

/** runScenario over a demo file, best of three (ms), with what it replayed. */
async function demoRun(file: string, scenario: Scenario): Promise<{ ms: number; what: string }> {
  const parsed = await readTelemetryFile(file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const kernels = await loadKernelsNode();
  const data = { series: parsed.value.series, ...(parsed.value.traces ? { traces: parsed.value.traces } : {}), datasetName: file.split('/').pop() ?? file };
  let best = Infinity;
  let what = '';
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await runScenario(data, scenario, kernels);
    best = Math.min(best, performance.now() - t0);
    if (typeof r === 'string') throw new Error(r);
    what = `${r.model.kind}: ${r.model.services.length} services, ${r.withPolicies.requests} requests, ${r.withPolicies.series.length} replayed series`;
  }
  return { ms: best, what };
}

const policiesOnEveryEdge = (m: ChaosModel): PolicyMap =>
  Object.fromEntries(m.edges.map((e) => [`${m.services[e.caller]}>${m.services[e.callee]}`, {
    timeoutMs: 250,
    retry: { maxAttempts: 3, backoff: { kind: 'aws-full' as const, baseMs: 5, capMs: 200 } },
    circuitBreaker: { ...DEFAULT_CIRCUIT_BREAKER, minimumNumberOfCalls: 20, slidingWindowSize: 50, waitDurationInOpenStateMs: 5000 },
    bulkhead: { maxConcurrentCalls: 100, maxWaitDurationMs: 0 },
    fallback: true,
  }]));

function timeRun(model: ChaosModel, config: ReplayConfig): { ms: number; calls: number; events: number } {
  let best = Infinity;
  let calls = 0;
  let events = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = runReplay(model, config);
    const ms = performance.now() - t0;
    if (typeof r === 'string') throw new Error(r);
    calls = r.simulatedCalls;
    events = r.events;
    best = Math.min(best, ms);
  }
  return { ms: best, calls, events };
}

export async function run(): Promise<void> {
  const rows: BenchRow[] = [];
  const graph = layeredTopology(20, 1000, 300000, 7);
  const faults: ReplayConfig['faults'] = [{ kind: 'network-latency', targets: ['svc-04'], startMs: 60000, durationMs: 60000, latencyMs: 300, jitterMs: 100 },
    { kind: 'service-crash', targets: ['svc-09'], startMs: 150000, durationMs: 60000, downtimeMs: 30000 }];
  for (const [label, policies] of [['policies on every edge', policiesOnEveryEdge(graph)], ['no policies', {}]] as const) {
    const r = timeRun(graph, { seed: 1, faults, policies });
    rows.push({ name: `20-service graph, 1000 req/s × 5 min, 2 faults`, impl: label, input: `${(r.calls / 1e6).toFixed(2)} M calls`,
      throughput: `${(r.calls / r.ms / 1000).toFixed(2)} M calls/s`, memory: '', note: `${r.ms.toFixed(0)} ms, ${(r.events / 1e6).toFixed(2)} M events; target ≥ 2 M calls/s` });
  }
  const shop = buildTopology({
    services: ['frontend', 'checkout', 'cart', 'payment', 'inventory', 'shipping', 'email', 'ads'],
    edges: [['frontend', 'cart', 3], ['frontend', 'ads', 2, 0.5], ['frontend', 'checkout', 6, 0.3], ['checkout', 'cart', 3], ['checkout', 'inventory', 4, 1, 2],
      ['checkout', 'payment', 12], ['checkout', 'shipping', 5], ['checkout', 'email', 2, 0.8]],
    entries: [['frontend', 2]], ratePerS: 100, startMs: 0, endMs: 3600000, arrivals: 'poisson', latency: 'exponential', seed: 3,
  });
  const config: ReplayConfig = { seed: 42, policies: policiesOnEveryEdge(shop), traceEvery: 100,
    faults: [{ kind: 'service-crash', targets: ['payment'], startMs: 1200000, durationMs: 300000, downtimeMs: 120000 }] };
  const r = timeRun(shop, config);
  const result = runReplay(shop, config);
  if (typeof result === 'string') throw new Error(result);
  const t0 = performance.now();
  await replayHash(result);
  const hashMs = performance.now() - t0;
  rows.push({ name: 'one-hour replay, demo-like shop (8 services, 100 req/s, crash)', impl: 'policies on, 1 % traced', input: `${(r.calls / 1e6).toFixed(2)} M calls`,
    throughput: `${(r.ms / 1000).toFixed(2)} s`, memory: '', note: `SHA-256 of results ${hashMs.toFixed(0)} ms; target < 2 s` });
  const minute = 60_000;
  const traces = await demoRun('public/demo/service-traces.json.gz', {
    ...emptyScenario('bench', 7), faults: [{ kind: 'service-crash', targets: ['payment'], startMs: 20 * minute, durationMs: 10 * minute, downtimeMs: 10 * minute }],
    policies: { 'checkout>payment': { timeoutMs: 1000, retry: { maxAttempts: 3, backoff: { kind: 'aws-full', baseMs: 50, capMs: 1000 } }, circuitBreaker: { ...DEFAULT_CIRCUIT_BREAKER, minimumNumberOfCalls: 20, slidingWindowSize: 50 }, fallback: true } },
  });
  rows.push({ name: 'one-hour replay of the demo traces (runScenario: model, 2 replays, detectors, hash)', impl: 'crash + policies', input: traces.what,
    throughput: `${(traces.ms / 1000).toFixed(2)} s`, memory: '', note: 'target < 2 s' });
  const metrics = await demoRun('public/demo/service-metrics.csv', {
    ...emptyScenario('bench', 7), faults: [{ kind: 'service-crash', targets: ['service-metrics'], startMs: 600 * minute, durationMs: 30 * minute, downtimeMs: 30 * minute },
      { kind: 'network-latency', targets: ['service-metrics'], startMs: 1200 * minute, durationMs: 60 * minute, latencyMs: 300, jitterMs: 100 }],
  });
  rows.push({ name: 'three-day replay of the demo metrics (runScenario, per-series model)', impl: 'crash + latency', input: metrics.what,
    throughput: `${(metrics.ms / 1000).toFixed(2)} s`, memory: '', note: '' });
  printTable('Chaos replay', rows);
}
