// Plain-JS twins of the LOF kernel (assembly/kdtree.ts + assembly/lof.ts): a faithful port (same
// k-d tree, same neighbour order, same sums; the kernel visits leaves and offers points in another
// order, which does not change the k first) that the kernel must equal exactly and the benchmark races,
// and a brute-force O(n²) LOF from the definition to check both on inputs without distance ties.
import type { FeatureMatrix } from '../../src/kernels/iforest-types';
import { twinFiniteRows } from './iforest';

const LEAF_SIZE = 64;
const LRD_EPSILON = 1e-10;
const HUGE = 1e150;
const SCALE_DOWN = 2 ** -600;

/** (d2a, a) comes after (d2b, b) in the neighbour order: by distance, then by position. */
const after = (d2a: number, a: number, d2b: number, b: number): boolean => d2a > d2b || (d2a === d2b && a > b);

/** The k-d tree twin: points in leaf order, nodes {start, end, child}, boxes (lows then highs). */
class KdTree {
  readonly pts: Float64Array;
  readonly start: number[] = [0];
  readonly end: number[] = [0];
  readonly child: number[] = [-1];
  readonly boxes: Float64Array[] = [];
  // Query results: squared distances and positions, sorted by (d2, position) after knn().
  heapD2: Float64Array;
  heapPos: Int32Array;

  constructor(x: Float64Array, readonly d: number, rows: Int32Array, maxK: number) {
    const key = (i: number, dim: number): number => x[rows[i] * d + dim];
    // Every leaf at the first depth where they hold LEAF_SIZE points or fewer (the kernel's rule).
    let leafDepth = 0;
    while (Math.ceil(rows.length / 2 ** leafDepth) > LEAF_SIZE) leafDepth++;
    const stack: [number, number, number][] = [[0, rows.length, 0]];
    while (stack.length > 0) {
      const [node, end, depth] = stack.pop() as [number, number, number];
      const start = this.start[node];
      this.end[node] = end;
      const box = new Float64Array(2 * d);
      box.fill(Infinity, 0, d);
      box.fill(-Infinity, d);
      for (let i = start; i < end; i++) {
        for (let j = 0; j < d; j++) {
          box[j] = Math.min(box[j], key(i, j));
          box[d + j] = Math.max(box[d + j], key(i, j));
        }
      }
      this.boxes[node] = box;
      let dim = 0;
      let spread = -1;
      for (let j = 0; j < d; j++) {
        if (box[d + j] - box[j] > spread) {
          spread = box[d + j] - box[j];
          dim = j;
        }
      }
      if (depth === leafDepth) {
        this.child[node] = -1;
        continue;
      }
      const mid = (start + end) >>> 1;
      // Hoare select of the median on `dim`, the pivot the median of the keys at both ends and the middle.
      let l = start;
      let r = end - 1;
      while (r > l) {
        const a = key(l, dim);
        const b = key((l + r) >>> 1, dim);
        const c = key(r, dim);
        const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
        let i = l;
        let j = r;
        while (i <= j) {
          while (key(i, dim) < pivot) i++;
          while (key(j, dim) > pivot) j--;
          if (i <= j) {
            const a = rows[i];
            rows[i] = rows[j];
            rows[j] = a;
            i++;
            j--;
          }
        }
        if (mid <= j) r = j;
        else if (mid >= i) l = i;
        else break;
      }
      const left = this.start.length;
      this.child[node] = left;
      this.start.push(start, mid);
      this.end.push(0, 0);
      this.child.push(-1, -1);
      stack.push([left + 1, end, depth + 1], [left, mid, depth + 1]);
    }
    this.pts = new Float64Array(rows.length * d);
    for (let i = 0; i < rows.length; i++) this.pts.set(x.subarray(rows[i] * d, rows[i] * d + d), i * d);
    this.heapD2 = new Float64Array(maxK);
    this.heapPos = new Int32Array(maxK);
  }

