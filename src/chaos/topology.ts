// Synthetic models for tests, benchmarks and metrics-only datasets: a named call graph with constant or
// exponential work times and a steady (Poisson or evenly spaced) arrival stream, built deterministically.

import type { ChaosModel } from './model';
import { Rng } from './rng';

export interface TopologySpec {
  services: string[];
  /** [caller, callee, selfMs (mean), callProbability?, fanOut?] by service name. */
  edges: [string, string, number, number?, number?][];
  /** Entry service name and its own work time (mean ms). */
  entries: [string, number][];
  /** Requests per second over [startMs, endMs), spread over the entries in turn. */
  ratePerS: number;
  startMs: number;
  endMs: number;
  /** 'even': one request every 1000/rate ms; 'poisson': exponential gaps from `seed`. */
  arrivals?: 'even' | 'poisson';
  /** Work times: 'constant' (every sample the mean) or 'exponential' (64 samples, seeded). */
  latency?: 'constant' | 'exponential';
  seed?: number;
}

function samples(mean: number, kind: 'constant' | 'exponential', rng: Rng): Float64Array {
  if (kind === 'constant') return Float64Array.of(mean);
  const out = new Float64Array(64);
  for (let i = 0; i < out.length; i++) out[i] = rng.exponential(mean);
  return out.sort();
}

/** Builds a model from a spec; throws RangeError on an unknown service name. */
export function buildTopology(spec: TopologySpec): ChaosModel {
  const rng = new Rng(spec.seed ?? 1);
  const kind = spec.latency ?? 'constant';
  const idx = (name: string): number => {
    const i = spec.services.indexOf(name);
    if (i < 0) throw new RangeError(`Topology names service "${name}", which is not in its service list.`);
    return i;
  };
  const edges = spec.edges.map(([a, b, ms, p, f]) => ({
    caller: idx(a), callee: idx(b), selfMs: samples(ms, kind, rng), callProbability: p ?? 1, fanOut: f ?? 1, errorRate: 0,
  }));
  const entries = spec.entries.map(([s, ms]) => ({ service: idx(s), selfMs: samples(ms, kind, rng), errorRate: 0 }));
  const times: number[] = [];
  const gap = 1000 / spec.ratePerS;
  for (let t = spec.startMs; t < spec.endMs; t += spec.arrivals === 'poisson' ? rng.exponential(gap) : gap) times.push(t);
  const arrivalEntry = new Uint32Array(times.length);
  for (let i = 0; i < times.length; i++) arrivalEntry[i] = i % entries.length;
  return { services: [...spec.services], edges, entries, arrivalMs: Float64Array.from(times), arrivalEntry, startMs: spec.startMs, endMs: spec.endMs };
}

/** frontend → checkout → payment with 2 / 5 / 10 ms of work: the small known topology of the tests. */
export function shopTopology(over: Partial<TopologySpec> = {}): ChaosModel {
  return buildTopology({
    services: ['frontend', 'checkout', 'payment'],
    edges: [['frontend', 'checkout', 5], ['checkout', 'payment', 10]],
    entries: [['frontend', 2]],
    ratePerS: 100, startMs: 0, endMs: 600000, ...over,
  });
}

/** A layered graph of `n` services (entry → 3 tiers → leaves), each service calling up to two of the next tier. */
export function layeredTopology(n: number, ratePerS: number, durationMs: number, seed = 1): ChaosModel {
  const services = Array.from({ length: n }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
  const edges: TopologySpec['edges'] = [];
  for (let i = 1; i < n; i++) edges.push([services[Math.floor((i - 1) / 2)], services[i], 1 + (i % 5), 0.9, 1]);
  return buildTopology({ services, edges, entries: [[services[0], 1]], ratePerS, startMs: 0, endMs: durationMs, arrivals: 'poisson', latency: 'exponential', seed });
}
