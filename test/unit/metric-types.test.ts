// Metric types from the declared type and each series' role in its family; summaries' quantiles.
import { describe, expect, it } from 'vitest';
import { metricTypeOf, summaryQuantiles } from '../../src/analysis/metrics/metric-types';
import type { MetricType, Series } from '../../src/model/series';

const s = (name: string, labels: Record<string, string>, metricType?: MetricType): Series => ({
  name, labels, ...(metricType ? { metricType } : {}), t: Float64Array.of(1), v: Float64Array.of(2),
});

describe('metricTypeOf', () => {
  it('reads the declared type and the role', () => {
    expect(metricTypeOf(s('http_requests_total', {}, 'counter'))).toEqual({ kind: 'counter', role: 'value', family: 'http_requests_total', monotonic: true });
    expect(metricTypeOf(s('temp', {}, 'gauge'))).toMatchObject({ kind: 'gauge', monotonic: false });
    expect(metricTypeOf(s('lat_bucket', { le: '1' }, 'histogram'))).toMatchObject({ kind: 'histogram', role: 'bucket', family: 'lat', monotonic: true });
    expect(metricTypeOf(s('lat_sum', {}, 'histogram'))).toMatchObject({ role: 'sum', family: 'lat' });
    expect(metricTypeOf(s('q', { quantile: '0.99' }, 'summary'))).toMatchObject({ kind: 'summary', role: 'quantile', monotonic: false });
    expect(metricTypeOf(s('q_count', {}, 'summary'))).toMatchObject({ role: 'count', monotonic: true });
    expect(metricTypeOf(s('g_bucket', { le: '1' }, 'gaugehistogram'))).toMatchObject({ kind: 'histogram', monotonic: false });
    expect(metricTypeOf(s('cpu', {}))).toMatchObject({ kind: 'unknown', monotonic: false });
  });
});

describe('summaryQuantiles', () => {
  it('groups the given quantiles by labels minus quantile, ascending', () => {
    const out = summaryQuantiles([
      s('rpc', { quantile: '0.99', job: 'a' }, 'summary'),
      s('rpc', { quantile: '0.5', job: 'a' }, 'summary'),
      s('rpc_sum', { job: 'a' }, 'summary'),
      s('other', { quantile: '0.5' }, 'gauge'),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0].labels).toEqual({ job: 'a' });
    expect(out[0].quantiles.map((x) => x.q)).toEqual([0.5, 0.99]);
  });
});
