// What the analysis worker's handler groups share: the kernels and the in-process engine, available once
// init(module) has run. Each capability's handlers (traces, SLOs, percentiles, chaos, sessions) take this.

import type { AnalysisEngine } from '../analysis/engine';
import type { Kernels } from '../kernels/types';

export interface WorkerContext {
  /** The instantiated kernels; throws a readable Error before init(module). */
  kernels(): Kernels;
  /** The in-process engine (series cache, detection runs); throws a readable Error before init(module). */
  engine(): AnalysisEngine;
}
