// Exact quantiles by selection (Floyd–Rivest, no sort) over a column copied into linear memory:
// NaN dropped, several quantiles of one column in one call, each search narrowed by the rank before it.

/** Swaps the f64 at a and b (byte addresses). */
@inline
function swap(a: usize, b: usize): void {
  const x = load<f64>(a);
  store<f64>(a, load<f64>(b));
  store<f64>(b, x);
}

@inline
function addr(base: usize, i: i32): usize {
  return base + (<usize>i << 3);
}

/**
 * Floyd–Rivest SELECT: rearranges a[left..right] so a[k] holds the value of rank k, everything
 * before it is <= a[k] and everything after it >= a[k] (values finite or ±Infinity, no NaN). Large
 * ranges first select within a sample around k, so the partition pivot is close to the target.
 */
function floydRivest(a: usize, left: i32, right: i32, k: i32): void {
  while (right > left) {
    if (right - left > 600) {
      const n = <f64>(right - left + 1);
      const i = <f64>(k - left + 1);
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = max(left, <i32>Math.floor(<f64>k - (i * s) / n + sd));
      const newRight = min(right, <i32>Math.floor(<f64>k + ((n - i) * s) / n + sd));
      floydRivest(a, newLeft, newRight, k);
    }
    const t = load<f64>(addr(a, k));
    let i = left;
    let j = right;
    swap(addr(a, left), addr(a, k));
    if (load<f64>(addr(a, right)) > t) swap(addr(a, right), addr(a, left));
    while (i < j) {
      swap(addr(a, i), addr(a, j));
      i++;
      j--;
      while (load<f64>(addr(a, i)) < t) i++;
      while (load<f64>(addr(a, j)) > t) j--;
    }
    if (load<f64>(addr(a, left)) == t) swap(addr(a, left), addr(a, j));
    else {
      j++;
      swap(addr(a, j), addr(a, right));
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * Moves the non-NaN values of a[0..len) to its front (in order, −0 stored as 0 so equal values
 * are bit-identical) and returns how many there are.
 */
export function dropNaN(a: usize, len: i32): i32 {
  let n = 0;
  for (let i = 0; i < len; i++) {
    const x = load<f64>(addr(a, i));
    store<f64>(addr(a, n), x + 0.0);
    n += i32(x == x);
  }
  return n;
}

/** Smallest of a[from..to) (to > from). */
function minOf(a: usize, from: i32, to: i32): f64 {
  let m = load<f64>(addr(a, from));
  for (let i = from + 1; i < to; i++) m = min(m, load<f64>(addr(a, i)));
  return m;
}

/**
 * Type-7 quantiles (linear between the order statistics at ⌊q(n−1)⌋ and the next) of a[0..n), n
 * values without NaN, for the `nq` probabilities at qsPtr, which must be ascending in [0, 1]; writes
 * them to outPtr. Each rank is selected within the part right of the rank before it (partitions are
 * reused), the upper neighbour is the minimum right of the rank. a is rearranged. n = 0 gives NaN.
 */
export function quantilesOfFinite(a: usize, n: i32, qsPtr: usize, nq: i32, outPtr: usize): void {
  let lo = -1; // the last rank selected: a[lo] is in place, everything right of it is >= a[lo]
  for (let j = 0; j < nq; j++) {
    const q = load<f64>(addr(qsPtr, j));
    if (n == 0) {
      store<f64>(addr(outPtr, j), NaN);
      continue;
    }
    const h = <f64>(n - 1) * q;
    const k = <i32>Math.floor(h);
    if (k != lo) {
      floydRivest(a, max(lo, 0), n - 1, k);
      lo = k;
    }
    const x = load<f64>(addr(a, k));
    const frac = h - <f64>k;
    let value = x;
    if (frac > 0 && k + 1 < n) {
      const y = minOf(a, k + 1, n);
      value = x == y ? x : x + (y - x) * frac;
      if (value - value != 0) value = x * (1 - frac) + y * frac; // overflow of y − x, or ±Infinity
    }
    store<f64>(addr(outPtr, j), value);
  }
}

/**
 * Exact type-7 quantiles of the column at vPtr (len values, rearranged in place, NaN dropped) for
 * ascending probabilities at qsPtr; returns the number of values that are not NaN.
 */
export function exactQuantiles(vPtr: usize, len: i32, qsPtr: usize, nq: i32, outPtr: usize): i32 {
  const n = dropNaN(vPtr, len);
  quantilesOfFinite(vPtr, n, qsPtr, nq, outPtr);
  return n;
}
