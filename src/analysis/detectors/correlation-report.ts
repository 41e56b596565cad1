// The correlation view of a multi-series run: Pearson correlation of every pair on shared timestamps,
// groups of series that move together, and the stretches the correlation detector flagged as breaks.

import type { CorrelationBreak, CorrelationReport } from './run-types';
import type { DetectorResult, SeriesPoints } from './types';

/** |r| at or above which two series are linked into one group. */
export const GROUP_CORRELATION = 0.8;
/** Fewer shared finite points than this: the correlation is undefined (NaN). */
export const MIN_SHARED_POINTS = 3;

/** Pearson r over the timestamps both series have (merge join; both t ascending), NaN when undefined. */
export function pearson(a: SeriesPoints, b: SeriesPoints): number {
  let i = 0;
  let j = 0;
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  // Two passes would be more exact; shifting by the first shared pair keeps sums small enough here.
  let oa = NaN;
  let ob = NaN;
  while (i < a.t.length && j < b.t.length) {
    if (a.t[i] < b.t[j]) i++;
    else if (a.t[i] > b.t[j]) j++;
    else {
      const x = a.v[i++];
      const y = b.v[j++];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (n === 0) {
        oa = x;
        ob = y;
      }
      const dx = x - oa;
      const dy = y - ob;
      n++;
      sa += dx;
      sb += dy;
      saa += dx * dx;
      sbb += dy * dy;
      sab += dx * dy;
    }
  }
  if (n < MIN_SHARED_POINTS) return NaN;
  const cov = sab - (sa * sb) / n;
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  if (!(va > 0 && vb > 0)) return NaN;
  return Math.max(-1, Math.min(1, cov / Math.sqrt(va * vb)));
}

/** Series linked by |r| >= GROUP_CORRELATION, transitively; groups of 2 or more, each ascending. */
export function groupsOf(matrix: readonly number[][]): number[][] {
  const n = matrix.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (Math.abs(matrix[i][j]) >= GROUP_CORRELATION) parent[root(i)] = root(j);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) groups.set(root(i), [...(groups.get(root(i)) ?? []), i]);
  return [...groups.values()].filter((g) => g.length > 1);
}

/** Runs of flagged points of each series' correlation result (at most `gap` unflagged points inside). */
function breaksOf(series: readonly SeriesPoints[], results: readonly DetectorResult[], indices: readonly number[], gap: number): CorrelationBreak[] {
  const out: CorrelationBreak[] = [];
  results.forEach((r, k) => {
    const { t } = series[k];
    for (let i = 0; i < r.flag.length; i++) {
      if (!r.flag[i]) continue;
      let last = i;
      let peak = r.score[i];
      for (let j = i + 1; j < r.flag.length && j - last <= gap + 1; j++) {
        if (r.flag[j]) {
          last = j;
          peak = Math.max(peak, r.score[j]);
        }
      }
      out.push({ seriesIndex: indices[k], start: t[i], end: t[last], peakScore: peak });
      i = last;
    }
  });
  return out.sort((a, b) => a.start - b.start || a.seriesIndex - b.seriesIndex);
}

/** The report for series (names and dataset indices alongside) and, when it ran, the correlation detector's results. */
export function correlationReport(
  series: readonly SeriesPoints[],
  names: readonly string[],
  indices: readonly number[],
  results: readonly DetectorResult[] | undefined,
  gap: number,
): CorrelationReport {
  const n = series.length;
  const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : NaN)));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) matrix[i][j] = matrix[j][i] = pearson(series[i], series[j]);
  }
  return {
    names: [...names],
    matrix,
    groups: groupsOf(matrix).map((g) => g.map((k) => indices[k])),
    breaks: results ? breaksOf(series, results, indices, gap) : [],
  };
}
