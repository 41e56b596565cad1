// The correlation view of a multi-series run: Pearson correlation of every pair on the common grid and
// groups of series that move together (correlation-matrix.ts), the stretches flagged as breaks, and the
// correlation detector's per-pair breaks (from its own run, reused: the rolling analysis runs once).

import type { Kernels } from '../../kernels/types';
import { correlationCompanion } from './correlation';
import { correlationGroups, correlationMatrix } from './correlation-matrix';
import type { CorrelationBreak, CorrelationReport } from './run-types';
import type { DetectorResult, SeriesPoints } from './types';

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
  kernels: Kernels,
): CorrelationReport {
  const companion = results?.length ? correlationCompanion(results[0]) : undefined;
  const matrix = correlationMatrix(series, kernels, companion?.grid);
  return {
    names: [...names],
    indices: [...indices],
    matrix,
    groups: correlationGroups(matrix).map((g) => g.map((k) => indices[k])),
    breaks: results ? breaksOf(series, results, indices, gap) : [],
    ...(companion ? { pairBreaks: companion.breaks.map((b) => ({ ...b, a: indices[b.a], b: indices[b.b] })) } : {}),
  };
}
