// Faultline series selectors: a PromQL-like `metric{label="v", label!="v", label=~"re", label!~"re"}`
// (regexes anchored as in PromQL). This is how OpenSLO metricSource queries map onto a dataset's series.

import type { Series } from '../../model/series';

export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface SeriesSelector {
  /** Metric name (the series name up to its first `{`); empty matches every name. */
  metric: string;
  matchers: LabelMatcher[];
}

/** Parses a selector; a readable message naming the position when it is malformed. */
export function parseSelector(text: string, field: string): SeriesSelector | string {
  const src = text.trim();
  const head = /^([a-zA-Z_:][a-zA-Z0-9_:.]*)?\s*/.exec(src);
  const metric = head?.[1] ?? '';
  let i = head ? head[0].length : 0;
  const matchers: LabelMatcher[] = [];
  if (i < src.length) {
    if (src[i] !== '{' || !src.endsWith('}')) return `${field}: expected metric{label="value",...}, got ${JSON.stringify(text)}`;
    const body = src.slice(i + 1, -1);
    const re = /\s*([a-zA-Z_][a-zA-Z0-9_.]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;
    i = 0;
    while (i < body.length) {
      re.lastIndex = i;
      const m = re.exec(body);
      if (!m) return `${field}: cannot read label matcher at character ${i + 1} of {${body}} (expected label="value", label!="value", label=~"regex" or label!~"regex")`;
      const value = m[3].replace(/\\(.)/g, '$1');
      if (m[2] === '=~' || m[2] === '!~') {
        try {
          new RegExp(value);
        } catch {
          return `${field}: ${JSON.stringify(value)} is not a valid regular expression`;
        }
      }
      matchers.push({ label: m[1], op: m[2] as LabelMatcher['op'], value });
      i = re.lastIndex;
    }
  }
  if (!metric && !matchers.length) return `${field}: empty selector; name a metric, e.g. http_requests_total{code=~"5.."}`;
  return { metric, matchers };
}

export function formatSelector(s: SeriesSelector): string {
  const inner = s.matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(',');
  return `${s.metric}${inner ? `{${inner}}` : ''}`;
}

/** The metric name of a series: `__name__` when present, else its name up to the first `{`. */
export function metricNameOf(s: Pick<Series, 'name' | 'labels'>): string {
  return s.labels.__name__ ?? s.name.split('{')[0];
}

export function matchesSelector(s: Pick<Series, 'name' | 'labels'>, sel: SeriesSelector): boolean {
  if (sel.metric && metricNameOf(s) !== sel.metric) return false;
  return sel.matchers.every((m) => {
    const v = s.labels[m.label] ?? '';
    if (m.op === '=') return v === m.value;
    if (m.op === '!=') return v !== m.value;
    const hit = new RegExp(`^(?:${m.value})$`).test(v);
    return m.op === '=~' ? hit : !hit;
  });
}

export function selectSeries<S extends Pick<Series, 'name' | 'labels'>>(series: readonly S[], sel: SeriesSelector): S[] {
  return series.filter((s) => matchesSelector(s, sel));
}
