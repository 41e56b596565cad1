// The sampling lab's small tail-sampling form as a Collector `tail_sampling` config (the YAML's shape as
// JSON): the chosen policies, optionally wrapped in a composite that shares a span budget evenly.

export interface TailForm {
  /** e.g. "30s". */
  decisionWait: string;
  errors: boolean;
  /** Keep traces at least this long (ms); undefined: off. */
  latencyMs?: number;
  /** Keep this percentage of traces (trace-id hash); undefined: off. */
  probabilisticPercent?: number;
  /** Spans a second; undefined: off. */
  rateLimit?: number;
  /** Keep traces with a span whose attribute `key` has one of `values`. */
  attribute?: { key: string; values: string[] };
  /** Wrap the policies in a composite with this total spans a second; undefined: no composite. */
  compositeSpansPerSecond?: number;
}

type Policy = { name: string; type: string } & Record<string, unknown>;

/** The form as a tail_sampling config object; an empty form gives an empty policy list (which the reader refuses). */
export function tailConfigOf(form: TailForm): { decision_wait: string; policies: Policy[] } {
  const policies: Policy[] = [];
  if (form.errors) policies.push({ name: 'errors', type: 'status_code', status_code: { status_codes: ['ERROR'] } });
  if (form.latencyMs !== undefined) policies.push({ name: 'slow', type: 'latency', latency: { threshold_ms: form.latencyMs } });
  if (form.attribute && form.attribute.key) {
    policies.push({ name: 'attribute', type: 'string_attribute', string_attribute: { key: form.attribute.key, values: form.attribute.values } });
  }
  if (form.probabilisticPercent !== undefined) policies.push({ name: 'share', type: 'probabilistic', probabilistic: { sampling_percentage: form.probabilisticPercent } });
  if (form.rateLimit !== undefined) policies.push({ name: 'rate', type: 'rate_limiting', rate_limiting: { spans_per_second: form.rateLimit } });
  if (form.compositeSpansPerSecond === undefined || !policies.length) return { decision_wait: form.decisionWait, policies };
  const share = Math.floor(100 / policies.length);
  return {
    decision_wait: form.decisionWait,
    policies: [{
      name: 'budget',
      type: 'composite',
      composite: {
        max_total_spans_per_second: form.compositeSpansPerSecond,
        policy_order: policies.map((p) => p.name),
        composite_sub_policy: policies,
        rate_allocation: policies.map((p) => ({ policy: p.name, percent: share })),
      },
    }],
  };
}

/** A short label for the form's policy set, e.g. "errors+≥500ms+10%". */
export function tailLabelOf(form: TailForm): string {
  const parts: string[] = [];
  if (form.errors) parts.push('errors');
  if (form.latencyMs !== undefined) parts.push(`≥${form.latencyMs}ms`);
  if (form.attribute && form.attribute.key) parts.push(`${form.attribute.key}∈{${form.attribute.values.join(',')}}`);
  if (form.probabilisticPercent !== undefined) parts.push(`${form.probabilisticPercent}%`);
  if (form.rateLimit !== undefined) parts.push(`≤${form.rateLimit} spans/s`);
  const label = parts.join('+') || 'empty';
  return form.compositeSpansPerSecond === undefined ? label : `composite ${form.compositeSpansPerSecond}/s(${label})`;
}
