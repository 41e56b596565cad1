// OTLP/JSON metrics (one request, JSON Lines as the Collector file exporter writes, or an array of requests):
// each data point stream (metric name + resource, scope and point attributes) becomes a labelled Series.

import type { ImportError, Result } from '../model/errors';
import type { MetricType } from '../model/series';
import type { ChunkSource, FormatParser, ParseOptions, ParsedFile } from './types';
import { corruptAt, previewJson, readJson, type JsonAt, type JsonObject, type JsonValue } from './json-stream';
import { AGGREGATION_TEMPORALITY, addAttributes, asArray, asObject, enumValue, field, nanosToMs, resourceLabels, scopeLabels } from './otlp-common';
import { MetricSeriesSet, seriesKey } from './metric-series-set';
import { exponentialHistogramPoint, histogramPoint, numberPoint, summaryPoint, type PointProblem, type SampleSink } from './otlp-metric-points';
import { labelCountExpected } from './label-limit';

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

/** One data point stream: its labels, its series by suffix / extra label value, the series of its last point's calls. */
interface Stream {
  labels: Record<string, string>;
  series: Map<string, number>;
  recent: { suffix: string; value: string | undefined; index: number }[];
}

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

/**
 * A map key for point attributes: "key\u0001value\u0002…" for plain string attributes (the common case, no
 * JSON.stringify), else their JSON text (which never holds a raw \u0001); undefined when nested too deeply.
 */
