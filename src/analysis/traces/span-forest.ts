// Span trees of a TraceSet in flat typed arrays (children in CSR layout), built without recursion: roots,
// orphans under a visible placeholder per missing parent, FOLLOWS_FROM-only spans under the span they follow.

import { REF_TYPE, SPAN_KIND, type TraceSet } from '../../model/traces';

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
  /** Distance from the node's root (a root is 0). */
  depth: Uint32Array;
  /** Traces holding spans: forest trace t is `set.traceIds[traceId[t]]`, in order of first span row. */
  traceCount: number;
  traceId: Uint32Array;
  /** Forest trace of each node. */
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
  /** Rows of set.links held by span r: linkRows[linkOffsets[r]] … linkRows[linkOffsets[r+1]−1]. */
  linkOffsets: Uint32Array;
  linkRows: Uint32Array;
}

/** Start of node v (µs): the span's start, or a placeholder's earliest orphan start. */
export function nodeStart(set: TraceSet, forest: SpanForest, v: number): number {
  return v < forest.spanCount ? set.start[v] : forest.placeholderStart[v - forest.spanCount];
}

/** Counting sort of `count` items by `key` (0 … buckets−1): offsets (buckets+1) and items grouped by key. */
export function groupByKey(count: number, buckets: number, key: (i: number) => number, skip?: (i: number) => boolean): { offsets: Uint32Array; items: Uint32Array } {
  const offsets = new Uint32Array(buckets + 1);
  for (let i = 0; i < count; i++) if (!skip?.(i)) offsets[key(i) + 1]++;
  for (let b = 0; b < buckets; b++) offsets[b + 1] += offsets[b];
  const fill = offsets.slice(0, buckets);
  const items = new Uint32Array(offsets[buckets]);
  for (let i = 0; i < count; i++) if (!skip?.(i)) items[fill[key(i)]++] = i;
  return { offsets, items };
}

/** Sorts items[lo, hi) by `cmp` (insertion sort for short runs, the engine's sort otherwise). */
export function sortRange(items: Uint32Array, lo: number, hi: number, cmp: (a: number, b: number) => number): void {
  if (hi - lo < 2) return;
  if (hi - lo > 24) {
    items.subarray(lo, hi).sort(cmp);
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const x = items[i];
    let j = i - 1;
    while (j >= lo && cmp(items[j], x) > 0) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = x;
  }
}

/** Tree parents: the model's parent, a followed span for FOLLOWS_FROM-only spans, placeholders for orphans. */
function treeParents(set: TraceSet): { parent: Int32Array; edge: Uint8Array; placeholderSpanIdx: Uint32Array; placeholderTrace: Uint32Array } {
  const n = set.spanCount;
  const parent = new Int32Array(n);
  const edge = new Uint8Array(n);
  const holders = new Map<number, number>();
  const holderSpan: number[] = [];
  const holderTrace: number[] = [];
  for (let r = 0; r < n; r++) {
    const p = set.parentIdx[r];
    if (p >= 0 && p < n && p !== r && set.traceIdx[p] === set.traceIdx[r]) {
      parent[r] = p;
      edge[r] = EDGE.childOf;
    } else if (set.parentSpanIdx[r] >= 0) {
      const key = set.traceIdx[r] * set.spanIds.length + set.parentSpanIdx[r];
      let k = holders.get(key);
      if (k === undefined) {
        holders.set(key, (k = holderSpan.length));
        holderSpan.push(set.parentSpanIdx[r]);
        holderTrace.push(set.traceIdx[r]);
      }
      parent[r] = n + k;
      edge[r] = EDGE.orphan;
    } else {
      parent[r] = -1;
    }
  }
  const l = set.links;
  for (let i = 0; i < l.span.length; i++) {
    const r = l.span[i];
    const target = l.target[i];
    if (l.type[i] !== REF_TYPE.followsFrom || parent[r] !== -1 || target < 0 || target === r || set.traceIdx[target] !== set.traceIdx[r]) continue;
    parent[r] = target;
    edge[r] = EDGE.followsFrom;
  }
  breakAddedCycles(parent, edge, n);
  return { parent, edge, placeholderSpanIdx: Uint32Array.from(holderSpan), placeholderTrace: Uint32Array.from(holderTrace) };
}

/**
 * Undoes FOLLOWS_FROM attachments that close a cycle (a span following its own descendant); a cycle
 * without one (a hand-built set that skipped validation) loses the parent of the span closing it.
 */
