// Isolation Forest (Liu, Ting & Zhou 2008) over a row-major n × d f64 feature matrix: seeded fit on
// ψ-row subsamples and scoring by mean path length. Hand-written: every tree is stored as a complete
// binary tree of height h (early leaves pass through to a level-h leaf), so scoring is a fixed,
// branch-free h-step descent, interleaved over 8 rows for memory-level parallelism.
import { seedRandom, nextUniform, nextBelow } from './prng';

/** Rows scored per block: their path-length sums stay in this static buffer (L1). */
const ROW_BLOCK: i32 = 512;
const ACC_BUF: usize = memory.data(ROW_BLOCK * 8, 16);

/** Bytes of one tree of height h: 2^h - 1 internal nodes {split f64, feature byte offset i32, pad}, 2^h leaf path lengths (f64). */
@inline
function treeBytes(h: i32): usize {
  return (<usize>1 << h) * 24 - 16;
}

@inline
function rowIsFinite(rowPtr: usize, d: i32): bool {
  let acc: f64 = 0;
  for (let j = 0; j < d; j++) {
    const x = load<f64>(rowPtr + (<usize>j << 3));
    acc += x - x;
  }
  return acc == 0;
}

/**
 * Writes the indices of the rows of x (n × d) whose features are all finite into rowsPtr (i32);
 * returns how many.
 */
export function finiteRows(xPtr: usize, n: i32, d: i32, rowsPtr: usize): i32 {
  let m = 0;
  const stride = <usize>d << 3;
  for (let i = 0; i < n; i++) {
    if (rowIsFinite(xPtr + <usize>i * stride, d)) {
      store<i32>(rowsPtr + (<usize>m << 2), i);
      m++;
    }
  }
  return m;
}

/** Moves the rows idx[lo, hi) with x[f] < p before the others; returns the first index of the others. */
function partition(xPtr: usize, d: i32, idxPtr: usize, lo: i32, hi: i32, f: i32, p: f64): i32 {
  let i = lo;
  let j = hi - 1;
  const off = <usize>f << 3;
  const stride = <usize>d << 3;
  while (i <= j) {
    const a = load<i32>(idxPtr + (<usize>i << 2));
    if (load<f64>(xPtr + <usize>a * stride + off) < p) {
      i++;
      continue;
    }
    const b = load<i32>(idxPtr + (<usize>j << 2));
    store<i32>(idxPtr + (<usize>i << 2), b);
    store<i32>(idxPtr + (<usize>j << 2), a);
    j--;
  }
  return i;
}

// Min and max of the last featureRange call.
let rangeMin: f64 = 0;
let rangeMax: f64 = 0;

function featureRange(xPtr: usize, d: i32, idxPtr: usize, lo: i32, hi: i32, f: i32): void {
  const off = <usize>f << 3;
  const stride = <usize>d << 3;
  let mn: f64 = Infinity;
  let mx: f64 = -Infinity;
  for (let i = lo; i < hi; i++) {
    const x = load<f64>(xPtr + <usize>load<i32>(idxPtr + (<usize>i << 2)) * stride + off);
    mn = min(mn, x);
    mx = max(mx, x);
  }
  rangeMin = mn;
  rangeMax = mx;
}

/**
 * Builds one tree of height h over the sample idx[0, size) into treePtr. Node bookkeeping
 * (ranges, pass-through leaf values) lives at nodePtr: lo i32[2^(h+1)], hi i32[2^(h+1)], val f64[2^(h+1)].
 */
