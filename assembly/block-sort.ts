// Sorts one block of a series for the rolling IQR kernel: the finite values of v[from, to) (-0 as 0)
// ascending with their offsets in the block. Small blocks by rank counting (f64x2 compares of every
// pair: no branches, no dependency chains), larger ones by a branch-free bottom-up merge sort.

/** Blocks of up to this many values are sorted by rank counting (O(m²) compares, but 4 per step). */
const RANK_MAX: i32 = 256;

/** Keys past the block's values sortBlock pads with +Infinity (keysA holds to − from + this many f64). */
export const KEY_PAD: i32 = 8;

/**
 * Sorts the finite values among v[from, to) with their offsets k − from, using two scratch buffers
 * of to − from keys (f64 at keysA, with KEY_PAD more, and keysB) and offsets (i32 at offsA/offsB)
 * and to − from i32 counters at `ties`; returns how many there are, m, and leaves them at sortedKeys
 * / sortedOffsets (one of the two buffers).
 */
export function sortBlock(vPtr: usize, from: i32, to: i32, keysA: usize, offsA: usize, keysB: usize, offsB: usize, ties: usize): i32 {
  let m = 0;
  for (let k = from; k < to; k++) {
    const x = load<f64>(vPtr + (<usize>k << 3));
    store<f64>(keysA + (<usize>m << 3), x + 0.0);
    store<i32>(offsA + (<usize>m << 2), k - from);
    m += i32(x - x == 0);
  }
  if (m <= RANK_MAX) {
    rankSort(m, keysA, offsA, keysB, offsB, ties);
    sortedKeys = keysB;
    sortedOffsets = offsB;
    return m;
  }
  let sk = keysA;
  let so = offsA;
  let dk = keysB;
  let dOff = offsB;
  for (let width = 1; width < m; width <<= 1) {
    for (let lo = 0; lo < m; lo += width << 1) {
      const mid = min(lo + width, m);
      mergeRuns(sk, so, dk, dOff, lo, mid, min(lo + (width << 1), m));
    }
    const tk = sk; sk = dk; dk = tk;
    const to2 = so; so = dOff; dOff = to2;
  }
  sortedKeys = sk;
  sortedOffsets = so;
  return m;
}

/**
 * Each value's place is the count of values below it (f64x2 compares against all m, 8 per loop
 * step, +Infinity padding the last step), plus how many equal ones came before it (ties[rank]).
 */
function rankSort(m: i32, keys: usize, offs: usize, outKeys: usize, outOffs: usize, ties: usize): void {
  for (let k = m; k < m + KEY_PAD; k++) store<f64>(keys + (<usize>k << 3), Infinity);
  memory.fill(ties, 0, <usize>m << 2);
  const end = keys + (<usize>((m + 7) & ~7) << 3);
  for (let i = 0; i < m; i++) {
    const x = load<f64>(keys + (<usize>i << 3));
    const xv = f64x2.splat(x);
    let c0 = i64x2.splat(0);
    let c1 = i64x2.splat(0);
    let c2 = i64x2.splat(0);
    let c3 = i64x2.splat(0);
    for (let p = keys; p < end; p += 64) {
      c0 = i64x2.add(c0, f64x2.lt(v128.load(p), xv));
      c1 = i64x2.add(c1, f64x2.lt(v128.load(p, 16), xv));
      c2 = i64x2.add(c2, f64x2.lt(v128.load(p, 32), xv));
      c3 = i64x2.add(c3, f64x2.lt(v128.load(p, 48), xv));
    }
    const c = i64x2.add(i64x2.add(c0, c1), i64x2.add(c2, c3));
    const below = -<i32>(i64x2.extract_lane(c, 0) + i64x2.extract_lane(c, 1));
    const tie = ties + (<usize>below << 2);
    const place = below + load<i32>(tie);
    store<i32>(tie, load<i32>(tie) + 1);
    store<f64>(outKeys + (<usize>place << 3), x);
    store<i32>(outOffs + (<usize>place << 2), load<i32>(offs + (<usize>i << 2)));
  }
}

/** Where sortBlock left its result. */
export let sortedKeys: usize = 0;
export let sortedOffsets: usize = 0;

/** Merges the ascending runs [lo, mid) and [mid, hi) of (sk, so) into (dk, dOff) at lo, without data-dependent branches. */
@inline
function mergeRuns(sk: usize, so: usize, dk: usize, dOff: usize, lo: i32, mid: i32, hi: i32): void {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) {
    const a = load<f64>(sk + (<usize>i << 3));
    const b = load<f64>(sk + (<usize>j << 3));
    const takeB = b < a;
    const from = select<i32>(j, i, takeB); // an f64 select would compile to a branch
    store<f64>(dk + (<usize>k << 3), load<f64>(sk + (<usize>from << 3)));
    store<i32>(dOff + (<usize>k << 2), load<i32>(so + (<usize>from << 2)));
    i += i32(!takeB);
    j += i32(takeB);
    k++;
  }
  for (; i < mid; i++, k++) {
    store<f64>(dk + (<usize>k << 3), load<f64>(sk + (<usize>i << 3)));
    store<i32>(dOff + (<usize>k << 2), load<i32>(so + (<usize>i << 2)));
  }
  for (; j < hi; j++, k++) {
    store<f64>(dk + (<usize>k << 3), load<f64>(sk + (<usize>j << 3)));
    store<i32>(dOff + (<usize>k << 2), load<i32>(so + (<usize>j << 2)));
  }
}
