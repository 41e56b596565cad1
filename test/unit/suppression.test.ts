// Suppression on hand-made incidents: maintenance windows (all series or one), minimum duration, and
// the cooldown per series (counted from the last alerted incident, not from suppressed ones).

import { describe, expect, it } from 'vitest';
import type { Incident, SuppressionConfig } from '../../src/analysis/detectors/run-types';
import { suppress } from '../../src/analysis/detectors/suppression';

const MIN = 60_000;

function incident(seriesIndex: number, startMin: number, endMin: number): Incident {
  return {
    seriesIndex,
    series: `s${seriesIndex}`,
    start: startMin * MIN,
    end: endMin * MIN,
    peakTime: startMin * MIN,
    peakValue: 1,
    peakScore: 0.9,
    severity: 'HIGH',
    confidence: 0.9,
    detectors: ['zscore'],
    points: 1 + endMin - startMin,
  };
}

const none: SuppressionConfig = { cooldownMs: 0, minDurationMs: 0, maintenance: [] };
const reasons = (xs: Incident[]) => xs.map((x) => [x.seriesIndex, x.start / MIN, x.suppressed ?? null]);

describe('suppression', () => {
  it('with nothing configured, nothing is suppressed', () => {
    const xs = [incident(0, 0, 0), incident(0, 1, 1)];
    expect(reasons(suppress(xs, none))).toEqual([[0, 0, null], [0, 1, null]]);
  });

  it('minimum duration: shorter incidents are suppressed; exactly the minimum is kept', () => {
    const xs = [incident(0, 0, 4), incident(0, 10, 15), incident(0, 20, 20)];
    expect(reasons(suppress(xs, { ...none, minDurationMs: 5 * MIN }))).toEqual([[0, 0, 'min-duration'], [0, 10, null], [0, 20, 'min-duration']]);
  });

  it('cooldown per series, from the end of the last alerted incident', () => {
    const xs = [incident(0, 0, 2), incident(0, 5, 6), incident(0, 13, 13), incident(0, 20, 20), incident(1, 3, 3)];
    // 5 is 3 min after 2 (< 10): cooldown; 13 is 11 after 2: alerted; 20 is 7 after 13: cooldown.
    // Series 1 has its own cooldown: its incident at 3 alerts.
    expect(reasons(suppress(xs, { ...none, cooldownMs: 10 * MIN }))).toEqual([
      [0, 0, null],
      [0, 5, 'cooldown'],
      [0, 13, null],
      [0, 20, 'cooldown'],
      [1, 3, null],
    ]);
  });

  it('suppressed incidents do not restart the cooldown', () => {
    const xs = [incident(0, 0, 0), incident(0, 8, 8), incident(0, 12, 12)];
    // 8 is in cooldown of 0; 12 is 12 min after 0 (the last alerted), so it alerts.
    expect(reasons(suppress(xs, { ...none, cooldownMs: 10 * MIN }))).toEqual([[0, 0, null], [0, 8, 'cooldown'], [0, 12, null]]);
  });

  it('maintenance windows: overlap suppresses; a series-specific window spares other series', () => {
    const xs = [incident(0, 5, 7), incident(0, 9, 12), incident(0, 20, 21), incident(1, 10, 10)];
    const config: SuppressionConfig = {
      ...none,
      maintenance: [{ start: 10 * MIN, end: 20 * MIN, series: 's0' }],
    };
    // [9, 12] overlaps [10, 20); [20, 21] starts at the window's (exclusive) end.
    expect(reasons(suppress(xs, config))).toEqual([[0, 5, null], [0, 9, 'maintenance'], [0, 20, null], [1, 10, null]]);
    const all = suppress(xs, { ...none, maintenance: [{ start: 10 * MIN, end: 20 * MIN }] });
    expect(all.find((x) => x.seriesIndex === 1)?.suppressed).toBe('maintenance');
  });

  it('maintenance comes first: an incident in a window does not start a cooldown', () => {
    const xs = [incident(0, 10, 10), incident(0, 25, 25)];
    const config = { cooldownMs: 30 * MIN, minDurationMs: 0, maintenance: [{ start: 0, end: 20 * MIN }] };
    expect(reasons(suppress(xs, config))).toEqual([[0, 10, 'maintenance'], [0, 25, null]]);
  });

  it('does not change its input and clears an earlier reason', () => {
    const x = { ...incident(0, 0, 0), suppressed: 'cooldown' as const };
    const out = suppress([x], none);
    expect(out[0].suppressed).toBeUndefined();
    expect(x.suppressed).toBe('cooldown');
  });
});
