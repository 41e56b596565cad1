// The NAB score of one labelled series under a detection run's combined score: each profile at the
// flag threshold 0.5 and at the best threshold for this file alone, normalised for this file.

import type { Result } from '../../model/errors';
import type { DetectionConfig } from '../detectors/run-types';
import { NAB_PROFILES, type NabProfileName } from './profiles';
import { optimiseThreshold, prepareCorpus, scoreAtThreshold } from './score';
import { probationLength, type NabWindow } from './windows';

/** The flag threshold of a detection run: NAB counts rows with combined score >= it as detections. */
export const FLAG_THRESHOLD = 0.5;

/** What the UI asks: the NAB score of a configuration on one series of a dataset, against its windows. */
export interface NabScoreRequest {
  datasetId: string;
  seriesIndex: number;
  config: DetectionConfig;
  /** The label file's key, for messages. */
  key: string;
  windows: NabWindow[];
}

export interface NabFileProfileScore {
  profile: NabProfileName;
  threshold: number;
  /** 100 (S - S_null) / (S_perfect - S_null) for this file; null without a labelled window (nothing to normalise against) */
  normalised: number | null;
  /** The raw NAB score S. */
  score: number;
  /** Rows (NAB counts detections per row, after the probationary period). */
  tp: number;
  fp: number;
  fn: number;
  /** Windows with at least one detection, of `windows`. */
  detectedWindows: number;
}

export interface NabFileReport {
  rows: number;
  windows: number;
  /** Rows before this are NAB's probationary period (not scored). */
  probation: number;
  /** Per profile at FLAG_THRESHOLD. */
  atFlag: NabFileProfileScore[];
  /** Per profile at the threshold best for this file: optimistic (NAB picks one threshold per corpus). */
  best: NabFileProfileScore[];
}

/** Scores one series' combined score (NaN counts as 0) against its labelled windows; errors are readable. */
export function scoreNabFile(key: string, t: Float64Array, combined: Float64Array, windows: readonly NabWindow[]): Result<NabFileReport, string> {
  if (combined.length !== t.length) return { ok: false, error: `${key}: ${t.length} rows but ${combined.length} scores` };
  const corpus = prepareCorpus([{ key, t }], new Map([[key, windows]]));
  if (!corpus.ok) return corpus;
  const scores = [combined.map((s) => (s >= 0 ? s : 0))];
  const at = (threshold: number, p: (typeof NAB_PROFILES)[number]): NabFileProfileScore => {
    const r = scoreAtThreshold(corpus.value, scores, p, threshold);
    return { profile: p.name, threshold, normalised: r.normalised, score: r.score, tp: r.tp, fp: r.fp, fn: r.fn, detectedWindows: r.detectedWindows };
  };
  return {
    ok: true,
    value: {
      rows: t.length,
      windows: windows.length,
      probation: Math.min(t.length, Math.ceil(probationLength(t.length))),
      atFlag: NAB_PROFILES.map((p) => at(FLAG_THRESHOLD, p)),
      best: NAB_PROFILES.map((p) => at(optimiseThreshold(corpus.value, scores, p), p)),
    },
  };
}