  /** Squared distance to the node's box: even and odd dimensions summed apart, then the odd last one (the kernel's order). */
  private boxDist2(q: Float64Array, qOff: number, node: number): number {
    const box = this.boxes[node];
    const d = this.d;
    let even = 0;
    let odd = 0;
    let j = 0;
    for (; j + 1 < d; j += 2) {
      const g0 = Math.max(Math.max(box[j] - q[qOff + j], q[qOff + j] - box[d + j]), 0);
      const g1 = Math.max(Math.max(box[j + 1] - q[qOff + j + 1], q[qOff + j + 1] - box[d + j + 1]), 0);
      even += g0 * g0;
      odd += g1 * g1;
    }
    let s = even + odd;
    if (j < d) {
      const g = Math.max(Math.max(box[j] - q[qOff + j], q[qOff + j] - box[d + j]), 0);
      s += g * g;
    }
    return s;
  }

  private dist2(q: Float64Array, qOff: number, pos: number): number {
    const { pts, d } = this;
    let even = 0;
    let odd = 0;
    let j = 0;
    for (; j + 1 < d; j += 2) {
      const g0 = pts[pos * d + j] - q[qOff + j];
      const g1 = pts[pos * d + j + 1] - q[qOff + j + 1];
      even += g0 * g0;
      odd += g1 * g1;
    }
    let d2 = even + odd;
    if (j < d) {
      const g = pts[pos * d + j] - q[qOff + j];
      d2 += g * g;
    }
    return d2;
  }

  /** Offers (d2, pos) to the ascending list ordered by (d2, position), capacity k; returns the new count. */
  private offer(count: number, k: number, d2: number, pos: number): number {
    const { heapD2: hd, heapPos: hp } = this;
    if (count === k && !after(hd[k - 1], hp[k - 1], d2, pos)) return count;
    let j = count < k ? count : k - 1;
    while (j > 0 && after(hd[j - 1], hp[j - 1], d2, pos)) {
      hd[j] = hd[j - 1];
      hp[j] = hp[j - 1];
      j--;
    }
    hd[j] = d2;
    hp[j] = pos;
    return count < k ? count + 1 : count;
  }

  /**
   * The k first positions in (d2, position) order other than `self`, as assembly/kdtree-knn.ts kdKnn
   * (the same answer by a plainer route): the pruned depth-first search, nearer child first.
   */
  knn(q: Float64Array, qOff: number, k: number, self: number): void {
    const { heapD2: hd, heapPos: hp } = this;
    let count = 0;
    const stackNode = [0];
    const stackDist = [0];
    while (stackNode.length > 0) {
      const node = stackNode.pop() as number;
      const dist = stackDist.pop() as number;
      const start = this.start[node];
      if (count === k && !after(hd[k - 1], hp[k - 1], dist, start)) continue;
      const child = this.child[node];
      if (child < 0) {
        for (let pos = start; pos < this.end[node]; pos++) {
          if (pos !== self) count = this.offer(count, k, this.dist2(q, qOff, pos), pos);
        }
        continue;
      }
      const dl = this.boxDist2(q, qOff, child);
      const dr = this.boxDist2(q, qOff, child + 1);
      const nearLeft = dl <= dr;
      stackNode.push(nearLeft ? child + 1 : child, nearLeft ? child : child + 1);
      stackDist.push(nearLeft ? dr : dl, nearLeft ? dl : dr);
    }
  }
}

/** A fitted twin model: the tree, k, and per position the k-distance and lrd. */
interface TwinLofModel {
  tree: KdTree;
  k: number;
  scale: number;
  kdist: Float64Array;
  lrd: Float64Array;
  /** LOF of each training row (by original row index), NaN for non-finite rows. */
  lof: Float64Array;
}

function scaleOf(x: FeatureMatrix, rows: Int32Array): number {
  let big = 0;
  for (const r of rows) for (let j = 0; j < x.dims; j++) big = Math.max(big, Math.abs(x.data[r * x.dims + j]));
  return big > HUGE ? SCALE_DOWN : 1;
}

function scaled(m: FeatureMatrix, scale: number): Float64Array {
  const data = m.data.slice(0, m.rows * m.dims);
  if (scale !== 1) for (let i = 0; i < data.length; i++) data[i] *= scale;
  return data;
}

