// Span trees of a TraceSet in flat typed arrays (children in CSR layout), built without recursion: roots,
// orphans under a visible placeholder per missing parent, FOLLOWS_FROM-only spans under the span they follow.
// Few and exact-size columns: first touches of fresh memory are much of the cost of a million spans.

import { REF_TYPE, SPAN_KIND, type TraceSet } from '../../model/traces';
import { groupIndices, sortRangeByTime } from './csr';

/** How a node hangs under its tree parent. */
export const EDGE = { root: 0, childOf: 1, followsFrom: 2, orphan: 3 } as const;

/**
 * The span trees of every trace. Nodes 0 … spanCount−1 are the set's span rows; nodes spanCount … are
 * placeholders, one per (trace, parent id the file names but does not hold), with that parent's orphans
 * as children.
 */
export interface SpanForest {
  spanCount: number;
  nodeCount: number;
  /** Tree parent of each node, -1 for a root (a placeholder is always a root). */
  parent: Int32Array;
  /** EDGE code of each node's link to its tree parent. */
  edge: Uint8Array;
  /** 1 when the parent does not wait for the node: FOLLOWS_FROM, or a PRODUCER parent's CONSUMER child. */
  async: Uint8Array;
  /** Node v's children are children[childOffsets[v]] … children[childOffsets[v+1]−1], by start time. */
  childOffsets: Uint32Array;
  children: Uint32Array;
  /** Traces holding spans: forest trace t is `set.traceIds[traceId[t]]`, in order of first span row. */
  traceCount: number;
  traceId: Uint32Array;
  /** Forest trace of each node (may be the set's own traceIdx column: read, never write). */
  traceOf: Uint32Array;
  /** Trace t's nodes in pre-order (waterfall order) are order[orderOffsets[t]] … order[orderOffsets[t+1]−1]. */
  orderOffsets: Uint32Array;
  order: Uint32Array;
  /** Trace t's roots (spans and placeholders, by start) are roots[rootOffsets[t]] … roots[rootOffsets[t+1]−1]. */
  rootOffsets: Uint32Array;
  roots: Uint32Array;
  /** Per placeholder (node spanCount + k): interned id of the missing parent span (index into set.spanIds). */
  placeholderSpanIdx: Uint32Array;
  /** Per placeholder: earliest start and latest end of its orphans, µs. */
  placeholderStart: Float64Array;
  placeholderEnd: Float64Array;
  /** Rows of set.links ordered by the span holding them (see linksOf). */
  linkRows: Uint32Array;
}

/** Start of node v (µs): the span's start, or a placeholder's earliest orphan start. */
export function nodeStart(set: TraceSet, forest: SpanForest, v: number): number {
  return v < forest.spanCount ? set.start[v] : forest.placeholderStart[v - forest.spanCount];
}

/** Distance of node v from its root, walking up (a root is 0). */
export function depthOf(forest: SpanForest, v: number): number {
  let d = 0;
  for (let p = forest.parent[v]; p >= 0; p = forest.parent[p]) d++;
  return d;
}

/** Depth of each node of trace t, in its pre-order (what a waterfall indents by). */
export function traceDepths(forest: SpanForest, t: number): Uint32Array {
  const lo = forest.orderOffsets[t];
  const out = new Uint32Array(forest.orderOffsets[t + 1] - lo);
  // In pre-order a node's parent is the nearest earlier node on the stack of open ancestors.
  const stack: number[] = [];
  for (let i = 0; i < out.length; i++) {
    const v = forest.order[lo + i];
    const p = forest.parent[v];
    while (stack.length && forest.order[lo + stack[stack.length - 1]] !== p) stack.pop();
    out[i] = stack.length ? out[stack[stack.length - 1]] + 1 : 0;
    stack.push(i);
  }
  return out;
}

/** Rows of set.links held by span `row`. */
export function linksOf(set: TraceSet, forest: SpanForest, row: number): number[] {
  const rows = forest.linkRows;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (set.links.span[rows[mid]] < row) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < rows.length && set.links.span[rows[i]] === row; i++) out.push(rows[i]);
  return out;
}

interface Parents {
  parent: Int32Array;
  edge: Uint8Array;
  placeholderSpanIdx: Uint32Array;
  placeholderTrace: Uint32Array;
}

