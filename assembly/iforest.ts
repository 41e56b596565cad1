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

/**
 * Splits the rows src[lo, hi) (row addresses) by feature value (at byte offset off) < p into
 * dst[lo, mid) (below) and dst[mid, hi) (the others); returns mid. Branch-free: each row is written
 * at both ends and the end it belongs to advances.
 */
function partitionInto(off: usize, srcPtr: usize, dstPtr: usize, lo: i32, hi: i32, p: f64): i32 {
  let l = lo;
  let r = hi - 1;
  for (let i = lo; i < hi; i++) {
    const a = load<u32>(srcPtr + (<usize>i << 2));
    const below = <i32>(load<f64>(<usize>a + off) < p);
    store<u32>(dstPtr + (<usize>l << 2), a);
    store<u32>(dstPtr + (<usize>r << 2), a);
    l += below;
    r -= 1 - below;
  }
  return l;
}

/** How many of the rows idx[lo, hi) (row addresses) have a feature value (at byte offset off) < p. */
function countBelow(off: usize, idxPtr: usize, lo: i32, hi: i32, p: f64): i32 {
  let n = 0;
  for (let i = lo; i < hi; i++) {
    n += <i32>(load<f64>(<usize>load<u32>(idxPtr + (<usize>i << 2)) + off) < p);
  }
  return n;
}

// Min and max of the last featureRange call.
let rangeMin: f64 = 0;
let rangeMax: f64 = 0;

/**
 * The bits of a non-NaN f64 as an i64 that orders like the value with -0 below +0, which is the order
 * f64.min and f64.max follow: so the min and max of keys are the keys of min and max, bit for bit,
 * taken with branch-free integer selects. The map is its own inverse.
 */
@inline
function orderKey(bits: i64): i64 {
  return bits ^ ((bits >> 63) & 0x7fffffffffffffff);
}

/** Min and max of feature f over the rows idx[lo, hi) (row addresses), into rangeMin and rangeMax. */
function featureRange(idxPtr: usize, lo: i32, hi: i32, f: i32): void {
  const off = <usize>f << 3;
  let mn: i64 = i64.MAX_VALUE;
  let mx: i64 = i64.MIN_VALUE;
  for (let i = lo; i < hi; i++) {
    const k = orderKey(load<i64>(<usize>load<u32>(idxPtr + (<usize>i << 2)) + off));
    mn = select(k, mn, k < mn);
    mx = select(k, mx, k > mx);
  }
  rangeMin = reinterpret<f64>(orderKey(mn));
  rangeMax = reinterpret<f64>(orderKey(mx));
}

/**
 * Builds one tree of height h over the sample idx[0, size) (addresses of rows of d features) into
 * treePtr. The rows of the nodes at depth k are in idx when k is even and in alt (size u32) when k
 * is odd; the order within a node does not matter. Node bookkeeping (ranges, pass-through leaf
 * values) lives at nodePtr: lo i32[2^(h+1)], hi i32[2^(h+1)], val f64[2^(h+1)].
 */
function buildTree(d: i32, idxPtr: usize, altPtr: usize, size: i32, h: i32, cPtr: usize, nodePtr: usize, treePtr: usize): void {
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
  let srcPtr = idxPtr;
  let dstPtr = altPtr;
  for (let node = 0; node < internal; node++) {
    if (node == levelEnd) {
      depth++;
      levelEnd = 2 * levelEnd + 1;
      const t = srcPtr;
      srcPtr = dstPtr;
      dstPtr = t;
    }
    const rec = treePtr + (<usize>node << 4);
    const left = <usize>(2 * node + 1);
    const lo = load<i32>(loPtr + (<usize>node << 2));
    const hi = load<i32>(hiPtr + (<usize>node << 2));
    let leaf = load<f64>(valPtr + (<usize>node << 3));
    let f = -1;
    if (leaf != leaf && hi - lo > 1) {
      // A real split: a random feature that is not constant here, a uniform split point in its range.
      let g = nextBelow(d);
      for (let t = 0; t < d; t++) {
        featureRange(srcPtr, lo, hi, g);
        if (rangeMax > rangeMin) {
          f = g;
          break;
        }
        if (++g == d) g = 0;
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
    const off = <usize>f << 3;
    // The children of the last internal level are leaves: only their sizes matter.
    const mid = depth == h - 1
      ? lo + countBelow(off, srcPtr, lo, hi, p)
      : partitionInto(off, srcPtr, dstPtr, lo, hi, p);
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
 * (2 × psi u32, then 3 × 2^(h+1) × 8 bytes). Tree t is written at forestPtr + t × treeBytes(h).
 */
export function iforestFit(
  xPtr: usize, d: i32, rowsPtr: usize, m: i32, psi: i32, h: i32, trees: i32, seed: u32,
  cPtr: usize, workPtr: usize, forestPtr: usize,
): void {
  seedRandom(seed);
  const idxPtr = workPtr;
  const altPtr = idxPtr + (<usize>psi << 2);
  const nodePtr = (altPtr + (<usize>psi << 2) + 15) & ~(<usize>15);
  const stride = treeBytes(h);
  const rowBytes = <usize>d << 3;
  for (let t = 0; t < trees; t++) {
    for (let j = 0; j < psi; j++) {
      const r = j + nextBelow(m - j);
      const a = load<i32>(rowsPtr + (<usize>j << 2));
      const b = load<i32>(rowsPtr + (<usize>r << 2));
      store<i32>(rowsPtr + (<usize>j << 2), b);
      store<i32>(rowsPtr + (<usize>r << 2), a);
      store<u32>(idxPtr + (<usize>j << 2), xPtr + <usize>b * rowBytes);
    }
    buildTree(d, idxPtr, altPtr, psi, h, cPtr, nodePtr, forestPtr + <usize>t * stride);
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
