// Span trees: real files (OTel demo, Zipkin Kafka, Zipkin skew) against counts read off the files with jq,
// orphans under placeholders, FOLLOWS_FROM attachment, clock skew, and a 200 k-deep chain without recursion.
import { describe, expect, it } from 'vitest';
import { adjustClockSkew, skewOf } from '../../src/analysis/traces/clock-skew';
import { buildSpanForest, depthOf, EDGE, linksOf, traceDepths, type SpanForest } from '../../src/analysis/traces/span-forest';
import { selfTimes } from '../../src/analysis/traces/self-time';
import { traceSetOf } from '../../src/analysis/traces/synthetic';
import { emptyTraceSet, type TraceSet } from '../../src/model/traces';
import { parseOk } from './csv-helpers';
import { sharedSample, traceFixture } from './trace-helpers';

const OTEL_DEMO = 'otel-demo_collector-file-exporter_traces.jsonl';

async function load(bytes: Uint8Array, name: string): Promise<TraceSet> {
  const p = await parseOk(bytes, name);
  if (!p.traces) throw new Error(`${name}: no traces`);
  return p.traces;
}

const rowOf = (set: TraceSet, spanId: string): number => set.spanIdx.indexOf(set.spanIds.indexOf(spanId));

/** Every node exactly once in the pre-order, parents before children; trace depths = walking up. */
function checkShape(forest: SpanForest): void {
  const seen = new Int32Array(forest.nodeCount).fill(-1);
  forest.order.forEach((v, i) => (seen[v] = i));
  expect(forest.order.length).toBe(forest.nodeCount);
  for (let v = 0; v < forest.nodeCount; v++) {
    expect(seen[v]).toBeGreaterThanOrEqual(0);
    const p = forest.parent[v];
    if (p >= 0) expect(seen[p]).toBeLessThan(seen[v]);
  }
  for (let t = 0; t < forest.traceCount; t++) {
    const depths = traceDepths(forest, t);
    depths.forEach((d, i) => expect(d).toBe(depthOf(forest, forest.order[forest.orderOffsets[t] + i])));
  }
}

describe('span trees of real files', () => {
  it('OTel demo: 141 traces, 140 root spans, 1 orphan under a placeholder for its missing parent', async () => {
    const set = await load(sharedSample('otlp-json-traces', OTEL_DEMO), OTEL_DEMO);
    const f = buildSpanForest(set);
    // jq -r '.resourceSpans[].scopeSpans[].spans[].traceId' FILE | sort -u | wc -l → 141; spans: 547 lines.
    expect(f.traceCount).toBe(141);
    expect(f.spanCount).toBe(547);
    // Roots: spans with "parentSpanId":"" → 140. The one span whose parent is not in the file is
    // 41c59718addbd409 (flagd EventStream, parent b6482e7d0a07f446): one placeholder.
    expect(f.nodeCount).toBe(548);
    expect(f.roots.length).toBe(141);
    const rootSpans = Array.from(f.roots).filter((v) => v < f.spanCount);
    expect(rootSpans.length).toBe(140);
    const orphan = rowOf(set, '41c59718addbd409');
    expect(f.edge[orphan]).toBe(EDGE.orphan);
    expect(f.parent[orphan]).toBe(547);
    expect(set.spanIds[f.placeholderSpanIdx[0]]).toBe('b6482e7d0a07f446');
    expect(f.placeholderStart[0]).toBe(set.start[orphan]);
    // The 53 span links all point into other traces: kept as links, no span re-parented by them.
    expect(f.linkRows.length).toBe(53);
    const linking = set.links.span[0];
    expect(linksOf(set, f, linking).map((l) => set.links.span[l])).toEqual([linking]);
    expect(Array.from(f.edge).filter((e) => e === EDGE.followsFrom).length).toBe(0);
    checkShape(f);
  });

  it('Zipkin Kafka: one root, six producer → consumer edges marked async', async () => {
    const set = await load(traceFixture('zipkin', 'zipkin-lens_messaging-kafka.json'), 'kafka.json');
    const f = buildSpanForest(set);
    // jq -c '.[] | {id, parentId, kind}': 28 spans, one without parentId (poll 0562809467078eab); CONSUMER spans
    // whose parent is a PRODUCER: b4a2a87e…, e0473dc3…, a5524eec…, 08e980b0…, bad2ddec…, 519d27c6….
    expect(f.traceCount).toBe(1);
    expect(f.spanCount).toBe(28);
    expect(Array.from(f.roots)).toEqual([rowOf(set, '0562809467078eab')]);
    const asyncIds = Array.from(f.async.keys()).filter((v) => f.async[v]).map((v) => set.spanIds[set.spanIdx[v]]).sort();
    expect(asyncIds).toEqual(['08e980b0e786309b', '519d27c657334615', 'a5524eec8147b1da', 'b4a2a87ee7f003bc', 'bad2ddec9d33837b', 'e0473dc3d8732e8b']);
    // Children by start: the three on-message spans under the root poll.
    const root = f.roots[0];
    const kids = Array.from(f.children.subarray(f.childOffsets[root], f.childOffsets[root + 1]), (v) => set.spanIds[set.spanIdx[v]]);
    expect(kids).toEqual(['09fdf808ef0d60c0', 'e73d7bc0194a76e0', 'd1b4806e7e9eed25']);
    checkShape(f);
  });

  it('Zipkin skew: the server half 65 ms early is moved into its client, and its async child with it', async () => {
    const set = await load(traceFixture('zipkin', 'zipkin-lens_skew.json'), 'skew.json');
    const f = buildSpanForest(set);
    const adj = adjustClockSkew(set, f);
    const server = set.kind.findIndex((k, r) => k === 1 && set.spanIds[set.spanIdx[r]] === '74280ae0c10d8062');
    const client = set.kind.findIndex((k, r) => k === 2 && set.spanIds[set.spanIdx[r]] === '74280ae0c10d8062');
    const asyncSpan = rowOf(set, '43210ae0c10d1234');
    // By hand (Jaeger's rule): client 1470150004074202 for 94539 µs, server 1470150004008761 for 93577 µs;
    // latency (94539 − 93577) / 2 = 481, shift = 074202 + 481 − 008761 = 65922 µs. The async span (same
    // service as the server) inherits the shift.
    expect(f.parent[server]).toBe(client);
    expect(adj.shift[server]).toBe(65922);
    expect(adj.start[server]).toBe(1470150004074683);
    expect(adj.shift[asyncSpan]).toBe(65922);
    expect(adj.adjustedCount).toBe(2);
    expect(adj.adjusted[client]).toBe(0);
    expect(set.start[server]).toBe(1470150004008761); // the set is not modified
  });
});