function twinLofFit(x: FeatureMatrix, kWanted: number): TwinLofModel | undefined {
  const rows = twinFiniteRows(x);
  const m = rows.length;
  const scale = scaleOf(x, rows);
  const lof = new Float64Array(x.rows).fill(NaN);
  const k = Math.min(kWanted, m - 1);
  if (k < 1) return undefined;
  const d = x.dims;
  const tree = new KdTree(scaled(x, scale), d, rows, k);
  const nbr = new Int32Array(m * k);
  const nd = new Float64Array(m * k);
  const kdist = new Float64Array(m);
  for (let pos = 0; pos < m; pos++) {
    tree.knn(tree.pts, pos * d, k, pos);
    for (let j = 0; j < k; j++) {
      nbr[pos * k + j] = tree.heapPos[j];
      nd[pos * k + j] = Math.sqrt(tree.heapD2[j]);
    }
    kdist[pos] = nd[pos * k + k - 1];
  }
  const lrd = new Float64Array(m);
  for (let pos = 0; pos < m; pos++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.max(kdist[nbr[pos * k + j]], nd[pos * k + j]);
    lrd[pos] = 1 / (s / k + LRD_EPSILON);
  }
  for (let pos = 0; pos < m; pos++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += lrd[nbr[pos * k + j]] / lrd[pos];
    lof[rows[pos]] = s / k;
  }
  return { tree, k, scale, kdist, lrd, lof };
}

/** Twin of Kernels.localOutlierFactor. */
export function twinLof(x: FeatureMatrix, k: number, out: Float64Array): void {
  const model = twinLofFit(x, k);
  if (!model) out.fill(NaN, 0, x.rows);
  else out.set(model.lof);
}

/** Twin of Kernels.localOutlierFactorNovelty. */
export function twinLofNovelty(train: FeatureMatrix, query: FeatureMatrix, k: number, out: Float64Array): void {
  const model = twinLofFit(train, k);
  const d = query.dims;
  const q = scaled(query, model?.scale ?? 1);
  for (let i = 0; i < query.rows; i++) {
    let finite = 0;
    for (let j = 0; j < d; j++) finite += q[i * d + j] - q[i * d + j];
    if (!model || finite !== 0) {
      out[i] = NaN;
      continue;
    }
    const { tree, kdist, lrd } = model;
    tree.knn(q, i * d, model.k, -1);
    let s = 0;
    for (let j = 0; j < model.k; j++) s += Math.max(kdist[tree.heapPos[j]], Math.sqrt(tree.heapD2[j]));
    const lrdQ = 1 / (s / model.k + LRD_EPSILON);
    let r = 0;
    for (let j = 0; j < model.k; j++) r += lrd[tree.heapPos[j]] / lrdQ;
    out[i] = r / model.k;
  }
}

/**
 * LOF straight from the definition (Breunig et al.) in O(n²), with scikit-learn's conventions: the
 * k nearest other finite rows (ties by row index), lrd = 1 / (mean reach-dist + 1e-10).
 */
export function bruteLof(x: FeatureMatrix, kWanted: number): Float64Array {
  const rows = [...twinFiniteRows(x)];
  const d = x.dims;
  const out = new Float64Array(x.rows).fill(NaN);
  const k = Math.min(kWanted, rows.length - 1);
  if (k < 1) return out;
  const dist = (a: number, b: number): number => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (x.data[a * d + j] - x.data[b * d + j]) ** 2;
    return Math.sqrt(s);
  };
  const neighbours = new Map<number, { row: number; dist: number }[]>();
  for (const p of rows) {
    const all = rows.filter((o) => o !== p).map((o) => ({ row: o, dist: dist(p, o) }));
    all.sort((a, b) => a.dist - b.dist || a.row - b.row);
    neighbours.set(p, all.slice(0, k));
  }
  const kdist = (p: number): number => (neighbours.get(p) as { dist: number }[])[k - 1].dist;
  const lrd = new Map<number, number>();
  for (const p of rows) {
    const reach = (neighbours.get(p) ?? []).reduce((s, o) => s + Math.max(kdist(o.row), o.dist), 0);
    lrd.set(p, 1 / (reach / k + LRD_EPSILON));
  }
  for (const p of rows) {
    const ratio = (neighbours.get(p) ?? []).reduce((s, o) => s + (lrd.get(o.row) as number) / (lrd.get(p) as number), 0);
    out[p] = ratio / k;
  }
  return out;
}
