// 100 k of a thing on one record, read whole and at small chunks without quadratic re-reads: CSV columns and
// OTLP / Jaeger / Zipkin span attributes kept; Prometheus API JSON labels and OTLP metric attributes refused.

import { describe, expect, it } from 'vitest';
import { spanAttributes } from '../../src/model/traces';
import { text } from './csv-helpers';
import { json } from './trace-helpers';
import { HUNDRED_K, gaugeRequest, imported, jaegerDoc, otlpDoc, queryRange, refused, zipkinDoc } from './variant-helpers';

describe('CSV', () => {
  it('100 k value columns: 100 k series of two points, the same at 100-byte chunks (no quadratic re-reads)', async () => {
    const header = `timestamp,${Array.from({ length: HUNDRED_K }, (_, i) => `c${i}`).join(',')}\n`;
    const row = `2024-01-01T00:00:00Z,${Array.from({ length: HUNDRED_K }, (_, i) => i % 10).join(',')}\n`;
    const f = await imported(text(header + row + row), 'wide.csv', false);
    expect(f.series).toHaveLength(HUNDRED_K);
    expect([f.series[99_999].name, f.series[99_999].v[1], f.series[99_999].t.length]).toEqual(['c99999', 9, 2]);
    // Every value read, also past the first 16 fields of the first rows (their bounds grew mid-row).
    expect(f.series.every((s, i) => s.v[0] === i % 10 && s.v[1] === i % 10)).toBe(true);
  });
});

describe('Prometheus API JSON', () => {
  it('100 k labels on one series: refused by the limit Prometheus text and OpenMetrics apply (1000 is kept)', async () => {
    const metric = Object.fromEntries(Array.from({ length: HUNDRED_K }, (_, i) => [`l${i}`, 'v']));
    const e = await refused(json(queryRange({ __name__: 'wide', ...metric }, [[1, '1']])), 'q.json');
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/expected at most 1000 labels on one sample at \$\.data\.result\.0\.metric/);
    const thousand = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`l${i}`, 'v']));
    const f = await imported(json(queryRange({ __name__: 'wide', ...thousand }, [[1, '1']])), 'q.json');
    expect(Object.keys(f.series[0].labels)).toHaveLength(1000);
  });
});

describe('OTLP metrics', () => {
  it('100 k attributes on one point: refused by the same label limit, naming the attributes', async () => {
    const attributes = Array.from({ length: HUNDRED_K }, (_, i) => ({ key: `k${i}`, value: { stringValue: 'v' } }));
    const e = await refused(json(gaugeRequest({ asDouble: 1, attributes })), 'm.json');
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/expected at most 1000 labels on one sample at .*dataPoints\[0\]\.attributes/);
  });
});

describe('trace formats', () => {
  it.each([
    ['OTLP attributes', json(otlpDoc({ attributes: Array.from({ length: HUNDRED_K }, (_, i) => ({ key: `k${i}`, value: { stringValue: `v${i}` } })) }))],
    ['Jaeger tags', json(jaegerDoc({ tags: Array.from({ length: HUNDRED_K }, (_, i) => ({ key: `k${i}`, type: 'string', value: `v${i}` })) }))],
    ['Zipkin tags', json(zipkinDoc({ tags: Object.fromEntries(Array.from({ length: HUNDRED_K }, (_, i) => [`k${i}`, `v${i}`])) }))],
  ])('%s: 100 k on one span are all kept', async (_what, bytes) => {
    const f = await imported(bytes, 'wide.json', false);
    if (!f.traces) throw new Error('no traces');
    const attrs = spanAttributes(f.traces, 0);
    expect(attrs.length).toBeGreaterThanOrEqual(HUNDRED_K);
    expect(attrs).toContainEqual(['k99999', 'v99999']);
  });
});
