// OpenSLO v1 import and export: the spec's examples (test/fixtures/openslo) round-trip through
// export and import unchanged; invalid YAML and unsupported shapes are refused with readable messages.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportOpenSlo, importOpenSlo } from '../../src/analysis/slo/openslo';
import { DAY, MINUTE } from '../../src/analysis/slo/duration';
import type { SloDefinition } from '../../src/analysis/slo/definition';

const dir = 'test/fixtures/openslo';
const read = (f: string) => readFileSync(`${dir}/${f}`, 'utf8');
const load = (f: string): SloDefinition[] => {
  const r = importOpenSlo(read(f), f);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.slos;
};

describe('OpenSLO import', () => {
  it('ratio-timeslices.yaml: 2w rolling, RatioTimeslices, 1m slices, target 0.99, good/total', () => {
    const [s] = load('ratio-timeslices.yaml');
    expect(s).toMatchObject({ name: 'main-page', service: 'web-shop', objective: 0.99, budgetingMethod: 'RatioTimeslices', timeSliceWindowMs: MINUTE, timeWindow: { kind: 'rolling', ms: 14 * DAY } });
    expect(s.sli).toEqual({ kind: 'ratio', events: { from: 'counters', good: { metric: 'Any', matchers: [] }, total: { metric: 'Any', matchers: [] } } });
  });

  it('timeslices-slo.yaml: two objectives become two SLOs on a calendar month', () => {
    const slos = load('timeslices-slo.yaml');
    expect(slos.map((s) => [s.name, s.objective, s.timeSliceTarget, s.budgetingMethod])).toEqual([
      ['service-availability-internal-objective', 0.995, 0.99, 'Timeslices'],
      ['service-availability-sla', 0.99, 0.99, 'Timeslices'],
    ]);
    expect(slos[0].timeWindow).toEqual({ kind: 'calendar', unit: 'month', startTime: '2022-01-01 12:00:00', timeZone: 'America/New_York' });
  });

  it('occurences-slo.yaml: thresholdMetric with op lt, value 500', () => {
    const [s] = load('occurences-slo.yaml');
    expect(s.sli).toEqual({ kind: 'threshold', series: { metric: 'search_latency_ms', matchers: [] }, op: '<', threshold: 500 });
  });

  it('README PromQL queries: sum(...) and rate(...[5m]) unwrapped to selectors; the inline AlertPolicy condition kept', () => {
    const [a] = load('alert-policy-inline.yaml');
    expect(a.sli).toMatchObject({ events: { good: { metric: 'localhost_server_requests', matchers: [{ label: 'code', op: '=~', value: '2xx|3xx' }, { label: 'host', op: '=', value: '*' }, { label: 'instance', op: '=', value: '127.0.0.1:9090' }] } } });
    expect(a.alertConditions).toEqual([{ name: 'cpu-usage-breach', severity: 'page', threshold: 2, lookbackMs: 60 * MINUTE, alertAfterMs: 5 * MINUTE }]);
    const [b] = load('sli-ref.yaml');
    expect(b).toMatchObject({ name: 'checkout-availability', objective: 0.999, sli: { events: { from: 'counters', bad: { metric: 'http_requests_total', matchers: [{ label: 'service', op: '=', value: 'checkout' }, { label: 'code', op: '=~', value: '5..' }] } } } });
  });
});

describe('OpenSLO round-trip', () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    it(`${f}: import → export → import gives the same definitions`, () => {
      const first = load(f);
      const text = exportOpenSlo(first);
      expect(text).toMatch(/^apiVersion: openslo\/v1$/m);
      const again = importOpenSlo(text, 'exported');
      expect(again).toEqual({ ok: true, slos: first });
    });
  }

  it('histogram, spans and == thresholds survive export and import', () => {
    const base = { objective: 0.99, timeWindow: { kind: 'rolling', ms: 7 * DAY }, budgetingMethod: 'Occurrences' } as const;
    const slos: SloDefinition[] = [
      { ...base, name: 'latency', sli: { kind: 'ratio', events: { from: 'histogram', buckets: { metric: 'http_request_duration_seconds_bucket', matchers: [{ label: 'job', op: '=', value: 'api' }] }, threshold: 0.3 } } },
      { ...base, name: 'cart-spans', sli: { kind: 'ratio', events: { from: 'spans', service: 'cart', operation: 'GET /cart', maxDurationMs: 250 } } },
      { ...base, name: 'up', sli: { kind: 'threshold', series: { metric: 'up', matchers: [] }, op: '==', threshold: 1 } },
    ];
    expect(importOpenSlo(exportOpenSlo(slos))).toEqual({ ok: true, slos });
  });
});

describe('OpenSLO refusals, readable', () => {
  const errorsOf = (text: string): string => {
    const r = importOpenSlo(text, 'slo.yaml');
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.errors.join('\n');
  };
  it('broken YAML names the file and the line', () => {
    expect(errorsOf('apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: [unclosed\n')).toMatch(/^slo\.yaml: line \d+: /);
  });
  it('a calendar window of 1m (minutes) says a month is 1M', () => {
    expect(errorsOf(read('timeslices-slo.yaml').replace('duration: 1M', 'duration: 1m'))).toMatch(/1m is one minute; a month is 1M/);
  });
  it('wrong apiVersion, raw ratios, a Datadog query, an objective of 1.5, Timeslices without timeSliceTarget', () => {
    expect(errorsOf(read('sli-ref.yaml').replace(/openslo\/v1/g, 'openslo/v1alpha'))).toMatch(/apiVersion must be openslo\/v1, got "openslo\/v1alpha"/);
    expect(errorsOf(read('ratio-timeslices.yaml').replace('good:', 'rawType: success\n        raw:'))).toMatch(/raw \(precomputed\) ratios are not supported/);
    expect(errorsOf(read('ratio-timeslices.yaml').replace('query: Any', 'query: sum:trace.http.request.hits{*}.as_count()'))).toMatch(/ratioMetric\.good\.metricSource\.spec\.query: expected metric\{label="value",\.\.\.\}/);
    expect(errorsOf(read('ratio-timeslices.yaml').replace('target: 0.99', 'target: 1.5'))).toMatch(/objectives\[0\]: objective must be between 0 and 1/);
    expect(errorsOf(read('timeslices-slo.yaml').replace(/\n\s*timeSliceTarget: 0.99/g, ''))).toMatch(/Timeslices needs timeSliceTarget/);
  });
  it('a file without an SLO', () => {
    expect(errorsOf('apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: web\n')).toMatch(/no kind: SLO document found/);
  });
});
