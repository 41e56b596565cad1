// k-d tree over the finite rows of a feature matrix, in memory laid out by the caller, and its
// k-nearest-neighbour query (squared Euclidean distance). Hand-written for speed: median splits on the
// widest box dimension, leaves of LEAF_SIZE points stored contiguously, bounding boxes for pruning.

/** Most points in a leaf; median splits keep leaves at LEAF_SIZE / 2 points or more. */
export const LEAF_SIZE: i32 = 16;
/** Largest k a query supports. */
export const MAX_K: i32 = 256;

/** Upper bound on the nodes of a tree over n points (leaves hold >= LEAF_SIZE / 2 points). */
export function maxNodes(n: i32): i32 {
  return 4 * ((n + LEAF_SIZE - 1) / LEAF_SIZE) + 3;
}

// The current tree: positions 0..size-1 in leaf order; pts (size × dims f64) are the points in that
// order, nodes are 16-byte records {start i32, end i32, child i32 (-1: leaf; right = child + 1)},
// boxes are 2 × dims f64 per node (lows, then highs).
let dims: i32 = 0;
let ptsPtr: usize = 0;
let nodesPtr: usize = 0;
let boxesPtr: usize = 0;

const STACK_MAX: i32 = 256;
const STACK_NODE: usize = memory.data(STACK_MAX * 4, 16);
const STACK_DIST: usize = memory.data(STACK_MAX * 8, 16);
const STACK_END: usize = memory.data(STACK_MAX * 4, 16);

/** The k best found by the last query: squared distances and positions (a max-heap until sorted). */
export const HEAP_D2: usize = memory.data(MAX_K * 8, 16);
export const HEAP_POS: usize = memory.data(MAX_K * 4, 16);

@inline
function keyOf(xPtr: usize, rowsPtr: usize, i: i32, dimOff: usize, rowBytes: usize): f64 {
  return load<f64>(xPtr + <usize>load<i32>(rowsPtr + (<usize>i << 2)) * rowBytes + dimOff);
}

@inline
function swapRows(rowsPtr: usize, i: i32, j: i32): void {
  const a = load<i32>(rowsPtr + (<usize>i << 2));
  store<i32>(rowsPtr + (<usize>i << 2), load<i32>(rowsPtr + (<usize>j << 2)));
  store<i32>(rowsPtr + (<usize>j << 2), a);
}

/** Reorders rows[lo, hi) so that the row at position kth has its order-statistic key (Hoare select). */
function selectKth(xPtr: usize, rowsPtr: usize, lo: i32, hi: i32, kth: i32, dimOff: usize, rowBytes: usize): void {
  let l = lo;
  let r = hi - 1;
  while (r > l) {
    const pivot = keyOf(xPtr, rowsPtr, (l + r) >>> 1, dimOff, rowBytes);
    let i = l;
    let j = r;
    while (i <= j) {
      while (keyOf(xPtr, rowsPtr, i, dimOff, rowBytes) < pivot) i++;
      while (keyOf(xPtr, rowsPtr, j, dimOff, rowBytes) > pivot) j--;
      if (i <= j) {
        swapRows(rowsPtr, i, j);
        i++;
        j--;
      }
    }
    if (kth <= j) r = j;
    else if (kth >= i) l = i;
    else break;
  }
}

