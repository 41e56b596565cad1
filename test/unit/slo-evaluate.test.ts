// SLO evaluation against hand-computed examples: Sloth's burn factors, budgets, burn rates, the
// multi-window alert timeline, timeslices (OpenSLO's budgeting-method README numbers), no data.
import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/model/series';
import { SPAN_STATUS } from '../../src/model/traces';
import { TraceSetBuilder } from '../../src/model/trace-builder';
import { alertRules } from '../../src/analysis/slo/alert-windows';
import type { SloDefinition } from '../../src/analysis/slo/definition';
import { DAY, HOUR, MINUTE } from '../../src/analysis/slo/duration';
import { evaluateSlo } from '../../src/analysis/slo/evaluate';
import { parseSelector, type SeriesSelector } from '../../src/analysis/slo/selector';

const T0 = Date.UTC(2026, 0, 5); // a Monday, minute-aligned
const sel = (s: string): SeriesSelector => parseSelector(s, 'test') as SeriesSelector;

/** A counter sampled every minute for i = 0..n, value(i). */
function counter(name: string, labels: Record<string, string>, n: number, value: (i: number) => number): Series {
  const t = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    t[i] = T0 + i * MINUTE;
    v[i] = value(i);
  }
  return { name, labels, metricType: 'counter', t, v };
}

function slo(over: Partial<SloDefinition>): SloDefinition {
  return {
    name: 'checkout',
    sli: { kind: 'ratio', events: { from: 'counters', bad: sel('http_requests_total{code=~"5.."}'), total: sel('http_requests_total') } },
    objective: 0.999,
    timeWindow: { kind: 'rolling', ms: 30 * DAY },
    budgetingMethod: 'Occurrences',
    ...over,
  };
}

describe('alert windows (Sloth getBurnRateFactor = percent × period h / 100 / long h)', () => {
  it('30d: 2·720/100/1 = 14.4, 5·720/100/6 = 6, 10·720/100/24 = 3, 10·720/100/72 = 1', () => {
    expect(alertRules(30 * DAY).map((r) => r.factor)).toEqual([14.4, 6, 3, 1].map((x) => expect.closeTo(x, 10)));
    expect(alertRules(30 * DAY).map((r) => [r.shortMs / MINUTE, r.longMs / MINUTE])).toEqual([[5, 60], [30, 360], [120, 1440], [360, 4320]]);
  });
  it('28d: 2·672/100 = 13.44, 5·672/100/6 = 5.6, 10·672/100/24 = 2.8, 10·672/100/72 = 0.9333', () => {
    expect(alertRules(28 * DAY).map((r) => r.factor)).toEqual([13.44, 5.6, 2.8, 0.93333333].map((x) => expect.closeTo(x, 6)));
  });
  it('7d (Sloth examples/windows/7d.yaml): 8·168/100 = 13.44, 12.5·168/100/6 = 3.5, 20·168/100/24 = 1.4, 42·168/100/72 = 0.98', () => {
    expect(alertRules(7 * DAY).map((r) => r.factor)).toEqual([13.44, 3.5, 1.4, 0.98].map((x) => expect.closeTo(x, 10)));
  });
  it('another period scales the 30d windows (1d: 1h/30 = 2m, 5m/30 → 1m) and keeps the 30d factors', () => {
    const r = alertRules(DAY);
    expect(r.map((x) => x.factor)).toEqual([14.4, 6, 3, 1].map((x) => expect.closeTo(x, 10)));
    expect(r.map((x) => [x.shortMs / MINUTE, x.longMs / MINUTE])).toEqual([[1, 2], [1, 12], [4, 48], [12, 144]]);
  });
});

