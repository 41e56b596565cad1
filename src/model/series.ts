// The columnar time-series model every layer shares: a series is two Float64Array columns
// (t in ms since the Unix epoch, v the value) plus a name and labels.

import type { DatasetLabels } from './labels';

/** The metric type a format declared for a series (Prometheus / OpenMetrics / OTLP words). */
export type MetricType =
  | 'gauge'
  | 'counter'
  | 'histogram'
  | 'gaugehistogram'
  | 'summary'
  | 'info'
  | 'stateset'
  | 'untyped';

export interface Series {
  name: string;
  labels: Record<string, string>;
  /** Declared metric type, when the format says (CSV does not). */
  metricType?: MetricType;
  /** Declared unit, e.g. "seconds", "By", "ms" (OpenMetrics # UNIT, OTLP unit). */
  unit?: string;
  /** Declared help / description text. */
  help?: string;
  /** Timestamps in ms since the Unix epoch (UTC). */
  t: Float64Array;
  /** Values; NaN marks a missing sample (empty / null cell). */
  v: Float64Array;
}

/** Summary of one stored series (no point data). */
export interface SeriesMeta {
  index: number;
  name: string;
  labels: Record<string, string>;
  metricType?: MetricType;
  unit?: string;
  count: number;
  /** First / last timestamp (ms); NaN when the series is empty. */
  start: number;
  end: number;
  /** Min / max of the finite values; NaN when there are none. */
  min: number;
  max: number;
}

/** How the timestamp column of a file was encoded (detected, stated to the user). */
export type TimeEncoding =
  | 'iso8601'
  | 'naive-datetime-utc'
  | 'epoch-s'
  | 'epoch-ms'
  | 'epoch-us'
  | 'epoch-ns';

/** How a source file was compressed around its format. */
export type Compression = 'gzip';

/** A stored dataset: one imported file. */
export interface DatasetMeta {
  id: string;
  /** Display name (defaults to the file name). */
  name: string;
  fileName: string;
  /** Detected format id, e.g. "csv". */
  format: string;
  /** Set when the source file was compressed (the format is that of the decompressed content). */
  compression?: Compression;
  timeEncoding?: TimeEncoding;
  series: SeriesMeta[];
  seriesCount: number;
  pointCount: number;
  start: number;
  end: number;
  /** Bytes of the source file. */
  bytes: number;
  createdAt: number;
  warnings: string[];
  /** Trace datasets only: traces with spans, spans, service names, spans with error status. */
  traceCount?: number;
  spanCount?: number;
  services?: string[];
  errorSpanCount?: number;
  /** NAB labelled windows attached from a dropped label file (store/labels.ts). */
  nabLabels?: DatasetLabels;
}

export function seriesMetaOf(index: number, s: Series): SeriesMeta {
  let min = Infinity;
  let max = -Infinity;
  const v = s.v;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const n = s.t.length;
  return {
    index,
    name: s.name,
    labels: s.labels,
    ...(s.metricType ? { metricType: s.metricType } : {}),
    ...(s.unit ? { unit: s.unit } : {}),
    count: n,
    start: n ? s.t[0] : NaN,
    end: n ? s.t[n - 1] : NaN,
    min: min === Infinity ? NaN : min,
    max: max === -Infinity ? NaN : max,
  };
}
