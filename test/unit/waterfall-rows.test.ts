// Waterfall rows of hand-built traces (tree order, depth, relative times, flags, subtree sizes, placeholders,
// clock skew) and the waterfall's window maths (shown rows under collapse, the viewport's rows, ticks).
import { describe, expect, it } from 'vitest';
import { adjustClockSkew } from '../../src/analysis/traces/clock-skew';
import { criticalPaths } from '../../src/analysis/traces/critical-path';
import { errorOrigins } from '../../src/analysis/traces/root-cause';
import { buildSpanForest } from '../../src/analysis/traces/span-forest';
import { traceSetOf, type SpanSpec } from '../../src/analysis/traces/synthetic';
import { TraceExplorerState } from '../../src/analysis/traces/trace-explorer-state';
import { ROW_FLAG, waterfallRows } from '../../src/analysis/traces/waterfall-rows';
import { barOf, clipToWindow, positionOf, rowWindow, scrollToShow, shownAncestor, timeTicks, visibleRows, zoomWindow } from '../../src/ui/waterfall-layout';

//  root  web      |==================================|  1000–2000
//  A     cart        |===============|                  1100–1500  error (propagated)
//  A1    cache          |====|                          1150–1250  error (root cause)
//  A2    cart                  |==|                     1300–1350
//  B     pay                        |==========|        1550–1900
//  orphan O (parent "lost")                 |===|       1800–1900  (under a placeholder)
const specs: SpanSpec[] = [
  { id: 'B', parent: 'root', service: 'pay', op: 'charge', start: 1550, dur: 350 },
  { id: 'root', service: 'web', op: 'GET /', start: 1000, dur: 1000, error: true },
  { id: 'A', parent: 'root', service: 'cart', op: 'GET /cart', start: 1100, dur: 400, error: true },
  { id: 'A1', parent: 'A', service: 'cache', op: 'GET', start: 1150, dur: 100, error: true },
  { id: 'A2', parent: 'A', service: 'cart', op: 'SELECT', start: 1300, dur: 50 },
  { id: 'O', parent: 'lost', service: 'pay', op: 'retry', start: 1800, dur: 100 },
];

function rowsOf(list: SpanSpec[]) {
  const set = traceSetOf(list);
  const forest = buildSpanForest(set);
  const origins = errorOrigins(set, forest)[0];
  return { set, rows: waterfallRows(set, forest, 0, { paths: criticalPaths(set, forest), origins }) };
}

