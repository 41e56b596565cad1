// The OTel Collector `tail_sampling` processor configuration read from JSON (the YAML's shape): options
// with the collector's defaults and the policy tree, every problem reported with its path.

import { SPAN_STATUS } from '../../../model/traces';

interface Named {
  name: string;
}
export type TailPolicy = Named &
  (
    | { type: 'always_sample' }
    | { type: 'latency'; thresholdMs: number; upperThresholdMs: number }
    | { type: 'status_code'; codes: number[] }
    | { type: 'probabilistic'; percent: number; salt: string }
    | { type: 'rate_limiting'; spansPerSecond: number }
    | { type: 'bytes_limiting'; bytesPerSecond: number; burst: number }
    | { type: 'string_attribute'; key: string; values: string[]; regex: RegExp[] | null; invert: boolean }
    | { type: 'numeric_attribute'; key: string; min: number; max: number; invert: boolean }
    | { type: 'boolean_attribute'; key: string; value: boolean; invert: boolean }
    | { type: 'span_count'; min: number; max: number }
    | { type: 'and' | 'drop'; policies: TailPolicy[] }
    | { type: 'composite'; maxTotalSpansPerSecond: number; policies: TailPolicy[]; allocatedSpansPerSecond: number[] }
  );

export interface TailConfig {
  decisionWaitMs: number;
  numTraces: number;
  sampleOnFirstMatch: boolean;
  sampledCacheSize: number;
  nonSampledCacheSize: number;
  policies: TailPolicy[];
}

export type TailConfigResult = { ok: true; config: TailConfig } | { ok: false; errors: string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("30s", "1m30s", "500ms") in ms, or undefined. */
export function goDurationMs(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let ms = 0;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    ms += Number(m[1]) * UNITS[m[2]];
    at = re.lastIndex;
  }
  return text.length ? ms : undefined;
}

const STATUS_CODES: Record<string, number> = { OK: SPAN_STATUS.ok, ERROR: SPAN_STATUS.error, UNSET: SPAN_STATUS.unset };
const SUPPORTED = ['always_sample', 'latency', 'status_code', 'probabilistic', 'rate_limiting', 'bytes_limiting', 'string_attribute', 'numeric_attribute', 'boolean_attribute', 'span_count', 'and', 'drop', 'composite'];
const NOT_SIMULATED: Record<string, string> = {
  trace_state: 'the trace model keeps no W3C tracestate',
  trace_flags: 'the trace model keeps no trace flags',
  ottl_condition: 'OTTL conditions are not evaluated here',
};

