// rate / increase / delta and counter resets against Prometheus' extrapolatedRate, computed by hand.
import { describe, expect, it } from 'vitest';
import { counterResets, delta, increase, overTime, rate } from '../../src/analysis/metrics/rate';

const s = (t: number[], v: number[]) => ({ t: Float64Array.from(t.map((x) => x * 1000)), v: Float64Array.from(v) });

describe('increase / rate', () => {
  it('regular samples: extrapolated to both boundaries (range left-open: t = 0 excluded)', () => {
    const c = s([0, 15, 30, 45], [0, 15, 30, 45]);
    // (0, 60]: 15, 30, 45 → 30 over 30 s, 15 s to each boundary (< 1.1 × 15): × 60/30
    expect(increase(c, 60_000, 60_000)).toBeCloseTo(60, 12);
    expect(rate(c, 60_000, 60_000)).toBeCloseTo(1, 12);
  });
  it('a counter reset adds the value before it', () => {
    const c = s([10, 20, 30, 40, 50], [5, 10, 2, 6, 8]);
    // 8 − 5 + 10 = 13 over 40 s, 10 s to each boundary: × 60/40
    expect(increase(c, 60_000, 60_000)).toBeCloseTo(19.5, 12);
    expect(rate(c, 60_000, 60_000)).toBeCloseTo(0.325, 12);
    expect(counterResets(c)).toEqual([30_000]);
  });
  it('a far boundary gets half an interval; the start stops where the counter reaches zero', () => {
    const c = s([30, 40, 50], [1, 11, 21]);
    // 20 over 20 s; start gap 30 s ≥ 11 → 5 s, zero reached 1 s before → 1 s; end gap 10 s kept: × 31/20
    expect(increase(c, 60_000, 60_000)).toBeCloseTo(31, 12);
  });
  it('far on both sides: half an interval each', () => {
    const c = s([20, 30], [100, 110]);
    // 10 over 10 s; start gap 20 ≥ 11 → 5 (zero floor 100 s away), end gap 30 → 5: × 20/10
    expect(increase(c, 60_000, 60_000)).toBeCloseTo(20, 12);
  });
  it('fewer than two samples in range: no value', () => {
    expect(rate(s([10], [1]), 60_000, 60_000)).toBeNaN();
    expect(rate(s([10, 20], [1, NaN]), 60_000, 60_000)).toBeNaN();
  });
  it('delta of a gauge: decreases are not resets, no zero floor', () => {
    const g = s([30, 40], [10, 5]);
    // −5 over 10 s, both gaps ≥ 11 → 5 s each: × 20/10
    expect(delta(g, 60_000, 60_000)).toBeCloseTo(-10, 12);
    expect(increase(g, 60_000, 60_000)).toBeCloseTo(10, 12); // as a counter: reset, −5 + 10 = 5; gaps 5 s each (zero 20 s away): × 20/10
  });
  it('over time: one value per evaluation time', () => {
    const c = s([0, 15, 30, 45, 60], [0, 15, 30, 45, 60]);
    const r = overTime(c, [30_000, 60_000], 30_000, rate);
    expect(r[0]).toBeCloseTo(1, 12);
    expect(r[1]).toBeCloseTo(1, 12);
  });
});
