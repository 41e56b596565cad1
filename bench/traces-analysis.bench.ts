// Trace analysis on 1 M generated spans: span trees + critical paths + per-operation percentiles (columnar,
// percentiles in the kernels) beside a plain-JS object-per-span baseline, with memory; self time and the
// whole analyzeTraces as extra rows.
import { analyzeTraces } from '../src/analysis/traces/analyze';
import { criticalPaths } from '../src/analysis/traces/critical-path';
import { latencyStats } from '../src/analysis/traces/operation-stats';
import { kernelQuantiles } from '../src/analysis/traces/quantiles';
import { selfTimes } from '../src/analysis/traces/self-time';
import { buildSpanForest } from '../src/analysis/traces/span-forest';
import { groupByOperation } from '../src/analysis/traces/span-groups';
import { generateTraces } from '../src/analysis/traces/synthetic';
import { loadKernelsNode } from '../src/kernels/node';
import { SPAN_KIND, type TraceSet } from '../src/model/traces';
import os from 'node:os';
import { gc, memoryPeak } from './memory';
import { fmtBytes, fmtRate, printTable, type BenchRow } from './table';

const TRACES = 100_000;

interface JsSpan {
  id: string;
  parentId: string | null;
  traceId: string;
  service: string;
  operation: string;
  start: number;
  end: number;
  kind: number;
  children: JsSpan[];
}

