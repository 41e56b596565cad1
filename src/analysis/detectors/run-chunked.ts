// One detector over one long series in chunks through its stream (which equals detect() bit for bit),
// so a run can report progress inside the detector and let a cancel through between chunks instead of
// only between detectors (Isolation Forest over 10 M points is tens of seconds of one synchronous call).

import type { Kernels } from '../../kernels/types';
import { findDetector } from './registry';
import type { Detector, DetectorName, DetectorParams, DetectorResult, SeriesPoints } from './types';

/**
 * Points per chunk: big enough that streaming costs what one batch call does (measured on 1 M points
 * in 2^18-point chunks: every detector within noise of its batch time, some faster), small enough that
 * the slowest detector (LOF, ~0.7 s per chunk here) answers a cancel within about a second.
 */
export const CHUNK_POINTS = 1 << 18;

/** The parameters `detector` runs with on the whole of `series` (its paramsFor hook, if any). */
export function paramsFor(detector: Detector, series: SeriesPoints, params: DetectorParams): DetectorParams {
  return detector.paramsFor ? detector.paramsFor(series, params) : params;
}

/**
 * detector.detect(series, ...) for series of at most `chunk` points; longer ones through
 * detector.stream(), awaiting `between(fraction done)` after every chunk but the last (it may throw
 * to stop the run). Either way with paramsFor(detector, series, params). With keepRaw false the result
 * has no raw statistic (a detection run drops it: nothing after the detectors reads it), and a long
 * series does not assemble one (8 bytes a point, written once more per chunk).
 */
export async function detectInChunks(
  detector: Detector,
  series: SeriesPoints,
  params: DetectorParams,
  kernels: Kernels,
  between: (fraction: number) => Promise<void>,
  chunk: number = CHUNK_POINTS,
  keepRaw = true,
): Promise<DetectorResult> {
  const n = series.v.length;
  const p = paramsFor(detector, series, params);
  if (n <= chunk) {
    const r = detector.detect(series, p, kernels);
    return keepRaw ? r : { score: r.score, flag: r.flag };
  }
  const stream = detector.stream(p, kernels);
  const score = new Float64Array(n);
  const flag = new Uint8Array(n);
  let raw: Float64Array | undefined;
  for (let at = 0; at < n; ) {
    const end = Math.min(n, at + chunk);
    const r = stream.push({ t: series.t.subarray(at, end), v: series.v.subarray(at, end) });
    if (r.score.length !== end - at) throw new Error(`${detector.name}: its stream returned ${r.score.length} results for ${end - at} points`);
    score.set(r.score, at);
    flag.set(r.flag, at);
    if (keepRaw && r.raw) (raw ??= new Float64Array(n).fill(NaN)).set(r.raw, at);
    at = end;
    if (at < n) await between(at / n);
  }
  return raw ? { score, flag, raw } : { score, flag };
}

/**
 * detectInChunks for the single-series detector named `name` (what a detector worker or thread runs for
 * the pool), without the raw statistic (the run drops it), with the result's buffers, to transfer.
 */
export async function detectStep(
  name: DetectorName,
  series: SeriesPoints,
  params: DetectorParams,
  kernels: Kernels,
  between: (fraction: number) => Promise<void>,
): Promise<{ result: DetectorResult; buffers: ArrayBuffer[] }> {
  const detector = findDetector(name);
  if (!detector || 'detectMany' in detector) throw new RangeError(`${name} is not a single-series detector.`);
  const result = await detectInChunks(detector, series, params, kernels, between, CHUNK_POINTS, false);
  const buffers = new Set([result.score, result.flag].map((a) => a.buffer as ArrayBuffer));
  return { result, buffers: [...buffers] };
}
