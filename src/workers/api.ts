// The API types the UI sees of the two workers (exposed with Comlink). Big arrays cross as
// transferable typed arrays; everything else is a small structured-cloneable summary.

import type { DatasetMeta } from '../model/series';
import type { ImportError, Result } from '../model/errors';

export interface ImportProgress {
  /** Which import this is (the id passed to importFile). */
  importId: string;
  fileName: string;
  bytesRead: number;
  bytesTotal: number;
  /** e.g. "reading", "parsing", "storing". */
  phase: string;
}

export interface ImportWorkerApi {
  /**
   * Parse a file and store it as one dataset, atomically: on success the dataset is visible,
   * on any failure or cancellation nothing is left in the store.
   * onProgress is a Comlink.proxy callback.
   */
  importFile(
    importId: string,
    file: File,
    onProgress: (p: ImportProgress) => void,
  ): Promise<Result<DatasetMeta, ImportError>>;
  cancel(importId: string): void;
}

export interface ChartRequest {
  datasetId: string;
  seriesIndex: number;
  /** Visible time range (ms); NaN for the whole series. */
  t0: number;
  t1: number;
  /** Number of buckets (about 2 per pixel). */
  buckets: number;
  detector: { kind: 'zscore'; window: number; threshold: number };
}

export interface ChartData {
  /** Bucket times (ms). */
  t: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Per bucket, the z-score with the largest magnitude (NaN if none). */
  score: Float64Array;
  /** Flagged points inside [t0, t1), at most maxFlags of them (largest |score| first kept). */
  flagT: Float64Array;
  flagV: Float64Array;
  flagScore: Float64Array;
  /** Total flagged points in the visible range (may exceed flagT.length). */
  flagCount: number;
  /** Points in the visible range. */
  pointCount: number;
}

export interface AnalysisWorkerApi {
  /** Hand the worker the WebAssembly module compiled once on the main thread. */
  init(module: WebAssembly.Module): Promise<void>;
  /** Downsampled data + detector output for the visible range (arrays transferred). */
  chart(req: ChartRequest): Promise<ChartData>;
  /** Drop cached arrays of a dataset (after deletion). */
  forget(datasetId: string): void;
}
