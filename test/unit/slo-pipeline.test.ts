// The shared SLO pipeline: what each SLO kind reads, step problems named per SLO, and evaluate → forecast →
// summary per SLO as the CLI and the analysis worker use it (hand-computed on a small threshold SLI).
import { describe, expect, it } from 'vitest';
import type { SloDefinition } from '../../src/analysis/slo/definition';
import { DAY, MINUTE } from '../../src/analysis/slo/duration';
import { sloNeeds, sloResults, stepProblems } from '../../src/analysis/slo/pipeline';
import type { Series } from '../../src/model/series';

const sel = (metric: string) => ({ metric, matchers: [] });
const base = { objective: 0.99, timeWindow: { kind: 'rolling', ms: 30 * DAY }, budgetingMethod: 'Occurrences' } as const;
const threshold: SloDefinition = { name: 'p99', sli: { kind: 'threshold', series: sel('p99_ms'), op: '<=', threshold: 500 }, ...base };

describe('sloNeeds', () => {
  it('names the selectors of each SLI kind and whether spans are counted', () => {
    expect(sloNeeds(threshold)).toEqual({ selectors: [sel('p99_ms')], spans: false });
    expect(sloNeeds({ ...threshold, sli: { kind: 'ratio', events: { from: 'counters', bad: sel('err_total'), total: sel('req_total') } } })).toEqual({ selectors: [sel('req_total'), sel('err_total')], spans: false });
    expect(sloNeeds({ ...threshold, sli: { kind: 'ratio', events: { from: 'histogram', buckets: sel('d_bucket'), threshold: 0.5 } } })).toEqual({ selectors: [sel('d_bucket')], spans: false });
    expect(sloNeeds({ ...threshold, sli: { kind: 'ratio', events: { from: 'spans', service: 'cart' } } })).toEqual({ selectors: [], spans: true });
  });
});

describe('stepProblems and sloResults', () => {
  const sliced: SloDefinition = { ...threshold, name: 'sliced', budgetingMethod: 'Timeslices', timeSliceTarget: 0.9, timeSliceWindowMs: 5 * MINUTE };
  it('a 2 m step does not divide a 5 m slice: said for that SLO only, and sloResults refuses', () => {
    expect(stepProblems([threshold, sliced], 2 * MINUTE)).toEqual(['slo sliced: its time slice of 300s is not a whole number of 120s steps; choose a step that divides it']);
    expect(() => sloResults([threshold, sliced], { series: [] }, { stepMs: 2 * MINUTE })).toThrow(RangeError);
  });
  it('4 samples, 1 above 500 → compliance 0.75, budget 1 − 0.25/0.01 = −24, summary and forecast per SLO', () => {
    const s: Series = { name: 'p99_ms', labels: {}, t: Float64Array.from([1, 2, 3, 4], (i) => Date.UTC(2026, 0, 5) + i * MINUTE), v: Float64Array.from([100, 900, 100, 100]) };
    const [r] = sloResults([threshold], { series: [s] }, { stepMs: MINUTE });
    expect(r.summary.compliance).toBe(0.75);
    expect(r.summary.budgetRemaining).toBeCloseTo(-24, 9);
    expect(r.forecast.breachedAt).toBe(Date.UTC(2026, 0, 5, 0, 2));
    expect(r.summary.forecast.breachedAt).toBe('2026-01-05T00:02:00.000Z');
  });
});
