// The waterfall of one 100 000-span trace in Node: the row layout (waterfallRows: tree order, depth, relative
// times, flags, subtree sizes) and each step before it, beside a plain-JS object-per-row layout; plus the
// whole first open of a trace (TraceExplorerState.detail from a cold set) and the shown-rows pass under collapse.
import { buildSpanForest } from '../src/analysis/traces/span-forest';
import { criticalPaths } from '../src/analysis/traces/critical-path';
import { errorOrigins } from '../src/analysis/traces/root-cause';
import { TraceExplorerState } from '../src/analysis/traces/trace-explorer-state';
import { waterfallRows } from '../src/analysis/traces/waterfall-rows';
import { emptyTraceSet, SPAN_STATUS, type TraceSet } from '../src/model/traces';
import { visibleRows } from '../src/ui/waterfall-layout';
import { gc, memoryPeak } from './memory';
import { bestOf, fmtBytes, printTable, type BenchRow } from './table';

const SPANS = 100_000;

/** One trace of `n` spans in columns: span i's parent is (i−1)/3 (a ternary tree), children inside parents. */
export function bigTrace(n: number): TraceSet {
  const set = emptyTraceSet();
  set.traceIds = ['0123456789abcdef0123456789abcdef'];
  set.services = Array.from({ length: 12 }, (_, s) => `service-${s}`);
  set.operations = Array.from({ length: 40 }, (_, o) => `op-${o}`);
  set.spanIds = Array.from({ length: n }, (_, i) => (i + 1).toString(16).padStart(16, '0'));
  const parentIdx = new Int32Array(n);
  const start = new Float64Array(n);
  const duration = new Float64Array(n);
  parentIdx[0] = -1;
  duration[0] = 10e6;
  start[0] = Date.UTC(2026, 2, 3) * 1000;
  for (let i = 1; i < n; i++) {
    const p = (parentIdx[i] = Math.floor((i - 1) / 3));
    start[i] = start[p] + (duration[p] * ((i - 1) % 3)) / 3 + duration[p] * 0.01;
    duration[i] = duration[p] * 0.3;
  }
  const status = new Uint8Array(n);
  status[n - 1] = SPAN_STATUS.error;
  Object.assign(set, {
    spanCount: n, traceIdx: new Uint32Array(n), spanIdx: Uint32Array.from({ length: n }, (_, i) => i), parentIdx, parentSpanIdx: parentIdx.slice(),
    serviceIdx: Uint32Array.from({ length: n }, (_, i) => i % 12), operationIdx: Uint32Array.from({ length: n }, (_, i) => i % 40),
    start, duration, status, kind: new Uint8Array(n).fill(1),
  });
  set.details.statusMessage = new Int32Array(n).fill(-1);
  set.details.attrOffsets = new Uint32Array(n + 1);
  set.details.eventOffsets = new Uint32Array(n + 1);
  return set;
}

interface JsRow {
  depth: number;
  start: number;
  duration: number;
  service: string;
  operation: string;
  hasChildren: boolean;
}

/** Object-per-span way: span objects with children arrays sorted by start, an explicit-stack walk to row objects. */
function plainJsRows(set: TraceSet): JsRow[] {
  interface Node { row: number; children: Node[] }
  const nodes: Node[] = Array.from({ length: set.spanCount }, (_, row) => ({ row, children: [] }));
  const roots: Node[] = [];
  for (const n of nodes) {
    const p = set.parentIdx[n.row];
    if (p >= 0) nodes[p].children.push(n);
    else roots.push(n);
  }
  for (const n of nodes) if (n.children.length > 1) n.children.sort((a, b) => set.start[a.row] - set.start[b.row]);
  const t0 = Math.min(...roots.map((r) => set.start[r.row]));
  const out: JsRow[] = [];
  const stack: [Node, number][] = roots.map((r) => [r, 0] as [Node, number]).reverse();
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    out.push({
      depth, start: set.start[n.row] - t0, duration: set.duration[n.row], service: set.services[set.serviceIdx[n.row]],
      operation: set.operations[set.operationIdx[n.row]], hasChildren: n.children.length > 0,
    });
    for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i], depth + 1]);
  }
  return out;
}

/** Heap and buffer growth while the result of `fn` is still held. */
function held(fn: () => unknown): number {
  gc();
  const m = memoryPeak();
  const keep = fn();
  m.sample();
  const g = m.growth();
  void keep;
  return g.heap + g.buffers;
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const rate = (x: number) => `${((SPANS / x) * 1000 / 1e6).toFixed(1)} M spans/s`;

export async function run(): Promise<void> {
  const set = bigTrace(SPANS);
  const forest = buildSpanForest(set);
  const paths = criticalPaths(set, forest);
  const origins = errorOrigins(set, forest)[0];
  const rows: BenchRow[] = [];
  const add = (name: string, impl: string, t: number, memory = '', note = '') => rows.push({ name, impl, input: '100 k spans, 1 trace', throughput: `${ms(t)} (${rate(t)})`, memory, note });

  const tForest = bestOf(5, () => buildSpanForest(set));
  add('span forest', 'columnar', tForest);
  add('critical path', 'columnar', bestOf(5, () => criticalPaths(set, forest)));
  let layout = waterfallRows(set, forest, 0, { paths, origins });
  const memLayout = held(() => (layout = waterfallRows(set, forest, 0, { paths, origins })));
  const tLayout = bestOf(7, () => waterfallRows(set, forest, 0, { paths, origins }));
  const memJs = held(() => plainJsRows(set));
  const tJs = bestOf(5, () => plainJsRows(set));
  add('row layout (waterfallRows)', 'typed columns', tLayout, fmtBytes(memLayout), `${(tJs / tLayout).toFixed(1)}× the plain-JS layout`);
  add('row layout', 'plain JS objects', tJs, fmtBytes(memJs), 'tree of objects + stack walk, no flags');
  const collapsed = new Uint8Array(layout.count);
  for (let i = 0; i < layout.count; i += 97) collapsed[i] = 1;
  add('shown rows (every 97th collapsed)', 'visibleRows', bestOf(9, () => visibleRows(layout.subtreeSize, collapsed)));
  const tCold = bestOf(3, () => new TraceExplorerState(set).detail(set.traceIds[0], false));
  add('first open, cold (trees, table, critical path, origins, rows)', 'TraceExplorerState', tCold, '', 'what the worker does for a trace of a fresh dataset');
  const warm = new TraceExplorerState(set);
  warm.detail(set.traceIds[0], false);
  add('open again (cached trees)', 'TraceExplorerState', bestOf(5, () => warm.detail(set.traceIds[0], false)));
  printTable('Waterfall of a 100 k-span trace (Node)', rows);
}
