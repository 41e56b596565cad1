// Critical path on hand-built traces with the expected sections drawn beside them. Cases 1, 2, 6, 7, 8 and 9
// are the traces of Jaeger UI's tests (packages/jaeger-ui/src/components/TracePage/CriticalPath/testCases/
// testN.js) with their expected sections; the rest are ours: async children, orphans, a real Kafka trace.
import { describe, expect, it } from 'vitest';
import { criticalPaths } from '../../src/analysis/traces/critical-path';
import { criticalPathShares } from '../../src/analysis/traces/critical-path-share';
import { buildSpanForest } from '../../src/analysis/traces/span-forest';
import { groupByOperation } from '../../src/analysis/traces/span-groups';
import { traceSetOf, type SpanSpec } from '../../src/analysis/traces/synthetic';
import type { TraceSet } from '../../src/model/traces';
import { parseOk } from './csv-helpers';
import { traceFixture } from './trace-helpers';

type Section = [span: string, start: number, end: number];

/** The sections of trace t, as [span id, start, end] in the order the algorithm emits them. */
function sections(set: TraceSet, t = 0): Section[] {
  const forest = buildSpanForest(set);
  const cp = criticalPaths(set, forest);
  const out: Section[] = [];
  for (let i = cp.offsets[t]; i < cp.offsets[t + 1]; i++) out.push([set.spanIds[set.spanIdx[cp.span[i]]], cp.start[i], cp.end[i]]);
  return out;
}

const path = (specs: SpanSpec[]): Section[] => sections(traceSetOf(specs));

describe('critical path: Jaeger UI test cases', () => {
  it('test1: two sequential children', () => {
    //  C |==========================================|   1–101
    //  D      |=====|                                   20–40
    //  E                 |===|                          50–60
    //  path: C 60–101, E 50–60, C 40–50, D 20–40, C 1–20
    expect(path([
      { id: 'E', parent: 'C', start: 50, dur: 10 },
      { id: 'C', start: 1, dur: 100 },
      { id: 'D', parent: 'C', start: 20, dur: 20 },
    ])).toEqual([['C', 60, 101], ['E', 50, 60], ['C', 40, 50], ['D', 20, 40], ['C', 1, 20]]);
  });

  it('test2: overlapping children, the earlier one is not on the path', () => {
    //  X |=====================================|   1–101
    //  A    |=========|                            10–50
    //  C       |=========|                         20–60
    //  path: X 60–101, C 20–60, X 1–20 (A ends after C starts)
    expect(path([
      { id: 'X', start: 1, dur: 100 },
      { id: 'A', parent: 'X', start: 10, dur: 40 },
      { id: 'C', parent: 'X', start: 20, dur: 40 },
    ])).toEqual([['X', 60, 101], ['C', 20, 60], ['X', 1, 20]]);
  });

  it('test6: a grandchild starting before its parent is clamped to it', () => {
    //  A |=============|        1–30
    //  B        |==========|    15–35 → 15–30
    //  C    |=======|           10–25 → 15–25
    expect(path([
      { id: 'A', start: 1, dur: 29 },
      { id: 'B', parent: 'A', start: 15, dur: 20 },
      { id: 'C', parent: 'B', start: 10, dur: 15 },
    ])).toEqual([['B', 25, 30], ['C', 15, 25], ['A', 1, 15]]);
  });

  it('test7: children ending after their parents are cut at the parent end', () => {
    //  A |=============|          1–30
    //  B        |=========|       15–35 → 15–30
    //  C           |=========|    20–40 → 20–30
    expect(path([
      { id: 'A', start: 1, dur: 29 },
      { id: 'B', parent: 'A', start: 15, dur: 20 },
      { id: 'C', parent: 'B', start: 20, dur: 20 },
    ])).toEqual([['C', 20, 30], ['B', 15, 20], ['A', 1, 15]]);
  });

  it('test8: a child covering its whole parent takes the whole path', () => {
    //     A |======|       10–30
    //  B |============|    5–35 → 10–30
    expect(path([
      { id: 'A', start: 10, dur: 20 },
      { id: 'B', parent: 'A', start: 5, dur: 30 },
    ])).toEqual([['B', 10, 30]]);
  });

  it('test9: a child wholly before its parent is dropped', () => {
    //           A |=====|   10–30
    //  B |==|               1–5
    expect(path([
      { id: 'A', start: 10, dur: 20 },
      { id: 'B', parent: 'A', start: 1, dur: 4 },
    ])).toEqual([['A', 10, 30]]);
  });
});

