// Starter SLOs from a dataset's series and spans, with hand-computed thresholds; they round-trip through
// OpenSLO YAML and evaluate; the demo's latency suggestion catches the day-2 incident.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/model/series';
import { SPAN_STATUS } from '../../src/model/traces';
import { TraceSetBuilder } from '../../src/model/trace-builder';
import { MINUTE } from '../../src/analysis/slo/duration';
import { exportOpenSlo, importDatasetSlos } from '../../src/analysis/slo/openslo';
import { sloResults } from '../../src/analysis/slo/pipeline';
import { niceCeil, quantileOf, sloName, suggestSlos } from '../../src/analysis/slo/suggest';

const T0 = Date.UTC(2026, 0, 5);
const series = (name: string, labels: Record<string, string>, v: number[], metricType?: Series['metricType']): Series => ({
  name,
  labels,
  ...(metricType ? { metricType } : {}),
  t: Float64Array.from(v.map((_, i) => T0 + i * MINUTE)),
  v: Float64Array.from(v),
});

describe('helpers', () => {
  it('niceCeil: the next 1, 2, 2.5, 5 × 10^k', () => {
    expect([0.3, 1, 1.2, 2.2, 3, 405, 0.045, 7000].map(niceCeil)).toEqual([0.5, 1, 2, 2.5, 5, 500, 0.05, 10000]);
  });
  it('quantileOf: nearest rank over finite values (p99 of 1..100 is 99, p50 is 50)', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantileOf([...xs, NaN], 0.99)).toBe(99);
    expect(quantileOf(xs, 0.5)).toBe(50);
    expect(quantileOf([], 0.5)).toBeNaN();
  });
  it('sloName: an RFC 1123 label', () => {
    expect(sloName('P99 Latency (ms)')).toBe('p99-latency-ms');
    expect(sloName('___')).toBe('slo');
  });
});

describe('suggestSlos', () => {
  it('a latency gauge: samples ≤ niceCeil(1.5 × p99); 100 values 1..100 → p99 99 → 148.5 → 200', () => {
    const [s] = suggestSlos([series('p99_latency_ms', {}, Array.from({ length: 100 }, (_, i) => i + 1))]);
    expect(s.slo).toMatchObject({ name: 'p99-latency-ms-latency', sli: { kind: 'threshold', op: '<=', threshold: 200 }, objective: 0.99 });
  });

  it('an error-ratio gauge in percent gets an errors SLO; a CPU gauge gets none', () => {
    const out = suggestSlos([series('error_rate_pct', {}, [0.1, 0.2, 0.3]), series('cpu_pct', {}, [10, 20])]);
    expect(out.map((s) => s.slo.name)).toEqual(['error-rate-pct-errors']);
    expect(out[0].slo.sli).toMatchObject({ kind: 'threshold', threshold: 0.5 }); // 1.5 × 0.3 = 0.45 → 0.5
  });

  it('counters with a 5xx code label → bad = code=~"5..", total = every code; 99.9 %', () => {
    const out = suggestSlos([series('http_requests_total', { code: '200' }, [0, 10], 'counter'), series('http_requests_total', { code: '503' }, [0, 1], 'counter')]);
    expect(out).toHaveLength(1);
    expect(out[0].slo).toMatchObject({ name: 'http-requests-availability', objective: 0.999, sli: { kind: 'ratio', events: { from: 'counters', bad: { metric: 'http_requests_total', matchers: [{ label: 'code', op: '=~', value: '5..' }] }, total: { metric: 'http_requests_total', matchers: [] } } } });
  });

  it('an errors counter beside a requests counter → bad/total', () => {
    const out = suggestSlos([series('checkout_requests_total', {}, [0, 10], 'counter'), series('checkout_errors_total', {}, [0, 1], 'counter')]);
    expect(out.map((s) => s.slo.sli)).toEqual([{ kind: 'ratio', events: { from: 'counters', bad: { metric: 'checkout_errors_total', matchers: [] }, total: { metric: 'checkout_requests_total', matchers: [] } } }]);
  });

  it('histogram buckets: the smallest bucket holding ≥ 99 % at the end (le 0.5 holds 990 of 1000)', () => {
    const b = (le: string, last: number) => series('http_request_duration_seconds_bucket', { le }, [0, last], 'counter');
    const out = suggestSlos([b('0.1', 600), b('0.25', 950), b('0.5', 990), b('1', 1000), b('+Inf', 1000)]);
    expect(out.map((s) => s.slo.sli)).toEqual([{ kind: 'ratio', events: { from: 'histogram', buckets: { metric: 'http_request_duration_seconds_bucket', matchers: [] }, threshold: 0.5 } }]);
  });

  it('spans: one SLO per busiest service, good = no error and ≤ niceCeil(1.5 × p99 ms)', () => {
    const tb = new TraceSetBuilder();
    [10, 20, 30, 40].forEach((ms, i) => tb.addSpan({ traceId: `t${i}`, spanId: `s${i}`, service: 'cart', operation: 'GET', start: (T0 + i * MINUTE) * 1000, duration: ms * 1000, status: i === 3 ? SPAN_STATUS.error : SPAN_STATUS.ok, kind: 1 }));
    const out = suggestSlos([], tb.finish().set);
    // p99 of 10, 20, 30, 40 (nearest rank) = 40 → 60 → 100
    expect(out.map((s) => s.slo)).toMatchObject([{ name: 'cart-spans', service: 'cart', sli: { kind: 'ratio', events: { from: 'spans', service: 'cart', maxDurationMs: 100 } } }]);
  });

  it('the demo: latency and error-rate SLOs that survive OpenSLO YAML and page within 20 minutes of the day-2 14:10 UTC incident', () => {
    const csv = readFileSync('public/demo/service-metrics.csv', 'utf8').trim().split('\n');
    const head = csv[0].split(',');
    const cols = head.slice(1).map(() => [] as number[]);
    const t: number[] = [];
    for (const line of csv.slice(1)) {
      const cells = line.split(',');
      t.push(Date.parse(cells[0]));
      cells.slice(1).forEach((c, i) => cols[i].push(Number(c)));
    }
    const demo: Series[] = head.slice(1).map((name, i) => ({ name, labels: {}, t: Float64Array.from(t), v: Float64Array.from(cols[i]) }));
    const out = suggestSlos(demo);
    expect(out.map((s) => s.slo.name)).toEqual(['p99-latency-ms-latency', 'error-rate-pct-errors']);
    const back = importDatasetSlos(exportOpenSlo(out.map((s) => s.slo)));
    expect(back.ok && back.slos).toEqual(out.map((s) => s.slo));
    const [latency] = sloResults(out.map((s) => s.slo), { series: demo }, { stepMs: MINUTE });
    const page = latency.evaluation.notifications.find((a) => a.severity === 'page');
    // The page needs > 14.4 × 1 % of the last hour bad (9 samples): latency passes the threshold a few minutes in.
    expect(page?.start).toBeGreaterThan(Date.UTC(2026, 2, 3, 14, 10));
    expect(page?.start).toBeLessThanOrEqual(Date.UTC(2026, 2, 3, 14, 30));
  });
});

describe('importDatasetSlos', () => {
  it('empty text holds no SLO; a name defined twice is refused', () => {
    expect(importDatasetSlos('  \n')).toEqual({ ok: true, slos: [] });
    const one = exportOpenSlo(suggestSlos([series('p99_latency_ms', {}, [1, 2])]).map((s) => s.slo));
    expect(importDatasetSlos(`${one}---\n${one}`)).toEqual({ ok: false, errors: ['SLO "p99-latency-ms-latency" is defined twice; names must be unique'] });
  });
});