/** Bounding box of rows[start, end) into the node's box; returns the widest dimension. */
function fitBox(xPtr: usize, rowsPtr: usize, start: i32, end: i32, boxPtr: usize): i32 {
  const rowBytes = <usize>dims << 3;
  const hiPtr = boxPtr + rowBytes;
  for (let j = 0; j < dims; j++) {
    store<f64>(boxPtr + (<usize>j << 3), Infinity);
    store<f64>(hiPtr + (<usize>j << 3), -Infinity);
  }
  for (let i = start; i < end; i++) {
    const row = xPtr + <usize>load<i32>(rowsPtr + (<usize>i << 2)) * rowBytes;
    for (let j = 0; j < dims; j++) {
      const o = <usize>j << 3;
      const x = load<f64>(row + o);
      store<f64>(boxPtr + o, min(load<f64>(boxPtr + o), x));
      store<f64>(hiPtr + o, max(load<f64>(hiPtr + o), x));
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
export function kdBuild(xPtr: usize, d: i32, rowsPtr: usize, m: i32, pts: usize, nodes: usize, boxes: usize): i32 {
  dims = d;
  ptsPtr = pts;
  nodesPtr = nodes;
  boxesPtr = boxes;
  const rowBytes = <usize>d << 3;
  const boxBytes = rowBytes << 1;
  let count = 1;
  let sp = 0;
  store<i32>(STACK_NODE, 0);
  store<i32>(STACK_END, m);
  store<i32>(nodes, 0);
  sp = 1;
  while (sp > 0) {
    sp--;
    const node = load<i32>(STACK_NODE + (<usize>sp << 2));
    const rec = nodes + (<usize>node << 4);
    const start = load<i32>(rec);
    const end = load<i32>(STACK_END + (<usize>sp << 2));
    store<i32>(rec + 4, end);
    const dim = fitBox(xPtr, rowsPtr, start, end, boxes + <usize>node * boxBytes);
    if (end - start <= LEAF_SIZE) {
      store<i32>(rec + 8, -1);
      continue;
    }
    const mid = (start + end) >>> 1;
    selectKth(xPtr, rowsPtr, start, end, mid, <usize>dim << 3, rowBytes);
    const left = count;
    count += 2;
    store<i32>(rec + 8, left);
    store<i32>(nodes + (<usize>left << 4), start);
    store<i32>(nodes + (<usize>(left + 1) << 4), mid);
    store<i32>(STACK_NODE + (<usize>sp << 2), left + 1);
    store<i32>(STACK_END + (<usize>sp << 2), end);
    sp++;
    store<i32>(STACK_NODE + (<usize>sp << 2), left);
    store<i32>(STACK_END + (<usize>sp << 2), mid);
    sp++;
  }
  for (let i = 0; i < m; i++) {
    memory.copy(pts + <usize>i * rowBytes, xPtr + <usize>load<i32>(rowsPtr + (<usize>i << 2)) * rowBytes, rowBytes);
  }
  return count;
}

/** Squared distance from the query to the node's box (0 inside). */
@inline
function boxDist2(qPtr: usize, node: i32): f64 {
  const rowBytes = <usize>dims << 3;
  const lo = boxesPtr + <usize>node * (rowBytes << 1);
  const hi = lo + rowBytes;
  let s: f64 = 0;
  for (let j = 0; j < dims; j++) {
    const o = <usize>j << 3;
    const q = load<f64>(qPtr + o);
    const g = max(max(load<f64>(lo + o) - q, q - load<f64>(hi + o)), 0);
    s += g * g;
  }
  return s;
}

@inline
function dist2(qPtr: usize, pos: i32): f64 {
  const rowBytes = <usize>dims << 3;
  const p = ptsPtr + <usize>pos * rowBytes;
  let s: f64 = 0;
  for (let j = 0; j < dims; j++) {
    const g = load<f64>(p + (<usize>j << 3)) - load<f64>(qPtr + (<usize>j << 3));
    s += g * g;
  }
  return s;
}

/** Replaces the heap's top (largest d2) with (d2, pos) and sifts it down. */
function heapReplaceTop(k: i32, d2: f64, pos: i32): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= k) break;
    let c = l;
    if (l + 1 < k && load<f64>(HEAP_D2 + (<usize>(l + 1) << 3)) > load<f64>(HEAP_D2 + (<usize>l << 3))) c = l + 1;
    const dc = load<f64>(HEAP_D2 + (<usize>c << 3));
    if (!(dc > d2)) break;
    store<f64>(HEAP_D2 + (<usize>i << 3), dc);
    store<i32>(HEAP_POS + (<usize>i << 2), load<i32>(HEAP_POS + (<usize>c << 2)));
    i = c;
  }
  store<f64>(HEAP_D2 + (<usize>i << 3), d2);
  store<i32>(HEAP_POS + (<usize>i << 2), pos);
}

