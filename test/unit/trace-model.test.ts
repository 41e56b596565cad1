// The TraceSet builder and validators: interning, parent resolution (shared Zipkin ids), links, details,
// every validation warning, iterative cycle breaking on a 200 000-span chain, and columns round trips.

import { describe, expect, it } from 'vitest';
import { TraceSetBuilder, type SpanInput } from '../../src/model/trace-builder';
import { breakParentCycles } from '../../src/model/trace-validate';
import { SPAN_KIND, SPAN_STATUS, spanAttributes, spanEvents, summarizeTraces, traceColumns, traceSetFromColumns, type TraceColumnName } from '../../src/model/traces';

const T0 = 1_700_000_000_000_000;
const span = (spanId: string, over: Partial<SpanInput> = {}): SpanInput => ({
  traceId: 't1', spanId, service: 'svc', operation: 'op', start: T0, duration: 10, status: SPAN_STATUS.unset, kind: SPAN_KIND.internal, ...over,
});

describe('TraceSetBuilder', () => {
  it('interns ids, resolves parents and links, keeps attributes, events and status messages', () => {
    const b = new TraceSetBuilder();
    b.addSpan(span('a', { attributes: [['k', 'v']], events: [{ time: T0 + 1, name: 'e', attributes: [['x', '1']] }], status: SPAN_STATUS.error, statusMessage: 'bad' }));
    b.addSpan(span('b', { parentSpanId: 'a', start: T0 + 1, refs: [{ type: 1, traceId: 't1', spanId: 'a' }, { type: 0, traceId: 't2', spanId: 'zz' }] }));
    b.addSpan(span('c', { traceId: 't2', service: undefined }));
    const { set, warnings } = b.finish();
    expect(warnings).toEqual([]);
    expect([set.traceIds, set.spanIds, set.services]).toEqual([['t1', 't2'], ['a', 'b', 'zz', 'c'], ['svc', 'unknown_service']]);
    expect(Array.from(set.parentIdx)).toEqual([-1, 0, -1]);
    expect(Array.from(set.links.target)).toEqual([0, -1]);
    expect(spanAttributes(set, 0)).toEqual([['k', 'v']]);
    expect(spanEvents(set, 0)).toEqual([{ time: T0 + 1, name: 'e', attributes: [['x', '1']] }]);
    expect(spanEvents(set, 1)).toEqual([]);
    expect(set.details.strings[set.details.statusMessage[0]]).toBe('bad');
    expect(summarizeTraces(set)).toEqual({ traceCount: 2, spanCount: 3, services: ['svc', 'unknown_service'], errorSpanCount: 1, startMicros: T0, endMicros: T0 + 11 });
  });

  it('a server span sharing a client id hangs under the client, and children of the id under the server', () => {
    const b = new TraceSetBuilder();
    b.addSpan(span('x', { kind: SPAN_KIND.client, parentSpanId: 'root' }));
    b.addSpan(span('x', { kind: SPAN_KIND.server, parentSpanId: 'root', start: T0 + 2 }));
    b.addSpan(span('child', { parentSpanId: 'x', start: T0 + 3 }));
    b.addSpan(span('root', { start: T0 - 1, duration: 100 }));
    const { set, warnings } = b.finish();
    expect(Array.from(set.parentIdx)).toEqual([3, 0, 1, -1]);
    expect(warnings).toEqual([]);
  });

  it('grows past its initial capacity', () => {
    const b = new TraceSetBuilder();
    for (let i = 0; i < 5000; i++) b.addSpan(span(`s${i}`, { parentSpanId: i ? `s${i - 1}` : undefined, start: T0 + i, attributes: [['i', String(i)]] }));
    const { set } = b.finish();
    expect([set.spanCount, set.parentIdx[4999], set.start[4999], spanAttributes(set, 4999)]).toEqual([5000, 4998, T0 + 4999, [['i', '4999']]]);
  });

  it('builds the same set whether the share of the input read projects the span count right, short or long', () => {
    const build = (done?: number, total?: number): ReturnType<TraceSetBuilder['finish']> => {
      const b = new TraceSetBuilder();
      for (let i = 0; i < 5000; i++) {
        if (i === 500 && done !== undefined) b.expectInput(done, total!);
        if (i % 3 === 0) b.attribute('http.route', `/r/${i % 7}`);
        const events = i % 5 === 0 ? [{ time: T0 + i, name: 'e', attributes: i % 10 === 0 ? ([['x', String(i)]] as [string, string][]) : undefined }] : undefined;
        const refs = i % 11 === 0 && i ? [{ type: 1, traceId: `t${i % 4}`, spanId: `s${i - 1}` }] : undefined;
        const row = b.addSpan(span(`s${i}`, { traceId: `t${i % 4}`, parentSpanId: i > 3 ? `s${i - 4}` : undefined, service: i % 9 ? `svc${i % 3}` : undefined, start: T0 + i, duration: i / 3, status: i % 2, statusMessage: i % 13 ? undefined : 'bad', events, refs }));
        // A service found later (as Jaeger's processes): before and after the columns were sized.
        if (i % 9 === 0 && i % 2 === 0) b.setService(row, 'late');
      }
      return b.finish();
    };
    const plain = build();
    const columns = (set: ReturnType<typeof build>['set']): unknown[] => Object.entries(traceColumns(set)).map(([k, v]) => [k, Array.from(v as ArrayLike<unknown>)]);
    for (const [done, total] of [[1000, 10000], [1000, 100000], [1000, 1200], [1000, 1000]]) {
      const sized = build(done, total);
      expect(sized.warnings).toEqual(plain.warnings);
      expect(columns(sized.set)).toEqual(columns(plain.set));
    }
  });
});

