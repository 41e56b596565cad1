// Incident merging on hand-made flags: gaps of up to MERGE_GAP_POINTS join, longer gaps split; start,
// end, peak, points, the detectors that agreed, severity and confidence of each incident.

import { describe, expect, it } from 'vitest';
import { vote, type Vote } from '../../src/analysis/detectors/ensemble';
import { findIncidents, MERGE_GAP_POINTS } from '../../src/analysis/detectors/incidents';
import type { DetectorName } from '../../src/analysis/detectors/types';

const T0 = 1_700_000_000_000;

function voteOf(name: DetectorName, scores: number[]): Vote {
  return {
    name,
    family: 'statistical',
    weight: 1,
    result: { score: Float64Array.from(scores), flag: Uint8Array.from(scores, (s) => (s > 0.5 ? 1 : 0)) },
  };
}

function incidentsOf(votes: Vote[], gap = MERGE_GAP_POINTS) {
  const n = votes[0].result.score.length;
  const t = Float64Array.from({ length: n }, (_, i) => T0 + i * 1000);
  const v = Float64Array.from({ length: n }, (_, i) => 100 + i);
  const combined = vote(votes, 'majority', n);
  return findIncidents({ seriesIndex: 3, series: 'latency', t, v, combined, votes, voting: 'majority' }, gap);
}

describe('merging flags into incidents', () => {
  it('no flags, no incidents', () => {
    expect(incidentsOf([voteOf('zscore', [0.1, 0.2, 0.3])])).toEqual([]);
  });

  it('a gap of 2 unflagged points joins; a gap of 3 splits', () => {
    //              0    1    2    3    4    5    6    7    8    9   10
    const scores = [0.9, 0.1, 0.1, 0.6, 0.1, 0.1, 0.1, 0.7, 0.1, 0.1, 0.1];
    const found = incidentsOf([voteOf('zscore', scores)]);
    expect(found.map((x) => [x.start - T0, x.end - T0, x.points])).toEqual([
      [0, 3000, 2],
      [7000, 7000, 1],
    ]);
  });

  it('with gap 0 only consecutive flags merge', () => {
    const found = incidentsOf([voteOf('zscore', [0.9, 0.9, 0.1, 0.9])], 0);
    expect(found.map((x) => x.points)).toEqual([2, 1]);
  });

  it('a flag on the last point closes its incident', () => {
    const found = incidentsOf([voteOf('zscore', [0.1, 0.1, 0.9])]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: T0 + 2000, end: T0 + 2000, points: 1 });
  });
});

describe('what an incident says', () => {
  it('peak = the largest combined score; series, value and detectors that agreed', () => {
    const a = voteOf('zscore', [0.1, 0.6, 0.95, 0.7, 0.1]);
    const b = voteOf('iqr', [0.1, 0.6, 0.9, 0.2, 0.1]);
    const c = voteOf('ewma', [0.1, 0.2, 0.2, 0.2, 0.1]);
    const [x] = incidentsOf([a, b, c]);
    expect(x).toMatchObject({ seriesIndex: 3, series: 'latency', start: T0 + 1000, end: T0 + 2000, peakTime: T0 + 2000, peakValue: 102, points: 2 });
    expect(x.peakScore).toBeCloseTo((0.95 + 0.9 + 0.2) / 3);
    // zscore flagged point 3 too, inside the merge range but not a majority: still "agreed".
    expect(x.detectors).toEqual(['zscore', 'iqr']);
  });

  it('severity and confidence follow severity.ts at the incident level', () => {
    // Two of three agree: agreement 2/3 (not weak); flagged score (0.95 + 0.9) / 2 → 12.3 thresholds: CRITICAL.
    const strong = incidentsOf([voteOf('zscore', [0.95]), voteOf('iqr', [0.9]), voteOf('ewma', [0.1])])[0];
    expect(strong.severity).toBe('CRITICAL');
    expect(strong.confidence).toBeCloseTo((2 / 3) * 0.925);
    // Barely past the thresholds, all agreeing: LOW but confident.
    const mild = incidentsOf([voteOf('zscore', [0.55]), voteOf('iqr', [0.55])])[0];
    expect(mild.severity).toBe('LOW');
    expect(mild.confidence).toBeCloseTo(0.55);
  });
});
