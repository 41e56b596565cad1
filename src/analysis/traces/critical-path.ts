// Critical path of every trace by Jaeger UI's algorithm, as a loop (no recursion): from a span, the child
// that finishes last, then back in time to the child that finished before that one started; async
// (FOLLOWS_FROM, producer → consumer) children and children wholly outside their parent are left out.

import type { TraceSet } from '../../model/traces';
import { sortRange } from './csr';
import type { SpanForest } from './span-forest';

/**
 * Sections of the critical path: trace t's sections are indices offsets[t] … offsets[t+1]−1, each the span
 * row `span` from `start` to `end` (µs), in the order Jaeger lists them (from the end of the trace back).
 */
export interface CriticalPaths {
  offsets: Uint32Array;
  span: Uint32Array;
  start: Float64Array;
  end: Float64Array;
}

/**
 * The sections as they are found: capacity for one per span at first (pages are only paid for when
 * written), doubled if a trace needs more; kept as views unless most of it went unused.
 */
class Sections {
  span: Uint32Array;
  start: Float64Array;
  end: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.span = new Uint32Array(capacity);
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
  }
  push(v: number, s: number, e: number): void {
    if (this.length === this.span.length) this.resize(Math.max(1024, this.length * 2));
    this.span[this.length] = v;
    this.start[this.length] = s;
    this.end[this.length++] = e;
  }
  private resize(capacity: number): void {
    const span = new Uint32Array(capacity);
    const start = new Float64Array(capacity);
    const end = new Float64Array(capacity);
    span.set(this.span.subarray(0, this.length));
    start.set(this.start.subarray(0, this.length));
    end.set(this.end.subarray(0, this.length));
    [this.span, this.start, this.end] = [span, start, end];
  }
  done(offsets: Uint32Array): CriticalPaths {
    if (this.length * 2 < this.span.length) this.resize(this.length);
    return { offsets, span: this.span.subarray(0, this.length), start: this.start.subarray(0, this.length), end: this.end.subarray(0, this.length) };
  }
}

/**
 * Critical paths of every trace in `forest` (one walk per root span; orphans under a placeholder each
 * start their own). `start` is the start column to use (clock-skew adjusted or the set's). Working memory
 * is per trace, indexed by position in the trace's pre-order.
 */
export function criticalPaths(set: TraceSet, forest: SpanForest, start: Float64Array = set.start): CriticalPaths {
  const n = set.spanCount;
  const { order, parent, childOffsets, orderOffsets } = forest;
  const asyncEdge = forest.async;
  const duration = set.duration;
  let largest = 0;
  for (let t = 0; t < forest.traceCount; t++) largest = Math.max(largest, orderOffsets[t + 1] - orderOffsets[t]);
  // Per node of the current trace (local index = position in its pre-order): sanitised times (children
  // clamped into their parent, as Jaeger's sanitizeOverFlowingChildren), tree parent, and the live
  // blocking children (lfc[first[L] …]), sorted by end, latest first, when the walk first reaches L.
  const cs = new Float64Array(largest);
  const ce = new Float64Array(largest);
  const alive = new Uint8Array(largest);
  const up = new Int32Array(largest);
  const first = new Uint32Array(largest);
  const count = new Uint32Array(largest);
  const cursor = new Uint32Array(largest);
  const lfc = new Uint32Array(largest);
  const open: number[] = [];
  const byEnd = (a: number, b: number): number => ce[b] - ce[a] || cs[a] - cs[b] || a - b;
  const out = new Sections(n);
  const offsets = new Uint32Array(forest.traceCount + 1);
  let lo = 0;

  for (let t = 0; t < forest.traceCount; t++) {
    lo = orderOffsets[t];
    const size = orderOffsets[t + 1] - lo;
    open.length = 0;
    let slots = 0;
    for (let L = 0; L < size; L++) {
      const v = order[lo + L];
      const p = parent[v];
      // In pre-order the parent is the nearest open ancestor.
      while (open.length && order[lo + open[open.length - 1]] !== p) open.pop();
      const P = open.length ? open[open.length - 1] : -1;
      open.push(L);
      up[L] = P;
      alive[L] = 0;
      count[L] = 0;
      first[L] = slots;
      slots += childOffsets[v + 1] - childOffsets[v];
      if (v >= n) continue;
      const s = start[v];
      const e = s + duration[v];
      if (!(e >= s)) continue; // NaN start or duration
      if (P < 0 || p >= n) {
        cs[L] = s;
        ce[L] = e;
        alive[L] = 1;
        continue;
      }
      if (!alive[P] || asyncEdge[v]) continue;
      const ps = cs[P];
      const pe = ce[P];
      // Wholly outside (Jaeger: starting at or after the parent's end, or ending at or before its start
      // when starting before it): dropped with its subtree.
      if (s >= ps ? s >= pe : e <= ps) continue;
      cs[L] = s > ps ? s : ps;
      ce[L] = e < pe ? e : pe;
      alive[L] = 1;
      lfc[first[P] + count[P]++] = L;
    }
    for (let L = 0; L < size; L++) {
      const v = order[lo + L];
      if (v < n && alive[L] && (up[L] < 0 || parent[v] >= n)) walk(L);
    }
    offsets[t + 1] = out.length;
  }

  /** lfc[lo, hi) by end, latest first (then by start, then by position): byEnd without a comparator call for short runs. */
  function sortByEnd(lo: number, hi: number): void {
    if (hi - lo > 24) {
      sortRange(lfc, lo, hi, byEnd);
      return;
    }
    for (let i = lo + 1; i < hi; i++) {
      const x = lfc[i];
      const ex = ce[x];
      const sx = cs[x];
      let j = i - 1;
      for (; j >= lo; j--) {
        const y = lfc[j];
        const ey = ce[y];
        if (ey > ex || (ey === ex && (cs[y] < sx || (cs[y] === sx && y < x)))) break;
        lfc[j + 1] = y;
      }
      lfc[j + 1] = x;
    }
  }

  function walk(root: number): void {
    let cur = root;
    let ret = NaN; // start of the child the walk returns from; NaN while going down
    for (;;) {
      const until = ret === ret ? ret : ce[cur];
      let next = -1;
      const end = first[cur] + count[cur];
      if (ret !== ret) {
        // First visit (each span is gone down into once): order its children by end, latest first.
        cursor[cur] = first[cur];
        if (count[cur] > 1) sortByEnd(first[cur], end);
        if (cursor[cur] < end) next = lfc[cursor[cur]];
      } else {
        while (cursor[cur] < end && ce[lfc[cursor[cur]]] >= ret) cursor[cur]++;
        if (cursor[cur] < end) next = lfc[cursor[cur]];
      }
      if (next >= 0) {
        if (ce[next] !== until) out.push(order[lo + cur], ce[next], until);
        cur = next;
        ret = NaN;
        continue;
      }
      if (cs[cur] !== until) out.push(order[lo + cur], cs[cur], until);
      if (cur === root) return;
      ret = cs[cur];
      cur = up[cur];
    }
  }

  return out.done(offsets);
}
