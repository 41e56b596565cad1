// Prometheus HTTP API JSON as saved from curl or Grafana: query_range `matrix`, instant `vector` and `scalar`
// results (one document, JSON Lines or concatenated documents) → one Series per result item's label set.

import type { ImportError, Result } from '../model/errors';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { corruptAt, previewJson, readJson, type JsonAt, type JsonValue } from './json-stream';
import { asArray, asObject } from './otlp-common';
import { MetricSeriesSet } from './metric-series-set';
import { labelCountExpected } from './label-limit';

const PATHS = ['$.status', '$.errorType', '$.error', '$.warnings.*', '$.infos.*', '$.data.resultType', '$.data.result.*'];
const [STATUS, ERROR_TYPE, ERROR, WARNING, INFO, RESULT_TYPE, RESULT] = PATHS.map((_, i) => i);

/** The start of a JSON object holding a Prometheus API response (or its error form). */
export function sniffPrometheusApi(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head);
  if (!/^\uFEFF?\s*\{/.test(text)) return false;
  if (/"resultType"\s*:\s*"(matrix|vector|scalar|string)"/.test(text)) return true;
  return /"status"\s*:\s*"error"/.test(text) && /"errorType"\s*:/.test(text);
}

/** A Prometheus sample value string ("1", "NaN", "+Inf", "-Inf", "1e-3") → number; undefined if not one. */
export function sampleValue(v: JsonValue): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  switch (v) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return undefined;
  const x = Number(v);
  return Number.isFinite(x) ? x : undefined;
}

/** A Prometheus API timestamp (float seconds, as a number or numeric string) → whole ms; undefined if not one. */
export function sampleTimeMs(t: JsonValue): number | undefined {
  const s = typeof t === 'string' && t.trim() !== '' ? Number(t) : t;
  if (typeof s !== 'number' || !Number.isFinite(s)) return undefined;
  const ms = Math.round(s * 1000);
  return Math.abs(ms) <= 8.64e15 ? ms : undefined;
}

