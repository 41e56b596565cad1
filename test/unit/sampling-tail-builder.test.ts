// The sampling lab's tail-policy form as a Collector tail_sampling config: what it writes is read back by the
// config reader into the policies the form named; the label says the same in short; the operations table's sort.
import { describe, expect, it } from 'vitest';
import { parseTailConfig } from '../../src/analysis/traces/sampling/tail-config';
import { tailConfigOf, tailLabelOf } from '../../src/ui/tail-policy-builder';
import { sortRows } from '../../src/ui/operations-table';

describe('tail policy form', () => {
  it('errors, latency, attribute and a share, read back as the same policies', () => {
    const form = { decisionWait: '10s', errors: true, latencyMs: 500, probabilisticPercent: 10, attribute: { key: 'tier', values: ['gold', 'silver'] } };
    const read = parseTailConfig(tailConfigOf(form));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.config.decisionWaitMs).toBe(10_000);
    expect(read.config.policies.map((p) => p.type)).toEqual(['status_code', 'latency', 'string_attribute', 'probabilistic']);
    expect(read.config.policies[0]).toMatchObject({ codes: [2] });
    expect(read.config.policies[1]).toMatchObject({ thresholdMs: 500, upperThresholdMs: 0 });
    expect(read.config.policies[2]).toMatchObject({ key: 'tier', values: ['gold', 'silver'], regex: null, invert: false });
    expect(read.config.policies[3]).toMatchObject({ percent: 10 });
    expect(tailLabelOf(form)).toBe('errors+≥500ms+tier∈{gold,silver}+10%');
  });

  it('a composite shares its budget evenly (whole percents) in the order of the policies', () => {
    const form = { decisionWait: '30s', errors: true, rateLimit: 50, compositeSpansPerSecond: 1000 };
    const read = parseTailConfig(tailConfigOf(form));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const [composite] = read.config.policies;
    // 100 / 2 = 50 % each of 1000 spans/s.
    expect(composite).toMatchObject({ type: 'composite', maxTotalSpansPerSecond: 1000, allocatedSpansPerSecond: [500, 500] });
    expect(tailLabelOf(form)).toBe('composite 1000/s(errors+≤50 spans/s)');
  });

  it('an empty form writes no policy, which the reader refuses', () => {
    const read = parseTailConfig(tailConfigOf({ decisionWait: '30s', errors: false }));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[0]).toMatch(/tail_sampling\.policies: expected a non-empty list/);
  });
});

describe('operations table sort', () => {
  interface Row { n: string; v: number }
  const rows: Row[] = [{ n: 'a', v: 3 }, { n: 'b', v: NaN }, { n: 'c', v: 1 }, { n: 'd', v: 3 }];
  const col = { key: 'v', label: 'v', num: true, value: (r: Row) => r.v };
  it('numbers either way, ties in their order, undefined values last both ways', () => {
    expect(sortRows(rows, col, 'asc').map((r) => r.n)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, col, 'desc').map((r) => r.n)).toEqual(['a', 'd', 'c', 'b']);
    expect(sortRows(rows, { key: 'n', label: 'n', value: (r: Row) => r.n }, 'desc').map((r) => r.n)).toEqual(['d', 'c', 'b', 'a']);
  });
});
