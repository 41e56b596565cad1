// Sorts one block of a series for the rolling IQR kernel: the finite values of v[from, to) (-0 as 0)
// ascending with their offsets in the block, by a branch-free bottom-up merge sort.

/**
 * Sorts the finite values among v[from, to) with their offsets k − from, using two scratch buffers
 * of to − from keys (f64 at keysA/keysB) and offsets (i32 at offsA/offsB); returns how many there
 * are, m, and leaves them at sortedKeys / sortedOffsets (one of the two buffers).
 */
export function sortBlock(vPtr: usize, from: i32, to: i32, keysA: usize, offsA: usize, keysB: usize, offsB: usize): i32 {
  let m = 0;
  for (let k = from; k < to; k++) {
    const x = load<f64>(vPtr + (<usize>k << 3));
    store<f64>(keysA + (<usize>m << 3), x + 0.0);
    store<i32>(offsA + (<usize>m << 2), k - from);
    m += i32(x - x == 0);
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
