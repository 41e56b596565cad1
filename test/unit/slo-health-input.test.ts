// SLO burn rates as health inputs: the recent (1h) burn or the burn over the window so far, whichever is
// larger, per component, named in the health reason ("SLO checkout burning 16.7× …"); hand-computed.
import { describe, expect, it } from 'vitest';
import { computeHealth } from '../../src/analysis/detectors/health';
import type { SloDefinition } from '../../src/analysis/slo/definition';
import { DAY, MINUTE } from '../../src/analysis/slo/duration';
import { evaluateSlo } from '../../src/analysis/slo/evaluate';
import { sloBurnRates, sloHealthInputs } from '../../src/analysis/slo/health-input';
import { forecastBudget } from '../../src/analysis/slo/forecast';
import { summarizeSlo } from '../../src/analysis/slo/summary';
import type { Series } from '../../src/model/series';

const T0 = Date.UTC(2026, 0, 5);
const latency = (n: number, bad: (i: number) => boolean): Series => ({
  name: 'latency_ms',
  labels: {},
  t: Float64Array.from({ length: n }, (_, i) => T0 + (i + 1) * MINUTE),
  v: Float64Array.from({ length: n }, (_, i) => (bad(i) ? 900 : 100)),
});
const slo = (over: Partial<SloDefinition> = {}): SloDefinition => ({
  name: 'checkout-latency',
  sli: { kind: 'threshold', series: { metric: 'latency_ms', matchers: [] }, op: '<=', threshold: 500 },
  objective: 0.99,
  timeWindow: { kind: 'rolling', ms: 30 * DAY },
  budgetingMethod: 'Occurrences',
  ...over,
});

describe('sloHealthInputs', () => {
  it('burning now: 10 bad of the last 60 samples → (10/60)/0.01 = 16.67× over the last 1h (the period: 10/120 → 8.33×)', () => {
    const ev = evaluateSlo(slo({ service: 'checkout' }), { series: [latency(120, (i) => i >= 110)] });
    const out = sloHealthInputs([ev]);
    expect(out.burnRates.checkout).toBeCloseTo(1000 / 60, 9);
    expect(out.burnNotes.checkout).toBe('SLO checkout-latency burning 16.7× over the last 1h');
    expect(sloBurnRates([ev]).checkout).toBeCloseTo(1000 / 60, 9);
  });

  it('burnt earlier: 6 bad of 120, none in the last hour → recent 0, period (6/120)/0.01 = 5× over its 30d window', () => {
    const ev = evaluateSlo(slo(), { series: [latency(120, (i) => i >= 10 && i < 16)] });
    const out = sloHealthInputs([ev]);
    expect(out.burnRates['checkout-latency']).toBeCloseTo(5, 9);
    expect(out.burnNotes['checkout-latency']).toBe('SLO checkout-latency burning 5.0× over its 30d window so far');
    expect(sloBurnRates([ev])['checkout-latency']).toBe(0); // recent only
  });

  it('lowers the component health by 3 points per unit above 1 and says which SLO: 5× → -12', () => {
    const ev = evaluateSlo(slo(), { series: [latency(120, (i) => i >= 10 && i < 16)] });
    const report = computeHealth({ series: [], incidents: [], ...sloHealthInputs([ev]) });
    expect(report.components).toEqual([{ name: 'checkout-latency', score: 88, reasons: ['-12: SLO checkout-latency burning 5.0× over its 30d window so far'], series: [] }]);
  });

  it('an SLO without data gives no burn rate', () => {
    const ev = evaluateSlo(slo({ sli: { kind: 'threshold', series: { metric: 'nothing', matchers: [] }, op: '<=', threshold: 1 } }), { series: [latency(10, () => false)] });
    expect(sloHealthInputs([ev])).toEqual({ burnRates: {}, burnNotes: {} });
  });
});

describe('forecast far beyond the calendar', () => {
  it('a budget spent at a crawl has no breach time (it would fall after the last representable date) instead of an invalid one', () => {
    // 120 steps, budget 0.5 falling 1e-13 a minute: the trend reaches 0 after 5e12 minutes = 3e17 ms > 8.64e15.
    const ev = evaluateSlo(slo(), { series: [latency(120, () => false)] });
    const crawl = { ...ev, budgetRemaining: Float64Array.from(ev.t, (_, k) => 0.5 - k * 1e-13), recentBurnRate: 0 };
    const fc = forecastBudget(crawl);
    expect(fc.exhaustionByTrendInMs).toBeGreaterThan(8.64e15);
    expect(fc.breachAt).toBeNull();
    expect(summarizeSlo(crawl, fc).forecast.breachAt).toBeNull();
  });
});
