// Budget forecast (current burn and linear trend), SLO burn rates as health input, and the report
// builders (Markdown, CSV, HTML escaping), on hand-computed examples.
import { describe, expect, it } from 'vitest';
import { computeHealth } from '../../src/analysis/detectors/health';
import type { SloDefinition } from '../../src/analysis/slo/definition';
import { DAY, HOUR, MINUTE } from '../../src/analysis/slo/duration';
import { evaluateSlo, type SloEvaluation } from '../../src/analysis/slo/evaluate';
import { forecastBudget } from '../../src/analysis/slo/forecast';
import { sloBurnRates } from '../../src/analysis/slo/health-input';
import { sloReportCsv, sloReportHtml, sloReportMarkdown } from '../../src/analysis/slo/report';
import { summarizeSlo } from '../../src/analysis/slo/summary';
import type { Series } from '../../src/model/series';

const T0 = Date.UTC(2026, 0, 5);
const def: SloDefinition = {
  name: 'checkout',
  service: 'checkout',
  sli: { kind: 'ratio', events: { from: 'counters', bad: { metric: 'req_total', matchers: [{ label: 'code', op: '=', value: '500' }] }, total: { metric: 'req_total', matchers: [] } } },
  objective: 0.99,
  timeWindow: { kind: 'rolling', ms: 30 * DAY },
  budgetingMethod: 'Occurrences',
};

function constantErrors(badPer1000: number, minutes: number): Series[] {
  const t = Float64Array.from({ length: minutes + 1 }, (_, i) => T0 + i * MINUTE);
  return [
    { name: 'req_total', labels: { code: '200' }, t, v: Float64Array.from(t, (_, i) => (1000 - badPer1000) * i) },
    { name: 'req_total', labels: { code: '500' }, t, v: Float64Array.from(t, (_, i) => badPer1000 * i) },
  ];
}

describe('forecast', () => {
  it('0.5 % errors against a 1 % budget: burn 0.5, budget left 1 − 0.005/0.01 = 0.5, gone in 0.5 × 720 h / 0.5 = 720 h; flat trend never', () => {
    const ev = evaluateSlo(def, { series: constantErrors(5, 12 * 60) });
    const f = forecastBudget(ev);
    expect(f.budgetRemaining).toBeCloseTo(0.5, 12);
    expect(f.burnRate).toBeCloseTo(0.5, 12);
    expect(f.exhaustionInMs / HOUR).toBeCloseTo(720, 6);
    expect(f.trendPerHour).toBeCloseTo(0, 9);
    expect(f.breachAt).toBeCloseTo(f.at + 720 * HOUR, -3);
    expect(f.burnLine.at(-1)?.[1]).toBeCloseTo(0, 9);
    expect(f.breachedAt).toBeNull();
  });

  it('a budget falling 0.1 an hour from 0.9 to 0.3: trend exhausts in 0.3/0.1 = 3 h; burn 2 on 720 h: 0.3 × 720/2 = 108 h; breach = the sooner', () => {
    const n = 6 * 60 + 1;
    const t = Float64Array.from({ length: n }, (_, i) => T0 + i * MINUTE);
    const ev = { grid: { start: T0 - MINUTE, step: MINUTE, steps: n }, t, budgetRemaining: Float64Array.from(t, (_, i) => 0.9 - (0.1 * i) / 60), periodMs: 30 * DAY, recentBurnRate: 2 } as SloEvaluation;
    const f = forecastBudget(ev);
    expect(f.trendPerHour).toBeCloseTo(-0.1, 9);
    expect(f.exhaustionByTrendInMs / HOUR).toBeCloseTo(3, 6);
    expect(f.exhaustionInMs / HOUR).toBeCloseTo(108, 6);
    expect(f.breachAt).toBeCloseTo(t[n - 1] + 3 * HOUR, -3);
    expect(f.trendLine[0]).toEqual([t[n - 1], expect.closeTo(0.3, 9)]);
  });

  it('no events: every forecast number undefined, no lines', () => {
    const ev = evaluateSlo(def, { series: [] }, { start: T0, end: T0 + HOUR });
    const f = forecastBudget(ev);
    expect([f.burnRate, f.exhaustionInMs, f.exhaustionByTrendInMs].every(Number.isNaN)).toBe(true);
    expect([f.breachAt, f.burnLine.length, f.trendLine.length]).toEqual([null, 0, 0]);
  });
});

describe('health input and reports', () => {
  it('burn rates per service (the highest of its SLOs); a 15.4× burn costs (15.4 − 1) × 3 = 43 → capped at 40', () => {
    const hot = evaluateSlo(def, { series: constantErrors(154, 120) }); // 15.4 % errors / 1 % budget
    const calm = evaluateSlo({ ...def, name: 'checkout-calm' }, { series: constantErrors(1, 120) });
    const none = evaluateSlo({ ...def, name: 'payments', service: 'payments' }, { series: [] }, { start: T0, end: T0 + HOUR });
    const rates = sloBurnRates([calm, hot, none]);
    expect(Object.keys(rates)).toEqual(['checkout']);
    expect(rates.checkout).toBeCloseTo(15.4, 9);
    const health = computeHealth({ series: [], incidents: [], burnRates: rates });
    expect(health.components[0]).toMatchObject({ name: 'checkout', score: 60 });
  });

  it('Markdown, CSV and HTML: values shown, markup escaped, CSV cells quoted', () => {
    const ev = evaluateSlo(def, { series: constantErrors(5, 60) });
    const s = { ...summarizeSlo(ev, forecastBudget(ev)), notes: ['<b>"x"</b> & =1,2 | y'] };
    const md = sloReportMarkdown('a|b', [s]);
    expect(md).toMatch(/^# SLO report: a\\\|b$/m);
    expect(md).toContain('| checkout | 99.000 % |');
    expect(md).toContain('- note: \\<b\\>"x"\\</b\\> & =1,2 \\| y');
    const csv = sloReportCsv([{ ...s, noData: '=cmd(),x' }]);
    expect(csv.trim().split('\n')[1].endsWith(',"=cmd(),x"')).toBe(true);
    const html = sloReportHtml('<dataset>', [s]);
    expect(html).toContain('<title>SLO report: &lt;dataset&gt;</title>');
    expect(html).toContain('<li>&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; =1,2 | y</li>');
    expect(html).not.toContain('<b>');
  });
});
