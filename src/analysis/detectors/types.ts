// The contract every anomaly detector implements: per-point score in [0, 1] and flag, batch and
// streaming (fed in chunks it gives exactly the batch result), deterministic (seeded where random).
// Detectors wrap the WebAssembly kernels (src/kernels/); ensembles, severity and incidents build on
// this interface only (src/analysis/detectors/registry.ts lists them).

import type { Kernels } from '../../kernels/types';

export type DetectorName = 'zscore' | 'mad' | 'ewma' | 'iqr' | 'seasonal' | 'correlation' | 'iforest' | 'lof' | 'likelihood';

/** Which ensemble mode a detector votes in: statistical (z-score, IQR, moving average) or ML. */
export type DetectorFamily = 'statistical' | 'ml';

/** One series' points: t in ms since epoch (ascending), v values (NaN = missing). */
export interface SeriesPoints {
  t: Float64Array;
  v: Float64Array;
}

/** Per-point output of a detector over n points. */
export interface DetectorResult {
  /** Anomaly score in [0, 1] per point; 0 where the detector cannot judge yet (warm-up, missing value). */
  score: Float64Array;
  /** 1 where the point is flagged anomalous (score crossed the detector's own threshold). */
  flag: Uint8Array;
  /**
   * The detector's raw statistic per point before squashing into [0, 1] (z, deviation in σ, fence
   * distance, isolation score...), NaN where undefined. For callers of a detector itself: runDetection
   * drops it as each step finishes (run.ts keep), since voting, incidents and charts use score and flag.
   */
  raw?: Float64Array;
}

/** Numeric parameters with their defaults and bounds (drives the UI form, the CLI flags and validation). */
export interface ParamSpec {
  name: string;
  label: string;
  default: number;
  min: number;
  max: number;
  /** Integer-valued (window lengths, tree counts). */
  integer?: boolean;
  help: string;
}

export type DetectorParams = Record<string, number>;

/** A streaming run: push consecutive chunks of one series; each call returns the chunk's results. */
export interface DetectorStream {
  push(chunk: SeriesPoints): DetectorResult;
}

export interface Detector {
  name: DetectorName;
  /** Human name for the UI ("Robust z-score (median / MAD)"). */
  label: string;
  family: DetectorFamily;
  params: readonly ParamSpec[];
  /** Scores one whole series. `params` are complete (defaults filled in) and validated. */
  detect(series: SeriesPoints, params: DetectorParams, kernels: Kernels): DetectorResult;
  /** Streaming equivalent: concatenating the chunks' results equals detect() over the concatenation. */
  stream(params: DetectorParams, kernels: Kernels): DetectorStream;
  /**
   * Parameters that follow the whole recorded series (e.g. a learning prefix sized to its span), set
   * by a runner that has the series before it calls detect() or stream(), so both see the same values
   * (paramsFor in run-chunked.ts). Absent: the parameters as given.
   */
  paramsFor?(series: SeriesPoints, params: DetectorParams): DetectorParams;
  /** A remark on its run over `series` for the run's notes (why it scored nothing, say), with the parameters it ran with. */
  note?(series: SeriesPoints, params: DetectorParams, kernels: Kernels): string | undefined;
}

/**
 * The common squashing rule from a detector's non-negative deviation (in its own units: |z|, σ of EWMA
 * deviation, fence widths...) to a score in [0, 1]: deviation / (deviation + threshold). A point at the
 * detector's threshold scores exactly 0.5, so across detectors "flagged" means score > 0.5.
 */
export function scoreOf(deviation: number, threshold: number): number {
  if (!(deviation > 0)) return 0;
  if (deviation === Infinity) return 1;
  return deviation / (deviation + threshold);
}

/** Fills defaults and checks bounds; throws RangeError naming the parameter and its allowed range. */
export function resolveParams(specs: readonly ParamSpec[], given: Partial<DetectorParams> = {}): DetectorParams {
  const out: DetectorParams = {};
  for (const spec of specs) {
    const value = given[spec.name] ?? spec.default;
    if (!Number.isFinite(value) || value < spec.min || value > spec.max || (spec.integer && !Number.isInteger(value))) {
      throw new RangeError(
        `${spec.name} must be ${spec.integer ? 'an integer' : 'a number'} between ${spec.min} and ${spec.max}, got ${value}`,
      );
    }
    out[spec.name] = value;
  }
  for (const name of Object.keys(given)) {
    if (!specs.some((s) => s.name === name)) {
      throw new RangeError(`unknown parameter '${name}' (parameters: ${specs.map((s) => s.name).join(', ') || 'none'})`);
    }
  }
  return out;
}

/** Per-series output of a detector that judges several series together (correlation breaks). */
export interface MultiSeriesResult {
  /** One result per input series, in input order. */
  series: DetectorResult[];
}

/** A detector over all series of a dataset at once (they may have different timestamps). */
export interface MultiSeriesDetector {
  name: DetectorName;
  label: string;
  family: DetectorFamily;
  params: readonly ParamSpec[];
  detectMany(series: readonly SeriesPoints[], params: DetectorParams, kernels: Kernels): MultiSeriesResult;
}