function buildTree(xPtr: usize, d: i32, idxPtr: usize, size: i32, h: i32, cPtr: usize, nodePtr: usize, treePtr: usize): void {
  const nodes = <usize>2 << h;
  const loPtr = nodePtr;
  const hiPtr = loPtr + (nodes << 2);
  const valPtr = hiPtr + (nodes << 2);
  store<i32>(loPtr, 0);
  store<i32>(hiPtr, size);
  store<f64>(valPtr, NaN);
  const internal = (1 << h) - 1;
  let depth = 0;
  let levelEnd = 1;
  for (let node = 0; node < internal; node++) {
    if (node == levelEnd) {
      depth++;
      levelEnd = 2 * levelEnd + 1;
    }
    const rec = treePtr + (<usize>node << 4);
    const left = <usize>(2 * node + 1);
    const lo = load<i32>(loPtr + (<usize>node << 2));
    const hi = load<i32>(hiPtr + (<usize>node << 2));
    let leaf = load<f64>(valPtr + (<usize>node << 3));
    let f = -1;
    if (leaf != leaf && hi - lo > 1) {
      // A real split: a random feature that is not constant here, a uniform split point in its range.
      const first = nextBelow(d);
      for (let t = 0; t < d; t++) {
        const g = (first + t) % d;
        featureRange(xPtr, d, idxPtr, lo, hi, g);
        if (rangeMax > rangeMin) {
          f = g;
          break;
        }
      }
    }
    if (f < 0) {
      // External node (or below one): always go left, carrying the path length to level h.
      if (leaf != leaf) leaf = <f64>depth + load<f64>(cPtr + (<usize>(hi - lo) << 3));
      store<f64>(rec, Infinity);
      store<i32>(rec + 8, 0);
      store<f64>(valPtr + (left << 3), leaf);
      store<f64>(valPtr + ((left + 1) << 3), leaf);
      continue;
    }
    const u = nextUniform();
    let p = rangeMin + u * (rangeMax - rangeMin);
    if (p - p != 0) p = rangeMin * (1 - u) + rangeMax * u; // the range overflowed
    const mid = partition(xPtr, d, idxPtr, lo, hi, f, p);
    store<f64>(rec, p);
    store<i32>(rec + 8, f << 3);
    store<i32>(loPtr + (left << 2), lo);
    store<i32>(hiPtr + (left << 2), mid);
    store<f64>(valPtr + (left << 3), NaN);
    store<i32>(loPtr + ((left + 1) << 2), mid);
    store<i32>(hiPtr + ((left + 1) << 2), hi);
    store<f64>(valPtr + ((left + 1) << 3), NaN);
  }
  const leaves = treePtr + (<usize>internal << 4);
  for (let node = internal; node < 2 * internal + 1; node++) {
    let leaf = load<f64>(valPtr + (<usize>node << 3));
    if (leaf != leaf) {
      const count = load<i32>(hiPtr + (<usize>node << 2)) - load<i32>(loPtr + (<usize>node << 2));
      leaf = <f64>h + load<f64>(cPtr + (<usize>count << 3));
    }
    store<f64>(leaves + (<usize>(node - internal) << 3), leaf);
  }
}

/**
 * Fits `trees` trees of height h on samples of `psi` rows drawn without replacement (partial
 * Fisher–Yates over rows[0, m), carried from tree to tree) with the generator seeded by `seed`.
 * c(size) for size 0..psi is at cPtr; the sample and node bookkeeping use workPtr
 * (psi i32, then 3 × 2^(h+1) × 8 bytes). Tree t is written at forestPtr + t × treeBytes(h).
 */
export function iforestFit(
  xPtr: usize, d: i32, rowsPtr: usize, m: i32, psi: i32, h: i32, trees: i32, seed: u32,
  cPtr: usize, workPtr: usize, forestPtr: usize,
): void {
  seedRandom(seed);
  const idxPtr = workPtr;
  const nodePtr = (idxPtr + (<usize>psi << 2) + 15) & ~(<usize>15);
  const stride = treeBytes(h);
  for (let t = 0; t < trees; t++) {
    for (let j = 0; j < psi; j++) {
      const r = j + nextBelow(m - j);
      const a = load<i32>(rowsPtr + (<usize>j << 2));
      const b = load<i32>(rowsPtr + (<usize>r << 2));
      store<i32>(rowsPtr + (<usize>j << 2), b);
      store<i32>(rowsPtr + (<usize>r << 2), a);
      store<i32>(idxPtr + (<usize>j << 2), b);
    }
    buildTree(xPtr, d, idxPtr, psi, h, cPtr, nodePtr, forestPtr + <usize>t * stride);
  }
}

/**
 * Scores rows [0, n) of x: s = 2^(-E[h] / cPsi), E[h] the mean over the trees of the leaf path
 * length (depth + c(leaf size)); NaN for rows with a non-finite feature. Path lengths are summed in
 * tree order, so the result does not depend on how rows are blocked.
 */
