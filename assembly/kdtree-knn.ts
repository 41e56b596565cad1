// k-nearest-neighbour query of the k-d tree built by kdtree.ts (squared Euclidean distance): a
// depth-first search, nearer child first, pruned by the nodes' boxes; leaves scanned two points per
// f64x2 step into a list kept in (distance, position) order; the query's own leaf offered with the
// seed points the caller names (knn-seeds.ts).
import { boxesPtr, colsPtr, dims, leafBase, LEAF_SIZE, MAX_K, nodesPtr, size, STACK_DIST, STACK_NODE } from './kdtree';
import { clearSeeds, gatherSeeds, MAX_SEED, SEED_D2, SEED_POS, seedCount, seenWindow, within } from './knn-seeds';

/**
 * The k best found by the last query: squared distances and positions, ascending in (d2, position).
 * Each has a zero entry before it (never written): a sentinel that stops insertSorted's scans, as
 * (+0, position 0) comes before or equals every entry.
 */
export const HEAP_D2: usize = memory.data((MAX_K + 2) * 8, 16) + 8;
export const HEAP_POS: usize = memory.data((MAX_K + 4) * 4, 16) + 4;

/**
 * Squared distance from the query to the node's box (0 inside). Dimensions are summed in two lanes
 * (even, odd), then lane 0 + lane 1, then the last dimension when d is odd (the twin's order).
 * pmax is a plain compare-and-select (f64x2.max also orders NaN and -0, which never occur here, at
 * several times the cost); a gap of -0 squares to the same 0.
 */
