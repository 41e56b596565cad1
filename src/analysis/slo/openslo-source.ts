// OpenSLO metricSource ↔ Faultline event sources. `spec.query` holds a series selector (PromQL-like
// `metric{label="v"}`; an outer sum(...), rate(...[w]) or increase(...[w]) is unwrapped, since Faultline
// sums matching series and takes increases itself); `spec.histogram` + `spec.threshold` names a histogram's
// _bucket series and a latency bound; `spec.spans` ({service, operation, maxDurationMs}) selects spans.

import type { EventSource } from './definition';
import { formatSelector, parseSelector, type SeriesSelector } from './selector';

export type Yaml = Record<string, unknown>;

export function isRecord(x: unknown): x is Yaml {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The `spec` of a `{metricSource: {type, spec}}` node, or a message. */
export function metricSpec(node: unknown, path: string): Yaml | string {
  if (!isRecord(node) || !isRecord(node.metricSource)) return `${path}: expected metricSource: {type, spec}`;
  const spec = node.metricSource.spec;
  if (!isRecord(spec)) return `${path}.metricSource.spec: expected a query (e.g. query: 'http_requests_total{code=~"5.."}')`;
  return spec;
}

/** Strips sum(...), rate(x[5m]) and increase(x[5m]) around a selector. */
export function unwrapQuery(q: string): string {
  let s = q.trim();
  for (;;) {
    const m = /^(?:sum|rate|increase)\s*(?:by\s*\([^)]*\)\s*)?\((.*)\)$/s.exec(s);
    if (!m) return s;
    s = m[1].trim().replace(/\[[0-9a-zA-Z]+\]$/, '').trim();
  }
}

export function querySelector(spec: Yaml, path: string): SeriesSelector | string {
  if (typeof spec.query !== 'string') return `${path}.metricSource.spec.query: expected a series selector string such as http_requests_total{code="200"}`;
  return parseSelector(unwrapQuery(spec.query), `${path}.metricSource.spec.query`);
}

/** ratioMetric {good|bad, total} → an event source. */
export function ratioSource(ratio: Yaml, path: string): EventSource | string {
  if (ratio.raw !== undefined || ratio.rawType !== undefined) return `${path}: raw (precomputed) ratios are not supported: Faultline needs event counts, give good or bad with total`;
  if ((ratio.good === undefined) === (ratio.bad === undefined)) return `${path}: give exactly one of good and bad, with total`;
  if (ratio.total === undefined) return `${path}.total: required with ${ratio.good !== undefined ? 'good' : 'bad'}`;
  const num = ratio.good !== undefined ? 'good' : 'bad';
  const numSpec = metricSpec(ratio[num], `${path}.${num}`);
  const totalSpec = metricSpec(ratio.total, `${path}.total`);
  if (typeof numSpec === 'string') return numSpec;
  if (typeof totalSpec === 'string') return totalSpec;
  if (numSpec.histogram !== undefined) {
    if (num !== 'good' || typeof numSpec.histogram !== 'string' || typeof numSpec.threshold !== 'number') return `${path}.good.metricSource.spec: a histogram source needs histogram: <_bucket selector> and threshold: <number> on good`;
    const buckets = parseSelector(numSpec.histogram, `${path}.good.metricSource.spec.histogram`);
    return typeof buckets === 'string' ? buckets : { from: 'histogram', buckets, threshold: numSpec.threshold };
  }
  if (numSpec.spans !== undefined) {
    const sp = numSpec.spans;
    if (num !== 'good' || !isRecord(sp)) return `${path}.good.metricSource.spec.spans: expected {service, operation, maxDurationMs}`;
    const str = (k: string) => (typeof sp[k] === 'string' ? { [k]: sp[k] as string } : {});
    const max = typeof sp.maxDurationMs === 'number' ? { maxDurationMs: sp.maxDurationMs } : {};
    return { from: 'spans', ...str('service'), ...str('operation'), ...max };
  }
  const numerator = querySelector(numSpec, `${path}.${num}`);
  const total = querySelector(totalSpec, `${path}.total`);
  if (typeof numerator === 'string') return numerator;
  if (typeof total === 'string') return total;
  return num === 'good' ? { from: 'counters', good: numerator, total } : { from: 'counters', bad: numerator, total };
}

const source = (spec: Yaml) => ({ metricSource: { type: 'Faultline', spec } });

/** An event source → ratioMetric YAML. */
export function ratioYaml(e: EventSource): Yaml {
  if (e.from === 'counters') {
    const num = e.good ? { good: source({ query: formatSelector(e.good) }) } : { bad: source({ query: formatSelector(e.bad as SeriesSelector) }) };
    return { counter: true, ...num, total: source({ query: formatSelector(e.total) }) };
  }
  if (e.from === 'histogram') {
    const h = formatSelector(e.buckets);
    return { counter: true, good: source({ histogram: h, threshold: e.threshold }), total: source({ histogram: h }) };
  }
  const { from: _from, maxDurationMs, ...where } = e;
  void _from;
  return { counter: false, good: source({ spans: { ...where, ...(maxDurationMs !== undefined ? { maxDurationMs } : {}) } }), total: source({ spans: where }) };
}
