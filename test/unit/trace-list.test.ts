// The trace list on a hand-built set of four traces: each filter, the sort keys both ways, paging, facets;
// expected traces worked out by hand from the specs below.
import { describe, expect, it } from 'vitest';
import { buildSpanForest } from '../../src/analysis/traces/span-forest';
import { traceSetOf, type SpanSpec } from '../../src/analysis/traces/synthetic';
import { traceList, traceListIndex, type TraceListQuery } from '../../src/analysis/traces/trace-list';
import { traceTable } from '../../src/analysis/traces/trace-table';

// Times in µs.
//  a: web GET / 1000–4000 (3 ms), 3 spans, calls cart (error) → cache; attribute user=u1 on cart
//  b: web GET /cart 2000–12000 (10 ms), 2 spans, calls cart; no errors
//  c: api POST /pay 500–1500 (1 ms), 4 spans, pay → bank (error) and pay → ledger; attribute user=u2
//  d: 5000–5200, one orphan span of cache (its parent is missing): no root span
const specs: SpanSpec[] = [
  { trace: 'a', id: 'a1', service: 'web', op: 'GET /', start: 1000, dur: 3000 },
  { trace: 'a', id: 'a2', parent: 'a1', service: 'cart', op: 'GET /cart', start: 1200, dur: 2000, error: true, attributes: [['user', 'u1']] },
  { trace: 'a', id: 'a3', parent: 'a2', service: 'cache', op: 'GET', start: 1300, dur: 500 },
  { trace: 'b', id: 'b1', service: 'web', op: 'GET /cart', start: 2000, dur: 10000 },
  { trace: 'b', id: 'b2', parent: 'b1', service: 'cart', op: 'GET /cart', start: 2100, dur: 9000, attributes: [['user', 'u1']] },
  { trace: 'c', id: 'c1', service: 'api', op: 'POST /pay', start: 500, dur: 1000 },
  { trace: 'c', id: 'c2', parent: 'c1', service: 'pay', op: 'charge', start: 600, dur: 800, attributes: [['user', 'u2']] },
  { trace: 'c', id: 'c3', parent: 'c2', service: 'bank', op: 'authorize', start: 700, dur: 300, error: true },
  { trace: 'c', id: 'c4', parent: 'c2', service: 'ledger', op: 'insert', start: 1100, dur: 200 },
  { trace: 'd', id: 'd1', parent: 'gone', service: 'cache', op: 'GET', start: 5000, dur: 200 },
];

const set = traceSetOf(specs);
const forest = buildSpanForest(set);
const ix = traceListIndex(set, forest, traceTable(set, forest));
const ids = (q: TraceListQuery) => traceList(ix, q).rows.map((r) => r.traceId);

describe('trace list', () => {
  it('rows: root, times in ms, counts, services by name', () => {
    const { rows, total } = traceList(ix, { sort: 'start', order: 'asc' });
    expect(total).toBe(4);
    expect(rows.map((r) => r.traceId)).toEqual(['c', 'a', 'b', 'd']);
    expect(rows[1]).toEqual({ traceId: 'a', rootService: 'web', rootOperation: 'GET /', startMs: 1, durationMs: 3, spans: 3, errorSpans: 1, services: ['cache', 'cart', 'web'] });
    expect(rows[3]).toMatchObject({ traceId: 'd', rootService: '', rootOperation: '', spans: 1, durationMs: 0.2 });
  });

  it('sorts by each key, both ways (default: newest first)', () => {
    expect(ids({})).toEqual(['d', 'b', 'a', 'c']);
    expect(ids({ sort: 'duration', order: 'desc' })).toEqual(['b', 'a', 'c', 'd']);
    expect(ids({ sort: 'duration', order: 'asc' })).toEqual(['d', 'c', 'a', 'b']);
    // Ties (a and c have one error span; b and d none) break by start, ascending.
    expect(ids({ sort: 'errors', order: 'desc' })).toEqual(['c', 'a', 'b', 'd']);
    expect(ids({ sort: 'spans', order: 'asc' })).toEqual(['d', 'b', 'a', 'c']);
  });

  it('filters by service, operation, service + operation, errors, duration, attribute', () => {
    expect(ids({ service: 'cart', sort: 'start', order: 'asc' })).toEqual(['a', 'b']);
    expect(ids({ operation: 'GET /cart', sort: 'start', order: 'asc' })).toEqual(['a', 'b']);
    // web's "GET /cart" is only in b (a's GET /cart span is cart's).
    expect(ids({ service: 'web', operation: 'GET /cart' })).toEqual(['b']);
    expect(ids({ errorsOnly: true, sort: 'start', order: 'asc' })).toEqual(['c', 'a']);
    expect(ids({ minDurationMs: 1, maxDurationMs: 3, sort: 'start', order: 'asc' })).toEqual(['c', 'a']);
    expect(ids({ minDurationMs: 3.5 })).toEqual(['b']);
    expect(ids({ attribute: { key: 'user', value: 'u1' }, sort: 'start', order: 'asc' })).toEqual(['a', 'b']);
    expect(ids({ attribute: { key: 'user', value: 'u1' }, errorsOnly: true })).toEqual(['a']);
    expect(ids({ attribute: { key: 'user', value: 'nobody' } })).toEqual([]);
    expect(ids({ service: 'no-such-service' })).toEqual([]);
  });

  it('pages after filtering and sorting; total counts every match', () => {
    const page = traceList(ix, { sort: 'start', order: 'asc', offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.traceId)).toEqual(['a', 'b']);
    expect(traceList(ix, { offset: 10 }).rows).toEqual([]);
  });

  it('facets: every service; operations of the chosen service', () => {
    const all = traceList(ix, {});
    expect(all.facets.services).toEqual(['api', 'bank', 'cache', 'cart', 'ledger', 'pay', 'web']);
    expect(all.facets.operations).toEqual(['GET', 'GET /', 'GET /cart', 'POST /pay', 'authorize', 'charge', 'insert']);
    expect(traceList(ix, { service: 'web' }).facets.operations).toEqual(['GET /', 'GET /cart']);
  });
});
