// What the detector panel offers, as the analysis worker describes it (detector-info.ts in the worker):
// fetched once per page and shared by every Anomalies view; a failed fetch is retried next time.
import type { AnalysisWorkerApi, DetectorInfo } from '../workers/api';

export type { DetectorInfo } from '../workers/api';

let pending: Promise<DetectorInfo[]> | undefined;

/** The worker's detector list (one call per page; later calls share its answer). */
export function detectorCatalogue(analysis: Pick<AnalysisWorkerApi, 'detectors'>): Promise<DetectorInfo[]> {
  if (!pending) {
    const request = Promise.resolve(analysis.detectors());
    pending = request;
    request.catch(() => {
      if (pending === request) pending = undefined;
    });
  }
  return pending;
}
