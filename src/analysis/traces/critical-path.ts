// Critical path of every trace by Jaeger UI's algorithm, as a loop (no recursion): from a span, the child
// that finishes last, then back in time to the child that finished before that one started; async
// (FOLLOWS_FROM, producer → consumer) children and children wholly outside their parent are left out.

import type { TraceSet } from '../../model/traces';
import { sortRange, type SpanForest } from './span-forest';

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

/** A growable column of sections (doubling; trimmed once at the end). */
class Sections {
  span = new Uint32Array(1024);
  start = new Float64Array(1024);
  end = new Float64Array(1024);
  length = 0;
  push(v: number, s: number, e: number): void {
    if (this.length === this.span.length) {
      const grow = <T extends Uint32Array | Float64Array>(a: T, make: (k: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.span = grow(this.span, (k) => new Uint32Array(k));
      this.start = grow(this.start, (k) => new Float64Array(k));
      this.end = grow(this.end, (k) => new Float64Array(k));
    }
    this.span[this.length] = v;
    this.start[this.length] = s;
    this.end[this.length++] = e;
  }
}

/**
 * Critical paths of every trace in `forest` (one walk per root span; orphans under a placeholder each
 * start their own). `start` is the start column to use (clock-skew adjusted or the set's).
 */
export function criticalPaths(set: TraceSet, forest: SpanForest, start: Float64Array = set.start): CriticalPaths {
  const n = set.spanCount;
  // Sanitised times (children clamped into their parent, as Jaeger's sanitizeOverFlowingChildren).
  const cs = new Float64Array(n);
  const ce = new Float64Array(n);
  const alive = new Uint8Array(n);
  // Per span, its blocking live children by end time, latest first (same slots as forest.children).
  const lfc = new Uint32Array(forest.children.length);
  const lfcEnd = new Uint32Array(n);
  const cursor = new Uint32Array(n);
  const byEnd = (a: number, b: number): number => ce[b] - ce[a] || cs[a] - cs[b] || a - b;
  const out = new Sections();
  const offsets = new Uint32Array(forest.traceCount + 1);

  for (let t = 0; t < forest.traceCount; t++) {
    const lo = forest.orderOffsets[t];
    const hi = forest.orderOffsets[t + 1];
    for (let i = lo; i < hi; i++) {
      const v = forest.order[i];
      if (v >= n) continue;
      const p = forest.parent[v];
      const s = start[v];
      const e = s + set.duration[v];
      alive[v] = 0;
      if (!(e >= s)) continue; // NaN start or duration
      if (p < 0 || p >= n) {
        cs[v] = s;
        ce[v] = e;
        alive[v] = 1;
        continue;
      }
      if (!alive[p] || forest.async[v]) continue;
      const ps = cs[p];
      const pe = ce[p];
      // Wholly outside (Jaeger: starting at or after the parent's end, or ending at or before its start
      // when starting before it): dropped with its subtree.
      if (s >= ps ? s >= pe : e <= ps) continue;
      cs[v] = Math.max(s, ps);
      ce[v] = Math.min(e, pe);
      alive[v] = 1;
    }
    for (let i = lo; i < hi; i++) {
      const v = forest.order[i];
      if (v >= n || !alive[v]) continue;
      const from = forest.childOffsets[v];
      let k = from;
      for (let j = from; j < forest.childOffsets[v + 1]; j++) {
        const c = forest.children[j];
        if (c < n && alive[c]) lfc[k++] = c;
      }
      sortRange(lfc, from, k, byEnd);
      lfcEnd[v] = k;
      cursor[v] = from;
    }
    for (let i = lo; i < hi; i++) {
      const root = forest.order[i];
      if (root >= n || !alive[root] || (forest.parent[root] >= 0 && forest.parent[root] < n)) continue;
      walk(root);
    }
    offsets[t + 1] = out.length;
  }

  function walk(root: number): void {
    let cur = root;
    let ret = NaN; // start of the child the walk returns from; NaN while going down
    for (;;) {
      const until = ret === ret ? ret : ce[cur];
      let next = -1;
      if (ret !== ret) {
        if (cursor[cur] < lfcEnd[cur]) next = lfc[cursor[cur]];
      } else {
        while (cursor[cur] < lfcEnd[cur] && ce[lfc[cursor[cur]]] >= ret) cursor[cur]++;
        if (cursor[cur] < lfcEnd[cur]) next = lfc[cursor[cur]];
      }
      if (next >= 0) {
        if (ce[next] !== until) out.push(cur, ce[next], until);
        cur = next;
        ret = NaN;
        continue;
      }
      if (cs[cur] !== until) out.push(cur, cs[cur], until);
      if (cur === root) return;
      ret = cs[cur];
      cur = forest.parent[cur];
    }
  }

  return { offsets, span: out.span.slice(0, out.length), start: out.start.slice(0, out.length), end: out.end.slice(0, out.length) };
}
