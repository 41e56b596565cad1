// Replay of a metrics-only dataset: every recorded point is replayed under the faults active at its time
// (the engine's FaultRuntime), so replayed series keep the recorded names and are comparable point by point.

import type { Series } from '../model/series';
import type { ReplayConfig, ReplayResult } from './engine/types';
import { FaultRuntime } from './faults/runtime';
import { applyTelemetryFaults } from './faults/telemetry';
import { faultWindow, type Fault } from './faults/types';
import { validateFaults } from './faults/validate';
import { serviceShell, type SeriesModel } from './from-series';
import { Rng } from './rng';

/** Calls sampled per point to estimate network delay, loss and wrong responses. */
const SAMPLES = 8;

/** What the faults do to one service at one instant. */
interface PointState {
  down: boolean;
  /** Multiplier of the service's own latency (CPU queueing, warm-up). */
  latencyFactor: number;
  /** Added latency, ms (network delay, retransmits, hang, partition connect timeouts). */
  extraMs: number;
  /** Share of requests failing because of faults, 0-1. */
  errorShare: number;
  /** Share of the request rate still served, 0-1 (pool exhaustion). */
  served: number;
  cpuLoad: number;
  /** Memory under a leak, MB (NaN when no leak); 0 while restarting. */
  memoryMB: number;
  memoryBaseMB: number;
}

const IDLE: PointState = { down: false, latencyFactor: 1, extraMs: 0, errorShare: 0, served: 1, cpuLoad: 0, memoryMB: NaN, memoryBaseMB: NaN };

/** Whether fault f can touch service s at all (its targets, a partition's group B, every service for a cascade). */
function touches(f: Fault, service: string): boolean {
  if (f.kind === 'cascading-failure') return true;
  if (f.kind === 'network-partition' && f.groupB.includes(service)) return true;
  return f.targets.includes(service);
}

class SeriesFaults {
  private readonly runtime: FaultRuntime;
  private readonly windows: { start: number; end: number; services: Uint8Array }[];
  private readonly cache: Map<number, PointState>[];

  constructor(readonly m: SeriesModel, readonly faults: readonly Fault[], root: Rng) {
    const shell = serviceShell(m);
    this.runtime = new FaultRuntime(faults, shell, root);
    this.windows = faults.map((f) => ({ ...faultWindow(f, m.startMs), services: Uint8Array.from(m.services, (s) => (touches(f, s) ? 1 : 0)) }));
    this.cache = m.services.map(() => new Map());
  }

  /** The state of service s at t (computed once per service and instant, in the order first asked). */
  at(s: number, t: number): PointState {
    if (!this.windows.some((w) => w.services[s] && t >= w.start && t < w.end) && !this.leaks(s)) return IDLE;
    const hit = this.cache[s].get(t);
    if (hit) return hit;
    const st = this.compute(s, t);
    this.cache[s].set(t, st);
    return st;
  }

  private leaks(s: number): boolean {
    return this.faults.some((f) => f.kind === 'memory-leak' && f.targets.includes(this.m.services[s]));
  }

  private compute(s: number, t: number): PointState {
    const rt = this.runtime;
    const down = rt.down(s, t);
    const added = rt.work(s, t, 0); // the hang of a cascade root adds; CPU queueing and warm-up multiply
    const latencyFactor = Math.max(0, rt.work(s, t, 1000) - added) / 1000;
    let delay = 0;
    let fails = 0;
    let wrong = 0;
    for (let k = 0; k < SAMPLES; k++) {
      const net = rt.network(s, s, t);
      delay += net.delayMs;
      if (net.fails) fails++;
      if (rt.byzantine(s, t) >= 400) wrong++;
    }
    let extraMs = added + delay / SAMPLES;
    let errorShare = 1 - (1 - fails / SAMPLES) * (1 - wrong / SAMPLES);
    const service = this.m.services[s];
    for (const f of this.faults) {
      if (f.kind !== 'network-partition') continue;
      const { start, end } = faultWindow(f, this.m.startMs);
      if (t < start || t >= end || !(f.targets.includes(service) || f.groupB.includes(service))) continue;
      const p = f.probability ?? 1;
      errorShare = 1 - (1 - errorShare) * (1 - p);
      extraMs += p * (f.connectTimeoutMs ?? 3000);
    }
    const served = rt.poolShare(s, t);
    if (served < 1) errorShare = 1 - (1 - errorShare) * served;
    const leak = this.faults.find((f) => f.kind === 'memory-leak' && f.targets.includes(service));
    return {
      down, latencyFactor, extraMs, errorShare: down ? 1 : errorShare, served: down ? 0 : served, cpuLoad: rt.cpuLoad(s, t),
      memoryMB: rt.memoryMB(s, t), memoryBaseMB: leak?.kind === 'memory-leak' ? leak.baseMB ?? 256 : NaN,
    };
  }
}

