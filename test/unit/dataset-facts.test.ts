// What the UI says a dataset holds: counts text for metrics-only and trace datasets, trace facts read
// from flat DatasetMeta fields or a nested summary.
import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../src/model/series';
import { countsText, traceFacts } from '../../src/ui/dataset-facts';

const base: DatasetMeta = {
  id: 'd1', name: 'x', fileName: 'x', format: 'csv', series: [], seriesCount: 2, pointCount: 1240,
  start: 0, end: 1, bytes: 10, createdAt: 0, warnings: [],
};

describe('dataset facts', () => {
  it('metrics only: series and points, no trace facts', () => {
    expect(traceFacts(base)).toBeUndefined();
    expect(countsText(base)).toBe('2 series · 1,240 points');
    expect(countsText({ ...base, seriesCount: 1, pointCount: 1 })).toBe('1 series · 1 point');
  });

  it('flat trace fields', () => {
    const m = { ...base, seriesCount: 0, pointCount: 0, traceCount: 3, spanCount: 41, services: ['api', 'db'], errorSpanCount: 2 };
    expect(traceFacts(m)).toEqual({ traces: 3, spans: 41, services: 2, serviceNames: ['api', 'db'], errorSpans: 2 });
    expect(countsText(m)).toBe('0 series · 0 points · 3 traces · 41 spans');
  });

  it('a nested trace summary', () => {
    const m = { ...base, traces: { traceCount: 1, spanCount: 1, services: 5, errorSpanCount: 0 } };
    expect(traceFacts(m)).toEqual({ traces: 1, spans: 1, services: 5, serviceNames: [], errorSpans: 0 });
    expect(countsText(m)).toBe('2 series · 1,240 points · 1 trace · 1 span');
  });
});
