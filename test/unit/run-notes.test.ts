// The lines under a detection run: what the seasonal detector scored each series against (beside the
// series' own periods when they say more), and series notes listed once for all the series they concern.
import { describe, expect, it } from 'vitest';
import type { DetectionReport } from '../../src/analysis/detectors/run-types';
import { periodLine, runNotes } from '../../src/ui/run-notes';

const H = 3_600_000;

describe('periodLine', () => {
  it('names the period the seasonal detector used, and the whole series\' periods only when they differ', () => {
    expect(periodLine({ seriesIndex: 0, series: 'v', periodsMs: [24 * H], seasonalMs: 24 * H })).toBe('v: seasonal baseline every 24 h');
    expect(periodLine({ seriesIndex: 0, series: 'v', periodsMs: [96 * H, 24 * H], seasonalMs: 24 * H })).toBe(
      'v: seasonal baseline every 24 h; the whole series repeats every 4 d, 24 h',
    );
    expect(periodLine({ seriesIndex: 0, series: 'v', periodsMs: [], seasonalMs: 60 * 60_000 })).toBe('v: seasonal baseline every 1 h');
  });

  it('without a period used: the series\' own, or nothing', () => {
    expect(periodLine({ seriesIndex: 0, series: 'v', periodsMs: [24 * H], seasonalMs: null })).toBe('v: repeats every 24 h');
    expect(periodLine({ seriesIndex: 0, series: 'v', periodsMs: [], seasonalMs: null })).toBeNull();
  });
});

describe('runNotes', () => {
  it('keeps the run\'s notes first and lists a note shared by several series once, after their names', () => {
    const series = (name: string, notes: string[]) => ({ series: name, notes }) as unknown as DetectionReport['series'][number];
    const r = {
      notes: ['correlation was left out'],
      series: [series('a', ['x', 'y']), series('b', ['x']), series('c', [])],
    } as unknown as DetectionReport;
    expect(runNotes(r)).toEqual(['correlation was left out', 'a, b: x', 'a: y']);
  });
});