/** Adds (d2, pos) to a heap of `count` < capacity entries (sift up). */
function heapPush(count: i32, d2: f64, pos: i32): void {
  let i = count;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const dp = load<f64>(HEAP_D2 + (<usize>p << 3));
    if (!(dp < d2)) break;
    store<f64>(HEAP_D2 + (<usize>i << 3), dp);
    store<i32>(HEAP_POS + (<usize>i << 2), load<i32>(HEAP_POS + (<usize>p << 2)));
    i = p;
  }
  store<f64>(HEAP_D2 + (<usize>i << 3), d2);
  store<i32>(HEAP_POS + (<usize>i << 2), pos);
}

/**
 * The k nearest points of the tree to the query (d values at qPtr), skipping position `self`
 * (-1: none). A point joins only if strictly closer than the current k-th, so among equidistant
 * points the first found in the (deterministic) traversal wins. Leaves HEAP_D2 / HEAP_POS sorted by
 * (d2, position) ascending.
 */
export function kdKnn(qPtr: usize, k: i32, self: i32): void {
  let count = 0;
  let worst: f64 = Infinity;
  store<i32>(STACK_NODE, 0);
  store<f64>(STACK_DIST, 0);
  let sp = 1;
  while (sp > 0) {
    sp--;
    if (count == k && load<f64>(STACK_DIST + (<usize>sp << 3)) >= worst) continue;
    const node = load<i32>(STACK_NODE + (<usize>sp << 2));
    const rec = nodesPtr + (<usize>node << 4);
    const child = load<i32>(rec + 8);
    if (child < 0) {
      const end = load<i32>(rec + 4);
      for (let pos = load<i32>(rec); pos < end; pos++) {
        if (pos == self) continue;
        const d2 = dist2(qPtr, pos);
        if (count < k) {
          heapPush(count, d2, pos);
          count++;
          if (count == k) worst = load<f64>(HEAP_D2);
        } else if (d2 < worst) {
          heapReplaceTop(k, d2, pos);
          worst = load<f64>(HEAP_D2);
        }
      }
      continue;
    }
    const dl = boxDist2(qPtr, child);
    const dr = boxDist2(qPtr, child + 1);
    // Push the farther child first so the nearer one is searched first.
    const nearLeft = dl <= dr;
    store<i32>(STACK_NODE + (<usize>sp << 2), nearLeft ? child + 1 : child);
    store<f64>(STACK_DIST + (<usize>sp << 3), nearLeft ? dr : dl);
    sp++;
    store<i32>(STACK_NODE + (<usize>sp << 2), nearLeft ? child : child + 1);
    store<f64>(STACK_DIST + (<usize>sp << 3), nearLeft ? dl : dr);
    sp++;
  }
  // Insertion sort by (d2, position).
  for (let i = 1; i < count; i++) {
    const d2 = load<f64>(HEAP_D2 + (<usize>i << 3));
    const pos = load<i32>(HEAP_POS + (<usize>i << 2));
    let j = i - 1;
    while (j >= 0) {
      const dj = load<f64>(HEAP_D2 + (<usize>j << 3));
      const pj = load<i32>(HEAP_POS + (<usize>j << 2));
      if (dj < d2 || (dj == d2 && pj < pos)) break;
      store<f64>(HEAP_D2 + (<usize>(j + 1) << 3), dj);
      store<i32>(HEAP_POS + (<usize>(j + 1) << 2), pj);
      j--;
    }
    store<f64>(HEAP_D2 + (<usize>(j + 1) << 3), d2);
    store<i32>(HEAP_POS + (<usize>(j + 1) << 2), pos);
  }
}