/** Tree parents: the model's parent, a followed span for FOLLOWS_FROM-only spans, placeholders for orphans. */
function treeParents(set: TraceSet): Parents {
  const n = set.spanCount;
  const { parentIdx, parentSpanIdx, traceIdx } = set;
  let orphans = 0;
  for (let r = 0; r < n; r++) if (parentIdx[r] < 0 && parentSpanIdx[r] >= 0) orphans++;
  // Sized for a placeholder per orphan at most; trimmed to the placeholders made below.
  const parent = new Int32Array(n + orphans).fill(-1, n);
  const edge = new Uint8Array(n + orphans);
  const holders = new Map<number, number>();
  const holderSpan: number[] = [];
  const holderTrace: number[] = [];
  for (let r = 0; r < n; r++) {
    const p = parentIdx[r];
    if (p >= 0 && p < n && p !== r && traceIdx[p] === traceIdx[r]) {
      parent[r] = p;
      edge[r] = EDGE.childOf;
    } else if (parentSpanIdx[r] >= 0) {
      const key = traceIdx[r] * set.spanIds.length + parentSpanIdx[r];
      let k = holders.get(key);
      if (k === undefined) {
        holders.set(key, (k = holderSpan.length));
        holderSpan.push(parentSpanIdx[r]);
        holderTrace.push(traceIdx[r]);
      }
      parent[r] = n + k;
      edge[r] = EDGE.orphan;
    } else {
      parent[r] = -1;
    }
  }
  const l = set.links;
  let attached = false;
  for (let i = 0; i < l.span.length; i++) {
    const r = l.span[i];
    const target = l.target[i];
    if (l.type[i] !== REF_TYPE.followsFrom || parent[r] !== -1 || target < 0 || target === r || traceIdx[target] !== traceIdx[r]) continue;
    parent[r] = target;
    edge[r] = EDGE.followsFrom;
    attached = true;
  }
  if (attached) breakCycles(parent, edge, n);
  const nodes = n + holderSpan.length;
  return {
    parent: nodes < parent.length ? parent.slice(0, nodes) : parent,
    edge: nodes < edge.length ? edge.slice(0, nodes) : edge,
    placeholderSpanIdx: Uint32Array.from(holderSpan),
    placeholderTrace: Uint32Array.from(holderTrace),
  };
}

/**
 * Undoes FOLLOWS_FROM attachments that close a cycle (a span following its own descendant); a cycle
 * without one (a hand-built set that skipped validation) loses the parent of the span closing it.
 */
function breakCycles(parent: Int32Array, edge: Uint8Array, n: number): void {
  const state = new Uint8Array(n); // 0 new, 1 on the current path, 2 done
  const path: number[] = [];
  for (let i = 0; i < n; i++) {
    let r = i;
    while (r >= 0 && r < n && state[r] === 0) {
      state[r] = 1;
      path.push(r);
      const p = parent[r];
      if (p >= 0 && p < n && state[p] === 1) {
        let cut = r;
        for (let k = path.length - 1; k >= 0; k--) {
          if (edge[path[k]] === EDGE.followsFrom) {
            cut = path[k];
            break;
          }
          if (path[k] === p) break;
        }
        parent[cut] = -1;
        edge[cut] = EDGE.root;
        break;
      }
      r = p;
    }
    for (const x of path) state[x] = 2;
    path.length = 0;
  }
}