@inline
function boxDist2(qPtr: usize, node: i32): f64 {
  const rowBytes = <usize>dims << 3;
  const lo = boxesPtr + <usize>node * (rowBytes << 1);
  const hi = lo + rowBytes;
  const zero = f64x2.splat(0);
  let acc = zero;
  let o: usize = 0;
  const pairs = <usize>(dims & ~1) << 3;
  for (; o < pairs; o += 16) {
    const q = v128.load(qPtr + o);
    const g = f64x2.pmax(f64x2.pmax(f64x2.sub(v128.load(lo + o), q), f64x2.sub(q, v128.load(hi + o))), zero);
    acc = f64x2.add(acc, f64x2.mul(g, g));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (dims & 1) {
    const q = load<f64>(qPtr + o);
    const g = max(max(load<f64>(lo + o) - q, q - load<f64>(hi + o)), 0);
    s += g * g;
  }
  return s;
}

/**
 * The lane sums of boxDist2 for 4 dimensions with the query in registers (q01, q23), for the box at lo:
 * (gap0² + gap2², gap1² + gap3²).
 */
@inline
function boxLanes4(q01: v128, q23: v128, lo: usize): v128 {
  const zero = f64x2.splat(0);
  const g01 = f64x2.pmax(f64x2.pmax(f64x2.sub(v128.load(lo), q01), f64x2.sub(q01, v128.load(lo, 32))), zero);
  const g23 = f64x2.pmax(f64x2.pmax(f64x2.sub(v128.load(lo, 16), q23), f64x2.sub(q23, v128.load(lo, 48))), zero);
  return f64x2.add(f64x2.add(zero, f64x2.mul(g01, g01)), f64x2.mul(g23, g23));
}

/** boxDist2 for 4 dimensions (the same sums). */
@inline
function boxDist4(q01: v128, q23: v128, node: i32): f64 {
  const acc = boxLanes4(q01, q23, boxesPtr + (<usize>node << 6));
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/** boxDist4 of the nodes `node` and `node + 1` (lanes 0, 1): each node's lane 0 + lane 1. */
@inline
function boxDist4Pair(q01: v128, q23: v128, node: i32): v128 {
  const lo = boxesPtr + (<usize>node << 6);
  const a = boxLanes4(q01, q23, lo);
  const b = boxLanes4(q01, q23, lo + 64);
  return f64x2.add(v128.shuffle<f64>(a, b, 0, 2), v128.shuffle<f64>(a, b, 1, 3));
}

/**
 * Squared distances from the query to the points at pos and pos + 1 (lanes 0, 1), each summed in the
 * order of boxDist2: even dimensions, odd dimensions, their sum, then the last when d is odd.
 */
@inline
function dist2Pair(qPtr: usize, pos: i32): v128 {
  const stride = <usize>size << 3;
  let p = colsPtr + (<usize>pos << 3);
  let even = f64x2.splat(0);
  let odd = f64x2.splat(0);
  let o: usize = 0;
  const pairs = <usize>(dims & ~1) << 3;
  for (; o < pairs; o += 16) {
    const g0 = f64x2.sub(v128.load(p), f64x2.splat(load<f64>(qPtr + o)));
    const g1 = f64x2.sub(v128.load(p + stride), f64x2.splat(load<f64>(qPtr + o + 8)));
    even = f64x2.add(even, f64x2.mul(g0, g0));
    odd = f64x2.add(odd, f64x2.mul(g1, g1));
    p += stride << 1;
  }
  let s = f64x2.add(even, odd);
  if (dims & 1) {
    const g = f64x2.sub(v128.load(p), f64x2.splat(load<f64>(qPtr + o)));
    s = f64x2.add(s, f64x2.mul(g, g));
  }
  return s;
}

/**
 * Multiples of the previous query's k-th squared distance that group the offers of a leaf scanned while
 * the list is not full, after those within that distance itself (found by the scan).
 */
const HINT_SCALES: usize = memory.data<f64>([1.6, 2.5, 4.0]);
const HINT_LEVELS = 3;

/** Squared distances of the points of the leaf being scanned, by offset from its start (one spare). */
const LEAF_D2: usize = memory.data((LEAF_SIZE + 2) * 8, 16);

/** Bit per point of the leaf just scanned (n of them) whose squared distance is <= t. */
@inline
function leafWithin(n: i32, t: f64): u64 {
  return within(LEAF_D2, n, t);
}

/**
 * Offers the points of leaf [start, end) to the neighbour list: two distances per f64x2 step from the
 * column copy, stored by offset, with a bit per point within the k-th distance at the leaf's start
 * (the previous query's while the list is not full; no branch per pair; a leaf has at most 64 points),
 * then offered in position order, by distance group first while the list is not full (the list's
 * answer does not depend on that order). Seed points are left out (offered with the first leaf).
 */
@inline
function scanLeaf(qPtr: usize, start: i32, end: i32, k: i32, self: i32, count: i32): i32 {
  // The k-th distance, or while the list is not full the previous query's (see below).
  const worst = f64x2.splat(load<f64>(HEAP_D2 + (<usize>(k - 1) << 3)));
  let bits: u64 = 0;
  if (dims == 4) {
    // The common case, four points per step with the query in registers (same sums in the same order);
    // the distances past the leaf's end (up to 3, read from the next leaf or the spare slots) are
    // dropped below. Pointers step on (the tree's globals read once).
    const stride = <usize>size << 3;
    const q0 = f64x2.splat(load<f64>(qPtr));
    const q1 = f64x2.splat(load<f64>(qPtr + 8));
    const q2 = f64x2.splat(load<f64>(qPtr + 16));
    const q3 = f64x2.splat(load<f64>(qPtr + 24));
    let p = colsPtr + (<usize>start << 3);
    const pEnd = colsPtr + (<usize>end << 3);
    let out = LEAF_D2;
    let at: u64 = 0;
    for (; p < pEnd; p += 32) {
      const p1 = p + stride;
      const p2 = p1 + stride;
      const p3 = p2 + stride;
      const g0 = f64x2.sub(v128.load(p), q0);
      const g1 = f64x2.sub(v128.load(p1), q1);
      const g2 = f64x2.sub(v128.load(p2), q2);
      const g3 = f64x2.sub(v128.load(p3), q3);
      const h0 = f64x2.sub(v128.load(p, 16), q0);
      const h1 = f64x2.sub(v128.load(p1, 16), q1);
      const h2 = f64x2.sub(v128.load(p2, 16), q2);
      const h3 = f64x2.sub(v128.load(p3, 16), q3);
      const d2 = f64x2.add(f64x2.add(f64x2.mul(g0, g0), f64x2.mul(g2, g2)), f64x2.add(f64x2.mul(g1, g1), f64x2.mul(g3, g3)));
      const e2 = f64x2.add(f64x2.add(f64x2.mul(h0, h0), f64x2.mul(h2, h2)), f64x2.add(f64x2.mul(h1, h1), f64x2.mul(h3, h3)));
      v128.store(out, d2);
      v128.store(out, e2, 16);
      bits |= <u64>(i64x2.bitmask(f64x2.le(d2, worst)) | (i64x2.bitmask(f64x2.le(e2, worst)) << 2)) << at;
      out += 32;
      at += 4;
    }
  } else if (dims == 2) {
    // Two dimensions (the detectors' features), likewise (even + odd), four points per step: the
    // distances past the leaf's end (up to 3, read from the next leaf or the spare slots) are dropped below.
    const stride = <usize>size << 3;
    const q0 = f64x2.splat(load<f64>(qPtr));
    const q1 = f64x2.splat(load<f64>(qPtr + 8));
    for (let pos = start; pos < end; pos += 4) {
      const p = colsPtr + (<usize>pos << 3);
      const g0 = f64x2.sub(v128.load(p), q0);
      const g1 = f64x2.sub(v128.load(p + stride), q1);
      const h0 = f64x2.sub(v128.load(p, 16), q0);
      const h1 = f64x2.sub(v128.load(p + stride, 16), q1);
      const d2 = f64x2.add(f64x2.mul(g0, g0), f64x2.mul(g1, g1));
      const e2 = f64x2.add(f64x2.mul(h0, h0), f64x2.mul(h1, h1));
      const at = <u64>(pos - start);
      v128.store(LEAF_D2 + (<usize>at << 3), d2);
      v128.store(LEAF_D2 + (<usize>at << 3), e2, 16);
      bits |= <u64>(i64x2.bitmask(f64x2.le(d2, worst)) | (i64x2.bitmask(f64x2.le(e2, worst)) << 2)) << at;
    }
  } else {
    for (let pos = start; pos < end; pos += 2) {
      const d2 = dist2Pair(qPtr, pos);
      const at = <u64>(pos - start);
      v128.store(LEAF_D2 + (<usize>at << 3), d2);
      bits |= <u64>i64x2.bitmask(f64x2.le(d2, worst)) << at;
    }
  }
  // Drop the spare slot after an odd leaf and the query itself.
  const n = end - start;
  let all: u64 = n < 64 ? (<u64>1 << <u64>n) - 1 : <u64>-1;
  if (self >= start && self < end) all &= ~(<u64>1 << <u64>(self - start));
  if (seedCount > 0) all &= ~seenWindow(start);
  bits &= all;
  let c = count;
  if (c < k) {
    // The list is not full (usually the query's own leaf, where every point would be offered and
    // many insertions would later be displaced): offer first the points within the k-th distance of
    // the previous query, still in HEAP_D2 (a neighbour in leaf order, so about as far out), then
    // those within 1.6, 2.5 and 4 times that (squared), then the rest, the seed points with each
    // group. Roughly ascending, so insertions land near the list's end and the fuller list turns
    // more of the later ones away. Only the order of the offers changes.
    const hint = load<f64>(HEAP_D2 + (<usize>(k - 1) << 3));
    let near = bits;
    bits = all & ~near;
    const seedAll: u64 = seedCount == 64 ? <u64>-1 : (<u64>1 << <u64>seedCount) - 1;
    let seedNear = within(SEED_D2, seedCount, hint) & seedAll;
    let seedRest = seedAll & ~seedNear;
    for (let l = 0; ; l++) {
      c = offerLeaf(near, start, c, k);
      c = offerSeeds(seedNear, c, k);
      if (c == k) {
        // Full: of the rest, only those within its k-th distance now are offered (in position order).
        const kth = load<f64>(HEAP_D2 + (<usize>(k - 1) << 3));
        bits &= leafWithin(n, kth);
        seedRest &= within(SEED_D2, seedCount, kth);
        break;
      }
      if (l == HINT_LEVELS) break;
      const t = hint * load<f64>(HINT_SCALES + (<usize>l << 3));
      near = leafWithin(n, t) & bits;
      bits &= ~near;
      seedNear = within(SEED_D2, seedCount, t) & seedRest;
      seedRest &= ~seedNear;
    }
    c = offerSeeds(seedRest, c, k);
  }
  return offerLeaf(bits, start, c, k);
}

/** Offers the points of the leaf just scanned (from `start`) whose bits are set, in position order; returns the count. */
@inline
function offerLeaf(bits: u64, start: i32, count: i32, k: i32): i32 {
  let c = count;
  while (bits != 0) {
    const at = <i32>ctz(bits);
    bits &= bits - 1;
    c = offer(c, k, load<f64>(LEAF_D2 + (<usize>at << 3)), start + at);
  }
  return c;
}

/** Offers the seed points whose bits are set, in seed order; returns the count. */
@inline
function offerSeeds(bits: u64, count: i32, k: i32): i32 {
  let c = count;
  while (bits != 0) {
    const at = <i32>ctz(bits);
    bits &= bits - 1;
    c = offer(c, k, load<f64>(SEED_D2 + (<usize>at << 3)), load<i32>(SEED_POS + (<usize>at << 2)));
  }
  return c;
}

/** The first position of node i's range, and the one after its last. */
@inline
function nodeStart(i: i32): i32 {
  return load<i32>(nodesPtr + (<usize>i << 3));
}
@inline
function nodeEnd(i: i32): i32 {
  return load<i32>(nodesPtr + (<usize>i << 3), 4);
}

/** (d2a, a) comes after (d2b, b) in the neighbour order: by distance, then by position. */
@inline
function after(d2a: f64, a: i32, d2b: f64, b: i32): bool {
  // Squared distances are +0 or more and never NaN, so their bit patterns order like their values
  // (integer compares: no NaN cases to branch over).
  const x = reinterpret<i64>(d2a);
  const y = reinterpret<i64>(d2b);
  return (x > y) | ((x == y) & (a > b));
}

/**
 * Inserts (d2, pos) into the ascending list HEAP_D2 / HEAP_POS filling slot `last` (the list's end, or
 * the k-th entry it replaces): entries after it in neighbour order move up one slot.
 */
@inline
function insertSorted(last: i32, d2: f64, pos: i32): void {
  let j = last;
  // Entries strictly farther move up (bit patterns order like the values, as in after), then
  // entries at the same distance with a larger position; the sentinel before the list stops both.
  const x = reinterpret<i64>(d2);
  while (true) {
    const dp = load<i64>(HEAP_D2 + (<usize>(j - 1) << 3));
    if (dp <= x) break;
    store<i64>(HEAP_D2 + (<usize>j << 3), dp);
    store<i32>(HEAP_POS + (<usize>j << 2), load<i32>(HEAP_POS + (<usize>(j - 1) << 2)));
    j--;
  }
  while (true) {
    const pp = load<i32>(HEAP_POS + (<usize>(j - 1) << 2));
    if (load<i64>(HEAP_D2 + (<usize>(j - 1) << 3)) != x || pp <= pos) break;
    store<i64>(HEAP_D2 + (<usize>j << 3), x);
    store<i32>(HEAP_POS + (<usize>j << 2), pp);
    j--;
  }
  store<f64>(HEAP_D2 + (<usize>j << 3), d2);
  store<i32>(HEAP_POS + (<usize>j << 2), pos);
}

/** Offers (d2, pos) to the list of `count` entries (capacity k); returns the new count. */
@inline
function offer(count: i32, k: i32, d2: f64, pos: i32): i32 {
  if (count < k) {
    insertSorted(count, d2, pos);
    return count + 1;
  }
  if (after(load<f64>(HEAP_D2 + (<usize>(k - 1) << 3)), load<i32>(HEAP_POS + (<usize>(k - 1) << 2)), d2, pos)) insertSorted(k - 1, d2, pos);
  return count;
}

/**
 * The k nearest points of the tree to the query (d values at qPtr) other than position `self` (-1:
 * none), in the order (squared distance, position): the k first in that order, whatever the search
 * order, so the answer is unique. A depth-first search, nearer child first, skips nodes that cannot
 * hold a point before the current k-th. Leaves HEAP_D2 / HEAP_POS sorted ascending. A query of a tree
 * point (self >= 0) may name seed points (knn-seeds.ts): `seedFirst` (>= 0) and the seedLen positions
 * at seedList, distinct (taken when seedLen < MAX_SEED).
 */
export function kdKnn(qPtr: usize, k: i32, self: i32, seedFirst: i32 = -1, seedList: usize = 0, seedLen: i32 = 0): void {
  let count = 0;
  let sp = 0;
  let node = 0;
  let dist: f64 = 0;
  const q01 = v128.load(qPtr);
  const q23 = v128.load(qPtr, 16);
  if (self >= 0) {
    // The query is the point at position `self`: its own leaf first (found by position, no box
    // distances), which fills the list, then the other side of each split on the way down, root
    // first, unless already beyond the k-th entry.
    let leaf = 0;
    while (leaf < leafBase) leaf = 2 * leaf + 1 + i32(self >= nodeStart(2 * leaf + 2));
    const ls = nodeStart(leaf);
    const le = nodeEnd(leaf);
    if (seedFirst >= 0 && seedLen < MAX_SEED) gatherSeeds(qPtr, ls, le, seedFirst, seedList, seedLen);
    count = scanLeaf(qPtr, ls, le, k, self, count);
    let at = 0;
    while (at != leaf) {
      const left = 2 * at + 1;
      const right = self >= nodeStart(left + 1);
      const far = right ? left : left + 1;
      const d = dims == 4 ? boxDist4(q01, q23, far) : boxDist2(qPtr, far);
      store<i32>(STACK_NODE + (<usize>sp << 2), far);
      store<f64>(STACK_DIST + (<usize>sp << 3), d);
      sp += <i32>((count < k) | (d <= load<f64>(HEAP_D2 + (<usize>(k - 1) << 3))));
      at = right ? left + 1 : left;
    }
    if (sp == 0) {
      clearSeeds();
      return;
    }
    sp--;
    node = load<i32>(STACK_NODE + (<usize>sp << 2));
    dist = load<f64>(STACK_DIST + (<usize>sp << 3));
  }
  while (true) {
    const start = nodeStart(node);
    // Every point of the node is at >= its box distance and has position >= start.
    if (count < k || after(load<f64>(HEAP_D2 + (<usize>(k - 1) << 3)), load<i32>(HEAP_POS + (<usize>(k - 1) << 2)), dist, start)) {
      const child = 2 * node + 1;
      if (node < leafBase) {
        // Descend into the nearer child; the farther one waits on the stack. (Lane 0 the left child's
        // box distance, lane 1 the right's; min and max pick them apart with no branch.)
        const lr = dims == 4 ? boxDist4Pair(q01, q23, child) : f64x2.replace_lane(f64x2.splat(boxDist2(qPtr, child)), 1, boxDist2(qPtr, child + 1));
        const rl = v128.shuffle<f64>(lr, lr, 1, 0);
        const nearRight = <i32>(i64x2.bitmask(f64x2.gt(lr, rl)) & 1);
        const far = f64x2.extract_lane(f64x2.pmax(lr, rl), 0);
        store<i32>(STACK_NODE + (<usize>sp << 2), child + 1 - nearRight);
        store<f64>(STACK_DIST + (<usize>sp << 3), far);
        // Kept unless the list is full and the farther child is strictly beyond its k-th entry (no
        // branch: the slot is written either way).
        sp += <i32>((count < k) | (far <= load<f64>(HEAP_D2 + (<usize>(k - 1) << 3))));
        node = child + nearRight;
        dist = f64x2.extract_lane(f64x2.pmin(lr, rl), 0);
        continue;
      }
      count = scanLeaf(qPtr, start, nodeEnd(node), k, self, count);
    }
    if (sp == 0) break;
    sp--;
    node = load<i32>(STACK_NODE + (<usize>sp << 2));
    dist = load<f64>(STACK_DIST + (<usize>sp << 3));
  }
  clearSeeds();
}
