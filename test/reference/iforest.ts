// Plain-JS twin of the Isolation Forest kernel (assembly/iforest.ts): the same sampling, the same
// random draws in the same order, the same fixed-depth tree layout and the same summation order, over
// typed arrays. The kernel's scores must equal it (up to the last bits of 2^x); the benchmark races it.
import type { FeatureMatrix, IsolationForestOptions } from '../../src/kernels/iforest-types';
import { averagePathLength, heightLimit, pathLengthTable } from '../../src/kernels/iforest';
import { Xoshiro128 } from './prng';

/** One forest: per tree, internal nodes (split, feature) in heap order and 2^h leaf path lengths. */
export interface TwinForest {
  h: number;
  psi: number;
  split: Float64Array[];
  feature: Int32Array[];
  leaf: Float64Array[];
}

function rowIsFinite(x: Float64Array, row: number, d: number): boolean {
  let acc = 0;
  for (let j = 0; j < d; j++) {
    const v = x[row * d + j];
    acc += v - v;
  }
  return acc === 0;
}

/** Indices of the rows whose features are all finite. */
export function twinFiniteRows(m: FeatureMatrix): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < m.rows; i++) if (rowIsFinite(m.data, i, m.dims)) rows.push(i);
  return Int32Array.from(rows);
}

function buildTree(x: Float64Array, d: number, idx: Int32Array, h: number, c: Float64Array, rng: Xoshiro128) {
  const nodes = 2 << h;
  const lo = new Int32Array(nodes);
  const hi = new Int32Array(nodes);
  const val = new Float64Array(nodes);
  hi[0] = idx.length;
  val[0] = NaN;
  const internal = 2 ** h - 1;
  const split = new Float64Array(internal);
  const feature = new Int32Array(internal);
  const leaf = new Float64Array(internal + 1);
  let depth = 0;
  let levelEnd = 1;
  for (let node = 0; node < internal; node++) {
    if (node === levelEnd) {
      depth++;
      levelEnd = 2 * levelEnd + 1;
    }
    const left = 2 * node + 1;
    let external = val[node];
    let f = -1;
    let mn = 0;
    let mx = 0;
    if (Number.isNaN(external) && hi[node] - lo[node] > 1) {
      const first = rng.nextBelow(d);
      for (let t = 0; t < d; t++) {
        const g = (first + t) % d;
        mn = Infinity;
        mx = -Infinity;
        for (let i = lo[node]; i < hi[node]; i++) {
          const v = x[idx[i] * d + g];
          mn = Math.min(mn, v);
          mx = Math.max(mx, v);
        }
        if (mx > mn) {
          f = g;
          break;
        }
      }
    }
    if (f < 0) {
      if (Number.isNaN(external)) external = depth + c[hi[node] - lo[node]];
      split[node] = Infinity;
      feature[node] = 0;
      val[left] = external;
      val[left + 1] = external;
      continue;
    }
    const u = rng.nextUniform();
    let p = mn + u * (mx - mn);
    if (p - p !== 0) p = mn * (1 - u) + mx * u;
    // Partition idx[lo, hi) by x < p in place (the kernel partitions out of place: the order within a node never matters).
    let i = lo[node];
    let j = hi[node] - 1;
    while (i <= j) {
      const a = idx[i];
      if (x[a * d + f] < p) {
        i++;
        continue;
      }
      idx[i] = idx[j];
      idx[j] = a;
      j--;
    }
    split[node] = p;
    feature[node] = f;
    lo[left] = lo[node];
    hi[left] = i;
    val[left] = NaN;
    lo[left + 1] = i;
    hi[left + 1] = hi[node];
    val[left + 1] = NaN;
  }
  for (let node = internal; node < 2 * internal + 1; node++) {
    leaf[node - internal] = Number.isNaN(val[node]) ? h + c[hi[node] - lo[node]] : val[node];
  }
  return { split, feature, leaf };
}

/** Fits the forest on the finite rows of train; undefined when fewer than 2 rows are finite. */
export function twinFit(train: FeatureMatrix, opts: IsolationForestOptions): TwinForest | undefined {
  const rows = twinFiniteRows(train);
  const m = rows.length;
  const psi = Math.min(opts.sampleSize, m);
  if (psi < 2) return undefined;
  const h = heightLimit(psi);
  const c = pathLengthTable(psi);
  const rng = new Xoshiro128(opts.seed);
  const forest: TwinForest = { h, psi, split: [], feature: [], leaf: [] };
  for (let t = 0; t < opts.trees; t++) {
    const idx = new Int32Array(psi);
    for (let j = 0; j < psi; j++) {
      const r = j + rng.nextBelow(m - j);
      const b = rows[r];
      rows[r] = rows[j];
      rows[j] = b;
      idx[j] = b;
    }
    const tree = buildTree(train.data, train.dims, idx, h, c, rng);
    forest.split.push(tree.split);
    forest.feature.push(tree.feature);
    forest.leaf.push(tree.leaf);
  }
  return forest;
}

/** Scores every query row against a fitted forest (NaN for non-finite rows). */
export function twinScore(forest: TwinForest, query: FeatureMatrix, out: Float64Array): void {
  const { h, split, feature, leaf } = forest;
  const d = query.dims;
  const x = query.data;
  const trees = split.length;
  const cPsi = averagePathLength(forest.psi);
  const internal = 2 ** h - 1;
  for (let r = 0; r < query.rows; r++) {
    let acc = 0;
    for (let t = 0; t < trees; t++) {
      const s = split[t];
      const f = feature[t];
      let node = 0;
      for (let k = 0; k < h; k++) node = 2 * node + 1 + (x[r * d + f[node]] >= s[node] ? 1 : 0);
      acc += leaf[t][node - internal];
    }
    out[r] = rowIsFinite(x, r, d) ? 2 ** (-(acc / trees) / cPsi) : NaN;
  }
}

/** The twin of Kernels.isolationForest. */
export function twinIsolationForest(train: FeatureMatrix, query: FeatureMatrix, opts: IsolationForestOptions, out: Float64Array): void {
  const forest = twinFit(train, opts);
  if (!forest) out.fill(NaN, 0, query.rows);
  else twinScore(forest, query, out);
}
