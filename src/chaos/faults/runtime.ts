// Faults as the engine applies them per call and per service at a simulated time: network delay, loss and
// partition on an edge; down / warm-up / CPU / hang / pool capacity / memory per service; wrong responses.

import type { ChaosModel } from '../model';
import type { Rng } from '../rng';
import { faultWindow, type Direction, type Fault } from './types';

interface Active {
  fault: Fault;
  start: number;
  end: number;
  /** 1 for a service in targets (group A), 2 for group B of a partition. */
  mask: Uint8Array;
  rng: Rng;
  /** Last correlated uniform (netem-style correlation). */
  last: number;
  /** Cascading failure: time from which each service is affected (Infinity: never). */
  affectedFrom?: Float64Array;
}

/** Outcome of the network path of one call attempt: extra delay, and whether it fails after that delay. */
export interface NetworkOutcome {
  delayMs: number;
  fails: boolean;
}

const matchesDirection = (d: Direction | undefined, a: Active, caller: number, callee: number): boolean => {
  const dir = d ?? 'to';
  return ((dir === 'to' || dir === 'both') && a.mask[callee] === 1) || ((dir === 'from' || dir === 'both') && a.mask[caller] === 1);
};

/** Upstream BFS from `root` over the model's edges: when each caller is reached (seeded coin per service). */
function cascadeReach(model: ChaosModel, root: number, start: number, delay: number, p: number, maxDepth: number, rng: Rng): Float64Array {
  const when = new Float64Array(model.services.length).fill(Infinity);
  when[root] = start;
  let frontier = [root];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: number[] = [];
    for (const callee of frontier) {
      for (const e of model.edges) {
        if (e.callee !== callee || when[e.caller] !== Infinity) continue;
        const coin = rng.derive(`cascade:${model.services[e.caller]}`).uniform();
        if (coin < p) {
          when[e.caller] = start + depth * delay;
          next.push(e.caller);
        }
      }
    }
    frontier = next;
  }
  return when;
}

export class FaultRuntime {
  readonly active: Active[];
  private readonly out: NetworkOutcome = { delayMs: 0, fails: false };

  constructor(faults: readonly Fault[], readonly model: ChaosModel, rng: Rng) {
    const seen = new Map<string, number>();
    this.active = faults.map((fault) => {
      const base = `${fault.kind}:${fault.targets.join(',')}:${fault.startMs}`;
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      const { start, end } = faultWindow(fault, model.startMs);
      const mask = new Uint8Array(model.services.length);
      for (const t of fault.targets) mask[model.services.indexOf(t)] = 1;
      if (fault.kind === 'network-partition') for (const t of fault.groupB) mask[model.services.indexOf(t)] = 2;
      const a: Active = { fault, start, end, mask, rng: rng.derive(`fault:${base}#${k}`), last: 0 };
      if (fault.kind === 'cascading-failure') {
        a.affectedFrom = cascadeReach(model, model.services.indexOf(fault.targets[0]), start, fault.propagationDelayMs ?? 1000,
          fault.propagationProbability ?? 1, fault.maxDepth ?? 8, a.rng);
      }
      return a;
    });
  }

  private applies(a: Active, t: number): boolean {
    return t >= a.start && t < a.end && (a.fault.probability === undefined || a.rng.chance(a.fault.probability));
  }

  private correlated(a: Active, pct: number | undefined): number {
    const rho = (pct ?? 0) / 100;
    const u = rho * a.last + (1 - rho) * a.rng.uniform();
    a.last = u;
    return u;
  }

  /** Network effects on a call attempt caller → callee sent at t (reused object: read before the next call). */
  network(caller: number, callee: number, t: number): NetworkOutcome {
    const o = this.out;
    o.delayMs = 0;
    o.fails = false;
    for (const a of this.active) {
      const f = a.fault;
      if (t < a.start || t >= a.end) continue;
      if (f.kind === 'network-partition') {
        const dir = f.direction ?? 'to';
        const aToB = a.mask[caller] === 1 && a.mask[callee] === 2 && dir !== 'from';
        const bToA = a.mask[caller] === 2 && a.mask[callee] === 1 && dir !== 'to';
        if ((aToB || bToA) && this.applies(a, t)) {
          o.delayMs += f.connectTimeoutMs ?? 3000;
          o.fails = true;
        }
      } else if (f.kind === 'network-latency') {
        if (!matchesDirection(f.direction, a, caller, callee) || !this.applies(a, t)) continue;
        const jitter = f.jitterMs ?? 0;
        o.delayMs += Math.max(0, f.latencyMs + (2 * this.correlated(a, f.correlationPct) - 1) * jitter);
      } else if (f.kind === 'packet-loss') {
        if (!matchesDirection(f.direction, a, caller, callee) || !this.applies(a, t)) continue;
        const p = f.lossPct / 100;
        let rto = f.retransmitMs ?? 200;
        const max = f.maxRetransmits ?? 3;
        let lost = 0;
        while (this.correlated(a, f.correlationPct) < p) {
          o.delayMs += rto;
          rto *= 2;
          if (++lost > max) {
            o.fails = true;
            break;
          }
        }
      }
    }
    return o;
  }