function labelText(labels: Record<string, string>): string {
  return `{${Object.keys(labels).map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

class PrometheusApiReader {
  readonly set = new MetricSeriesSet();
  status: string | undefined;
  errorType = '';
  errorText = '';
  resultType: string | undefined;
  readonly notes: string[] = [];
  private scalar: JsonValue[] = [];
  private scalarAt: JsonAt | undefined;
  nativeHistograms = 0;
  items = 0;

  constructor(readonly file: string) {}

  private wrong(at: JsonAt, expected: string, found?: JsonValue): ImportError {
    const shown = found === undefined ? undefined : `found ${previewJson(found)}`;
    return corruptAt(this.file, `${expected} at ${['$', ...at.path].join('.')}`, { line: at.line, offset: at.offset }, shown);
  }

  value(v: JsonValue, at: JsonAt): ImportError | void {
    switch (at.selector) {
      case STATUS:
        if (typeof v !== 'string') return this.wrong(at, 'a status string', v);
        if (this.status !== 'error') this.status = v;
        return;
      case ERROR_TYPE:
        this.errorType = typeof v === 'string' ? v : JSON.stringify(v);
        return;
      case ERROR:
        this.errorText = typeof v === 'string' ? v : JSON.stringify(v);
        return;
      case WARNING:
      case INFO:
        if (typeof v === 'string' && !this.notes.includes(v)) this.notes.push(v);
        return;
      case RESULT_TYPE:
        if (v !== 'matrix' && v !== 'vector' && v !== 'scalar' && v !== 'string') return this.wrong(at, 'resultType "matrix", "vector", "scalar" or "string"', v);
        if (this.resultType && this.resultType !== v) return this.wrong(at, `resultType "${this.resultType}" like the documents before`, v);
        this.resultType = v;
        return;
      case RESULT:
        return this.resultItem(v, at);
    }
  }

  private resultItem(v: JsonValue, at: JsonAt): ImportError | void {
    const item = asObject(v);
    if (!item) {
      // A scalar or string result is [time, "value"]: its two elements arrive one by one.
      if (this.scalarAt && this.scalarAt.document !== at.document) this.flushScalar();
      this.scalar.push(v);
      this.scalarAt ??= at;
      return;
    }
    this.items++;
    const metric = item.metric === undefined ? {} : asObject(item.metric);
    if (!metric) return this.wrong(at, 'a "metric" object of label names and values', item.metric);
    const labels: Record<string, string> = {};
    let name = '';
    for (const k of Object.keys(metric)) {
      const x = metric[k];
      if (typeof x !== 'string') return this.wrong({ ...at, path: [...at.path, 'metric', k] }, 'a label value string', x);
      if (k === '__name__') name = x;
      else labels[k] = x;
    }
    const tooMany = labelCountExpected(Object.keys(labels).length);
    if (tooMany) return this.wrong({ ...at, path: [...at.path, 'metric'] }, tooMany);
    // Results of functions like rate() have no __name__: the label set names the series.
    if (!name) name = Object.keys(labels).length > 0 ? labelText(labels) : 'value';
    const index = this.set.series(name, labels);
    const values = item.values === undefined ? [] : asArray(item.values);
    if (!values) return this.wrong(at, 'a "values" array of [time, "value"] pairs', item.values);
    if (item.histograms !== undefined || item.histogram !== undefined) this.nativeHistograms++;
    // Read in place (a series of a long query_range can hold millions of samples: no copy, no spread).
    for (let k = 0; k < values.length; k++) {
      const stop = this.sample(index, values[k], at);
      if (stop) return stop;
    }
    if (item.value !== undefined) return this.sample(index, item.value, at);
  }

  private sample(index: number, sample: JsonValue, at: JsonAt): ImportError | void {
    const pair = asArray(sample);
    const t = pair && pair.length === 2 ? sampleTimeMs(pair[0]) : undefined;
    const x = pair && pair.length === 2 ? sampleValue(pair[1]) : undefined;
    if (t === undefined || x === undefined) {
      return this.wrong(at, 'a sample [unix seconds, "value"] with a finite time and a float value string ("1.5", "NaN", "+Inf")', sample);
    }
    this.set.add(index, t, x);
  }

  flushScalar(): ImportError | void {
    const at = this.scalarAt;
    const pair = this.scalar;
    this.scalar = [];
    this.scalarAt = undefined;
    if (!at) return;
    const t = pair.length === 2 ? sampleTimeMs(pair[0]) : undefined;
    const x = pair.length === 2 ? sampleValue(pair[1]) : undefined;
    if (this.resultType === 'string') return;
    if (t === undefined || x === undefined) return this.wrong(at, 'a scalar result [unix seconds, "value"]', pair);
    this.set.add(this.set.series('scalar', {}), t, x);
  }
}

/** Parses Prometheus HTTP API JSON from a source; never throws. */
export async function parsePrometheusApi(src: ChunkSource, opts: ParseOptions = {}): Promise<Result<ParsedFile>> {
  const file = src.name;
  const reader = new PrometheusApiReader(file);
  const read = await readJson(src, (v, at) => reader.value(v, at), { ...opts, paths: PATHS, phase: 'reading Prometheus API JSON' });
  if (!read.ok) return read;
  const scalarError = reader.flushScalar();
  if (scalarError) return { ok: false, error: scalarError };
  if (reader.status === 'error' || (reader.errorType && reader.set.points === 0)) {
    const what = [reader.errorType, reader.errorText].filter(Boolean).join(': ') || 'no reason given';
    // No data to import ('empty'): the next step shown with it is to check the export.
    return { ok: false, error: { kind: 'empty', file, message: `${file}: the saved Prometheus response is an error, not data (${what}); run the query again and save a successful response` } };
  }
  if (reader.resultType === 'string') {
    return { ok: false, error: { kind: 'empty', file, message: `${file}: the Prometheus response is a "string" result, which has no time series` } };
  }
  if (reader.status === undefined && reader.resultType === undefined) {
    return { ok: false, error: corruptAt(file, 'a Prometheus API response {"status":…, "data":{"resultType":…, "result":[…]}}', { offset: 0 }) };
  }
  const { series, warnings } = reader.set.finish();
  if (reader.set.points === 0) {
    return { ok: false, error: { kind: 'empty', file, message: `${file}: the Prometheus response has no samples (${reader.items} result series)` } };
  }
  if (reader.status && reader.status !== 'success') warnings.unshift(`The response status is "${reader.status}", not "success"; its data was read.`);
  for (const note of reader.notes) warnings.push(`Prometheus said: ${note}`);
  if (reader.nativeHistograms > 0) {
    warnings.push(`${reader.nativeHistograms} series carry native histograms; only their float samples ("values") were read.`);
  }
  return { ok: true, value: { format: 'prometheus-api-json', series, warnings } };
}

export const prometheusApiFormat: FormatParser = {
  id: 'prometheus-api-json',
  name: 'Prometheus HTTP API JSON (query_range / query)',
  priority: 50,
  sniff: sniffPrometheusApi,
  parse: parsePrometheusApi,
};