describe('validateTraces', () => {
  it('states negative durations, missing and out-of-range times, duplicates, orphans and clock skew', () => {
    const b = new TraceSetBuilder();
    b.addSpan(span('p'));
    b.addSpan(span('neg', { duration: -5, parentSpanId: 'p' }));
    b.addSpan(span('early', { parentSpanId: 'p', start: T0 - 7 }));
    b.addSpan(span('p'));
    b.addSpan(span('orphan', { parentSpanId: 'gone' }));
    b.addSpan(span('notime', { start: NaN }));
    b.addSpan(span('ms', { start: 1_700_000_000_000 }));
    const { warnings } = b.finish();
    expect(warnings).toEqual([
      expect.stringMatching(/^1 span has a negative duration .*neg.*-5 µs/),
      expect.stringMatching(/^1 span has no start time .*notime/),
      expect.stringMatching(/^1 span starts before 1990 or after 2100 .*ms/),
      expect.stringMatching(/^1 span repeats a span id .*p/),
      expect.stringMatching(/^1 span has its parent missing .*orphan \(trace t1\) → parent gone/),
      expect.stringMatching(/^1 span starts before its parent .*early \(trace t1\) starts 7 µs/),
    ]);
  });

  it('breaks parent cycles (including self-parents) so trees can be walked', () => {
    const b = new TraceSetBuilder();
    b.addSpan(span('a', { parentSpanId: 'c' }));
    b.addSpan(span('b', { parentSpanId: 'a' }));
    b.addSpan(span('c', { parentSpanId: 'b' }));
    const { set, warnings } = b.finish();
    expect(warnings.some((w) => /^1 parent cycle was broken/.test(w))).toBe(true);
    expect(Array.from(set.parentIdx).filter((p) => p < 0)).toHaveLength(1);
    expect(breakParentCycles(set)).toEqual([]);
  });

  it('walks a 200 000-span chain closed into a cycle without recursion', () => {
    const b = new TraceSetBuilder();
    const n = 200_000;
    for (let i = 0; i < n; i++) b.addSpan(span(`s${i}`, { parentSpanId: `s${(i + 1) % n}`, start: T0 }));
    const { set } = b.finish();
    expect(Array.from(set.parentIdx).filter((p) => p < 0)).toHaveLength(1);
  });
});

describe('traceColumns / traceSetFromColumns', () => {
  it('round-trips a set exactly and refuses columns that do not fit', () => {
    const b = new TraceSetBuilder();
    b.addSpan(span('a', { events: [{ time: T0, name: 'e' }], attributes: [['k', 'v']] }));
    b.addSpan(span('b', { parentSpanId: 'a', refs: [{ type: 1, traceId: 't9', spanId: 'q' }] }));
    const { set } = b.finish();
    const cols = traceColumns(set);
    expect(traceSetFromColumns({ ...cols })).toEqual(set);
    const short: Partial<Record<TraceColumnName, unknown>> = { ...cols, start: new Float64Array(1) };
    expect(traceSetFromColumns(short as typeof cols)).toMatch(/column start has 1 rows, not 2/);
    expect(traceSetFromColumns({ ...cols, kind: new Float64Array(2) })).toMatch(/kind has the wrong type/);
  });
});