/** Requests per point of service s's first rate series at index i (when it has the same timestamps), else NaN. */
function requestsAt(m: SeriesModel, s: number, t: Float64Array, i: number): number {
  for (let j = 0; j < m.series.length; j++) {
    const r = m.series[j];
    if (m.serviceOf[j] !== s || m.roles[j] !== 'rate' || r.t.length !== t.length || r.t[i] !== t[i]) continue;
    const gap = i > 0 ? (t[i] - t[i - 1]) / 1000 : i + 1 < t.length ? (t[i + 1] - t[i]) / 1000 : 1;
    return /_total$/.test(r.name) ? Math.max(0, r.v[i] - (i > 0 ? r.v[i - 1] : r.v[i])) : r.v[i] * gap;
  }
  return NaN;
}

function replayOne(m: SeriesModel, j: number, faults: SeriesFaults, noise: Rng): Series {
  const src = m.series[j];
  const s = m.serviceOf[j];
  const role = m.roles[j];
  const scale = m.scales[j];
  const v = new Float64Array(src.v.length);
  for (let i = 0; i < v.length; i++) {
    const x = src.v[i];
    const st = faults.at(s, src.t[i]);
    if (st === IDLE) {
      v[i] = x;
      continue;
    }
    switch (role) {
      case 'rate':
        v[i] = /_total$/.test(src.name) ? x : x * st.served;
        break;
      case 'errors': {
        const full = scale === 'pct' ? 100 : 1;
        let e = st.errorShare;
        const n = requestsAt(m, s, src.t, i);
        if (e > 0 && e < 1 && n > 1) e = Math.min(1, Math.max(0, e + noise.normal(0, Math.sqrt((e * (1 - e)) / n))));
        if (scale === 'count') v[i] = x + e * (Number.isFinite(n) ? Math.max(0, n - x) : Math.max(1, x) * 10);
        else v[i] = full - (full - x) * (1 - e);
        break;
      }
      case 'latency':
        v[i] = st.down ? x : x * st.latencyFactor + (scale === 's' ? st.extraMs / 1000 : st.extraMs);
        break;
      case 'cpu': {
        const full = scale === 'pct' ? 100 : 1;
        v[i] = st.down ? 0 : Math.min(full, x + (st.cpuLoad * full) / 100);
        break;
      }
      case 'memory':
        v[i] = Number.isNaN(st.memoryMB) ? x : st.memoryMB === 0 ? 0 : x + st.memoryMB - st.memoryBaseMB;
        break;
      default:
        v[i] = x;
    }
  }
  return { ...src, labels: { ...src.labels }, t: src.t.slice(), v };
}

/** Replays a series model under the configuration's faults (policies need a call graph: a series model has none). */
export function replaySeriesModel(m: SeriesModel, config: ReplayConfig): ReplayResult | string {
  const problems = validateFaults(config.faults, serviceShell(m));
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) problems.push(`seed must be an integer in [0, 4294967295], got ${config.seed}.`);
  if (problems.length) return `The replay cannot run: ${problems.join(' ')}`;
  const root = new Rng(config.seed);
  const faults = new SeriesFaults(m, config.faults, root);
  let points = 0;
  const replayed = m.series.map((_, j) => {
    points += m.series[j].t.length;
    return replayOne(m, j, faults, root.derive(`series:${j}:${m.series[j].name}`));
  });
  // Telemetry faults match series by labels.service: give each series its model service for that step only.
  const tagged = replayed.map((s, j) => ({ ...s, labels: { ...s.labels, service: m.services[m.serviceOf[j]] } }));
  const series = applyTelemetryFaults(tagged, config.faults, m.startMs, root.derive('telemetry')).map((s, j) => ({ ...s, labels: replayed[j].labels }));
  return {
    series, edges: [], breakers: [], requests: m.requests, simulatedCalls: points, events: points,
    faultWindows: config.faults.map((f) => ({ kind: f.kind, targets: [...f.targets], ...faultWindow(f, m.startMs) })),
  };
}