describe('waterfall rows', () => {
  const { set, rows } = rowsOf(specs);
  const name = (i: number) => rows.operations[rows.operation[i]];

  it('lists spans in tree order (children by start), placeholders among roots by start, with depth and parent rows', () => {
    expect(rows.count).toBe(7);
    expect(Array.from({ length: rows.count }, (_, i) => name(i))).toEqual(['GET /', 'GET /cart', 'GET', 'SELECT', 'charge', 'missing parent lost', 'retry']);
    expect([...rows.depth]).toEqual([0, 1, 2, 2, 1, 0, 1]);
    expect([...rows.parent]).toEqual([-1, 0, 1, 1, 0, -1, 5]);
    expect([...rows.subtreeSize]).toEqual([5, 3, 1, 1, 1, 2, 1]);
    expect(rows.services[rows.service[2]]).toBe('cache');
    expect(rows.services[rows.service[5]]).toBe('');
    expect(set.spanIds[rows.spanRow[2]]).toBe('A1');
    expect(rows.spanRow[5]).toBe(-1);
  });

  it('times relative to the trace start; the placeholder spans its orphans', () => {
    expect(rows.traceStartUs).toBe(1000);
    expect(rows.durationUs).toBe(1000);
    expect([...rows.start]).toEqual([0, 100, 150, 300, 550, 800, 800]);
    expect([...rows.duration]).toEqual([1000, 400, 100, 50, 350, 100, 100]);
  });

  it('flags: root cause, propagated errors, critical path, placeholder, children', () => {
    const has = (bit: number) => Array.from(rows.flags, (f, i) => (f & bit ? i : -1)).filter((i) => i >= 0);
    expect(has(ROW_FLAG.rootCause)).toEqual([2]);
    expect(has(ROW_FLAG.propagated)).toEqual([0, 1]);
    expect(has(ROW_FLAG.placeholder)).toEqual([5]);
    expect(has(ROW_FLAG.hasChildren)).toEqual([0, 1, 5]);
    // Critical path of root: root 1900–2000, B 1550–1900, root 1500–1550, A 1350–1500, A2 1300–1350,
    // A 1250–1300, A1 1150–1250, A 1100–1150, root 1000–1100; and the orphan's own walk: O 1800–1900.
    expect(has(ROW_FLAG.critical)).toEqual([0, 1, 2, 3, 4, 6]);
    const sections = Array.from(rows.critical.row, (r, j) => [name(r), rows.critical.start[j], rows.critical.end[j]]);
    expect(sections).toEqual([
      ['GET /', 900, 1000], ['charge', 550, 900], ['GET /', 500, 550], ['GET /cart', 350, 500], ['SELECT', 300, 350],
      ['GET /cart', 250, 300], ['GET', 150, 250], ['GET /cart', 100, 150], ['GET /', 0, 100], ['retry', 800, 900],
    ]);
    expect(rows.counts).toEqual({ spans: 6, placeholders: 1, errors: 3, skewShifted: 0, maxDepth: 2, rootCause: 2 });
  });

  it('clock skew: a child starting before its parent is shifted into it and flagged', () => {
    // S (bank) starts 40 µs before its parent C: Jaeger centres it (C 100–200, S 30 long → 135).
    const skewed = traceSetOf([
      { id: 'R', service: 'pay', start: 0, dur: 300 },
      { id: 'C', parent: 'R', service: 'pay', start: 100, dur: 100, kind: 'client' },
      { id: 'S', parent: 'C', service: 'bank', start: 60, dur: 30, kind: 'server' },
    ]);
    const forest = buildSpanForest(skewed);
    const adj = adjustClockSkew(skewed, forest);
    const raw = waterfallRows(skewed, forest, 0);
    const fixed = waterfallRows(skewed, forest, 0, { start: adj.start, shifted: adj.adjusted });
    expect([...raw.start]).toEqual([0, 100, 60]);
    expect([...fixed.start]).toEqual([0, 100, 135]);
    expect([...fixed.flags].map((f) => f & ROW_FLAG.skewShifted)).toEqual([0, 0, ROW_FLAG.skewShifted]);
    expect(fixed.counts.skewShifted).toBe(1);
  });

  it('a 100 000-deep chain is laid out without recursion', () => {
    const chain: SpanSpec[] = Array.from({ length: 100_000 }, (_, i) => ({ id: `s${i}`, parent: i ? `s${i - 1}` : undefined, start: i, dur: 200_000 - 2 * i }));
    const set = traceSetOf(chain);
    const r = waterfallRows(set, buildSpanForest(set), 0);
    expect(r.depth[99_999]).toBe(99_999);
    expect(r.subtreeSize[0]).toBe(100_000);
    expect(r.counts.maxDepth).toBe(99_999);
  });
});

describe('span details through the explorer state', () => {
  const state = new TraceExplorerState(traceSetOf(specs));
  it('names ids, parent, root cause, self time and critical time; placeholders say what is missing', () => {
    const a1 = state.span('t1', 2, false);
    expect(a1).toMatchObject({ spanId: 'A1', parentSpanId: 'A', service: 'cache', operation: 'GET', status: 'error', rootCause: true, propagated: false, selfUs: 100, criticalUs: 100, offsetUs: 150 });
    const a = state.span('t1', 1, false);
    expect(a).toMatchObject({ rootCause: false, propagated: true, selfUs: 250, criticalUs: 250 });
    expect(state.span('t1', 5, false)).toMatchObject({ placeholder: true, spanId: 'lost', operation: 'missing parent lost', children: 1 });
    expect(state.span('t1', 6, false)).toMatchObject({ spanId: 'O', parentSpanId: 'lost', parentMissing: true });
    expect(state.span('t1', 7, false)).toBeUndefined();
    expect(state.span('nope', 0, false)).toBeUndefined();
  });
});

