// The analysis worker's API for percentile series (p50–p99.9) of a series or a span set (plain data and transferable typed arrays only).
import type { PercentileRequest, PercentileResult, PercentileSources } from '../analysis/percentiles/view-types';

export type {
  BucketChoice, GroupSource, PercentileLine, PercentileMethod, PercentileRequest, PercentileResult, PercentileSourceRef, PercentileSources,
  PercentileSummaryRow, SeriesSource,
} from '../analysis/percentiles/view-types';
export { BUCKET_CHOICES } from '../analysis/percentiles/view-types';
export { bucketLabel } from '../analysis/percentiles/bucket-width';

export interface PercentilesWorkerApi {
  /** What the dataset offers: series (counters marked), histograms, summaries and, for traces, span sets. */
  percentileSources(datasetId: string): Promise<PercentileSources>;
  /**
   * Per-bucket percentile lines of one source (arrays transferred) and the exact-vs-sketch summary over
   * the whole range. Rejects with a RangeError naming a dataset or source that does not exist.
   */
  percentileSeries(req: PercentileRequest): Promise<PercentileResult>;
}
