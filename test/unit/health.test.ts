// Health scores on hand-made incidents: components by service label or metric name, deductions per
// severity (error series weigh more, suppressed ones nothing), error and burn rates, the overall rule,
// and a reason string for every point taken.

import { describe, expect, it } from 'vitest';
import { componentOf, computeHealth, errorRatesOf, isErrorSeries, MAX_INCIDENT_DEDUCTION, type HealthSeries } from '../../src/analysis/detectors/health';
import type { Incident, Severity } from '../../src/analysis/detectors/run-types';

function incident(seriesIndex: number, severity: Severity, suppressed?: Incident['suppressed']): Incident {
  return {
    seriesIndex,
    series: `s${seriesIndex}`,
    start: 0,
    end: 0,
    peakTime: 0,
    peakValue: 1,
    peakScore: 0.9,
    severity,
    confidence: 0.9,
    detectors: ['zscore'],
    points: 1,
    ...(suppressed ? { suppressed } : {}),
  };
}

const series: HealthSeries[] = [
  { name: 'latency_ms', labels: { service: 'checkout' } },
  { name: 'http_5xx', labels: { service: 'checkout' } },
  { name: 'latency_ms', labels: { service: 'search' } },
  { name: 'cpu', labels: {} },
];

describe('components', () => {
  it('a service label names the component, else the metric name', () => {
    expect(series.map(componentOf)).toEqual(['checkout', 'checkout', 'search', 'cpu']);
    expect(componentOf({ name: 'x', labels: { job: 'api' } })).toBe('api');
  });

  it('error series are recognised by name or a 5xx status label', () => {
    expect(isErrorSeries({ name: 'http_5xx', labels: {} })).toBe(true);
    expect(isErrorSeries({ name: 'request_errors_total', labels: {} })).toBe(true);
    expect(isErrorSeries({ name: 'requests', labels: { code: '503' } })).toBe(true);
    expect(isErrorSeries({ name: 'requests', labels: { code: '200' } })).toBe(false);
    expect(isErrorSeries({ name: 'latency_ms', labels: {} })).toBe(false);
  });
});

describe('deductions', () => {
  it('nothing wrong: 100 everywhere, no reasons', () => {
    const h = computeHealth({ series, incidents: [] });
    expect(h.overall).toBe(100);
    expect(h.reasons).toEqual([]);
    expect(h.components.map((c) => [c.name, c.score, c.reasons])).toEqual([
      ['checkout', 100, []],
      ['cpu', 100, []],
      ['search', 100, []],
    ]);
    expect(h.components[0].series).toEqual([0, 1]);
  });

  it('incidents by severity; error series ×1.5; suppressed ones ignored; each explained', () => {
    const h = computeHealth({
      series,
      incidents: [incident(0, 'HIGH'), incident(0, 'LOW'), incident(0, 'LOW'), incident(1, 'CRITICAL'), incident(2, 'CRITICAL', 'maintenance')],
    });
    const checkout = h.components.find((c) => c.name === 'checkout');
    // latency: 15 + 2 × 2 = 19; http_5xx: 30 × 1.5 = 45.
    expect(checkout?.score).toBe(100 - 19 - 45);
    expect(checkout?.reasons).toEqual(['-19: 1 HIGH incident, 2 LOW incidents on latency_ms', '-45: 1 CRITICAL incident on http_5xx (error series, ×1.5)']);
    expect(h.components.find((c) => c.name === 'search')).toMatchObject({ score: 100, reasons: [] });
  });

  it('incidents alone never take more than the cap, and say so', () => {
    const many = Array.from({ length: 5 }, () => incident(3, 'CRITICAL'));
    const cpu = computeHealth({ series, incidents: many }).components.find((c) => c.name === 'cpu');
    expect(cpu?.score).toBe(100 - MAX_INCIDENT_DEDUCTION);
    expect(cpu?.reasons[0]).toMatch(/^-70: 5 CRITICAL incidents on cpu \(capped at 70 for incidents\)$/);
  });

  it('error rate and burn rate, per component, explained', () => {
    const h = computeHealth({ series, incidents: [], errorRates: { search: 0.05, cpu: 0.0005 }, burnRates: { checkout: 14.4 } });
    const by = Object.fromEntries(h.components.map((c) => [c.name, c]));
    expect(by.search).toMatchObject({ score: 75, reasons: ['-25: 5.0% of requests failed'] });
    expect(by.cpu.score).toBe(100); // below 0.1%: noise
    expect(by.checkout).toMatchObject({ score: 60, reasons: ['-40: SLO error budget burning 14.4× the sustainable rate'] });
  });

  it('an error rate for a component without series still makes a component', () => {
    const h = computeHealth({ series: [], incidents: [], errorRates: { 'GET /api': 0.2 } });
    expect(h.components).toEqual([{ name: 'GET /api', score: 50, reasons: ['-50: 20.0% of requests failed'], series: [] }]);
  });
});

describe('overall', () => {
  it('is the mean of the lowest component and the components mean, with reasons', () => {
    const h = computeHealth({ series, incidents: [], errorRates: { search: 0.1 } });
    // search 50, checkout 100, cpu 100: lowest 50, mean 83.33 → round(66.67) = 67.
    expect(h.overall).toBe(67);
    expect(h.components[0].name).toBe('search');
    expect(h.reasons).toEqual(['lowest component search at 50', 'mean of 3 components 83.3']);
  });

  it('no components: 100, with the reason', () => {
    expect(computeHealth({ series: [], incidents: [] })).toEqual({ overall: 100, components: [], reasons: ['no components: nothing to judge'] });
  });
});

describe('error rates a dataset states', () => {
  const ratio = (name: string, values: number[], labels: Record<string, string> = {}) => ({ name, labels, v: Float64Array.from(values) });

  it('an error series of ratios gives its recent mean; counts and non-error series give none', () => {
    const tail = Array.from({ length: 100 }, (_, i) => (i < 95 ? 0.01 : 0.2));
    const rates = errorRatesOf([
      ratio('error_ratio', tail, { service: 'api' }),
      ratio('http_5xx_total', [0, 3, 12]), // a count: not a ratio
      ratio('cpu_utilisation', [0.5, 0.9]), // a ratio, but not errors
    ]);
    expect(Object.keys(rates)).toEqual(['api']);
    // A percentage series is read as a percentage: 1.2 means 1.2 %, not 120 %.
    expect(errorRatesOf([ratio('error_rate_pct', [0.2, 1.2])])).toEqual({ error_rate_pct: 0.012 });
    expect(rates.api).toBeCloseTo(0.2); // the last 5 of 100 points
    const h = computeHealth({ series: [{ name: 'error_ratio', labels: { service: 'api' } }], incidents: [], errorRates: rates });
    expect(h.components[0].reasons).toEqual(['-50: 20.0% of requests failed']);
  });
});
