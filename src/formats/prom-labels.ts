// The full reading of a series key (`name{a="b",…}`, `{"utf8.name", a="b"}`, `{__name__="x", …}`) into a
// metric name and labels, with escaping, and the canonical series name. Runs once per distinct key.

import { labelCountExpected } from './label-limit';

export interface SeriesKey {
  metricName: string;
  /** Labels sorted by name, `__name__` removed, empty values dropped (Prometheus: empty = absent). */
  labels: [string, string][];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text of bytes[start, end), or undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string | undefined {
  try {
    return utf8.decode(bytes.subarray(start, end));
  } catch {
    return undefined;
  }
}

const CLASSIC_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const CLASSIC_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label value escaping (`\\`, `\"`, `\n`); other backslashes are kept as written. */
export function unescapeValue(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(.)/gs, (all: string, c: string) => (c === 'n' ? '\n' : c === '\\' || c === '"' ? c : all));
}

export function escapeValue(s: string): string {
  return s.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : '\\' + c));
}

function quoteIfNeeded(name: string, classic: RegExp): string {
  return classic.test(name) ? name : `"${escapeValue(name)}"`;
}

/** The readable canonical form: `name{a="1",b="2"}`, or `{"dotted.name",a="1"}` for a UTF-8 name. */
export function seriesName(key: SeriesKey): string {
  const labels = key.labels.map(([k, v]) => `${quoteIfNeeded(k, CLASSIC_LABEL_NAME)}="${escapeValue(v)}"`);
  if (CLASSIC_METRIC_NAME.test(key.metricName)) {
    return labels.length === 0 ? key.metricName : `${key.metricName}{${labels.join(',')}}`;
  }
  return `{${[`"${escapeValue(key.metricName)}"`, ...labels].join(',')}}`;
}

/** Reads a quoted string starting after its opening quote; returns [raw text, offset after the closing quote]. */
function readQuoted(s: string, i: number): [string, number] | undefined {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === 34) return [s.slice(i, j), j + 1];
    else j++;
  }
  return undefined;
}

function skip(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

/**
 * Parses the decoded key text; a SeriesKey, or the message of what was expected. `maxLabels` bounds the
 * labels on one sample (a line of 100 k labels is refused rather than kept).
 */
export function parseSeriesKey(s: string, maxLabels: number): SeriesKey | string {
  let i = 0;
  while (i < s.length && /[a-zA-Z0-9_:]/.test(s[i])) i++;
  let metricName = s.slice(0, i);
  i = skip(s, i);
  const labels = new Map<string, string>();
  if (i < s.length) {
    if (s[i] !== '{') return 'a metric name followed by labels in braces';
    i = skip(s, i + 1);
    let first = true;
    while (i < s.length && s[i] !== '}') {
      let name: string;
      if (s[i] === '"') {
        const q = readQuoted(s, i + 1);
        if (!q) return 'a closing quote (") for the label name';
        name = unescapeValue(q[0]);
        i = skip(s, q[1]);
        if (first && metricName === '' && (s[i] === ',' || s[i] === '}')) {
          metricName = name;
          first = false;
          if (s[i] === ',') i = skip(s, i + 1);
          continue;
        }
      } else {
        const from = i;
        while (i < s.length && /[a-zA-Z0-9_]/.test(s[i])) i++;
        name = s.slice(from, i);
        if (name === '' || /^[0-9]/.test(name)) return 'a label name ([a-zA-Z_][a-zA-Z0-9_]* or a quoted name)';
        i = skip(s, i);
      }
      first = false;
      if (s[i] !== '=') return `"=" after the label name ${JSON.stringify(name)}`;
      i = skip(s, i + 1);
      if (s[i] !== '"') return `a quoted value for the label ${JSON.stringify(name)}`;
      const q = readQuoted(s, i + 1);
      if (!q) return 'a closing quote (") for the label value';
      if (labels.has(name)) return `each label once (${JSON.stringify(name)} is repeated)`;
      labels.set(name, unescapeValue(q[0]));
      if (labels.size > maxLabels) return labelCountExpected(labels.size) ?? `at most ${maxLabels} labels on one sample`;
      i = skip(s, q[1]);
      if (s[i] === ',') i = skip(s, i + 1);
      else if (s[i] !== '}') return '"," or "}" after a label';
    }
    if (s[i] !== '}') return 'a closing brace (}) after the labels';
    if (skip(s, i + 1) !== s.length) return 'the value after the labels';
  }
  const inner = labels.get('__name__');
  if (inner !== undefined) {
    if (metricName !== '' && metricName !== inner) return `one metric name, not ${JSON.stringify(metricName)} and __name__=${JSON.stringify(inner)}`;
    metricName = inner;
    labels.delete('__name__');
  }
  if (metricName === '') return 'a metric name';
  const sorted = [...labels].filter(([, v]) => v !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { metricName, labels: sorted };
}
