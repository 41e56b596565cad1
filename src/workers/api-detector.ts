// The API of a detector worker (exposed with Comlink): one detector over one series at a time, for the
// analysis worker's pool (detector-pool.ts). The series crosses as a copy; the result comes back
// transferred.

import type { DetectorName, DetectorParams, DetectorResult } from '../analysis/detectors/types';
import type { Series } from '../model/series';

export interface DetectorWorkerApi {
  /** Instantiates this worker's own kernels from the module the main thread compiled. */
  init(module: WebAssembly.Module): Promise<void>;
  /** Runs `detector` over `series`; onFraction (a Comlink.proxy callback) hears how far a long series is. */
  run(detector: DetectorName, series: Series, params: DetectorParams, onFraction: (fraction: number) => void): Promise<DetectorResult>;
}
