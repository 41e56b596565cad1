// The API types the UI sees of the two workers (exposed with Comlink). Big arrays cross as
// transferable typed arrays; everything else is a small structured-cloneable summary.

import type { DatasetMeta } from '../model/series';
import type { NabLabelFile } from '../model/labels';
import type { ImportError, Result } from '../model/errors';
import type { ChartData, ChartRequest } from '../analysis/chart';
import type { DetectionReport, DetectProgress, DetectRequest } from '../analysis/detectors/run-types';
import type { DetectorInfo } from '../analysis/detectors/detector-info';
import type { NabFileReport, NabScoreRequest } from '../analysis/nab/file-score';
import type { SeriesShapes, ShapesRequest } from '../analysis/series-shapes';
import type { ChaosWorkerApi } from './api-chaos';
import type { PercentilesWorkerApi } from './api-percentiles';
import type { SessionWorkerApi } from './api-session';
import type { SloWorkerApi } from './api-slo';
import type { TraceInsightsWorkerApi } from './api-trace-insights';
import type { TracesWorkerApi } from './api-traces';

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
  /** A NAB label file when the file's content is one (parsed), else 'not-labels'; nothing is stored. */
  readLabelFile(file: File): Promise<LabelFileRead>;
  /**
   * Attaches a label file's windows to the stored datasets whose file names its keys name; the keys
   * no dataset matched are stored to wait for their CSVs (replacing what waited from that source).
   */
  attachLabels(labels: NabLabelFile): Promise<LabelAttachReport>;
  /** Tries the waiting label entries again (except those from `skipSources`), one report per label file. */
  attachPendingLabels(skipSources: string[]): Promise<LabelAttachReport[]>;
}

export type LabelFileRead =
  | { kind: 'not-labels' }
  | { kind: 'labels'; labels: NabLabelFile }
  | { kind: 'malformed'; file: string; message: string };

export interface LabelAttachReport {
  source: string;
  kind: NabLabelFile['kind'];
  /** Datasets that now carry windows of a key. */
  attached: { key: string; meta: DatasetMeta; windows: number }[];
  /** Keys that name no stored dataset. */
  unmatched: string[];
  /** Keys whose windows do not fit their dataset's rows (not attached), as readable sentences. */
  problems: string[];
}

// Defined in src/analysis (the layer rule forbids analysis importing workers); re-exported unchanged.
export type { ChartRequest, ChartData, ChartDetector, DetectionChartDetector } from '../analysis/chart';
export type { DetectionConfig, DetectionReport, DetectProgress, DetectRequest } from '../analysis/detectors/run-types';
export type { DetectorInfo } from '../analysis/detectors/detector-info';
export type { DetectorFamily, DetectorName, ParamSpec } from '../analysis/detectors/types';
export type { NabFileProfileScore, NabFileReport, NabScoreRequest } from '../analysis/nab/file-score';
export type { SeriesShapes, ShapesRequest } from '../analysis/series-shapes';

export type { ChaosWorkerApi } from './api-chaos';
export type { PercentilesWorkerApi } from './api-percentiles';
export type { SessionWorkerApi } from './api-session';
export type { SloWorkerApi } from './api-slo';
export type { TraceInsightsWorkerApi } from './api-trace-insights';
export type { TracesWorkerApi } from './api-traces';

/** Each capability's methods live in its own api-*.ts (handlers in *-handlers.ts); this is their union. */
export interface AnalysisWorkerApi extends TracesWorkerApi, TraceInsightsWorkerApi, SloWorkerApi, PercentilesWorkerApi, ChaosWorkerApi, SessionWorkerApi {
  /**
   * Hand the worker the WebAssembly module compiled once on the main thread, and the page's count of
   * logical cores (navigator.hardwareConcurrency), which sizes its pool of detector workers.
   */
  init(module: WebAssembly.Module, cores?: number): Promise<void>;
  /** The detectors this build has (names, labels, families, ParamSpecs; plain data), in the registry's order. */
  detectors(): Promise<DetectorInfo[]>;
  /**
   * Downsampled data + detector output for the visible range (arrays transferred). With a detection
   * configuration: combined score lane, flags with severities, incident bands (the last run's, if any).
   */
  chart(req: ChartRequest): Promise<ChartData>;
  /**
   * Every series of a dataset bucketed over the same range in one call (min, max, last finite value and
   * points per bucket; arrays transferred): the Overview's sparklines.
   */
  shapes(req: ShapesRequest): Promise<SeriesShapes>;
  /**
   * Runs a detection configuration over a stored dataset. onProgress is a Comlink.proxy callback.
   * Rejects with an Error named DETECTION_CANCELLED (run-types.ts isCancelled) after cancelDetect(runId),
   * and with a RangeError listing the problems of an invalid configuration.
   */
  detect(req: DetectRequest, onProgress: (p: DetectProgress) => void): Promise<DetectionReport>;
  cancelDetect(runId: string): void;
  /**
   * NAB score of a configuration's combined score on one labelled series, from the latest run of it (a
   * run over that series alone when there is none); a window that fits no row is an error value.
   */
  nabScore(req: NabScoreRequest): Promise<Result<NabFileReport, string>>;
  /** Drop cached arrays of a dataset (after deletion). */
  forget(datasetId: string): void;
}
