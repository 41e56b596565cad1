// What the percentile view asks for and gets back: a source (a series, a histogram, a summary, a
// counter's rate or a span set), a bucket width, exact or sketch; per-bucket lines and a summary table.

/** Bucket widths offered by the view ('auto' picks one from the range and the point count). */
export const BUCKET_CHOICES = ['auto', '1m', '5m', '15m', '1h'] as const;
export type BucketChoice = (typeof BUCKET_CHOICES)[number];

/** Per-bucket lines from exact selection or from the mergeable sketch. */
export type PercentileMethod = 'exact' | 'sketch';

/** Where the values come from. */
export type PercentileSourceRef =
  | { kind: 'series'; index: number }
  /** Per-second rate of a counter series (between consecutive samples, resets handled). */
  | { kind: 'rate'; index: number }
  /** `_bucket` series of one histogram (key: name and labels without `le`). */
  | { kind: 'histogram'; key: string }
  /** `{quantile="φ"}` series of one summary (key: name and labels without `quantile`). */
  | { kind: 'summary'; key: string }
  /** Span durations (ms) of a trace dataset: every span, a service's or one operation's; errors only or not. */
  | { kind: 'spans'; service?: string; operation?: string; errorsOnly: boolean };

export interface SeriesSource {
  index: number;
  name: string;
  /** 'counter': percentiles of its values mean nothing; its rate is offered instead. */
  kind: 'values' | 'counter';
}

export interface GroupSource {
  key: string;
  name: string;
  /** Series in the group (histogram buckets or summary quantiles). */
  parts: number;
}

/** Every source a dataset offers (series that belong to a histogram or summary are listed there). */
export interface PercentileSources {
  series: SeriesSource[];
  histograms: GroupSource[];
  summaries: GroupSource[];
  /** Trace datasets only. */
  spans?: { spanCount: number; errorCount: number; services: string[]; operations: { service: string; operation: string }[] };
}

export interface PercentileRequest {
  datasetId: string;
  source: PercentileSourceRef;
  bucket: BucketChoice;
  method: PercentileMethod;
}

export interface PercentileLine {
  /** e.g. "p99" or, for a summary, "q 0.99". */
  name: string;
  q: number;
  /** One value per bucket of PercentileResult.t (NaN: none). */
  v: Float64Array;
}

/** One row of the summary table: a percentile over the whole range, exact and from the sketch. */
export interface PercentileSummaryRow {
  name: string;
  q: number;
  exact: number;
  sketch: number;
  /** |sketch − exact| / |exact| (NaN when either is missing or exact is 0). */
  relError: number;
}

export interface PercentileResult {
  title: string;
  /** How the lines were made: from the values, histogram_quantile per bucket, the summary's own quantiles; none for a counter. */
  kind: 'values' | 'histogram' | 'summary' | 'counter';
  unit: string;
  bucketMs: number;
  method: PercentileMethod;
  /** Bucket starts (ms), buckets without data left out. */
  t: Float64Array;
  /** Values (or histogram observations) per bucket. */
  count: Float64Array;
  lines: PercentileLine[];
  /** Values used over the whole range (observations for a histogram). */
  valueCount: number;
  summary: PercentileSummaryRow[];
  /** The sketch's relative accuracy α. */
  alpha: number;
  /** Plain sentences for the user (what was computed, what was left out). */
  notes: string[];
}
