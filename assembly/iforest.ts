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
 * Writes the subtree of the external node `node` at `depth` of a tree of height h: pass-through
 * records (split +∞: always left) down to level h - 1 and `leaf` in every level-h leaf below it.
 */
function passThrough(treePtr: usize, h: i32, node: i32, depth: i32, leaf: f64): void {
  let first = <usize>node;
  let count: usize = 1;
  for (let k = depth; k < h; k++) {
    for (let rec = treePtr + (first << 4), end = rec + (count << 4); rec < end; rec += 16) {
      store<f64>(rec, Infinity);
      store<i32>(rec + 8, 0);
    }
    first = 2 * first + 1;
    count <<= 1;
  }
  const internal = (<usize>1 << h) - 1;
  const leaves = treePtr + (internal << 4) + ((first - internal) << 3);
  for (let i: usize = 0; i < count; i++) store<f64>(leaves + (i << 3), leaf);
}

/**
 * Builds one tree of height h over the sample idx[0, size) (addresses of rows of d features) into
 * treePtr, level by level: the nodes still to split at a depth are listed at listPtr ({heap index,
 * lo, hi, pad} i32, two lists of 2^h entries, this depth's and the next's), their rows are in
 * idx[lo, hi) at even depths and in alt (size u32) at odd ones, in any order (it does not matter).
 * Random draws are made node by node in heap order, as a complete tree would be walked.
 */
function buildTree(d: i32, idxPtr: usize, altPtr: usize, size: i32, h: i32, cPtr: usize, listPtr: usize, treePtr: usize): void {
  const internal = (1 << h) - 1;
  const leaves = treePtr + (<usize>internal << 4);
  let cur = listPtr;
  let next = listPtr + (<usize>16 << h);
  store<i32>(cur, 0);
  store<i32>(cur + 4, 0);
  store<i32>(cur + 8, size);
  let live = 1;
  let srcPtr = idxPtr;
  let dstPtr = altPtr;
  for (let depth = 0; depth < h; depth++) {
    let born = 0;
    for (let e = 0; e < live; e++) {
      const entry = cur + (<usize>e << 4);
      const node = load<i32>(entry);
      const lo = load<i32>(entry + 4);
      const hi = load<i32>(entry + 8);
      let f = -1;
      if (hi - lo > 1) {
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
        passThrough(treePtr, h, node, depth, <f64>depth + load<f64>(cPtr + (<usize>(hi - lo) << 3)));
        continue;
      }
      const u = nextUniform();
      let p = rangeMin + u * (rangeMax - rangeMin);
      if (p - p != 0) p = rangeMin * (1 - u) + rangeMax * u; // the range overflowed
      const rec = treePtr + (<usize>node << 4);
      store<f64>(rec, p);
      store<i32>(rec + 8, f << 3);
      const off = <usize>f << 3;
      if (depth == h - 1) {
        // The children are leaves: only their sizes matter.
        const mid = lo + countBelow(off, srcPtr, lo, hi, p);
        const leaf = leaves + (<usize>(2 * node + 1 - internal) << 3);
        store<f64>(leaf, <f64>h + load<f64>(cPtr + (<usize>(mid - lo) << 3)));
        store<f64>(leaf + 8, <f64>h + load<f64>(cPtr + (<usize>(hi - mid) << 3)));
        continue;
      }
      const mid = partitionInto(off, srcPtr, dstPtr, lo, hi, p);
      const child = next + (<usize>born << 4);
      store<i32>(child, 2 * node + 1);
      store<i32>(child + 4, lo);
      store<i32>(child + 8, mid);
      store<i32>(child + 16, 2 * node + 2);
      store<i32>(child + 20, mid);
      store<i32>(child + 24, hi);
      born += 2;
    }
    const list = cur;
    cur = next;
    next = list;
    const rows = srcPtr;
    srcPtr = dstPtr;
    dstPtr = rows;
    live = born;
  }
}

/**
 * Fits `trees` trees of height h on samples of `psi` rows drawn without replacement (partial
 * Fisher–Yates over rows[0, m), carried from tree to tree) with the generator seeded by `seed`.
 * c(size) for size 0..psi is at cPtr; the sample and node lists use workPtr
 * (2 × psi u32, then 2^(h+5) bytes). Tree t is written at forestPtr + t × treeBytes(h).
 */
export function iforestFit(
  xPtr: usize, d: i32, rowsPtr: usize, m: i32, psi: i32, h: i32, trees: i32, seed: u32,
  cPtr: usize, workPtr: usize, forestPtr: usize,
): void {
  seedRandom(seed);
  const idxPtr = workPtr;
  const altPtr = idxPtr + (<usize>psi << 2);
  const listPtr = (altPtr + (<usize>psi << 2) + 15) & ~(<usize>15);
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
    buildTree(d, idxPtr, altPtr, psi, h, cPtr, listPtr, forestPtr + <usize>t * stride);
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
