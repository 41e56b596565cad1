// k-d tree over the finite rows of a feature matrix, in memory laid out by the caller (its
// k-nearest-neighbour query is in kdtree-knn.ts). Hand-written for speed: median splits on the widest
// box dimension down to one depth for all leaves (LEAF_SIZE points or fewer, stored contiguously),
// nodes in heap order (no child links to load), bounding boxes for pruning.

/** Most points in a leaf (at most 64: scanLeaf keeps a bit per point); median splits keep leaves at LEAF_SIZE / 2 points or more. */
export const LEAF_SIZE: i32 = 64;
/** Largest k a query supports. */
export const MAX_K: i32 = 256;

/** Bytes of the column copy of n points of d dimensions (kdBuild's `cols`), with 3 spare slots after. */
export function colsBytes(n: i32, d: i32): usize {
  return <usize>n * (<usize>d << 3) + 32;
}

/** Upper bound on the nodes of a tree over n points (fewer than 2·ceil(n / LEAF_SIZE) leaves). */
export function maxNodes(n: i32): i32 {
  return 4 * ((n + LEAF_SIZE - 1) / LEAF_SIZE) + 3;
}

// The current tree: positions 0..size-1 in leaf order; pts (size × dims f64) are the points in that
// order; nodes in heap order (node i's children 2i + 1 and 2i + 2; nodes leafBase and up are the
// leaves), each an 8-byte record {start i32, end i32} of positions; boxes are 2 × dims f64 per node
// (lows, then highs).
export let dims: i32 = 0;
export let ptsPtr: usize = 0;
// The same points column by column (dimension j of position p at colsPtr + (j·size + p)·8, spare
// slots after: a leaf's 2-D scan reads up to 3 past its end), so a leaf's distances are computed two
// points per f64x2 step.
export let colsPtr: usize = 0;
export let size: i32 = 0;
export let nodesPtr: usize = 0;
export let boxesPtr: usize = 0;
/** The first leaf's node index (the leaves are nodes leafBase to 2·leafBase). */
export let leafBase: i32 = 0;

/** The explicit stack of the k-NN search (nodes and their box distances). */
export const STACK_MAX: i32 = 256;
export const STACK_NODE: usize = memory.data(STACK_MAX * 4, 16);
export const STACK_DIST: usize = memory.data(STACK_MAX * 8, 16);

/** Swaps positions i and j: their row indices and their points (16 bytes at a time while whole vectors fit). */
@inline
function swapRows(pts: usize, rowsPtr: usize, i: i32, j: i32, rowBytes: usize): void {
  const a = load<i32>(rowsPtr + (<usize>i << 2));
  store<i32>(rowsPtr + (<usize>i << 2), load<i32>(rowsPtr + (<usize>j << 2)));
  store<i32>(rowsPtr + (<usize>j << 2), a);
  const pi = pts + <usize>i * rowBytes;
  const pj = pts + <usize>j * rowBytes;
  let o: usize = 0;
  for (; o + 16 <= rowBytes; o += 16) {
    const t = v128.load(pi + o);
    v128.store(pi + o, v128.load(pj + o));
    v128.store(pj + o, t);
  }
  if (o < rowBytes) {
    const t = load<f64>(pi + o);
    store<f64>(pi + o, load<f64>(pj + o));
    store<f64>(pj + o, t);
  }
}

/**
 * Reorders positions [lo, hi) so that the one at kth has its order-statistic key (Hoare select, the
 * pivot the median of the keys at both ends and the middle; the scans step key pointers).
 */
function selectKth(pts: usize, rowsPtr: usize, lo: i32, hi: i32, kth: i32, dimOff: usize, rowBytes: usize): void {
  const keys = pts + dimOff;
  let l = lo;
  let r = hi - 1;
  while (r > l) {
    const a = load<f64>(keys + <usize>l * rowBytes);
    const b = load<f64>(keys + <usize>((l + r) >>> 1) * rowBytes);
    const c = load<f64>(keys + <usize>r * rowBytes);
    // The median of three (keys are finite: no NaN cases).
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = l;
    let j = r;
    let pi = keys + <usize>i * rowBytes;
    let pj = keys + <usize>j * rowBytes;
    while (i <= j) {
      while (load<f64>(pi) < pivot) {
        i++;
        pi += rowBytes;
      }
      while (load<f64>(pj) > pivot) {
        j--;
        pj -= rowBytes;
      }
      if (i <= j) {
        swapRows(pts, rowsPtr, i, j, rowBytes);
        i++;
        j--;
        pi += rowBytes;
        pj -= rowBytes;
      }
    }
    if (kth <= j) r = j;
    else if (kth >= i) l = i;
    else break;
  }
}

