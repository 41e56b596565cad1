// The API types the UI sees of the two workers (exposed with Comlink). Big arrays cross as
// transferable typed arrays; everything else is a small structured-cloneable summary.

import type { DatasetMeta } from '../model/series';
import type { ImportError, Result } from '../model/errors';
import type { ChartData, ChartRequest } from '../analysis/chart';
import type { DetectionReport, DetectProgress, DetectRequest } from '../analysis/detectors/run-types';
import type { DetectorInfo } from '../analysis/detectors/detector-info';

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

// Defined in src/analysis (the layer rule forbids analysis importing workers); re-exported unchanged.
export type { ChartRequest, ChartData, ChartDetector, DetectionChartDetector } from '../analysis/chart';
export type { DetectionConfig, DetectionReport, DetectProgress, DetectRequest } from '../analysis/detectors/run-types';
export type { DetectorInfo } from '../analysis/detectors/detector-info';
export type { DetectorFamily, DetectorName, ParamSpec } from '../analysis/detectors/types';

export interface AnalysisWorkerApi {
  /** Hand the worker the WebAssembly module compiled once on the main thread. */
  init(module: WebAssembly.Module): Promise<void>;
  /** The detectors this build has (names, labels, families, ParamSpecs; plain data), in the registry's order. */
  detectors(): Promise<DetectorInfo[]>;
  /**
   * Downsampled data + detector output for the visible range (arrays transferred). With a detection
   * configuration: combined score lane, flags with severities, incident bands (the last run's, if any).
   */
  chart(req: ChartRequest): Promise<ChartData>;
  /**
   * Runs a detection configuration over a stored dataset. onProgress is a Comlink.proxy callback.
   * Rejects with an Error named DETECTION_CANCELLED (run-types.ts isCancelled) after cancelDetect(runId),
   * and with a RangeError listing the problems of an invalid configuration.
   */
  detect(req: DetectRequest, onProgress: (p: DetectProgress) => void): Promise<DetectionReport>;
  cancelDetect(runId: string): void;
  /** Drop cached arrays of a dataset (after deletion). */
  forget(datasetId: string): void;
}