function attributesKey(v: JsonValue | undefined): string | undefined {
  if (!Array.isArray(v)) return keyOf(v);
  let key = '';
  for (let i = 0; i < v.length; i++) {
    const kv = v[i];
    const value = kv !== null && typeof kv === 'object' && !Array.isArray(kv) ? kv.value : undefined;
    const text = value !== null && typeof value === 'object' && !Array.isArray(value) ? value.stringValue : undefined;
    if (typeof text !== 'string' || typeof (kv as JsonObject).key !== 'string') return keyOf(v);
    key += `${(kv as JsonObject).key as string}\u0001${text}\u0002`;
  }
  return key;
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
  /** metric name + resource + scope → point attributes (JSON) → the stream's labels and series by suffix / le. */
  /** resource attributes + scope name/version → their labels and a small id (per-metric keys stay short). */
  private readonly bases = new Map<string, { id: string; labels: Record<string, string> }>();
  private readonly streams = new Map<string, Map<string, Stream>>();

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
    const resource = asObject(rm.resource);
    const resourceKey = attributesKey(resource?.attributes);
    if (resourceKey === undefined) return this.wrong(at, '.resource.attributes', 'attributes nested less deeply');
    const scopes = field(rm, 'scopeMetrics', 'instrumentationLibraryMetrics') ?? [];
    const scopeList = asArray(scopes);
    if (!scopeList) return this.wrong(at, '.scopeMetrics', 'an array of ScopeMetrics', scopes);
    for (let s = 0; s < scopeList.length; s++) {
      const sm = asObject(scopeList[s]);
      if (!sm) return this.wrong(at, `.scopeMetrics[${s}]`, 'a ScopeMetrics object', scopeList[s]);
      const scope = asObject(field(sm, 'scope', 'instrumentationLibrary'));
      const scopeKey = scope ? `${typeof scope.name === 'string' ? scope.name : ''}\u0001${typeof scope.version === 'string' ? scope.version : ''}` : '';
      // Resource + scope labels are built once per distinct resource and scope, then shared by id.
      const fullKey = `${resourceKey}\u0000${scopeKey}`;
      let base = this.bases.get(fullKey);
      if (!base) {
        base = { id: String(this.bases.size), labels: { ...resourceLabels(resource), ...scopeLabels(scope) } };
        this.bases.set(fullKey, base);
      }
      const metrics = sm.metrics === undefined ? [] : asArray(sm.metrics);
      if (!metrics) return this.wrong(at, `.scopeMetrics[${s}].metrics`, 'an array of Metric', sm.metrics);
      for (let m = 0; m < metrics.length; m++) {
        const stop = this.metric(metrics[m], base.labels, base.id, at, () => `.scopeMetrics[${s}].metrics[${m}]`);
        if (stop) return stop;
      }
    }
  }

  private metric(v: JsonValue, base: Record<string, string>, baseKey: string, at: JsonAt, whereMetric: () => string): ImportError | void {
    const metric = asObject(v);
    if (!metric || typeof metric.name !== 'string') return this.wrong(at, whereMetric(), 'a Metric object with a "name" string', v);
    let kind: Kind | undefined;
    for (let k = 0; k < KINDS.length && !kind; k++) if (metric[KINDS[k]] !== undefined) kind = KINDS[k];
    if (!kind) {
      this.emptyMetrics++;
      return;
    }
    const data = asObject(metric[kind]);
    const points = data && (data.dataPoints === undefined ? [] : asArray(data.dataPoints));
    if (!data || !points) return this.wrong(at, `${whereMetric()}.${kind}`, `a ${kind} object with a "dataPoints" array`, metric[kind]);
    const temporality = enumValue(data.aggregationTemporality, AGGREGATION_TEMPORALITY) ?? 0;
    if (temporality === DELTA) this.deltaMetrics++;
    // A monotonic cumulative sum is a counter; a delta or non-monotonic sum is kept as its values (gauge).
    const monotonic = data.isMonotonic === true || data.isMonotonic === 'true';
    const metricType: MetricType = kind === 'gauge' ? 'gauge' : kind === 'sum' ? (monotonic && temporality === CUMULATIVE ? 'counter' : 'gauge') : kind === 'summary' ? 'summary' : 'histogram';
    const info: MetricInfo = { name: metric.name, metricType };
    if (typeof metric.unit === 'string' && metric.unit) info.unit = metric.unit;
    if (typeof metric.description === 'string' && metric.description) info.help = metric.description;
    const read = POINT_READERS[kind];
    // Two-level cache: metric + resource + scope → point attributes (JSON text) → the stream's series, so
    // a point costs one stringify and one short-key lookup, not a label set and a sorted key.
    const prefix = `${metric.name}\u0000${baseKey}`;
    let byAttributes = this.streams.get(prefix);
    if (!byAttributes) this.streams.set(prefix, (byAttributes = new Map()));
    const seriesInfo = { metricType: info.metricType, unit: info.unit, help: info.help };
    // One sink per metric (not per point): it writes to the stream of the point being read. The points of a
    // stream call it in the same order with the same suffix / label value, so the k-th call of a point looks
    // at the series the k-th call of the stream's last point used before building a key.
    let own: Stream | undefined;
    let call = 0;
    const sink: SampleSink = (suffix, extra, time, x) => {
      const value = extra ? extra[1] : undefined;
      const seen = own!.recent[call];
      let index: number;
      if (seen && seen.suffix === suffix && seen.value === value) index = seen.index;
      else {
        const key = extra ? `${suffix}\u0000${extra[1]}` : suffix;
        let found = own!.series.get(key);
        if (found === undefined) {
          const labels = extra ? { ...own!.labels, [extra[0]]: extra[1] } : own!.labels;
          const name = info.name + suffix;
          found = this.set.series(name, labels, seriesInfo, seriesKey(name, labels));
          own!.series.set(key, found);
        }
        index = found;
        own!.recent[call] = { suffix, value, index };
      }
      call++;
      this.set.add(index, time, x);
    };
    const pointWhere = (p: number): string => `${whereMetric()}.${kind}.dataPoints[${p}]`;
    for (let p = 0; p < points.length; p++) {
      const dp = asObject(points[p]);
      if (!dp) return this.wrong(at, pointWhere(p), 'a data point object', points[p]);
      const t = nanosToMs(dp.timeUnixNano);
      if (t === undefined) return this.wrong(at, `${pointWhere(p)}.timeUnixNano`, 'nanoseconds since the epoch as a decimal string', dp.timeUnixNano);
      const pointKey = attributesKey(dp.attributes);
      if (pointKey === undefined) return this.wrong(at, `${pointWhere(p)}.attributes`, 'attributes nested less deeply');
      let stream = byAttributes.get(pointKey);
      if (!stream) {
        const labels = { ...base };
        addAttributes(labels, dp.attributes, 'attribute.');
        const tooMany = labelCountExpected(Object.keys(labels).length);
        if (tooMany) return this.wrong(at, `${pointWhere(p)}.attributes`, tooMany);
        stream = { labels, series: new Map(), recent: [] };
        byAttributes.set(pointKey, stream);
      }
      own = stream;
      call = 0;
      const problem = read(dp, t, sink);
      if (problem) return this.wrong(at, `${pointWhere(p)}.${problem.field}`, problem.expected, problem.found);
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
    return { ok: false, error: { kind: 'empty', file, message: `${file}: no OTLP metrics: no {"resourceMetrics":[…]} request with any item` } };
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