/**
 * Bounding box of positions [start, end) into the node's box; returns the widest dimension. Two
 * dimensions per f64x2 step; pmin / pmax are plain compare-and-selects (the values are finite, and a
 * low of +0 where -0 would do changes no box distance and no spread).
 */
function fitBox(pts: usize, start: i32, end: i32, boxPtr: usize): i32 {
  const rowBytes = <usize>dims << 3;
  const hiPtr = boxPtr + rowBytes;
  for (let j = 0; j < dims; j++) {
    store<f64>(boxPtr + (<usize>j << 3), Infinity);
    store<f64>(hiPtr + (<usize>j << 3), -Infinity);
  }
  const pairs = <usize>(dims & ~1) << 3;
  for (let i = start; i < end; i++) {
    const row = pts + <usize>i * rowBytes;
    let o: usize = 0;
    for (; o < pairs; o += 16) {
      const x = v128.load(row + o);
      v128.store(boxPtr + o, f64x2.pmin(v128.load(boxPtr + o), x));
      v128.store(hiPtr + o, f64x2.pmax(v128.load(hiPtr + o), x));
    }
    if (dims & 1) {
      const x = load<f64>(row + o);
      if (x < load<f64>(boxPtr + o)) store<f64>(boxPtr + o, x);
      if (x > load<f64>(hiPtr + o)) store<f64>(hiPtr + o, x);
    }
  }
  let widest = 0;
  let spread: f64 = -1;
  for (let j = 0; j < dims; j++) {
    const o = <usize>j << 3;
    const s = load<f64>(hiPtr + o) - load<f64>(boxPtr + o);
    if (s > spread) {
      spread = s;
      widest = j;
    }
  }
  return widest;
}

/**
 * Builds the tree over the rows listed in rows[0, m) of x (m × d of finite values): reorders rows
 * into leaf order, copies the points into pts and writes nodes and boxes. Returns the node count.
 */
export function kdBuild(xPtr: usize, d: i32, rowsPtr: usize, m: i32, pts: usize, cols: usize, nodes: usize, boxes: usize): i32 {
  dims = d;
  ptsPtr = pts;
  colsPtr = cols;
  size = m;
  nodesPtr = nodes;
  boxesPtr = boxes;
  const rowBytes = <usize>d << 3;
  const boxBytes = rowBytes << 1;
  // The points are copied in first and move with their row indices (contiguous reads while building).
  // (A plain loop: memory.copy of a row is a call out of the module.)
  for (let i = 0; i < m; i++) {
    const from = xPtr + <usize>load<i32>(rowsPtr + (<usize>i << 2)) * rowBytes;
    const to = pts + <usize>i * rowBytes;
    for (let o: usize = 0; o < rowBytes; o += 8) store<f64>(to + o, load<f64>(from + o));
  }
  // Every leaf at the first depth where they hold LEAF_SIZE points or fewer: median splits keep the
  // nodes of one depth within a point of each other, ceil(m / 2^depth) at most. Nodes in heap order,
  // each split's ranges written into its children's records (the nodes of a depth after the one above).
  let depth = 0;
  while ((<i64>m + (<i64>1 << depth) - 1) >> depth > <i64>LEAF_SIZE) depth++;
  leafBase = (1 << depth) - 1;
  const count = (2 << depth) - 1;
  store<i32>(nodes, 0);
  store<i32>(nodes, m, 4);
  for (let node = 0; node < count; node++) {
    const rec = nodes + (<usize>node << 3);
    const start = load<i32>(rec);
    const end = load<i32>(rec, 4);
    const dim = fitBox(pts, start, end, boxes + <usize>node * boxBytes);
    if (node >= leafBase) continue;
    const mid = (start + end) >>> 1;
    selectKth(pts, rowsPtr, start, end, mid, <usize>dim << 3, rowBytes);
    const left = nodes + (<usize>(2 * node + 1) << 3);
    store<i32>(left, start);
    store<i32>(left, mid, 4);
    store<i32>(left, mid, 8);
    store<i32>(left, end, 12);
  }
  for (let i = 0; i < m; i++) {
    const row = pts + <usize>i * rowBytes;
    for (let j = 0; j < d; j++) store<f64>(cols + ((<usize>j * <usize>m + <usize>i) << 3), load<f64>(row + (<usize>j << 3)));
  }
  store<f64>(cols + ((<usize>d * <usize>m) << 3), 0);
  return count;
}