/** Builds the span trees of `set` (no recursion: depth is only bounded by memory). */
export function buildSpanForest(set: TraceSet): SpanForest {
  const n = set.spanCount;
  const { parent, edge, placeholderSpanIdx, placeholderTrace } = treeParents(set);
  const holders = placeholderSpanIdx.length;
  const nodeCount = n + holders;

  // Forest traces in order of first span row. When that is the set's own numbering (every interned trace id
  // has spans, met in id order) and there is no placeholder, the set's column serves as is.
  const compact = new Int32Array(set.traceIds.length).fill(-1);
  const traceIds: number[] = [];
  const ti = set.traceIdx;
  for (let r = 0; r < n; r++) if (compact[ti[r]] < 0) compact[ti[r]] = traceIds.push(ti[r]) - 1;
  const traceCount = traceIds.length;
  let identity = traceCount === set.traceIds.length && holders === 0;
  for (let t = 0; identity && t < traceCount; t++) identity = traceIds[t] === t;
  let traceOf = ti;
  if (!identity) {
    traceOf = new Uint32Array(nodeCount);
    for (let r = 0; r < n; r++) traceOf[r] = compact[ti[r]];
    for (let k = 0; k < holders; k++) traceOf[n + k] = compact[placeholderTrace[k]];
  }

  const placeholderStart = new Float64Array(holders).fill(Infinity);
  const placeholderEnd = new Float64Array(holders).fill(-Infinity);
  for (let r = 0; r < n; r++) {
    if (edge[r] !== EDGE.orphan) continue;
    const k = parent[r] - n;
    placeholderStart[k] = Math.min(placeholderStart[k], set.start[r]);
    placeholderEnd[k] = Math.max(placeholderEnd[k], set.start[r] + set.duration[r]);
  }
  // Order by start (placeholders at their earliest orphan, no time last), then by node.
  let tree = arrange(parent, traceOf, traceCount, set.start, placeholderStart);
  if (tree.order.length < nodeCount) {
    // Only a set that skipped the model's validation can hold a parent cycle: break it and arrange again.
    breakCycles(parent, edge, n);
    tree = arrange(parent, traceOf, traceCount, set.start, placeholderStart);
  }
  const async = new Uint8Array(nodeCount);
  for (let r = 0; r < n; r++) {
    const p = parent[r];
    if (edge[r] === EDGE.followsFrom || (edge[r] === EDGE.childOf && set.kind[p] === SPAN_KIND.producer && set.kind[r] === SPAN_KIND.consumer)) async[r] = 1;
  }
  const linkRows = Uint32Array.from({ length: set.links.span.length }, (_, i) => i).sort((a, b) => set.links.span[a] - set.links.span[b] || a - b);
  return {
    spanCount: n,
    nodeCount,
    parent,
    edge,
    async,
    childOffsets: tree.kids.offsets,
    children: tree.kids.items,
    traceCount,
    traceId: Uint32Array.from(traceIds),
    traceOf,
    orderOffsets: tree.orderOffsets,
    order: tree.order,
    rootOffsets: tree.roots.offsets,
    roots: tree.roots.items,
    placeholderSpanIdx,
    placeholderStart,
    placeholderEnd,
    linkRows,
  };
}

/** Root nodes grouped by trace (CSR, node order within a trace), and the node count of the largest trace. */
function rootsByTrace(parent: Int32Array, traceOf: Uint32Array, traceCount: number): { offsets: Uint32Array; items: Uint32Array; largest: number } {
  const nodeCount = parent.length;
  const offsets = new Uint32Array(traceCount + 1);
  const sizes = new Uint32Array(traceCount);
  for (let v = 0; v < nodeCount; v++) {
    const t = traceOf[v];
    sizes[t]++;
    if (parent[v] < 0) offsets[t + 1]++;
  }
  let largest = 0;
  for (let t = 0; t < traceCount; t++) {
    offsets[t + 1] += offsets[t];
    if (sizes[t] > largest) largest = sizes[t];
  }
  const items = new Uint32Array(offsets[traceCount]);
  const cursor = sizes; // reused as write cursors
  cursor.set(offsets.subarray(0, traceCount));
  for (let v = 0; v < nodeCount; v++) if (parent[v] < 0) items[cursor[traceOf[v]]++] = v;
  return { offsets, items, largest };
}

/** Children and roots in CSR layout, by start, and each trace's pre-order (explicit stack, no recursion). */
function arrange(parent: Int32Array, traceOf: Uint32Array, traceCount: number, start: Float64Array, placeholderStart: Float64Array) {
  const nodeCount = parent.length;
  const n = nodeCount - placeholderStart.length;
  const kids = groupIndices(parent, nodeCount);
  const ko = kids.offsets;
  const children = kids.items;
  for (let v = 0; v < nodeCount; v++) if (ko[v + 1] - ko[v] > 1) sortRangeByTime(children, ko[v], ko[v + 1], start, placeholderStart, n);
  const roots = rootsByTrace(parent, traceOf, traceCount);
  const largest = roots.largest;
  for (let t = 0; t < traceCount; t++) sortRangeByTime(roots.items, roots.offsets[t], roots.offsets[t + 1], start, placeholderStart, n);
  const stack = new Uint32Array(largest);
  const orderOffsets = new Uint32Array(traceCount + 1);
  const order = new Uint32Array(nodeCount);
  let at = 0;
  for (let t = 0; t < traceCount; t++) {
    let top = 0;
    for (let i = roots.offsets[t + 1]; i-- > roots.offsets[t]; ) stack[top++] = roots.items[i];
    while (top > 0) {
      const v = stack[--top];
      order[at++] = v;
      for (let i = ko[v + 1]; i-- > ko[v]; ) stack[top++] = children[i];
    }
    orderOffsets[t + 1] = at;
  }
  return { kids, roots, order: at < nodeCount ? order.subarray(0, at) : order, orderOffsets };
}
