// The replay's input: services, caller → callee edges (callee work-time samples, call probability and
// fan-out, baseline error rate), entry services and the request arrival stream; plus its validation.

/** One caller → callee dependency as recorded. */
export interface ChaosEdge {
  caller: number;
  callee: number;
  /** Callee's own work time per call on this edge (span duration minus its downstream calls), ms, sorted ascending. */
  selfMs: Float64Array;
  /** Fraction of the caller's invocations that call this edge at least once. */
  callProbability: number;
  /** Mean calls per invocation that calls it (≥ 1): fan-out. */
  fanOut: number;
  /** Fraction of recorded calls on this edge whose callee span had error status. */
  errorRate: number;
}

/** A service that receives requests from outside (a root span's service). */
export interface ChaosEntry {
  service: number;
  /** Own work time per request, ms, sorted ascending. */
  selfMs: Float64Array;
  errorRate: number;
}

export interface ChaosModel {
  services: string[];
  /** Outgoing edges of each service are called in this order (the order of first appearance). */
  edges: ChaosEdge[];
  entries: ChaosEntry[];
  /** Request arrivals, ascending ms since the epoch, and the index into `entries` of each. */
  arrivalMs: Float64Array;
  arrivalEntry: Uint32Array;
  /** The replayed time range, ms. */
  startMs: number;
  endMs: number;
}

/** Readable problems of a model, empty when it can be replayed. */
export function validateModel(m: ChaosModel): string[] {
  const out: string[] = [];
  const n = m.services.length;
  if (!n) out.push('The model has no services: import traces with at least one span.');
  if (new Set(m.services).size !== n) out.push('Service names in the model are not unique.');
  m.edges.forEach((e, i) => {
    const name = `edge ${i} (${m.services[e.caller] ?? e.caller} → ${m.services[e.callee] ?? e.callee})`;
    if (!(e.caller >= 0 && e.caller < n && e.callee >= 0 && e.callee < n)) out.push(`${name} names a service outside the model.`);
    if (!e.selfMs.length) out.push(`${name} has no latency samples.`);
    if (!(e.callProbability >= 0 && e.callProbability <= 1)) out.push(`${name}: callProbability ${e.callProbability} is not in [0, 1].`);
    if (!(e.fanOut >= 1 && Number.isFinite(e.fanOut))) out.push(`${name}: fanOut ${e.fanOut} must be a finite number ≥ 1.`);
    if (!(e.errorRate >= 0 && e.errorRate <= 1)) out.push(`${name}: errorRate ${e.errorRate} is not in [0, 1].`);
  });
  m.entries.forEach((e, i) => {
    if (!(e.service >= 0 && e.service < n)) out.push(`entry ${i} names a service outside the model.`);
    if (!e.selfMs.length) out.push(`entry ${i} (${m.services[e.service]}) has no latency samples.`);
  });
  if (m.arrivalMs.length !== m.arrivalEntry.length) out.push('arrivalMs and arrivalEntry differ in length.');
  for (let i = 0; i < m.arrivalMs.length; i++) {
    if (!Number.isFinite(m.arrivalMs[i]) || (i > 0 && m.arrivalMs[i] < m.arrivalMs[i - 1])) {
      out.push(`arrival ${i} is not a finite time in ascending order.`);
      break;
    }
    if (m.arrivalEntry[i] >= m.entries.length) {
      out.push(`arrival ${i} names entry ${m.arrivalEntry[i]}, but there are ${m.entries.length}.`);
      break;
    }
  }
  if (!(m.endMs >= m.startMs)) out.push(`The time range ${m.startMs} … ${m.endMs} is empty or reversed.`);
  return out;
}

/** Index of a service by name, -1 when absent. */
export function serviceIndex(m: ChaosModel, name: string): number {
  return m.services.indexOf(name);
}
