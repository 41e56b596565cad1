// Runs detectors over a NAB corpus as streams (no look-ahead: fed in chunks, one configuration for
// every file) and turns their output into NAB anomaly scores in [0, 1].

import type { Kernels } from '../../kernels/types';
import { SERIES_DETECTORS } from '../detectors/registry';
import { paramsFor } from '../detectors/run-chunked';
import { resolveParams, type DetectorParams, type DetectorStream, type ParamSpec, type SeriesPoints } from '../detectors/types';
import { windowedGaussianStream } from './windowed-gaussian';
import { probationLength } from './windows';

/**
 * A detector as the benchmark sees it: a name and a fresh stream per file, given the file's series.
 * Only its length and span are read before streaming: NAB hands every detector the length as its
 * probationary period (nab/runner.py; HTM learns for exactly it), and a detector's paramsFor may size
 * a learning prefix to the span; the values themselves arrive in chunks.
 */
export interface NabDetector {
  name: string;
  label: string;
  stream(series: SeriesPoints): DetectorStream;
}

/**
 * Parameters set from the file's length by NAB's own rule: a detector with a `learning` parameter
 * learns for the probationary period, min(floor(0.15 n), 750), as NAB's HTM detector does.
 */
export function fileLengthParams(params: readonly ParamSpec[], rows: number): Partial<DetectorParams> {
  const learning = params.find((p) => p.name === 'learning');
  return learning ? { learning: Math.max(learning.min, Math.min(learning.max, probationLength(rows))) } : {};
}

/** NAB's windowed-Gaussian baseline under the name NAB gives it. */
export const WINDOWED_GAUSSIAN: NabDetector = { name: 'windowedGaussian', label: "NAB's windowed Gaussian baseline", stream: () => windowedGaussianStream() };

/** Every registered single-series detector at its defaults (but fileLengthParams), then the windowed-Gaussian baseline. */
export function nabDetectors(kernels: Kernels): NabDetector[] {
  const registered = SERIES_DETECTORS.map(
    (d): NabDetector => ({
      name: d.name,
      label: d.label,
      stream: (s) => d.stream(paramsFor(d, s, resolveParams(d.params, fileLengthParams(d.params, s.t.length))), kernels),
    }),
  );
  return [...registered, WINDOWED_GAUSSIAN];
}

/**
 * Rows per push. The contract (chunked results equal batch) already rules out look-ahead, so this is
 * only a cost trade-off: some detectors pay per push (LOF is 8× slower at 64 rows).
 */
export const NAB_CHUNK = 1024;

/** Streams one series through a fresh detector; scores outside [0, 1] are clamped and NaN becomes 0. */
export function streamScores(detector: NabDetector, t: Float64Array, v: Float64Array, chunk = NAB_CHUNK): Float64Array {
  const stream = detector.stream({ t, v });
  const out = new Float64Array(v.length);
  for (let from = 0; from < v.length; from += chunk) {
    const to = Math.min(v.length, from + chunk);
    const { score } = stream.push({ t: t.subarray(from, to), v: v.subarray(from, to) });
    for (let i = 0; i < score.length; i++) {
      const s = score[i];
      out[from + i] = s > 1 ? 1 : s > 0 ? s : 0;
    }
  }
  return out;
}