describe('waterfall window maths', () => {
  const size = Uint32Array.from([5, 3, 1, 1, 1, 2, 1]);
  it('collapsing a row hides its subtree, not its siblings', () => {
    expect([...visibleRows(size, new Uint8Array(7))]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...visibleRows(size, Uint8Array.from([0, 1, 0, 0, 0, 0, 0]))]).toEqual([0, 1, 4, 5, 6]);
    expect([...visibleRows(size, Uint8Array.from([1, 1, 0, 0, 0, 1, 0]))]).toEqual([0, 5]);
    const shown = visibleRows(size, Uint8Array.from([0, 1, 0, 0, 0, 0, 0]));
    expect(positionOf(shown, 4)).toBe(2);
    expect(positionOf(shown, 3)).toBe(-1);
    expect(shownAncestor(shown, Int32Array.from([-1, 0, 1, 1, 0, -1, 5]), 3)).toBe(1);
  });

  it('the viewport window: rows under the viewport, overscan, clamped to the shown rows', () => {
    // 24 px rows, viewport 100 px scrolled to 50: rows 2 (48–72) … 6 (144–168) are (partly) visible.
    expect(rowWindow(50, 100, 24, 1000)).toEqual({ first: 2, last: 7 });
    expect(rowWindow(50, 100, 24, 1000, 3)).toEqual({ first: 0, last: 10 });
    expect(rowWindow(23_990, 100, 24, 1000)).toEqual({ first: 999, last: 1000 });
    expect(rowWindow(0, 100, 24, 0)).toEqual({ first: 0, last: 0 });
    expect(scrollToShow(50, 100, 24, 1)).toBe(24);
    expect(scrollToShow(50, 100, 24, 3)).toBe(50);
    expect(scrollToShow(50, 100, 24, 10)).toBe(164);
  });

  it('bars and ticks', () => {
    expect(barOf(250, 500, 1000, 100, 400)).toEqual({ x: 200, w: 200 });
    expect(barOf(1000, 0, 1000, 100, 400, 2)).toEqual({ x: 500, w: 2 });
    // 12 ms over 600 px, 80 px apart at least: 1.6 ms wanted → 2 ms steps.
    expect(timeTicks(12_000, 600).map((t) => t.label)).toEqual(['0', '2 ms', '4 ms', '6 ms', '8 ms', '10 ms', '12 ms']);
    expect(timeTicks(900, 300, 100).map((t) => t.t)).toEqual([0, 500]);
  });

  it('zoom: ticks of a window, spans clipped to it, zooming around a point kept inside the trace', () => {
    // Window 3–7 ms of a trace over 400 px, labels 80 px apart: 0.8 ms wanted → 1 ms steps at 3, 4, … 7 ms.
    expect(timeTicks(4000, 400, 80, 3000).map((t) => [t.t, t.label])).toEqual([[0, '3 ms'], [1000, '4 ms'], [2000, '5 ms'], [3000, '6 ms'], [4000, '7 ms']]);
    expect(clipToWindow(2000, 2000, 3000, 7000)).toEqual({ start: 0, duration: 1000 });
    expect(clipToWindow(6500, 5000, 3000, 7000)).toEqual({ start: 3500, duration: 500 });
    expect(clipToWindow(8000, 10, 3000, 7000)).toBeUndefined();
    // Zoom 2× in around 6000 of [0, 10000]: 6000 keeps its place (60 % across) → [3000, 8000].
    expect(zoomWindow({ from: 0, to: 10_000 }, 0.5, 6000, 10_000)).toEqual({ from: 3000, to: 8000 });
    // Zooming out past the trace is clamped to it.
    expect(zoomWindow({ from: 3000, to: 8000 }, 4, 8000, 10_000)).toEqual({ from: 0, to: 10_000 });
    expect(zoomWindow({ from: 8000, to: 10_000 }, 2, 10_000, 10_000)).toEqual({ from: 6000, to: 10_000 });
  });
});
