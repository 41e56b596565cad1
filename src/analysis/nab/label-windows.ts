// NAB's labeller rule (nab/labeler.py applyWindows, per ../shared/reference/nab-scoring.md §2.2): the
// windows combined_labels.json's label times stand for, worked out from a file's row timestamps.

import type { Result } from '../../model/errors';
import { probationLength, type NabWindow } from './windows';

/**
 * Windows of `labels` (ms, sorted) over rows `t`: length L = int(0.10 n / labels) rows, each label at
 * row a gets rows [a - L//2, a + L//2] clipped to the file, overlapping windows merge, and a first
 * window starting inside the probationary period is dropped. A label that is no row's time is an error.
 */
export function windowsFromLabels(t: Float64Array, labels: readonly number[], file: string): Result<NabWindow[], string> {
  const n = t.length;
  if (!labels.length) return { ok: true, value: [] };
  const half = Math.floor(Math.trunc((0.1 * n) / labels.length) / 2);
  const rows: [number, number][] = [];
  for (const [k, label] of labels.entries()) {
    const a = t.indexOf(label);
    if (a < 0) return { ok: false, error: `${file}: label ${k + 1} (${new Date(label).toISOString()}) is not the timestamp of any row` };
    const lo = Math.max(0, a - half);
    const hi = Math.min(n - 1, a + half);
    const last = rows[rows.length - 1];
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else rows.push([lo, hi]);
  }
  if (rows.length && rows[0][0] < probationLength(n)) rows.shift();
  return { ok: true, value: rows.map(([lo, hi]) => ({ start: t[lo], end: t[hi] })) };
}
