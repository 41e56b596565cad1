// The lines under a detection run's results: the seasonal detector's periods per series, the run's
// notes, and each series note once after the names of the series it is about.
import type { DetectionReport, SeriesPeriods } from '../analysis/detectors/run-types';
import { formatDuration } from './format';

/** What the seasonal detector scored a series against, and the series' own periods when they say more. */
export function periodLine(p: SeriesPeriods): string | null {
  const own = p.periodsMs.map(formatDuration).join(', ');
  if (p.seasonalMs === null) return own ? `${p.series}: repeats every ${own}` : null;
  const used = `${p.series}: seasonal baseline every ${formatDuration(p.seasonalMs)}`;
  return own && !(p.periodsMs.length === 1 && p.periodsMs[0] === p.seasonalMs) ? `${used}; the whole series repeats every ${own}` : used;
}

/** The run's notes, then each series note once, after the names of the series it is about. */
export function runNotes(r: DetectionReport): string[] {
  const bySeries = new Map<string, string[]>();
  for (const s of r.series) for (const n of s.notes) bySeries.set(n, [...(bySeries.get(n) ?? []), s.series]);
  return [...r.notes, ...[...bySeries].map(([n, names]) => `${names.join(', ')}: ${n}`)];
}
