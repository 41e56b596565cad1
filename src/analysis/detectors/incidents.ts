// Incidents: a series' flagged points merged into runs (flags at most MERGE_GAP_POINTS unflagged points
// apart join), each with start, end, peak, severity and confidence (severity.ts), and the detectors that agreed.

import type { Combined, Vote } from './ensemble';
import type { Incident, Voting } from './run-types';
import { grade } from './severity';

/** Flags separated by at most this many unflagged points belong to one incident. */
export const MERGE_GAP_POINTS = 2;

export interface IncidentInput {
  seriesIndex: number;
  series: string;
  t: Float64Array;
  v: Float64Array;
  combined: Combined;
  votes: readonly Vote[];
  voting: Voting;
}

/** The incidents of one series, by start time. */
export function findIncidents(input: IncidentInput, gapPoints: number = MERGE_GAP_POINTS): Incident[] {
  const { flag } = input.combined;
  const out: Incident[] = [];
  const n = flag.length;
  let i = 0;
  while (i < n) {
    if (!flag[i]) {
      i++;
      continue;
    }
    let last = i;
    for (let j = i + 1; j < n && j - last <= gapPoints + 1; j++) if (flag[j]) last = j;
    out.push(incidentOf(input, i, last));
    i = last + 1;
  }
  return out;
}

/** The incident over the flagged points of [first, last] (both flagged). */
function incidentOf(input: IncidentInput, first: number, last: number): Incident {
  const { t, v, combined, votes, voting } = input;
  let peak = first;
  let points = 0;
  let flaggedScore = 0;
  for (let i = first; i <= last; i++) {
    if (!combined.flag[i]) continue;
    points++;
    if (combined.score[i] > combined.score[peak]) peak = i;
    flaggedScore = Math.max(flaggedScore, combined.flaggedScore[i]);
  }
  const detectors = votes.filter((vote) => vote.result.flag.subarray(first, last + 1).includes(1));
  const weightOf = (vote: Vote): number => (voting === 'weighted' ? vote.weight : 1);
  const total = votes.reduce((sum, vote) => sum + weightOf(vote), 0);
  const agreeing = detectors.reduce((sum, vote) => sum + weightOf(vote), 0);
  const g = grade(flaggedScore, total > 0 ? agreeing / total : 0, votes.length);
  return {
    seriesIndex: input.seriesIndex,
    series: input.series,
    start: t[first],
    end: t[last],
    peakTime: t[peak],
    peakValue: v[peak],
    peakScore: combined.score[peak],
    severity: g.severity,
    confidence: g.confidence,
    detectors: detectors.map((vote) => vote.name),
    points,
  };
}
