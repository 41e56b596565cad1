// OTLP/JSON metrics (one request, JSON Lines as the Collector file exporter writes, or an array of requests):
// each data point stream (metric name + resource, scope and point attributes) becomes a labelled Series.

import type { ImportError, Result } from '../model/errors';
import type { MetricType } from '../model/series';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { corruptAt, previewJson, readJson, type JsonAt, type JsonObject, type JsonValue } from './json-stream';
import { AGGREGATION_TEMPORALITY, addAttributes, asArray, asObject, enumValue, field, nanosToMs, resourceLabels, scopeLabels } from './otlp-common';
import { MetricSeriesSet, seriesKey } from './metric-series-set';
import { exponentialHistogramPoint, histogramPoint, numberPoint, summaryPoint, type PointProblem, type SampleSink } from './otlp-metric-points';

const PATHS = ['$.resourceMetrics.*', '$.*.resourceMetrics.*', '$.result.resourceMetrics.*', '$.resourceSpans.*', '$.resourceLogs.*'];
const OTHER_SIGNAL = 3;

/** A JSON object or array whose first key is an OTLP metrics request (pretty-printed or not). */
export function sniffOtlpMetrics(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head);
  return /^\uFEFF?\s*[[{]/.test(text) && /"resourceMetrics"\s*:/.test(text);
}

type Kind = 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary';
const KINDS: readonly Kind[] = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'];
const CUMULATIVE = 2;
const DELTA = 1;

const POINT_READERS: Record<Kind, (dp: JsonObject, t: number, sink: SampleSink) => PointProblem | undefined> = {
  gauge: numberPoint,
  sum: numberPoint,
  histogram: histogramPoint,
  exponentialHistogram: exponentialHistogramPoint,
  summary: summaryPoint,
};

interface MetricInfo {
  name: string;
  metricType: MetricType;
  unit?: string;
  help?: string;
}

/** JSON text of a value as a map key; undefined when it is nested too deeply to serialise. */
function keyOf(v: JsonValue | undefined): string | undefined {
  try {
    return JSON.stringify(v ?? null);
  } catch {
    return undefined;
  }
}

/** Reads `resourceMetrics` items into series; reusable by parsers of mixed-signal files (traces + metrics). */
export class OtlpMetricsReader {
  readonly set = new MetricSeriesSet();
  /** Metrics with DELTA temporality, kept as per-interval values. */
  deltaMetrics = 0;
  /** Metrics with no gauge / sum / histogram / exponentialHistogram / summary (skipped). */
  emptyMetrics = 0;
  /** resourceSpans / resourceLogs items skipped (traces or logs in the same file). */
  otherSignals = 0;
  requests = new Set<number>();

  constructor(readonly file: string) {}

  /** One emitted value of the JSON reader (selectors as in PATHS). */
  value(v: JsonValue, at: JsonAt): ImportError | void {
    if (at.selector >= OTHER_SIGNAL) {
      this.otherSignals++;
      return;
    }
    this.requests.add(at.document);
    return this.resourceMetrics(v, at);
  }

  private wrong(at: JsonAt, where: string, expected: string, found?: JsonValue): ImportError {
    const shown = found === undefined ? undefined : `found ${previewJson(found)}`;
    return corruptAt(this.file, `${expected} at ${['$', ...at.path].join('.')}${where}`, { line: at.line, offset: at.offset }, shown);
  }

  /** One ResourceMetrics: { resource, scopeMetrics: [{ scope, metrics: [...] }] }. */
  resourceMetrics(v: JsonValue, at: JsonAt): ImportError | void {
    const rm = asObject(v);
    if (!rm) return this.wrong(at, '', 'a ResourceMetrics object', v);
    const resource = resourceLabels(rm.resource);
    const resourceKey = keyOf(asObject(rm.resource)?.attributes);
    if (resourceKey === undefined) return this.wrong(at, '.resource.attributes', 'attributes nested less deeply');
    const scopes = field(rm, 'scopeMetrics', 'instrumentationLibraryMetrics') ?? [];
    const scopeList = asArray(scopes);
    if (!scopeList) return this.wrong(at, '.scopeMetrics', 'an array of ScopeMetrics', scopes);
    for (let s = 0; s < scopeList.length; s++) {
      const sm = asObject(scopeList[s]);
      if (!sm) return this.wrong(at, `.scopeMetrics[${s}]`, 'a ScopeMetrics object', scopeList[s]);
      const scope = field(sm, 'scope', 'instrumentationLibrary');
      const base = { ...resource, ...scopeLabels(scope) };
      const scopeKey = keyOf(scope);
      if (scopeKey === undefined) return this.wrong(at, `.scopeMetrics[${s}].scope`, 'a scope nested less deeply');
      const baseKey = `${resourceKey}\u0000${scopeKey}`;
      const metrics = sm.metrics === undefined ? [] : asArray(sm.metrics);
      if (!metrics) return this.wrong(at, `.scopeMetrics[${s}].metrics`, 'an array of Metric', sm.metrics);
      for (let m = 0; m < metrics.length; m++) {
        const stop = this.metric(metrics[m], base, baseKey, at, `.scopeMetrics[${s}].metrics[${m}]`);
        if (stop) return stop;
      }
    }
  }

  private metric(v: JsonValue, base: Record<string, string>, baseKey: string, at: JsonAt, where: string): ImportError | void {
    const metric = asObject(v);
    if (!metric || typeof metric.name !== 'string') return this.wrong(at, where, 'a Metric object with a "name" string', v);
    const kind = KINDS.find((k) => metric[k] !== undefined);
    if (!kind) {
      this.emptyMetrics++;
      return;
    }
    const data = asObject(metric[kind]);
    const points = data && (data.dataPoints === undefined ? [] : asArray(data.dataPoints));
    if (!data || !points) return this.wrong(at, `${where}.${kind}`, `a ${kind} object with a "dataPoints" array`, metric[kind]);
    const temporality = enumValue(data.aggregationTemporality, AGGREGATION_TEMPORALITY) ?? 0;
    if (temporality === DELTA) this.deltaMetrics++;
    // A monotonic cumulative sum is a counter; a delta or non-monotonic sum is kept as its values (gauge).
    const monotonic = data.isMonotonic === true || data.isMonotonic === 'true';
    const metricType: MetricType = kind === 'gauge' ? 'gauge' : kind === 'sum' ? (monotonic && temporality === CUMULATIVE ? 'counter' : 'gauge') : kind === 'summary' ? 'summary' : 'histogram';
    const info: MetricInfo = { name: metric.name, metricType };
    if (typeof metric.unit === 'string' && metric.unit) info.unit = metric.unit;
    if (typeof metric.description === 'string' && metric.description) info.help = metric.description;
    const read = POINT_READERS[kind];
    const prefix = `${metric.name}\u0000${baseKey}\u0000`;
    for (let p = 0; p < points.length; p++) {
      const dp = asObject(points[p]);
      const pointWhere = `${where}.${kind}.dataPoints[${p}]`;
      if (!dp) return this.wrong(at, pointWhere, 'a data point object', points[p]);
      const t = nanosToMs(dp.timeUnixNano);
      if (t === undefined) return this.wrong(at, `${pointWhere}.timeUnixNano`, 'nanoseconds since the epoch as a decimal string', dp.timeUnixNano);
      const attributesKey = keyOf(dp.attributes);
      if (attributesKey === undefined) return this.wrong(at, `${pointWhere}.attributes`, 'attributes nested less deeply');
      const rawKey = prefix + attributesKey;
      let labels: Record<string, string> | undefined;
      const sink: SampleSink = (suffix, extra, time, x) => {
        const key = extra ? `${rawKey}\u0000${suffix}\u0000${extra[1]}` : `${rawKey}\u0000${suffix}`;
        let index = this.set.find(key);
        if (index === undefined) {
          if (!labels) {
            labels = { ...base };
            addAttributes(labels, dp.attributes, 'attribute.');
          }
          const own = extra ? { ...labels, [extra[0]]: extra[1] } : labels;
          const name = info.name + suffix;
          index = this.set.series(name, own, { metricType: info.metricType, unit: info.unit, help: info.help }, seriesKey(name, own));
          this.set.alias(key, index);
        }
        this.set.add(index, time, x);
      };
      const problem = read(dp, t, sink);
      if (problem) return this.wrong(at, `${pointWhere}.${problem.field}`, problem.expected, problem.found);
    }
  }

  /** Warnings stating what was assumed or skipped. */
  notes(): string[] {
    const out: string[] = [];
    if (this.deltaMetrics > 0) out.push(`${this.deltaMetrics} metric${this.deltaMetrics === 1 ? ' has' : 's have'} delta temporality: each sample is the change over its own interval (kept as is, not accumulated into a counter).`);
    if (this.emptyMetrics > 0) out.push(`${this.emptyMetrics} metric${this.emptyMetrics === 1 ? ' has' : 's have'} no data (no gauge, sum, histogram, exponentialHistogram or summary) and ${this.emptyMetrics === 1 ? 'was' : 'were'} skipped.`);
    if (this.otherSignals > 0) out.push(`${this.otherSignals} resourceSpans / resourceLogs item${this.otherSignals === 1 ? '' : 's'} (traces or logs in the same file) ${this.otherSignals === 1 ? 'was' : 'were'} not read as metrics.`);
    return out;
  }
}

/** Parses OTLP/JSON metrics from a source; never throws. */
export async function parseOtlpMetrics(src: ChunkSource, opts: ParseOptions = {}): Promise<Result<ParsedFile>> {
  const file = src.name;
  const reader = new OtlpMetricsReader(file);
  const read = await readJson(src, (v, at) => reader.value(v, at), { ...opts, paths: PATHS, phase: 'reading OTLP metrics' });
  if (!read.ok) return read;
  if (reader.requests.size === 0) {
    return { ok: false, error: corruptAt(file, 'an OTLP metrics request {"resourceMetrics":[…]} (one per line for JSON Lines)', { offset: 0 }) };
  }
  const { series, warnings } = reader.set.finish();
  if (reader.set.points === 0) return { ok: false, error: { kind: 'empty', file, message: `${file}: the OTLP metrics have no data points` } };
  return { ok: true, value: { format: 'otlp-metrics', series, warnings: [...reader.notes(), ...warnings] } };
}

export const otlpMetricsFormat: FormatParser = {
  id: 'otlp-metrics',
  name: 'OTLP/JSON metrics (request or JSON Lines)',
  priority: 50,
  sniff: sniffOtlpMetrics,
  parse: parseOtlpMetrics,
};