  /** Whether service s refuses connections at t (crashed, or restarting after an out-of-memory kill). */
  down(s: number, t: number): boolean {
    for (const a of this.active) {
      if (a.mask[s] !== 1 || t < a.start || t >= a.end) continue;
      const f = a.fault;
      if (f.kind === 'service-crash') {
        const phase = f.repeatIntervalMs ? (t - a.start) % f.repeatIntervalMs : t - a.start;
        if (phase < f.downtimeMs) return true;
      } else if (f.kind === 'memory-leak') {
        const grow = ((f.oomAtMB - (f.baseMB ?? 256)) / f.leakRateMBps) * 1000;
        if (grow >= 0 && (t - a.start) % (grow + (f.restartDelayMs ?? 5000)) >= grow) return true;
      }
    }
    return false;
  }

  /** Memory in MB of service s at t under a leak (NaN when no leak targets it). */
  memoryMB(s: number, t: number): number {
    for (const a of this.active) {
      const f = a.fault;
      if (f.kind !== 'memory-leak' || a.mask[s] !== 1) continue;
      const base = f.baseMB ?? 256;
      if (t < a.start || t >= a.end) return base;
      const grow = ((f.oomAtMB - base) / f.leakRateMBps) * 1000;
      const phase = (t - a.start) % (grow + (f.restartDelayMs ?? 5000));
      return phase >= grow ? 0 : base + (f.leakRateMBps * phase) / 1000;
    }
    return NaN;
  }

  /** Multiplier and extra ms of service s's work started at t (CPU queueing, restart warm-up, cascade root hang). */
  work(s: number, t: number, ms: number): number {
    let out = ms;
    for (const a of this.active) {
      if (a.mask[s] !== 1 || t < a.start || t >= a.end) continue;
      const f = a.fault;
      if (f.kind === 'cpu-spike') {
        if (this.applies(a, t)) out /= Math.max(0.05, 1 - f.loadPct / 100 / (f.cores ?? 1));
      } else if (f.kind === 'service-crash' && f.restartWarmupMs) {
        const phase = (f.repeatIntervalMs ? (t - a.start) % f.repeatIntervalMs : t - a.start) - f.downtimeMs;
        if (phase >= 0 && phase < f.restartWarmupMs) out *= (f.warmupFactor ?? 3) - ((f.warmupFactor ?? 3) - 1) * (phase / f.restartWarmupMs);
      } else if (f.kind === 'cascading-failure' && s === this.model.services.indexOf(f.targets[0])) {
        if (this.applies(a, t)) out += f.hangMs;
      }
    }
    return out;
  }

  /** CPU load percent a stress fault adds to service s at t (0 when none). */
  cpuLoad(s: number, t: number): number {
    let load = 0;
    for (const a of this.active) if (a.fault.kind === 'cpu-spike' && a.mask[s] === 1 && t >= a.start && t < a.end) load += a.fault.loadPct;
    return load;
  }

  /** Share of service s's worker pool usable at t (cascading failure holds the rest). */
  poolShare(s: number, t: number): number {
    let share = 1;
    for (const a of this.active) {
      if (a.affectedFrom && t >= a.affectedFrom[s] && t < a.end && a.fault.kind === 'cascading-failure') share *= 1 - (a.fault.poolExhaustionPct ?? 80) / 100;
    }
    return share;
  }

  /** A byzantine replacement for a response of service s at t: 0 none, else the replaced status. */
  byzantine(s: number, t: number): number {
    for (const a of this.active) {
      const f = a.fault;
      if (f.kind !== 'byzantine' || a.mask[s] !== 1 || t < a.start || t >= a.end) continue;
      if (this.applies(a, t) && a.rng.uniform32() < f.wrongStatusPct / 100) return f.replaceStatus ?? 500;
    }
    return 0;
  }
}