/** The object-per-span way: span objects, a Map by id, children arrays, recursion-free walks, Array.sort. */
function plainJs(set: TraceSet): { sections: number; groups: number } {
  const spans: JsSpan[] = [];
  for (let r = 0; r < set.spanCount; r++) {
    const p = set.parentIdx[r];
    spans.push({
      id: set.spanIds[set.spanIdx[r]], parentId: p >= 0 ? set.spanIds[set.spanIdx[p]] : null, traceId: set.traceIds[set.traceIdx[r]],
      service: set.services[set.serviceIdx[r]], operation: set.operations[set.operationIdx[r]], start: set.start[r], end: set.start[r] + set.duration[r], kind: set.kind[r], children: [],
    });
  }
  const byId = new Map<string, JsSpan>();
  for (const s of spans) byId.set(`${s.traceId}:${s.id}`, s);
  const roots: JsSpan[] = [];
  for (const s of spans) {
    const parent = s.parentId === null ? undefined : byId.get(`${s.traceId}:${s.parentId}`);
    if (parent) parent.children.push(s);
    else roots.push(s);
  }
  for (const s of spans) if (s.children.length > 1) s.children.sort((a, b) => a.start - b.start);
  // Critical path (same rules): clamp into the parent, children by end descending, walk down and back.
  let sections = 0;
  const clamp = new Map<JsSpan, [number, number]>();
  for (const root of roots) {
    const stack: [JsSpan, JsSpan | null][] = [[root, null]];
    while (stack.length) {
      const [s, p] = stack.pop()!;
      if (p) {
        const pc = clamp.get(p)!;
        if (s.start >= pc[1] || s.end <= pc[0] || (p.kind === SPAN_KIND.producer && s.kind === SPAN_KIND.consumer)) continue;
        clamp.set(s, [Math.max(s.start, pc[0]), Math.min(s.end, pc[1])]);
      } else clamp.set(s, [s.start, s.end]);
      for (const c of s.children) stack.push([c, s]);
    }
    const parents = new Map<JsSpan, JsSpan>();
    const walk: [JsSpan, number][] = [[root, NaN]];
    while (walk.length) {
      const [s, ret] = walk.pop()!;
      const [cs, ce] = clamp.get(s)!;
      const kids = s.children.filter((c) => clamp.has(c)).sort((a, b) => clamp.get(b)![1] - clamp.get(a)![1]);
      const until = Number.isNaN(ret) ? ce : ret;
      const next = kids.find((c) => Number.isNaN(ret) || clamp.get(c)![1] < ret);
      if (next) {
        if (clamp.get(next)![1] !== until) sections++;
        parents.set(next, s);
        walk.push([next, NaN]);
      } else {
        if (cs !== until) sections++;
        const up = parents.get(s);
        if (up) walk.push([up, cs]);
      }
    }
  }
  // Per-operation percentiles by sorting arrays.
  const groups = new Map<string, number[]>();
  for (const s of spans) {
    const key = `${s.service}\u0000${s.operation}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push((s.end - s.start) / 1000);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.99, 0.999]) void g[Math.floor(q * (g.length - 1))];
  }
  return { sections, groups: groups.size };
}

/** This process's CPU time so far (user + system), ms: steadier than wall time on a shared, loaded machine. */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Wall and CPU time of fn (ms), and ArrayBuffer and heap growth right after it (allocated, not yet collected). */
function measure<T>(fn: () => T): { ms: number; cpu: number; result: T; memory: string } {
  gc();
  const m = memoryPeak();
  const c0 = cpuMs();
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  m.sample();
  const g = m.growth();
  return { ms, cpu, result, memory: `${fmtBytes(g.buffers)} buffers, ${fmtBytes(Math.max(0, g.heap))} heap` };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function run(): Promise<void> {
  const quantiles = kernelQuantiles(await loadKernelsNode());
  const set = generateTraces({ traces: TRACES, spansPerTrace: 10, seed: 42 });
  const n = set.spanCount;
  const input = `${(n / 1e6).toFixed(2)} M spans, ${TRACES / 1000} k traces`;
  const rows: BenchRow[] = [];
  // Warm-up (JIT) on a tenth of the work.
  const warm = generateTraces({ traces: TRACES / 10, spansPerTrace: 10, seed: 1 });
  const warmForest = buildSpanForest(warm);
  latencyStats(warm, groupByOperation(warm), quantiles, selfTimes(warm, warmForest));
  criticalPaths(warm, warmForest);
  plainJs(warm);

  // The target's pipeline: span trees, critical paths, per-operation p50/p90/p99/p99.9 of durations.
  const stages: [string, number][] = [];
  const core = measure(() => {
    let t = performance.now();
    const lap = (name: string): void => {
      const now = performance.now();
      stages.push([name, now - t]);
      t = now;
    };
    const forest = buildSpanForest(set);
    lap('span trees');
    const paths = criticalPaths(set, forest);
    lap('critical paths');
    const stats = latencyStats(set, groupByOperation(set), quantiles);
    lap('per-operation p50/p90/p99/p99.9');
    return { forest, sections: paths.span.length, groups: stats.length };
  });
  // The same pipeline again, five times (warm code, memory handed back and taken again): the median run.
  const again: { ms: number; cpu: number }[] = [];
  for (let k = 0; k < 5; k++) {
    const r = measure(() => {
      const forest = buildSpanForest(set);
      criticalPaths(set, forest);
      latencyStats(set, groupByOperation(set), quantiles);
    });
    again.push({ ms: r.ms, cpu: r.cpu });
  }
  const js = measure(() => plainJs(set));
  const extra = measure(() => {
    const t0 = performance.now();
    const self = selfTimes(set, core.result.forest);
    const t1 = performance.now();
    latencyStats(set, groupByOperation(set), quantiles, self);
    stages.push(['(extra) self time', t1 - t0], ['(extra) op percentiles + self-time medians', performance.now() - t1]);
  });
  void extra;
  rows.push(
    { name: 'trees + critical path + op percentiles', impl: 'columnar + wasm percentiles', input, throughput: fmtRate(n, core.ms, 'spans'), memory: core.memory, note: `first run; ${(js.ms / core.ms).toFixed(1)}× plain JS; target ≥ 2 M spans/s; CPU ${fmtRate(n, core.cpu, 'spans')}; ${core.result.sections} sections, ${core.result.groups} operations` },
    { name: 'trees + critical path + op percentiles', impl: 'columnar + wasm percentiles', input, throughput: fmtRate(n, median(again.map((r) => r.ms)), 'spans'), memory: '', note: `median of ${again.length} more runs; CPU ${fmtRate(n, median(again.map((r) => r.cpu)), 'spans')}` },
    { name: 'trees + critical path + op percentiles', impl: 'plain JS, object per span', input, throughput: fmtRate(n, js.ms, 'spans'), memory: js.memory, note: `${js.result.sections} sections, ${js.result.groups} operations` },
    ...stages.map(([name, ms]): BenchRow => ({ name: `  ${name}`, impl: 'columnar', input, throughput: fmtRate(n, ms, 'spans'), memory: '', note: `${ms.toFixed(0)} ms` })),
  );
  const full = measure(() => analyzeTraces(set, quantiles));
  rows.push({ name: 'analyzeTraces (all of the above + graph, root causes, slow traces, stats per service)', impl: 'columnar + wasm percentiles', input, throughput: fmtRate(n, full.ms, 'spans'), memory: full.memory, note: `${full.ms.toFixed(0)} ms` });
  printTable(`Trace analysis: span trees, critical path, per-operation percentiles (load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`, rows);
}