export function iforestScore(xPtr: usize, n: i32, d: i32, forestPtr: usize, trees: i32, h: i32, cPsi: f64, outPtr: usize): void {
  const stride = treeBytes(h);
  const rowBytes = <usize>d << 3;
  const internalBytes = (((<usize>1 << h) - 1) << 4);
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const count = min(ROW_BLOCK, n - start);
    memory.fill(ACC_BUF, 0, <usize>count << 3);
    const blockPtr = xPtr + <usize>start * rowBytes;
    for (let t = 0; t < trees; t++) {
      const treePtr = forestPtr + <usize>t * stride;
      const leaves = treePtr + internalBytes - ((((<usize>1 << h) - 1)) << 3);
      let r = 0;
      // 8 rows descend together: 8 independent load chains keep the CPU busy while each waits.
      for (; r + 7 < count; r += 8) {
        const p0 = blockPtr + <usize>r * rowBytes;
        let n0: usize = 0;
        let n1: usize = 0;
        let n2: usize = 0;
        let n3: usize = 0;
        let n4: usize = 0;
        let n5: usize = 0;
        let n6: usize = 0;
        let n7: usize = 0;
        for (let s = 0; s < h; s++) {
          const r0 = treePtr + (n0 << 4);
          const r1 = treePtr + (n1 << 4);
          const r2 = treePtr + (n2 << 4);
          const r3 = treePtr + (n3 << 4);
          const r4 = treePtr + (n4 << 4);
          const r5 = treePtr + (n5 << 4);
          const r6 = treePtr + (n6 << 4);
          const r7 = treePtr + (n7 << 4);
          n0 = 2 * n0 + 1 + <usize>(load<f64>(p0 + <usize>load<i32>(r0 + 8)) >= load<f64>(r0));
          n1 = 2 * n1 + 1 + <usize>(load<f64>(p0 + rowBytes + <usize>load<i32>(r1 + 8)) >= load<f64>(r1));
          n2 = 2 * n2 + 1 + <usize>(load<f64>(p0 + 2 * rowBytes + <usize>load<i32>(r2 + 8)) >= load<f64>(r2));
          n3 = 2 * n3 + 1 + <usize>(load<f64>(p0 + 3 * rowBytes + <usize>load<i32>(r3 + 8)) >= load<f64>(r3));
          n4 = 2 * n4 + 1 + <usize>(load<f64>(p0 + 4 * rowBytes + <usize>load<i32>(r4 + 8)) >= load<f64>(r4));
          n5 = 2 * n5 + 1 + <usize>(load<f64>(p0 + 5 * rowBytes + <usize>load<i32>(r5 + 8)) >= load<f64>(r5));
          n6 = 2 * n6 + 1 + <usize>(load<f64>(p0 + 6 * rowBytes + <usize>load<i32>(r6 + 8)) >= load<f64>(r6));
          n7 = 2 * n7 + 1 + <usize>(load<f64>(p0 + 7 * rowBytes + <usize>load<i32>(r7 + 8)) >= load<f64>(r7));
        }
        const a = ACC_BUF + (<usize>r << 3);
        store<f64>(a, load<f64>(a) + load<f64>(leaves + (n0 << 3)));
        store<f64>(a + 8, load<f64>(a + 8) + load<f64>(leaves + (n1 << 3)));
        store<f64>(a + 16, load<f64>(a + 16) + load<f64>(leaves + (n2 << 3)));
        store<f64>(a + 24, load<f64>(a + 24) + load<f64>(leaves + (n3 << 3)));
        store<f64>(a + 32, load<f64>(a + 32) + load<f64>(leaves + (n4 << 3)));
        store<f64>(a + 40, load<f64>(a + 40) + load<f64>(leaves + (n5 << 3)));
        store<f64>(a + 48, load<f64>(a + 48) + load<f64>(leaves + (n6 << 3)));
        store<f64>(a + 56, load<f64>(a + 56) + load<f64>(leaves + (n7 << 3)));
      }
      for (; r < count; r++) {
        const a = ACC_BUF + (<usize>r << 3);
        let node: usize = 0;
        const p = blockPtr + <usize>r * rowBytes;
        for (let s = 0; s < h; s++) {
          const rec = treePtr + (node << 4);
          node = 2 * node + 1 + <usize>(load<f64>(p + <usize>load<i32>(rec + 8)) >= load<f64>(rec));
        }
        store<f64>(a, load<f64>(a) + load<f64>(leaves + (node << 3)));
      }
    }
    const tf = <f64>trees;
    for (let r = 0; r < count; r++) {
      const e = load<f64>(ACC_BUF + (<usize>r << 3)) / tf;
      const ok = rowIsFinite(blockPtr + <usize>r * rowBytes, d);
      store<f64>(outPtr + (<usize>(start + r) << 3), ok ? Math.pow(2, -e / cPsi) : NaN);
    }
  }
}
