// Service dependency graph: edges of the OTel demo file against counts read off it with jq, async edges of
// the Zipkin Kafka trace, and the edge rules on a hand-built trace.
import { describe, expect, it } from 'vitest';
import { serviceGraph } from '../../src/analysis/traces/service-graph';
import { buildSpanForest } from '../../src/analysis/traces/span-forest';
import { traceSetOf } from '../../src/analysis/traces/synthetic';
import { sortedQuantiles } from '../reference/percentiles';
import { parseOk } from './csv-helpers';
import { sharedSample, traceFixture } from './trace-helpers';

const OTEL_DEMO = 'otel-demo_collector-file-exporter_traces.jsonl';

describe('service graph', () => {
  it('OTel demo: nine caller → callee edges with calls and errors as counted by hand', async () => {
    const p = await parseOk(sharedSample('otlp-json-traces', OTEL_DEMO), OTEL_DEMO);
    const set = p.traces!;
    const g = serviceGraph(set, buildSpanForest(set), sortedQuantiles);
    // jq: every span with its resource's service.name, keyed by traceId+spanId; for each span whose parent is
    // in the file and of another service, group by [parent service, service]: count and count(status.code==2).
    expect(g.edges.map((e) => [e.from, e.to, e.calls, e.errors])).toEqual([
      ['frontend-proxy', 'frontend', 75, 20],
      ['loadgenerator', 'frontend-proxy', 75, 0],
      ['frontend', 'productcatalogservice', 36, 0],
      ['frontend', 'adservice', 9, 0],
      ['frontend', 'checkoutservice', 4, 4],
      ['frontend', 'recommendationservice', 4, 0],
      ['recommendationservice', 'flagd', 4, 0],
      ['recommendationservice', 'productcatalogservice', 4, 0],
      ['adservice', 'flagd', 2, 0],
    ]);
    expect(g.edges[0].errorRate).toBeCloseTo(20 / 75, 12);
    // jq group_by service.name over spans: spans and status.code == 2 per service.
    expect(Object.fromEntries(g.nodes.map((n) => [n.name, [n.spans, n.errors]]))).toEqual({
      adservice: [24, 0], checkoutservice: [12, 8], flagd: [25, 0], frontend: [197, 60], 'frontend-proxy': [150, 0],
      loadgenerator: [83, 39], productcatalogservice: [40, 0], recommendationservice: [16, 0],
    });
  });

  it('Zipkin Kafka: servicea → serviceb only through its three producer → consumer hand-offs', async () => {
    const p = await parseOk(traceFixture('zipkin', 'zipkin-lens_messaging-kafka.json'), 'kafka.json');
    const set = p.traces!;
    const g = serviceGraph(set, buildSpanForest(set), sortedQuantiles);
    // CONSUMER spans of serviceb whose parent is a servicea PRODUCER: b4a2a87e…, a5524eec…, 519d27c6… (1 µs each).
    expect(g.edges).toEqual([{ from: 'servicea', to: 'serviceb', calls: 3, errors: 0, errorRate: 0, asyncCalls: 3, latencyMs: { p50: 0.001, p90: 0.001, p99: 0.001, 'p99.9': 0.001 } }]);
  });

  it('same-service children make no edge; latency is the callee spans (ms); orphans make none', () => {
    const set = traceSetOf([
      { id: 'a', service: 'web', start: 0, dur: 100_000 },
      { id: 'b', parent: 'a', service: 'web', start: 0, dur: 50_000 },
      { id: 'c', parent: 'b', service: 'db', start: 0, dur: 10_000, error: true },
      { id: 'd', parent: 'a', service: 'db', start: 0, dur: 30_000 },
      { id: 'e', parent: 'missing', service: 'cache', start: 0, dur: 1 },
    ]);
    const g = serviceGraph(set, buildSpanForest(set), sortedQuantiles);
    expect(g.edges).toHaveLength(1);
    expect(g.edges[0]).toMatchObject({ from: 'web', to: 'db', calls: 2, errors: 1, errorRate: 0.5, asyncCalls: 0 });
    expect(g.edges[0].latencyMs.p50).toBe(20);
  });
});