describe('span tree rules', () => {
  it('orphans of one missing parent share one placeholder; of two parents, two', () => {
    const set = traceSetOf([
      { id: 'a', parent: 'gone1', start: 10, dur: 5 },
      { id: 'b', parent: 'gone1', start: 12, dur: 5 },
      { id: 'c', parent: 'gone2', start: 1, dur: 5 },
      { id: 'd', parent: 'c', start: 2, dur: 1 },
    ]);
    const f = buildSpanForest(set);
    expect(f.nodeCount).toBe(6);
    expect(Array.from(f.placeholderSpanIdx, (i) => set.spanIds[i])).toEqual(['gone1', 'gone2']);
    expect(Array.from(f.roots)).toEqual([5, 4]); // by start: gone2's orphans start at 1, gone1's at 10
    expect(Array.from(f.order)).toEqual([5, 2, 3, 4, 0, 1]);
    expect(f.placeholderEnd[0]).toBe(17);
  });

  it('a FOLLOWS_FROM-only span hangs under the span it follows, async; a follow that closes a cycle is undone', () => {
    const set = traceSetOf([
      { id: 'a', start: 0, dur: 10 },
      { id: 'b', follows: 'a', start: 20, dur: 5 },
      { id: 'x', follows: 'y', start: 0, dur: 1 },
      { id: 'y', parent: 'x', start: 0, dur: 1 },
    ]);
    const f = buildSpanForest(set);
    expect(f.parent[1]).toBe(0);
    expect(f.edge[1]).toBe(EDGE.followsFrom);
    expect(f.async[1]).toBe(1);
    expect(f.parent[2]).toBe(-1);
    expect(f.parent[3]).toBe(2);
    checkShape(f);
  });

  it('a 200 000-deep chain builds, adjusts and gets self times without recursion', () => {
    const depth = 200_000;
    const set = emptyTraceSet();
    Object.assign(set, {
      traceIds: ['deep'], spanIds: Array.from({ length: depth }, (_, i) => `s${i}`), services: ['a', 'b'], operations: ['op'], spanCount: depth,
      traceIdx: new Uint32Array(depth), spanIdx: Uint32Array.from({ length: depth }, (_, i) => i),
      parentIdx: Int32Array.from({ length: depth }, (_, i) => i - 1), parentSpanIdx: Int32Array.from({ length: depth }, (_, i) => i - 1),
      serviceIdx: Uint32Array.from({ length: depth }, (_, i) => i % 2), operationIdx: new Uint32Array(depth),
      start: Float64Array.from({ length: depth }, (_, i) => i), duration: Float64Array.from({ length: depth }, (_, i) => 2 * (depth - i)),
      status: new Uint8Array(depth), kind: new Uint8Array(depth),
    });
    set.details = { ...set.details, attrOffsets: new Uint32Array(depth + 1), eventOffsets: new Uint32Array(depth + 1), statusMessage: new Int32Array(depth).fill(-1) };
    const f = buildSpanForest(set);
    expect(f.order[depth - 1]).toBe(depth - 1);
    expect(depthOf(f, depth - 1)).toBe(depth - 1);
    expect(traceDepths(f, 0)[depth - 1]).toBe(depth - 1);
    // Child i+1 runs [i+1, i+1 + 2(depth−i−1)] inside [i, i + 2(depth−i)]: self time 2 µs per span, the leaf 2.
    const self = selfTimes(set, f);
    expect(self[0]).toBe(2);
    expect(self[depth - 1]).toBe(2);
    expect(adjustClockSkew(set, f).adjustedCount).toBe(0);
  });
});

describe('clock skew rule (Jaeger calculateSkew)', () => {
  it('fits: none; longer than the parent: only a start before it; otherwise centred', () => {
    expect(skewOf(100, 50, 110, 10)).toBe(0);
    expect(skewOf(100, 50, 90, 80)).toBe(10);
    expect(skewOf(100, 50, 120, 80)).toBe(0);
    expect(skewOf(100, 50, 40, 10)).toBe(100 + 20 - 40);
    expect(skewOf(100, 50, 145, 10)).toBe(100 + 20 - 145);
  });
});

describe('self time', () => {
  it('is the duration minus the union of the children clipped to the span', () => {
    const set = traceSetOf([
      { id: 'p', start: 0, dur: 100 },
      { id: 'a', parent: 'p', start: 10, dur: 30 }, // 10–40
      { id: 'b', parent: 'p', start: 20, dur: 30 }, // 20–50, overlaps a
      { id: 'c', parent: 'p', start: 90, dur: 30 }, // 90–120, clipped to 90–100
      { id: 'd', parent: 'a', start: 15, dur: 5 },
    ]);
    const self = selfTimes(set, buildSpanForest(set));
    expect(Array.from(self)).toEqual([100 - 40 - 10, 25, 30, 30, 5]);
  });
});