function breakAddedCycles(parent: Int32Array, edge: Uint8Array, n: number): void {
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
  const { parent: spanParent, edge: spanEdge, placeholderSpanIdx, placeholderTrace } = treeParents(set);
  const holders = placeholderSpanIdx.length;
  const nodeCount = n + holders;
  const parent = new Int32Array(nodeCount).fill(-1);
  parent.set(spanParent);
  const edge = new Uint8Array(nodeCount);
  edge.set(spanEdge);
  const async = new Uint8Array(nodeCount);
  for (let r = 0; r < n; r++) {
    const p = parent[r];
    if (edge[r] === EDGE.followsFrom || (edge[r] === EDGE.childOf && set.kind[p] === SPAN_KIND.producer && set.kind[r] === SPAN_KIND.consumer)) async[r] = 1;
  }

  // Forest traces in order of first span row.
  const compact = new Int32Array(set.traceIds.length).fill(-1);
  const traceIds: number[] = [];
  for (let r = 0; r < n; r++) if (compact[set.traceIdx[r]] < 0) compact[set.traceIdx[r]] = traceIds.push(set.traceIdx[r]) - 1;
  const traceCount = traceIds.length;
  const traceOf = new Uint32Array(nodeCount);
  for (let r = 0; r < n; r++) traceOf[r] = compact[set.traceIdx[r]];
  for (let k = 0; k < holders; k++) traceOf[n + k] = compact[placeholderTrace[k]];

  const placeholderStart = new Float64Array(holders).fill(Infinity);
  const placeholderEnd = new Float64Array(holders).fill(-Infinity);
  for (let r = 0; r < n; r++) {
    if (edge[r] !== EDGE.orphan) continue;
    const k = parent[r] - n;
    placeholderStart[k] = Math.min(placeholderStart[k], set.start[r]);
    placeholderEnd[k] = Math.max(placeholderEnd[k], set.start[r] + set.duration[r]);
  }
  const startOf = (v: number): number => {
    const s = v < n ? set.start[v] : placeholderStart[v - n];
    return Number.isFinite(s) ? s : Infinity;
  };
  const byStart = (a: number, b: number): number => startOf(a) - startOf(b) || a - b;

  const kids = groupByKey(nodeCount, nodeCount, (v) => parent[v], (v) => parent[v] < 0);
  for (let v = 0; v < nodeCount; v++) sortRange(kids.items, kids.offsets[v], kids.offsets[v + 1], byStart);
  const rootsGrouped = groupByKey(nodeCount, traceCount, (v) => traceOf[v], (v) => parent[v] >= 0);
  for (let t = 0; t < traceCount; t++) sortRange(rootsGrouped.items, rootsGrouped.offsets[t], rootsGrouped.offsets[t + 1], byStart);

  // Pre-order per trace with an explicit stack (once cycles are broken every node is under a root).
  const depth = new Uint32Array(nodeCount);
  const order = new Uint32Array(nodeCount);
  const orderOffsets = new Uint32Array(traceCount + 1);
  const stack = new Uint32Array(nodeCount);
  let at = 0;
  for (let t = 0; t < traceCount; t++) {
    let top = 0;
    for (let i = rootsGrouped.offsets[t + 1]; i-- > rootsGrouped.offsets[t]; ) stack[top++] = rootsGrouped.items[i];
    while (top > 0) {
      const v = stack[--top];
      order[at++] = v;
      for (let i = kids.offsets[v + 1]; i-- > kids.offsets[v]; ) {
        const c = kids.items[i];
        depth[c] = depth[v] + 1;
        stack[top++] = c;
      }
    }
    orderOffsets[t + 1] = at;
  }

  const linkGroups = groupByKey(set.links.span.length, n, (i) => set.links.span[i]);
  return {
    spanCount: n,
    nodeCount,
    parent,
    edge,
    async,
    childOffsets: kids.offsets,
    children: kids.items,
    depth,
    traceCount,
    traceId: Uint32Array.from(traceIds),
    traceOf,
    orderOffsets,
    order,
    rootOffsets: rootsGrouped.offsets,
    roots: rootsGrouped.items,
    placeholderSpanIdx,
    placeholderStart,
    placeholderEnd,
    linkOffsets: linkGroups.offsets,
    linkRows: linkGroups.items,
  };
}