describe('a 10-minute 10 % error burst, 99.9 % over 30d, 100 requests a minute for 2h', () => {
  // total(i) = 100 i; bad rises 10 a minute at samples 61..70. Step k = (T0 + (k−1) min, T0 + k min]
  // holds sample k's increase, so steps 1..120 have 100 events, steps 61..70 ten of them bad.
  const total = counter('http_requests_total', { code: '200' }, 120, (i) => 100 * i - 10 * Math.min(10, Math.max(0, i - 60)));
  const bad = counter('http_requests_total', { code: '500' }, 120, (i) => 10 * Math.min(10, Math.max(0, i - 60)));
  const ev = evaluateSlo(slo({}), { series: [total, bad] });
  const at = (k: number) => T0 + k * MINUTE; // evaluation time (end) of step k

  it('counts events and the period budget: 100 bad of 12 000 → SLI 0.991667, budget 1 − 0.008333/0.001 = −7.333', () => {
    expect(ev.totalEvents).toBe(12000);
    expect(ev.goodEvents).toBe(11900);
    expect(ev.t.length).toBe(121);
    const last = ev.t.length - 1;
    expect(ev.compliance[last]).toBeCloseTo(1 - 100 / 12000, 12);
    expect(ev.budgetRemaining[last]).toBeCloseTo(1 - 100 / 12000 / 0.001, 9);
    expect(ev.sli[last]).toBe(1); // the last 5 minutes are clean
    expect(ev.sli[0]).toBeNaN(); // step 0 holds no increase: undefined, not 100 %
  });

  it('current burn rate at step 70: 50 bad of 500 over 5m → 0.1/0.001 = 100', () => {
    expect(ev.burnRate[70]).toBeCloseTo(100, 9);
  });

  it('page.quick (1h & 5m > 14.4): 1h needs > 86.4 bad of 6000 → from step 69; 5m holds a bad step to 74 → ends at 75', () => {
    const quick = ev.alerts.filter((a) => a.rule === 'page.quick');
    expect(quick).toEqual([{ rule: 'page.quick', severity: 'page', start: at(69), end: at(75), peakBurnRate: expect.closeTo(100, 9) }]);
  });

  it('page.slow (6h & 30m > 6): the 6h window holds all data, 10(k−60)/100k > 0.006 from k = 64; 30m needs ≥ 2 bad steps → to 98', () => {
    expect(ev.alerts.filter((a) => a.rule === 'page.slow').map((a) => [a.start, a.end])).toEqual([[at(64), at(99)]]);
  });

  it('tickets: ticket.slow (> 1×) from k = 61 (10/6100 = 0.00164), ticket.quick (> 3×) from k = 62 (20/6200); both still firing', () => {
    expect(ev.alerts.filter((a) => a.severity === 'ticket').map((a) => [a.rule, a.start, a.end])).toEqual([
      ['ticket.slow', at(61), null],
      ['ticket.quick', at(62), null],
    ]);
  });

  it('notifications OR the rules of a severity: one page 65 → 100 min, one ticket from 62 min', () => {
    expect(ev.notifications.map((a) => [a.severity, a.start, a.end])).toEqual([
      ['ticket', at(61), null],
      ['page', at(64), at(99)],
    ]);
  });

  it('an OpenSLO burnrate condition (threshold 2, lookback 1h, alertAfter 5m): 1h bad > 12 of 6000 from step 62 (20 bad), so it fires at 62 + 5 = 67, still firing', () => {
    const withCondition = evaluateSlo(slo({ alertConditions: [{ name: 'burn-2x', severity: 'sev2', threshold: 2, lookbackMs: HOUR, alertAfterMs: 5 * MINUTE }] }), { series: [total, bad] });
    expect(withCondition.alerts.filter((a) => a.rule === 'burn-2x').map((a) => [a.severity, a.start, a.end])).toEqual([['sev2', at(67), null]]);
    expect(withCondition.notifications.map((a) => a.severity)).toEqual(['ticket', 'page']); // conditions notify on their own
  });

  it('burn rates per window at the end: page.quick long = 100/6000/0.001 = 16.67, short 0', () => {
    const w = ev.windows.find((x) => x.rule === 'page.quick');
    expect(w?.longBurnRate).toBeCloseTo(100 / 6000 / 0.001, 9);
    expect(w?.shortBurnRate).toBe(0);
    expect(w?.firing).toBe(false);
  });
});

