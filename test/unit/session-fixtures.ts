// Small datasets and scenarios for the session tests: two services' series and a three-span trace set.

import { DEFAULT_DETECTION } from '../../src/analysis/detectors/run-types';
import type { Scenario } from '../../src/chaos/scenario';
import type { Series } from '../../src/model/series';
import { emptyTraceSet, type TraceSet } from '../../src/model/traces';

export function sessionSeries(): Series[] {
  const t = Float64Array.from({ length: 50 }, (_, i) => 1_700_000_000_000 + i * 10_000);
  return [
    { name: 'http_requests', labels: { service: 'checkout', region: 'eu-west' }, t, v: Float64Array.from(t, (_, i) => 100 + (i % 7)) },
    { name: 'http_requests', labels: { service: 'payment', region: 'eu-west' }, t: t.slice(), v: Float64Array.from(t, (_, i) => (i === 3 ? NaN : 50 + (i % 5))) },
    { name: 'errors', labels: { service: '<script>alert(1)</script>' }, t: t.slice(), v: new Float64Array(50) },
  ];
}

export function sessionTraces(): TraceSet {
  const s = emptyTraceSet();
  return {
    ...s,
    traceIds: ['0000000000000001'], spanIds: ['a1', 'a2', 'a3'], services: ['checkout', 'payment'], operations: ['PlaceOrder', 'Charge'],
    spanCount: 3,
    traceIdx: Uint32Array.of(0, 0, 0), spanIdx: Uint32Array.of(0, 1, 2), parentIdx: Int32Array.of(-1, 0, 0), parentSpanIdx: Int32Array.of(-1, 0, 0),
    serviceIdx: Uint32Array.of(0, 1, 1), operationIdx: Uint32Array.of(0, 1, 1),
    start: Float64Array.of(1_700_000_000_000_000, 1_700_000_000_100_000, 1_700_000_000_200_000), duration: Float64Array.of(500_000, 100_000, 90_000),
    status: Uint8Array.of(0, 2, 1), kind: Uint8Array.of(1, 2, 2),
    details: {
      ...s.details,
      strings: ['http.url', 'https://shop.example/cart?user=alice', 'peer.service', 'payment', 'card declined'],
      attrOffsets: Uint32Array.of(0, 1, 2, 2), attrKey: Uint32Array.of(0, 2), attrValue: Uint32Array.of(1, 3),
      eventOffsets: Uint32Array.of(0, 0, 0, 0),
      statusMessage: Int32Array.of(-1, 4, -1),
    },
  };
}

export function sessionScenario(): Scenario {
  return {
    version: 1,
    name: 'payment outage',
    seed: 42,
    faults: [
      { kind: 'service-crash', startMs: 60_000, durationMs: 120_000, targets: ['payment'], downtimeMs: 60_000 },
      { kind: 'network-partition', startMs: 0, durationMs: 30_000, targets: ['checkout'], groupB: ['payment'] },
    ],
    policies: { 'checkout>payment': { timeoutMs: 800, retry: { maxAttempts: 3, backoff: { kind: 'constant', waitDurationMs: 100 } } } },
    replay: { bucketMs: 10_000 },
    detection: DEFAULT_DETECTION,
    slos: [{
      name: 'payment-availability', service: 'payment', objective: 0.99, budgetingMethod: 'Occurrences', timeWindow: { kind: 'rolling', ms: 3_600_000 },
      sli: { kind: 'ratio', events: { from: 'counters', bad: { metric: 'errors', matchers: [{ label: 'service', op: '=', value: 'payment' }] }, total: { metric: 'http_requests', matchers: [] } } },
    }],
  };
}
