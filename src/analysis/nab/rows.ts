// Per-row NAB weights of one file (nab/sweeper.py calcSweepScore): which window each row is in, and
// the unweighted scaled-sigmoid value a detection there would earn (TP) or cost (FP).

import type { Result } from '../../model/errors';
import { MAX_TP, scaledSigmoid, type NabProfile } from './profiles';
import { probationLength, type NabWindow } from './windows';

/** Window index of a row that is scored but lies outside every window (scored as a possible false positive). */
export const OUTSIDE = -1;
/** Window index of a row inside the probationary period (not scored at all). */
export const PROBATIONARY = -2;

export interface RowWeights {
  /** Per row: index of its window in the file's list, OUTSIDE or PROBATIONARY. */
  windowOf: Int32Array;
  /** Per row: scaledSigmoid of its position (in a window) or of its distance past the last window (FP). */
  unit: Float64Array;
  /** Per row: 1 inside a window (probationary rows too), the `label` column of NAB's results files. */
  label: Uint8Array;
  /** Per window: row index of its first row (first occurrence of its start timestamp). */
  startRow: Int32Array;
}

/** The weight NAB gives a detection on a row, exactly as NAB multiplies and divides it. */
export function rowWeight(unit: number, inWindow: boolean, profile: NabProfile): number {
  return inWindow ? (unit * profile.tpWeight) / MAX_TP : unit * profile.fpWeight;
}

/**
 * Walks the rows in file order as NAB does: a window begins at the first row whose timestamp equals
 * its start and ends at the first row whose timestamp equals its end; a window whose start or end is
 * not a row's timestamp is an error (NAB refuses such labels too).
 */
export function weighRows(t: Float64Array, windows: readonly NabWindow[], file: string): Result<RowWeights, string> {
  const n = t.length;
  const startRow = new Int32Array(windows.length);
  const rightRow = new Int32Array(windows.length);
  for (let k = 0; k < windows.length; k++) {
    startRow[k] = t.indexOf(windows[k].start);
    rightRow[k] = t.indexOf(windows[k].end);
    if (startRow[k] < 0 || rightRow[k] < 0) {
      const which = startRow[k] < 0 ? 'start' : 'end';
      const stamp = new Date(startRow[k] < 0 ? windows[k].start : windows[k].end).toISOString();
      return { ok: false, error: `${file}: window ${k + 1} ${which} ${stamp} is not the timestamp of any row` };
    }
  }
  const probation = probationLength(n);
  const windowOf = new Int32Array(n);
  const unit = new Float64Array(n);
  const label = new Uint8Array(n);
  let next = 0;
  let current = -1;
  let width = 0;
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    if (next < windows.length && t[i] === windows[next].start) {
      current = next++;
      width = rightRow[current] - startRow[current] + 1;
    }
    if (current >= 0) {
      unit[i] = scaledSigmoid(-(rightRow[current] - i + 1) / width);
    } else {
      unit[i] = prevRight < 0 ? -1.0 : scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
    }
    label[i] = current >= 0 ? 1 : 0;
    windowOf[i] = i < probation ? PROBATIONARY : current >= 0 ? current : OUTSIDE;
    if (current >= 0 && t[i] === windows[current].end) {
      prevRight = i;
      prevWidth = width;
      current = -1;
    }
  }
  return { ok: true, value: { windowOf, unit, label, startRow } };
}