describe('no data and low traffic', () => {
  it('a selector that matches nothing: noData stated, SLI and budget undefined, no alert', () => {
    const s = counter('other_total', {}, 10, (i) => i);
    const ev = evaluateSlo(slo({}), { series: [s] });
    expect(ev.noData).toMatch(/no series matches the total selector/);
    expect([...ev.compliance].every(Number.isNaN)).toBe(true);
    expect([...ev.budgetRemaining].every(Number.isNaN)).toBe(true);
    expect(ev.alerts).toEqual([]);
  });

  it('a quiet stretch (counter flat) leaves the current SLI undefined there, not 100 %', () => {
    const total = counter('http_requests_total', { code: '200' }, 30, (i) => (i <= 10 ? 10 * i : i <= 20 ? 100 : 100 + 10 * (i - 20)));
    const ev = evaluateSlo(slo({}), { series: [total] });
    expect(ev.sli[12]).toBe(1); // window steps 8..12 hold 30 events
    expect(ev.sli[17]).toBeNaN(); // steps 13..17: no increase
    expect(ev.compliance[17]).toBe(1); // the period so far still has events
  });

  it('minEvents: 1 bad request of 10 in an hour is 100× burn, but with minEvents 20 no window may fire', () => {
    // 1 request every 6 minutes; the 10th fails: 5m ratio 1 → 1000×, 1h ratio 0.1 → 100× (> 14.4).
    const total = counter('http_requests_total', { code: '200' }, 60, (i) => Math.floor(i / 6));
    const bad = counter('http_requests_total', { code: '500' }, 60, (i) => (i >= 60 ? 1 : 0));
    const loud = evaluateSlo(slo({}), { series: [total, bad] });
    expect(loud.alerts.some((a) => a.rule === 'page.quick')).toBe(true);
    const guarded = evaluateSlo(slo({}), { series: [total, bad] }, { minEvents: 20 });
    expect(guarded.alerts).toEqual([]);
    expect(guarded.lowTrafficSteps).toBeGreaterThan(0);
  });
});

describe('timeslices (OpenSLO examples/budgeting-method/README.md: 2w rolling, 1m slices, 95 %)', () => {
  // 20 160 one-minute slices; normal minutes 99 of 100 good, attack minutes 1 of 100 good.
  const run = (method: 'Timeslices' | 'RatioTimeslices', attack: number) => {
    const n = 20160;
    const badAt = (i: number) => i + 98 * Math.min(i, attack);
    const total = counter('http_requests_total', { code: '200' }, n, (i) => 100 * i - badAt(i));
    const bad = counter('http_requests_total', { code: '500' }, n, badAt);
    const def = slo({ objective: 0.95, timeWindow: { kind: 'rolling', ms: 14 * DAY }, budgetingMethod: method, timeSliceWindowMs: MINUTE, ...(method === 'Timeslices' ? { timeSliceTarget: 0.9 } : {}) });
    const ev = evaluateSlo(def, { series: [total, bad] });
    return ev.budgetRemaining[ev.t.length - 1];
  };
  it('Timeslices: the budget is 5 % of 20 160 = 1008 bad minutes (16 h 48 min): 1 − n/1008', () => {
    expect(run('Timeslices', 1008)).toBeCloseTo(0, 9);
    expect(run('Timeslices', 504)).toBeCloseTo(0.5, 9);
  });
  it('RatioTimeslices: mean ratio (0.99(N−n) + 0.01n)/N falls to 0.95 at n = 0.04N/0.98 = 822.9 min (≈ 13 h 43 min)', () => {
    // n = 822: 1 − (201.6 + 0.98·822)/20160/0.05 = +0.000833; n = 823: −0.000139.
    expect(run('RatioTimeslices', 822)).toBeCloseTo(1 - (201.6 + 0.98 * 822) / 20160 / 0.05, 9);
    expect(run('RatioTimeslices', 823)).toBeLessThan(0);
  });
});

