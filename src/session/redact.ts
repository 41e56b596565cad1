// Redaction on export: every label and attribute value becomes a stable pseudonym per key, numbered in order
// of first appearance ("service-1", "region-2"); service names share one namespace across series labels and
// name prefixes, span services, the dataset name and the scenario (targets, edges, SLOs), so it still replays.

import { datasetService, serviceOfSeries } from '../chaos/from-series';
import type { Scenario } from '../chaos/scenario';
import type { SeriesSelector } from '../analysis/slo/selector';
import type { Series } from '../model/series';
import type { TraceSet } from '../model/traces';

/** Label and attribute keys whose values are service names (one pseudonym space, "service-N"). */
const SERVICE_KEYS = new Set(['service', 'service.name', 'service_name', 'peer.service', 'job', 'app', 'application']);

/** Pseudonyms per namespace, numbered in order of first appearance. */
export class Pseudonyms {
  private readonly spaces = new Map<string, Map<string, string>>();

  private space(key: string): string {
    return SERVICE_KEYS.has(key) ? 'service' : key;
  }

  /** The pseudonym of `value` under `key` (the same value under the same key: the same pseudonym). */
  of(key: string, value: string): string {
    const space = this.space(key);
    let m = this.spaces.get(space);
    if (!m) this.spaces.set(space, (m = new Map()));
    let p = m.get(value);
    if (p === undefined) m.set(value, (p = `${space.replace(/[^A-Za-z0-9_.-]/g, '_') || 'value'}-${m.size + 1}`));
    return p;
  }

  service(name: string): string {
    return this.of('service', name);
  }

  /** The pseudonym already given to `value` under `key`, or undefined. */
  known(key: string, value: string): string | undefined {
    return this.spaces.get(this.space(key))?.get(value);
  }
}

export interface Redacted {
  series: Series[];
  traces?: TraceSet;
  scenario: Scenario;
  /** The dataset's new name: the pseudonym of the service a metrics-only replay names after the dataset. */
  datasetName: string;
}

/**
 * Labels become pseudonyms; a series without a service label whose name starts with a service ("cart.latency",
 * the replay's rule) gets that prefix rewritten too, so the replay still finds its service.
 */
function redactSeries(series: readonly Series[], p: Pseudonyms): Series[] {
  return series.map((s) => {
    const labels: Record<string, string> = {};
    for (const k of Object.keys(s.labels).sort()) labels[k] = p.of(k, s.labels[k]);
    const { help: _help, ...rest } = s;
    const prefix = serviceOfSeries({ name: s.name, labels: {} }, '');
    const fromName = prefix !== '' && serviceOfSeries(s, '') === prefix && !Object.values(s.labels).includes(prefix);
    return { ...rest, name: fromName ? p.service(prefix) + s.name.slice(prefix.length) : s.name, labels };
  });
}

/** A copy of the trace set whose string table holds keys, event and status pseudonyms only (no old value stays behind). */
function redactTraces(set: TraceSet, p: Pseudonyms): TraceSet {
  const d = set.details;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const services = set.services.map((s) => p.service(s));
  /** Key and value columns of attribute rows: keys kept, values replaced by their pseudonyms. */
  const pairs = (keys: Uint32Array, values: Uint32Array): [Uint32Array, Uint32Array] => {
    const k2 = Uint32Array.from(keys, (k) => intern(d.strings[k]));
    const v2 = values.map((v, a) => intern(p.of(d.strings[keys[a]], d.strings[v])));
    return [k2, v2];
  };
  const [attrKey, attrValue] = pairs(d.attrKey, d.attrValue);
  const eventName = Uint32Array.from(d.eventName, (i) => intern(d.strings[i]));
  const [eventAttrKey, eventAttrValue] = pairs(d.eventAttrKey, d.eventAttrValue);
  const statusMessage = Int32Array.from(d.statusMessage, (i) => (i < 0 ? -1 : intern(p.of('status.message', d.strings[i]))));
  return {
    ...set,
    services,
    traceIdx: set.traceIdx.slice(), spanIdx: set.spanIdx.slice(), parentIdx: set.parentIdx.slice(), parentSpanIdx: set.parentSpanIdx.slice(),
    serviceIdx: set.serviceIdx.slice(), operationIdx: set.operationIdx.slice(), start: set.start.slice(), duration: set.duration.slice(),
    status: set.status.slice(), kind: set.kind.slice(),
    details: { ...d, strings, attrKey, attrValue, eventName, eventAttrKey, eventAttrValue, statusMessage },
  };
}

function redactSelector(sel: SeriesSelector, p: Pseudonyms): SeriesSelector {
  // Exact matchers are rewritten; a regex cannot be, and is kept (it may no longer match: the UI says so).
  return { ...sel, matchers: sel.matchers.map((m) => (m.op === '=' || m.op === '!=' ? { ...m, value: p.of(m.label, m.value) } : m)) };
}

function redactScenario(s: Scenario, p: Pseudonyms): Scenario {
  const faults = s.faults.map((f) => (f.kind === 'network-partition'
    ? { ...f, targets: f.targets.map((t) => p.service(t)), groupB: f.groupB.map((t) => p.service(t)) }
    : { ...f, targets: f.targets.map((t) => p.service(t)) }));
  const policies: Scenario['policies'] = {};
  for (const [key, policy] of Object.entries(s.policies)) {
    const [caller, callee] = key.split('>');
    policies[`${p.service(caller)}>${p.service(callee)}`] = policy;
  }
  const slos = s.slos.map((slo) => {
    const sli = slo.sli.kind === 'threshold'
      ? { ...slo.sli, series: redactSelector(slo.sli.series, p) }
      : { ...slo.sli, events: slo.sli.events.from === 'counters'
        ? { ...slo.sli.events, total: redactSelector(slo.sli.events.total, p), ...(slo.sli.events.good ? { good: redactSelector(slo.sli.events.good, p) } : {}), ...(slo.sli.events.bad ? { bad: redactSelector(slo.sli.events.bad, p) } : {}) }
        : slo.sli.events.from === 'histogram'
          ? { ...slo.sli.events, buckets: redactSelector(slo.sli.events.buckets, p) }
          : { ...slo.sli.events, ...(slo.sli.events.service !== undefined ? { service: p.service(slo.sli.events.service) } : {}) } };
    const { displayName: _d, description: _e, ...rest } = slo;
    return { ...rest, name: p.of('slo', slo.name), sli, ...(slo.service !== undefined ? { service: p.service(slo.service) } : {}) };
  });
  return { ...s, name: 'redacted scenario', faults, policies, slos };
}

/**
 * Redacts data and scenario together: series labels first (in series order), then span services and
 * attributes, then the scenario, so pseudonyms follow the data's own order of first appearance.
 */
export function redact(series: readonly Series[], traces: TraceSet | undefined, scenario: Scenario, datasetName: string): Redacted {
  const p = new Pseudonyms();
  const out: Redacted = { series: redactSeries(series, p), scenario, datasetName: '' };
  if (traces) out.traces = redactTraces(traces, p);
  out.datasetName = p.service(datasetService(datasetName));
  out.scenario = redactScenario(scenario, p);
  return out;
}
