// The SLO editor's draft ↔ definition: every SLI kind, window and budgeting method round-trips; problems
// name the field they are about; the draft's YAML imports back to the same definition.
import { describe, expect, it } from 'vitest';
import type { SloDefinition } from '../../src/analysis/slo/definition';
import { DAY, HOUR, MINUTE } from '../../src/analysis/slo/duration';
import { draftOf, emptyDraft, sloOfDraft, type SloDraft } from '../../src/analysis/slo/draft';
import { exportOpenSlo, importDatasetSlos } from '../../src/analysis/slo/openslo';
import type { SeriesSelector } from '../../src/analysis/slo/selector';

const sel = (metric: string, matchers: SeriesSelector['matchers'] = []): SeriesSelector => ({ metric, matchers });

const DEFS: SloDefinition[] = [
  { name: 'checkout-availability', service: 'checkout', sli: { kind: 'ratio', events: { from: 'counters', bad: sel('http_requests_total', [{ label: 'code', op: '=~', value: '5..' }]), total: sel('http_requests_total') } }, objective: 0.999, timeWindow: { kind: 'rolling', ms: 30 * DAY }, budgetingMethod: 'Occurrences' },
  { name: 'good-ratio', sli: { kind: 'ratio', events: { from: 'counters', good: sel('ok_total'), total: sel('all_total') } }, objective: 0.99, timeWindow: { kind: 'rolling', ms: DAY }, budgetingMethod: 'Timeslices', timeSliceTarget: 0.95, timeSliceWindowMs: 5 * MINUTE },
  { name: 'latency-hist', sli: { kind: 'ratio', events: { from: 'histogram', buckets: sel('http_request_duration_seconds_bucket'), threshold: 0.25 } }, objective: 0.99, timeWindow: { kind: 'calendar', unit: 'month', startTime: '2020-01-06 00:00:00', timeZone: 'UTC' }, budgetingMethod: 'RatioTimeslices', timeSliceWindowMs: MINUTE },
  { name: 'cart-spans', sli: { kind: 'ratio', events: { from: 'spans', service: 'cart', operation: 'GET /cart', maxDurationMs: 300 } }, objective: 0.995, timeWindow: { kind: 'calendar', unit: 'week', startTime: '2020-01-06 00:00:00', timeZone: 'UTC' }, budgetingMethod: 'Occurrences' },
  { name: 'p99', description: 'p99 under 500 ms', sli: { kind: 'threshold', series: sel('p99_latency_ms'), op: '<', threshold: 500 }, objective: 0.9, timeWindow: { kind: 'rolling', ms: HOUR }, budgetingMethod: 'Occurrences' },
];

describe('draftOf / sloOfDraft', () => {
  it.each(DEFS.map((d) => [d.name, d] as const))('%s round-trips through the draft and through its YAML', (_name, def) => {
    const back = sloOfDraft(draftOf(def));
    expect(back).toEqual({ ok: true, slo: def });
    expect(importDatasetSlos(exportOpenSlo([def]))).toEqual({ ok: true, slos: [def] });
  });

  it('form text: objective 99.9 % → 0.999, window 24h → 1 day, timeslice 5m, slice target 95 % → 0.95', () => {
    const d = draftOf(DEFS[1]);
    expect([d.objectivePercent, d.window, d.timeSliceWindow, d.timeSliceTargetPercent, d.ratio, d.numerator, d.total]).toEqual(['99', '24h', '5m', '95', 'good', 'ok_total', 'all_total']);
    expect(draftOf(DEFS[0]).numerator).toBe('http_requests_total{code=~"5.."}');
  });

  it('each problem names its field', () => {
    const d: SloDraft = { ...emptyDraft(), name: 'Bad Name', series: 'p99{', threshold: 'abc', objectivePercent: '100', window: '3x' };
    const r = sloOfDraft(d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual(['series', 'threshold', 'window']);
    const r2 = sloOfDraft({ ...emptyDraft(), name: 'Bad Name', series: 'p99_latency_ms', threshold: '5', objectivePercent: '100' });
    expect(!r2.ok && r2.problems.map((p) => [p.field, p.message])).toEqual([
      ['name', 'name must be an RFC 1123 label (lower-case letters, digits and -, at most 63 characters)'],
      ['objectivePercent', 'objective must be between 0 and 1 (e.g. 0.999 for 99.9 %), got 1'],
    ]);
    const r3 = sloOfDraft({ ...emptyDraft(), name: 'x', series: 'p', threshold: '1', budgetingMethod: 'Timeslices', timeSliceWindow: '30s', timeSliceTargetPercent: '95' });
    expect(!r3.ok && r3.problems.map((p) => p.field)).toEqual(['timeSliceWindow']);
  });
});
