// Percentiles over spans: durations in ms per (service, operation), and as a series over span start
// feeding the rolling percentile series.
import { beforeAll, describe, expect, it } from 'vitest';
import { percentileSeries } from '../../src/analysis/percentiles/exact';
import { spanDurationGroups, spanDurationSeries } from '../../src/analysis/percentiles/spans';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import type { TraceSet } from '../../src/model/traces';
import { sortedQuantiles } from '../reference/percentiles';
import { parseTraces, traceFixture } from './trace-helpers';

let kernels: KernelInstance;
let set: TraceSet;
beforeAll(async () => {
  kernels = await loadKernelsNode();
  set = (await parseTraces(traceFixture('zipkin', 'zipkin-lens_messaging-kafka.json'), 'spans.json')).traces;
});

describe('span durations', () => {
  it('groups every span once by service and operation, in ms', () => {
    const groups = spanDurationGroups(set);
    expect(groups.reduce((n, g) => n + g.ms.length, 0)).toBe(set.spanCount);
    const keys = groups.map((g) => `${g.service} ${g.operation}`);
    expect(new Set(keys).size).toBe(keys.length);
    const g = groups[0];
    const rows = Array.from({ length: set.spanCount }, (_, i) => i).filter((i) => set.services[set.serviceIdx[i]] === g.service && set.operations[set.operationIdx[i]] === g.operation);
    expect(Array.from(g.ms)).toEqual(rows.map((i) => set.duration[i] / 1000));
  });

  it('as a series over start time: ascending, and one bucket equals the quantiles of all spans', () => {
    const { t, v } = spanDurationSeries(set);
    expect(t.length).toBe(set.spanCount);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
    const one = percentileSeries(kernels, t, v, 1e15, [0.5, 0.99]);
    expect(one.t.length).toBe(1);
    expect([one.lines[0][0], one.lines[1][0]]).toEqual(sortedQuantiles(v, [0.5, 0.99]));
  });
});
