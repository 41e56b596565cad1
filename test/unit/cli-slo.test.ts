// `faultline slo` end to end on test/fixtures/slo: a 3 h Prometheus scrape with a 10-minute 20 % 5xx burst
// and an OpenSLO file; every time below is worked out in the comments (step k ends at 00:00 + k min).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './cli-helpers';

const PROM = 'test/fixtures/slo/checkout-requests.prom';
const SLO = 'test/fixtures/slo/checkout-slo.yaml';
const at = (min: number) => new Date(Date.UTC(2026, 0, 5) + min * 60_000).toISOString();

describe('faultline slo', () => {
  it('--json: SLI, compliance, budget, burn rates per window, alerts and notifications as computed by hand', async () => {
    const { code, out, err } = await runCliCaptured('slo', PROM, '--slo', SLO, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const [checkout, payments] = JSON.parse(out).slos;
    // 100 requests a minute for 180 minutes; 206 bad (200 in the burst at minutes 91..100, one at 30, 60, ..., 180).
    expect([checkout.goodEvents, checkout.totalEvents]).toEqual([17794, 18000]);
    expect(checkout.compliance).toBeCloseTo(1 - 206 / 18000, 12);
    expect(checkout.budgetRemaining).toBeCloseTo(1 - 206 / 18000 / 0.001, 9);
    expect(checkout.sli).toBeCloseTo(0.998, 12); // minutes 176..180: 1 bad of 500
    // At the end: 1h holds minutes 121..180 (2 bad of 6000 → 0.333×); 2h holds 61..180 (204 of 12 000 → 17×).
    const burn = Object.fromEntries(checkout.burnRates.map((w: { rule: string; longBurnRate: number; shortBurnRate: number }) => [w.rule, [w.longBurnRate, w.shortBurnRate]]));
    expect(burn['page.quick'][0]).toBeCloseTo(2 / 6000 / 0.001, 9);
    expect(burn['ticket.quick'][1]).toBeCloseTo(204 / 12000 / 0.001, 9);
    expect(checkout.alerts.map((a: { rule: string; start: string; end: string | null }) => [a.rule, a.start, a.end])).toEqual([
      // 3d/6h > 1×: (1 + 1 + 1 + 20) / 9100 = 0.0025 > 0.001 at minute 91 (at 90: 3/9000 = 0.00033).
      ['ticket.slow', at(91), null],
      // 1d/2h > 3×: 43/9200 = 0.0047 > 0.003 at 92 (at 91: 0.0025).
      ['ticket.quick', at(92), null],
      // 6h/30m > 6×: 63/9300 = 0.0068 > 0.006 at 93; the 30m window keeps > 18 bad until minute 129 (one burst minute + minute 120).
      ['page.slow', at(93), at(130)],
      // 1h/5m > 14.4×: 1h needs > 86.4 bad of 6000: 20·5 + 2 at 95; 5m holds a burst minute until 104.
      ['page.quick', at(95), at(105)],
    ]);
    expect(checkout.notifications).toEqual([
      { severity: 'ticket', start: at(91), end: null },
      { severity: 'page', start: at(93), end: at(130) },
    ]);
    expect(checkout.forecast.breachedAt).toBe(at(91)); // 23/9100 = 0.25 % > 0.1 %: the budget is gone
    // payments: no series in the file → no SLI (not 100 %), no alerts.
    expect(payments).toMatchObject({ noData: 'no series matches the total selector', sli: null, compliance: null, budgetRemaining: null, alerts: [] });
    expect(payments.burnRates.map((w: { factor: number }) => w.factor)).toEqual([13.44, 3.5, 1.4, 0.98].map((x) => expect.closeTo(x, 9)));
  });

  it('prints a readable table by default', async () => {
    const { code, out } = await runCliCaptured('slo', PROM, '--slo', SLO);
    expect(code).toBe(0);
    expect(out).toMatch(/checkout-availability: objective 99\.900% over 30d rolling, Occurrences/);
    expect(out).toMatch(/alert page page\.quick: 2026-01-05T01:35:00\.000Z → 2026-01-05T01:45:00\.000Z/);
    expect(out).toMatch(/payments-availability[\s\S]*no data: no series matches the total selector/);
  });

  it('--report md|csv|html -o FILE writes the report; the HTML escapes what it shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-slo-'));
    for (const kind of ['md', 'csv', 'html']) {
      const file = join(dir, `report.${kind}`);
      const { code } = await runCliCaptured('slo', PROM, '--slo', SLO, '--report', kind, '-o', file);
      expect(code).toBe(0);
      const text = readFileSync(file, 'utf8');
      if (kind === 'md') expect(text).toMatch(/^# SLO report: test\/fixtures\/slo\/checkout-requests\.prom$/m);
      if (kind === 'csv') {
        expect(text.split('\n')[0]).toMatch(/^slo,service,objective,/);
        expect(text.split('\n')[1]).toMatch(/^checkout-availability,checkout,0\.999,30d rolling,Occurrences,/);
      }
      if (kind === 'html') {
        expect(text).toMatch(/^<!doctype html>/);
        expect(text).toContain('ticket ticket.slow: 2026-01-05T01:31:00.000Z → still firing');
        expect(text).not.toMatch(/<script/i);
      }
    }
  });

  it('refuses a bad SLO file (exit 1, readable) and missing options (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-slo-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(SLO, 'utf8').replace('target: 0.999', 'target: 99.9'));
    const r = await runCliCaptured('slo', PROM, '--slo', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/objectives\[0\]: objective must be between 0 and 1/);
    expect((await runCliCaptured('slo', PROM)).code).toBe(2);
    expect((await runCliCaptured('slo', PROM, '--slo', SLO, '--report', 'pdf', '-o', 'x')).err).toMatch(/--report must be one of md, csv, html/);
    const sliced = await runCliCaptured('slo', PROM, '--slo', 'test/fixtures/openslo/ratio-timeslices.yaml', '--step', '7s');
    expect([sliced.code, sliced.err]).toEqual([2, expect.stringMatching(/--step 7s: slo main-page: its time slice of 60s is not a whole number of 7s steps/)]);
  });
});