describe('critical path: non-blocking children, several roots, ties', () => {
  it('a CONSUMER under a PRODUCER does not block it; its subtree is left out', () => {
    //  P |==========|          0–100 (producer)
    //  Q   |================|  20–150 (consumer, async)
    //  R    |===|              30–60  (under Q)
    expect(path([
      { id: 'P', start: 0, dur: 100, kind: 'producer' },
      { id: 'Q', parent: 'P', start: 20, dur: 130, kind: 'consumer' },
      { id: 'R', parent: 'Q', start: 30, dur: 30 },
    ])).toEqual([['P', 0, 100]]);
  });

  it('a FOLLOWS_FROM span does not block the span it follows; a CLIENT → SERVER child does', () => {
    //  A |================|   0–100
    //  F       |====|          40–60 (FOLLOWS_FROM A)
    //  S   |====|              20–50 (CHILD_OF A)
    expect(path([
      { id: 'A', start: 0, dur: 100, kind: 'client' },
      { id: 'F', follows: 'A', start: 40, dur: 20 },
      { id: 'S', parent: 'A', start: 20, dur: 30, kind: 'server' },
    ])).toEqual([['A', 50, 100], ['S', 20, 50], ['A', 0, 20]]);
  });

  it('children ending together: the earlier-starting one is taken (Jaeger keeps the first in start order)', () => {
    //  A |==============|   0–100
    //  B    |======|        10–50
    //  C       |===|        30–50
    expect(path([
      { id: 'A', start: 0, dur: 100 },
      { id: 'C', parent: 'A', start: 30, dur: 20 },
      { id: 'B', parent: 'A', start: 10, dur: 40 },
    ])).toEqual([['A', 50, 100], ['B', 10, 50], ['A', 0, 10]]);
  });

  it('walks down and back up, skipping zero-length sections; a child ending as the next starts is not taken', () => {
    //  A |==================|  0–100
    //  B |========|            0–49
    //  C          |=========|  50–100
    //  D           |====|      60–80 (under C)
    //  E |=========|           0–50: ends exactly when C starts; Jaeger takes only children ending strictly
    //                          before (endTime < returningChildStartTime), so B is the one on the path
    expect(path([
      { id: 'A', start: 0, dur: 100 },
      { id: 'B', parent: 'A', start: 0, dur: 49 },
      { id: 'C', parent: 'A', start: 50, dur: 50 },
      { id: 'D', parent: 'C', start: 60, dur: 20 },
      { id: 'E', parent: 'A', start: 0, dur: 50 },
    ])).toEqual([['C', 80, 100], ['D', 60, 80], ['C', 50, 60], ['A', 49, 50], ['B', 0, 49]]);
  });

  it('orphans under a placeholder each start a path of their own', () => {
    const set = traceSetOf([
      { id: 'x', parent: 'missing', start: 0, dur: 10 },
      { id: 'y', parent: 'missing', start: 20, dur: 10 },
    ]);
    expect(sections(set)).toEqual([['x', 0, 10], ['y', 20, 30]]);
  });

  it('traces are kept apart, and shares add up over them', () => {
    const set = traceSetOf([
      { id: 'a', trace: 't1', op: 'root', start: 0, dur: 100 },
      { id: 'b', trace: 't1', parent: 'a', op: 'db', start: 10, dur: 60 },
      { id: 'c', trace: 't2', op: 'root', start: 0, dur: 50 },
      { id: 'd', trace: 't2', parent: 'c', op: 'db', start: 0, dur: 50 },
    ]);
    expect(sections(set, 0)).toEqual([['a', 70, 100], ['b', 10, 70], ['a', 0, 10]]);
    expect(sections(set, 1)).toEqual([['d', 0, 50]]);
    const forest = buildSpanForest(set);
    const shares = criticalPathShares(set, groupByOperation(set), criticalPaths(set, forest));
    expect(shares.map((s) => [s.operation, s.timeMs * 1000, s.traces])).toEqual([['db', 110, 2], ['root', 40, 1]]);
    expect(shares[0].share).toBeCloseTo(110 / 150, 12);
  });
});

describe('critical path of a real trace', () => {
  it('Zipkin Kafka: the root poll lasts 26 µs; only the first on-message overlaps it', async () => {
    const p = await parseOk(traceFixture('zipkin', 'zipkin-lens_messaging-kafka.json'), 'kafka.json');
    // poll 0562809467078eab: 1541405397200023 for 26 µs. on-message 09fdf808ef0d60c0 starts 21 µs before it and
    // lasts 252 ms: clamped to the root; the other two on-message spans start after the root ended (dropped).
    expect(sections(p.traces!)).toEqual([['09fdf808ef0d60c0', 1541405397200023, 1541405397200049]]);
  });
});
