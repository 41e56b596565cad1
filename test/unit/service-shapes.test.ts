// The Overview's Services table, the analysis part: each service's spans counted per bucket of one shared
// range by their starts (spans outside it or without a start left out), next to the services' rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTraces } from '../../src/analysis/traces/analyze';
import { traceInsights, type LatencyRow } from '../../src/analysis/traces/insights';
import { kernelQuantiles } from '../../src/analysis/traces/quantiles';
import { serviceShapesOf } from '../../src/analysis/traces/service-shapes';
import { traceSetOf } from '../../src/analysis/traces/synthetic';
import { loadKernelsNode } from '../../src/kernels/node';

// µs: frontend at 0, 1.5 and 4 ms (one failing); db at 2.5 and 3.999 ms, and at 5 ms, after the range below.
const set = traceSetOf([
  { id: '1', service: 'frontend', start: 0, dur: 10 },
  { id: '2', service: 'db', start: 2500, dur: 10 },
  { id: '3', service: 'frontend', start: 1500, dur: 10, error: true },
  { id: '4', service: 'db', start: 3999, dur: 10 },
  { id: '5', service: 'frontend', start: 4000, dur: 10 },
  { id: '6', service: 'db', start: 5000, dur: 10 },
]);

let rows: LatencyRow[];
beforeAll(async () => {
  rows = traceInsights(analyzeTraces(set, kernelQuantiles(await loadKernelsNode()))).services;
});

describe('serviceShapesOf', () => {
  it('counts spans per service and bucket in the rows’ order, the range end included in the last bucket', () => {
    // [0, 4] ms in 4 buckets of about 1 ms: the 4 ms span falls in the last one.
    const s = serviceShapesOf(set, set.start, rows, { start: 0, end: 4, buckets: 4 });
    expect(s.services.map((r) => [r.service, r.spans, r.errors])).toEqual([['db', 3, 0], ['frontend', 3, 1]]);
    expect(s.buckets).toBe(4);
    expect([...s.spans]).toEqual([0, 0, 1, 1, 1, 1, 0, 1]);
  });

  it('leaves out spans without a start, outside the range or of services not among the rows', () => {
    const start = set.start.slice();
    start[1] = NaN;
    const db = rows.filter((r) => r.service === 'db');
    expect([...serviceShapesOf(set, start, db, { start: 1, end: 4.5, buckets: 1 }).spans]).toEqual([1]);
  });

  it('gives zeros for an empty range and rejects a bucket count out of bounds', () => {
    expect([...serviceShapesOf(set, set.start, rows, { start: NaN, end: NaN, buckets: 2.5 }).spans]).toEqual([0, 0, 0, 0]);
    expect(() => serviceShapesOf(set, set.start, rows, { start: 0, end: 4, buckets: 0 })).toThrow(RangeError);
  });
});
