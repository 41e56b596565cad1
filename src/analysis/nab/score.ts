// NAB corpus scoring: one threshold per profile swept over all files together, each file scored at
// it, the total normalised against the null and perfect detectors (nab/runner.py normalize).

import type { Result } from '../../model/errors';
import { NAB_PROFILES, type NabProfile, type NabProfileName } from './profiles';
import { OUTSIDE, PROBATIONARY, weighRows, type RowWeights } from './rows';
import { bestRecord, recordAt, sweep, sweepOrder, type SweepRecord, type SweepRows } from './sweep';
import type { NabWindows } from './windows';

/** One data file of a corpus: its key (`<category>/<file>.csv`) and row timestamps in file order. */
export interface NabDataFile {
  key: string;
  t: Float64Array;
}

/** A corpus with its per-row weights worked out once, ready to score any number of detectors. */
export interface NabCorpus {
  files: readonly NabDataFile[];
  weights: readonly RowWeights[];
  /** Windows over all files: the perfect detector earns tpWeight for each. */
  windows: number;
}

export interface NabFileScore extends Omit<SweepRecord, 'threshold'> {
  key: string;
}

export interface NabProfileScore {
  profile: NabProfileName;
  /** The corpus-wide threshold (1.1 = nothing detected). */
  threshold: number;
  /** Sum of the files' scores at the threshold. */
  score: number;
  /** 100 (S - S_null) / (S_perfect - S_null); null without any labelled window in the corpus. */
  normalised: number | null;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Windows with at least one detection, and the mean time from their start to the first one (ms). */
  detectedWindows: number;
  meanTimeToDetectMs: number | null;
  files: NabFileScore[];
}

/** Works out every file's row weights; an error names a file missing from the windows or a bad window (both unscorable). */
export function prepareCorpus(files: readonly NabDataFile[], windows: NabWindows): Result<NabCorpus, string> {
  const weights: RowWeights[] = [];
  let count = 0;
  for (const file of files) {
    const list = windows.get(file.key);
    if (!list) return { ok: false, error: `${file.key}: no entry in the windows file (add "${file.key}": [] if it has no anomaly)` };
    const w = weighRows(file.t, list, file.key);
    if (!w.ok) return w;
    weights.push(w.value);
    count += list.length;
  }
  return { ok: true, value: { files, weights, windows: count } };
}

/** NAB's normalised score, or null when there is no window to normalise against. */
export function normalise(score: number, windows: number, profile: NabProfile): number | null {
  const nul = -profile.fnWeight * windows;
  const perfect = profile.tpWeight * windows;
  return perfect === nul ? null : (100 * (score - nul)) / (perfect - nul);
}

/** The scorable rows of files `from..to-1`, window ids numbered across them. */
function scorableRows(corpus: NabCorpus, scores: readonly Float64Array[], from: number, to: number): SweepRows {
  let n = 0;
  for (let f = from; f < to; f++) for (const w of corpus.weights[f].windowOf) if (w !== PROBATIONARY) n++;
  const rows: SweepRows = { score: new Float64Array(n), unit: new Float64Array(n), windowOf: new Int32Array(n), windows: 0 };
  let j = 0;
  for (let f = from; f < to; f++) {
    const { windowOf, unit, startRow } = corpus.weights[f];
    for (let i = 0; i < windowOf.length; i++) {
      if (windowOf[i] === PROBATIONARY) continue;
      rows.score[j] = scores[f][i];
      rows.unit[j] = unit[i];
      rows.windowOf[j++] = windowOf[i] === OUTSIDE ? -1 : rows.windows + windowOf[i];
    }
    rows.windows += startRow.length;
  }
  return rows;
}

interface SortedRows {
  rows: SweepRows;
  order: Uint32Array;
}

/** Scorable rows in sweep order, per file and for the whole corpus, worked out once per set of scores. */
const sortedCache = new WeakMap<readonly Float64Array[], { files: SortedRows[]; all: SortedRows }>();

function sorted(corpus: NabCorpus, scores: readonly Float64Array[]): { files: SortedRows[]; all: SortedRows } {
  let hit = sortedCache.get(scores);
  if (!hit) {
    const sort = (rows: SweepRows): SortedRows => ({ rows, order: sweepOrder(rows.score) });
    hit = { files: corpus.files.map((_, f) => sort(scorableRows(corpus, scores, f, f + 1))), all: sort(scorableRows(corpus, scores, 0, corpus.files.length)) };
    sortedCache.set(scores, hit);
  }
  return hit;
}

function checkScores(corpus: NabCorpus, scores: readonly Float64Array[]): void {
  if (scores.length !== corpus.files.length) throw new RangeError(`expected scores for ${corpus.files.length} files, got ${scores.length}`);
  scores.forEach((s, f) => {
    if (s.length !== corpus.files[f].t.length) {
      throw new RangeError(`${corpus.files[f].key}: ${corpus.files[f].t.length} rows but ${s.length} anomaly scores`);
    }
  });
}

/** Scores every file at one threshold (NAB's scoreDataSet) and sums them. */
export function scoreAtThreshold(corpus: NabCorpus, scores: readonly Float64Array[], profile: NabProfile, threshold: number): NabProfileScore {
  checkScores(corpus, scores);
  const files: NabFileScore[] = [];
  const out: NabProfileScore = {
    profile: profile.name, threshold, score: 0, normalised: null, tp: 0, fp: 0, fn: 0, tn: 0, detectedWindows: 0, meanTimeToDetectMs: null, files,
  };
  let delay = 0;
  const perFile = sorted(corpus, scores).files;
  for (let f = 0; f < corpus.files.length; f++) {
    const { rows, order } = perFile[f];
    const { threshold: _matched, ...record } = recordAt(sweep(rows, order, profile), threshold);
    files.push({ key: corpus.files[f].key, ...record });
    out.score += record.score;
    out.tp += record.tp;
    out.fp += record.fp;
    out.fn += record.fn;
    out.tn += record.tn;
    const { windowOf, startRow } = corpus.weights[f];
    const t = corpus.files[f].t;
    const found = new Uint8Array(startRow.length);
    for (let i = 0; i < windowOf.length; i++) {
      const w = windowOf[i];
      if (w < 0 || found[w] || !(scores[f][i] >= threshold)) continue;
      found[w] = 1;
      out.detectedWindows++;
      delay += t[i] - t[startRow[w]];
    }
  }
  out.normalised = normalise(out.score, corpus.windows, profile);
  out.meanTimeToDetectMs = out.detectedWindows ? delay / out.detectedWindows : null;
  return out;
}

/** The corpus threshold NAB's optimiser picks for a profile (the best sweep record over all files). */
export function optimiseThreshold(corpus: NabCorpus, scores: readonly Float64Array[], profile: NabProfile): number {
  checkScores(corpus, scores);
  const { rows, order } = sorted(corpus, scores).all;
  return bestRecord(sweep(rows, order, profile)).threshold;
}

/** A detector's NAB result under every profile: optimise the threshold, then score each file at it. */
export function scoreDetector(corpus: NabCorpus, scores: readonly Float64Array[], profiles: readonly NabProfile[] = NAB_PROFILES): NabProfileScore[] {
  return profiles.map((p) => scoreAtThreshold(corpus, scores, p, optimiseThreshold(corpus, scores, p)));
}
