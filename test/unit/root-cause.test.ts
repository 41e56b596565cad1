// Root cause: synthetic traces whose error origin is known (the deepest error span without errored
// children), independent origins, the ranking across traces, and slow traces' critical-path excess.
import { describe, expect, it } from 'vitest';
import { analyzeTraces } from '../../src/analysis/traces/analyze';
import type { QuantileFn } from '../../src/analysis/traces/quantiles';
import { errorOrigins, pathToRoot, rankRootCauses } from '../../src/analysis/traces/root-cause';
import { buildSpanForest } from '../../src/analysis/traces/span-forest';
import { traceSetOf, type SpanSpec } from '../../src/analysis/traces/synthetic';
import { parseOk } from './csv-helpers';
import { traceFixture } from './trace-helpers';
import { sortedQuantiles } from '../reference/percentiles';

/** The analysis takes any QuantileFn; here the sorting twin of the kernels (the kernels are tested elsewhere). */
const sortQuantiles: QuantileFn = sortedQuantiles;

/** frontend → checkout → payment → db, the error born in `db` and propagated up to frontend. */
function cascade(trace: string, originAt: 'db' | 'payment', start = 0): SpanSpec[] {
  return [
    { id: `${trace}-fe`, trace, service: 'frontend', op: 'GET /buy', start, dur: 100, error: true },
    { id: `${trace}-co`, trace, parent: `${trace}-fe`, service: 'checkout', op: 'PlaceOrder', start: start + 5, dur: 90, error: true },
    { id: `${trace}-pay`, trace, parent: `${trace}-co`, service: 'payment', op: 'Charge', start: start + 10, dur: 80, error: true },
    { id: `${trace}-db`, trace, parent: `${trace}-pay`, service: 'db', op: 'INSERT', start: start + 20, dur: 30, error: originAt === 'db' },
    { id: `${trace}-cache`, trace, parent: `${trace}-co`, service: 'cache', op: 'GET', start: start + 6, dur: 2 },
  ];
}

describe('error origins', () => {
  it('the deepest error span without errored children is the origin; the errors above it propagated', () => {
    const set = traceSetOf(cascade('t1', 'db'));
    const f = buildSpanForest(set);
    const [t] = errorOrigins(set, f);
    const id = (r: number): string => set.spanIds[set.spanIdx[r]];
    expect(t.origins.map(id)).toEqual(['t1-db']);
    expect(id(t.primary)).toBe('t1-db');
    expect(t.propagated.map(id)).toEqual(['t1-fe', 't1-co', 't1-pay']);
    expect(pathToRoot(f, t.primary).map(id)).toEqual(['t1-db', 't1-pay', 't1-co', 't1-fe']);
  });

  it('independent origins in one trace are all kept; the deeper one is primary', () => {
    const set = traceSetOf([
      ...cascade('t1', 'payment'),
      { id: 'mail', parent: 't1-fe', trace: 't1', service: 'mail', op: 'Send', start: 96, dur: 2, error: true },
    ]);
    const [t] = errorOrigins(set, buildSpanForest(set));
    const id = (r: number): string => set.spanIds[set.spanIdx[r]];
    expect(t.origins.map(id).sort()).toEqual(['mail', 't1-pay']);
    expect(id(t.primary)).toBe('t1-pay'); // depth 2 against mail's 1
  });

  it('traces without errors have no entry; ranking counts each trace once per origin, most first', () => {
    const set = traceSetOf([
      ...cascade('a', 'db'), ...cascade('b', 'db', 1000), ...cascade('c', 'payment', 2000),
      { id: 'ok', trace: 'd', service: 'frontend', op: 'GET /', start: 0, dur: 5 },
    ]);
    const origins = errorOrigins(set, buildSpanForest(set));
    expect(origins.map((o) => o.traceId)).toEqual(['a', 'b', 'c']);
    expect(rankRootCauses(set, origins, 'operation')).toEqual([
      { service: 'db', operation: 'INSERT', traces: 2, share: 2 / 3 },
      { service: 'payment', operation: 'Charge', traces: 1, share: 1 / 3 },
    ]);
    expect(rankRootCauses(set, origins, 'service').map((r) => [r.service, r.traces])).toEqual([['db', 2], ['payment', 1]]);
  });

  it('Zipkin Kafka: three leaf on-message errors of serviceb, no propagation', async () => {
    const p = await parseOk(traceFixture('zipkin', 'zipkin-lens_messaging-kafka.json'), 'kafka.json');
    const set = p.traces!;
    // jq '.[] | select(.tags.error != null) | .id': 2f77d5b0…, 4a64a63e…, 568b33e6… ("" is an error too); none has children.
    const [t] = errorOrigins(set, buildSpanForest(set));
    expect(t.origins.map((r) => set.spanIds[set.spanIdx[r]]).sort()).toEqual(['2f77d5b0b8e0de35', '4a64a63e4b58e665', '568b33e6af8a225a']);
    expect(t.propagated).toEqual([]);
    expect(rankRootCauses(set, [t], 'operation')).toEqual([{ service: 'serviceb', operation: 'on-message', traces: 1, share: 1 }]);
  });
});

describe('slow traces', () => {
  it('a trace over the threshold blames the critical-path span over its median self time', () => {
    // Ten traces: api (100 µs) calls db (40 µs); in the last one db takes 540 µs.
    const specs: SpanSpec[] = [];
    for (let k = 0; k < 10; k++) {
      const slow = k === 9;
      specs.push(
        { id: `api${k}`, trace: `t${k}`, service: 'api', op: 'GET', start: k * 10_000, dur: slow ? 600 : 100 },
        { id: `db${k}`, trace: `t${k}`, parent: `api${k}`, service: 'db', op: 'SELECT', start: k * 10_000 + 30, dur: slow ? 540 : 40 },
      );
    }
    const set = traceSetOf(specs);
    const a = analyzeTraces(set, sortQuantiles, { slowThresholdMs: 0.5 });
    expect(a.slow.traces.map((t) => t.traceId)).toEqual(['t9']);
    const [slow] = a.slow.traces;
    // db: 540 µs on the path, median self time 40 µs → 500 µs over. api: 60 µs on the path, median self 60 µs → none.
    expect(slow.excess.map((e) => [e.operation, e.criticalMs, e.baselineMs])).toEqual([['SELECT', 0.54, 0.04]]);
    expect(slow.excess[0].excessMs).toBeCloseTo(0.5, 12);
    expect(a.slow.byOperation).toEqual([{ service: 'db', operation: 'SELECT', traces: 1, excessMs: slow.excess[0].excessMs }]);
  });

  it('by default a trace is slow above the p99 of traces with its root operation', () => {
    const specs: SpanSpec[] = Array.from({ length: 200 }, (_, k) => ({ id: `s${k}`, trace: `t${k}`, op: 'GET', start: k * 1000, dur: k === 7 ? 900 : 100 + (k % 10) }));
    const a = analyzeTraces(traceSetOf(specs), sortQuantiles);
    // 199 durations in 100–109 µs and one of 900: rank 0.99·199 = 197.01 falls between two 109s → p99 is 109 µs.
    expect(a.slow.traces.map((t) => t.traceId)).toEqual(['t7']);
  });
});