class Reader {
  readonly errors: string[] = [];
  fail(path: string, what: string, v: unknown): undefined {
    this.errors.push(`${path}: expected ${what}, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
    return undefined;
  }
  num(o: Obj, key: string, path: string, fallback?: number, min = 0): number {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) this.fail(`${path}.${key}`, `a number ≥ ${min}`, v);
    return typeof v === 'number' ? v : NaN;
  }
  str(o: Obj, key: string, path: string, fallback?: string): string {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || !v) this.fail(`${path}.${key}`, 'a non-empty string', v);
    return typeof v === 'string' ? v : '';
  }
  bool(o: Obj, key: string, path: string): boolean {
    const v = o[key];
    if (v !== undefined && typeof v !== 'boolean') this.fail(`${path}.${key}`, 'true or false', v);
    return v === true;
  }
  list(o: Obj, key: string, path: string): unknown[] {
    const v = o[key];
    if (!Array.isArray(v) || !v.length) {
      this.fail(`${path}.${key}`, 'a non-empty list', v);
      return [];
    }
    return v;
  }

  policy(v: unknown, path: string): TailPolicy | undefined {
    if (!isObj(v)) return this.fail(path, 'a policy {name, type, …}', v);
    const name = this.str(v, 'name', path);
    const type = typeof v.type === 'string' ? v.type : '';
    if (NOT_SIMULATED[type]) return void this.errors.push(`${path}: policy type ${type} cannot be simulated: ${NOT_SIMULATED[type]}`);
    if (!SUPPORTED.includes(type)) return this.fail(`${path}.type`, `one of ${SUPPORTED.join(', ')}`, v.type);
    if (type === 'always_sample') return { name, type };
    const body = v[type];
    const p = `${path}.${type}`;
    if (!isObj(body)) return this.fail(p, `the ${type} settings object`, body);
    switch (type) {
      case 'latency':
        return { name, type, thresholdMs: this.num(body, 'threshold_ms', p), upperThresholdMs: this.num(body, 'upper_threshold_ms', p, 0) };
      case 'status_code': {
        const codes = this.list(body, 'status_codes', p).map((c, i) => STATUS_CODES[String(c)] ?? this.fail(`${p}.status_codes[${i}]`, 'OK, ERROR or UNSET', c));
        return { name, type, codes: codes.filter((c): c is number => c !== undefined) };
      }
      case 'probabilistic':
        return { name, type, percent: this.num(body, 'sampling_percentage', p), salt: typeof body.hash_salt === 'string' ? body.hash_salt : 'default-hash-seed' };
      case 'rate_limiting':
        return { name, type, spansPerSecond: this.num(body, 'spans_per_second', p) };
      case 'bytes_limiting': {
        const bytesPerSecond = this.num(body, 'bytes_per_second', p);
        return { name, type, bytesPerSecond, burst: this.num(body, 'burst_capacity', p, 2 * bytesPerSecond) };
      }
      case 'string_attribute': {
        const values = this.list(body, 'values', p).map((x, i) => (typeof x === 'string' ? x : (this.fail(`${p}.values[${i}]`, 'a string', x), '')));
        let regex: RegExp[] | null = null;
        if (this.bool(body, 'enabled_regex_matching', p)) {
          regex = [];
          for (const [i, x] of values.entries()) {
            try {
              regex.push(new RegExp(x, 'u'));
            } catch (e) {
              this.errors.push(`${p}.values[${i}]: not a regular expression (${e instanceof Error ? e.message : String(e)})`);
            }
          }
        }
        return { name, type, key: this.str(body, 'key', p), values, regex, invert: this.bool(body, 'invert_match', p) };
      }
      case 'numeric_attribute':
        return { name, type, key: this.str(body, 'key', p), min: this.num(body, 'min_value', p, -Infinity, -Infinity), max: this.num(body, 'max_value', p, Infinity, -Infinity), invert: this.bool(body, 'invert_match', p) };
      case 'boolean_attribute':
        return { name, type, key: this.str(body, 'key', p), value: this.bool(body, 'value', p), invert: this.bool(body, 'invert_match', p) };
      case 'span_count':
        return { name, type, min: this.num(body, 'min_spans', p, 0), max: this.num(body, 'max_spans', p, 0) };
      case 'and':
      case 'drop': {
        const key = `${type}_sub_policy`;
        const policies = this.list(body, key, p).map((x, i) => this.policy(x, `${p}.${key}[${i}]`));
        return { name, type, policies: policies.filter((x): x is TailPolicy => x !== undefined) };
      }
      default:
        return this.composite(name, body, p);
    }
  }

  /** Sub-policies in policy_order, each allocated its rate_allocation percent (or an even share) of the total. */
  composite(name: string, body: Obj, p: string): TailPolicy {
    const max = this.num(body, 'max_total_spans_per_second', p);
    const subs = this.list(body, 'composite_sub_policy', p).map((x, i) => this.policy(x, `${p}.composite_sub_policy[${i}]`)).filter((x): x is TailPolicy => x !== undefined);
    const order = body.policy_order === undefined ? subs.map((s) => s.name) : this.list(body, 'policy_order', p).map(String);
    const byName = new Map(subs.map((s) => [s.name, s]));
    const allocation = new Map<string, number>();
    const rates = Array.isArray(body.rate_allocation) ? body.rate_allocation : [];
    rates.forEach((a, i) => {
      if (!isObj(a) || typeof a.policy !== 'string') return this.fail(`${p}.rate_allocation[${i}]`, '{policy, percent}', a);
      const percent = typeof a.percent === 'number' ? a.percent : 0;
      allocation.set(a.policy, percent > 0 ? (percent / 100) * max : max / subs.length);
    });
    const policies: TailPolicy[] = [];
    for (const [i, n] of order.entries()) {
      const sub = byName.get(n);
      if (sub) policies.push(sub);
      else this.fail(`${p}.policy_order[${i}]`, `the name of a composite_sub_policy (${[...byName.keys()].join(', ')})`, n);
    }
    // The collector truncates the allocation to whole spans; a sub-policy without one gets 0.
    return { name, type: 'composite', maxTotalSpansPerSecond: max, policies, allocatedSpansPerSecond: policies.map((s) => Math.trunc(allocation.get(s.name) ?? 0)) };
  }
}

/** Reads a tail_sampling config: the processor's settings, or a document holding processors.tail_sampling. */
export function parseTailConfig(input: unknown): TailConfigResult {
  const r = new Reader();
  let root: unknown = input;
  if (isObj(root) && isObj(root.processors)) root = root.processors.tail_sampling ?? Object.entries(root.processors).find(([k]) => k.startsWith('tail_sampling'))?.[1];
  if (isObj(root) && isObj(root.tail_sampling)) root = root.tail_sampling;
  if (!isObj(root)) return { ok: false, errors: ['expected a tail_sampling configuration object {"decision_wait", "policies": [...]}'] };
  const waitText = root.decision_wait ?? '30s';
  const decisionWaitMs = typeof waitText === 'string' ? goDurationMs(waitText) : undefined;
  if (decisionWaitMs === undefined) r.fail('decision_wait', 'a duration such as "30s" or "500ms"', waitText);
  const cache = isObj(root.decision_cache) ? root.decision_cache : {};
  const policies = r.list(root, 'policies', 'tail_sampling').map((p, i) => r.policy(p, `policies[${i}]`));
  const config: TailConfig = {
    decisionWaitMs: decisionWaitMs ?? NaN,
    numTraces: r.num(root, 'num_traces', 'tail_sampling', 50_000, 1),
    sampleOnFirstMatch: r.bool(root, 'sample_on_first_match', 'tail_sampling'),
    sampledCacheSize: r.num(cache, 'sampled_cache_size', 'decision_cache', 0),
    nonSampledCacheSize: r.num(cache, 'non_sampled_cache_size', 'decision_cache', 0),
    policies: policies.filter((p): p is TailPolicy => p !== undefined),
  };
  return r.errors.length ? { ok: false, errors: r.errors } : { ok: true, config };
}
