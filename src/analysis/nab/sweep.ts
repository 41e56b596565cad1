// NAB's threshold sweep (nab/sweeper.py calcScoreByThreshold): the score and counts at every distinct
// anomaly-score threshold, the corpus optimum (ties to the higher threshold) and the row a threshold picks.

import type { NabProfile } from './profiles';
import { rowWeight } from './rows';

/** Scorable rows of one file or a whole corpus, flattened. */
export interface SweepRows {
  score: Float64Array;
  unit: Float64Array;
  /** Window id unique over the rows given (0..windows-1), or -1 outside every window (FP row). */
  windowOf: Int32Array;
  /** Number of distinct window ids. */
  windows: number;
}

/** One row of the sweep: every row with anomaly score >= threshold is a detection. */
export interface SweepRecord {
  threshold: number;
  score: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Row order by anomaly score, highest first; ties keep row order (Python's stable reverse sort). */
export function sweepOrder(score: Float64Array): Uint32Array {
  const order = new Uint32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => score[b] - score[a] || a - b);
}

/**
 * Every threshold's NAB score, in sweep order from 1.1 (nothing detected) down to the lowest score.
 * Per-window parts are summed in NAB's order (false positives first, then windows in order of first
 * appearance in the sorted rows), so totals match NAB's float for float.
 */
export function sweep(rows: SweepRows, order: Uint32Array, profile: NabProfile): SweepRecord[] {
  const part = new Float64Array(rows.windows);
  const seen = new Uint8Array(rows.windows);
  const partOrder: number[] = [];
  let tn = 0;
  let fn = 0;
  for (const i of order) {
    const w = rows.windowOf[i];
    if (w < 0) {
      tn++;
      continue;
    }
    fn++;
    if (!seen[w]) {
      seen[w] = 1;
      partOrder.push(w);
      part[w] = -profile.fnWeight;
    }
  }
  let fpSum = 0;
  let tp = 0;
  let fp = 0;
  const total = (): number => {
    let s = 0;
    s += fpSum;
    for (const w of partOrder) s += part[w];
    return s;
  };
  const records: SweepRecord[] = [];
  let threshold = 1.1;
  for (const i of order) {
    const score = rows.score[i];
    if (score !== threshold) {
      records.push({ threshold, score: total(), tp, fp, fn, tn });
      threshold = score;
    }
    const w = rows.windowOf[i];
    if (w < 0) {
      fp++;
      tn--;
      fpSum += rowWeight(rows.unit[i], false, profile);
    } else {
      tp++;
      fn--;
      const weight = rowWeight(rows.unit[i], true, profile);
      if (weight > part[w]) part[w] = weight;
    }
  }
  records.push({ threshold, score: total(), tp, fp, fn, tn });
  return records;
}

/** The best record: highest score, and on ties the first in sweep order (the higher threshold). */
export function bestRecord(records: readonly SweepRecord[]): SweepRecord {
  let best = records[0];
  for (const r of records) if (r.score > best.score) best = r;
  return best;
}

/**
 * The record NAB's scoreDataSet picks for a threshold: the one with exactly that threshold, else the
 * last one above it; when the threshold is below every score, the last record (all rows detected),
 * where NAB itself would crash (its issue #361).
 */
export function recordAt(records: readonly SweepRecord[], threshold: number): SweepRecord {
  for (let k = 0; k < records.length; k++) {
    if (records[k].threshold === threshold) return records[k];
    if (records[k].threshold < threshold) return records[Math.max(0, k - 1)];
  }
  return records[records.length - 1];
}