describe('other SLI sources', () => {
  it('histogram: threshold 0.3 takes the le="0.5" bucket (first above) and says so; 0.25 takes le="0.25"', () => {
    const b = (le: string, per: number) => counter('http_request_duration_seconds_bucket', { le }, 10, (i) => per * i);
    const series = [b('0.1', 50), b('0.25', 80), b('0.5', 90), b('+Inf', 100)];
    const at = (threshold: number) => evaluateSlo(slo({ sli: { kind: 'ratio', events: { from: 'histogram', buckets: sel('http_request_duration_seconds_bucket'), threshold } } }), { series });
    const a = at(0.3);
    expect(a.compliance[a.t.length - 1]).toBeCloseTo(0.9, 12);
    expect(a.notes.join(' ')).toMatch(/le="0.5".*first bucket above/);
    const e = at(0.25);
    expect(e.compliance[e.t.length - 1]).toBeCloseTo(0.8, 12);
  });

  it('spans: good = not error and ≤ 200 ms; 4 spans of cart: one error, one slow → 2/4', () => {
    const b = new TraceSetBuilder();
    const spans: [number, number][] = [[SPAN_STATUS.ok, 50], [SPAN_STATUS.error, 50], [SPAN_STATUS.unset, 500], [SPAN_STATUS.ok, 200]];
    spans.forEach(([status, ms], i) => b.addSpan({ traceId: `t${i}`, spanId: `s${i}`, service: 'cart', operation: 'GET /cart', start: (T0 + i * MINUTE) * 1000, duration: ms * 1000, status, kind: 1 }));
    b.addSpan({ traceId: 'x', spanId: 'y', service: 'auth', operation: 'login', start: T0 * 1000, duration: 1e6, status: SPAN_STATUS.error, kind: 1 });
    const ev = evaluateSlo(slo({ sli: { kind: 'ratio', events: { from: 'spans', service: 'cart', maxDurationMs: 200 } } }), { series: [], traces: [b.finish().set] });
    expect([ev.goodEvents, ev.totalEvents]).toEqual([2, 4]);
  });

  it('threshold SLI: samples with value <= 300 are good; 3 of 4 → 0.75', () => {
    const s: Series = { name: 'latency_p99_ms', labels: {}, t: Float64Array.from([0, 1, 2, 3].map((i) => T0 + i * MINUTE)), v: Float64Array.from([100, 250, 400, 300]) };
    const ev = evaluateSlo(slo({ sli: { kind: 'threshold', series: sel('latency_p99_ms'), op: '<=', threshold: 300 } }), { series: [s] });
    expect(ev.compliance[ev.t.length - 1]).toBe(0.75);
  });

  it('calendar month: compliance restarts on the 1st (UTC)', () => {
    const start = Date.UTC(2026, 0, 31, 23, 0);
    const mk = (code: string, f: (i: number) => number): Series => ({ name: 'http_requests_total', labels: { code }, t: Float64Array.from({ length: 121 }, (_, i) => start + i * MINUTE), v: Float64Array.from({ length: 121 }, (_, i) => f(i)) });
    // January's last hour: 10 % errors; February's first hour clean.
    const series = [mk('200', (i) => 9 * Math.min(i, 60) + 10 * Math.max(0, i - 60)), mk('500', (i) => Math.min(i, 60))];
    const ev = evaluateSlo(slo({ objective: 0.99, timeWindow: { kind: 'calendar', unit: 'month' } }), { series });
    const jan = ev.t.findIndex((t) => t === Date.UTC(2026, 1, 1));
    expect(ev.compliance[jan]).toBeCloseTo(0.9, 12);
    expect(ev.compliance[ev.t.length - 1]).toBe(1);
    expect(HOUR).toBe(60 * MINUTE);
  });
});
