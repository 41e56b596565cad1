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
    store<f64>(addr(outPtr, j), frac > 0 && k + 1 < n ? interpolate(x, minOf(a, k + 1, n), frac) : x);
  }
}

/** Values of at least this many are bracketed from a sample first (one pass), smaller ones selected directly. */
const BRACKET_MIN: i32 = 20000;
const SAMPLE_MAX: i32 = 32768;
/** Brackets per call (more probabilities are selected directly). */
const BRACKETS_MAX: i32 = 16;
const LOW: usize = memory.data(BRACKETS_MAX * 8, 16);
const HIGH: usize = memory.data(BRACKETS_MAX * 8, 16);
const BELOW: usize = memory.data(BRACKETS_MAX * 4, 16);
const INSIDE: usize = memory.data(BRACKETS_MAX * 4, 16);
const BUF: usize = memory.data(BRACKETS_MAX * 8, 16);
const CAPS: usize = memory.data(BRACKETS_MAX * 4, 16);

/** Type-7 value from the order statistic x at rank k and its upper neighbour y (frac of the way). */
@inline
function interpolate(x: f64, y: f64, frac: f64): f64 {
  let value = x == y ? x : x + (y - x) * frac;
  if (value - value != 0) value = x * (1 - frac) + y * frac; // overflow of y − x, or ±Infinity
  return value;
}

/** Any NaN among a[0..len) (f64x2 compare of each value with itself). */
function hasNaN(a: usize, len: i32): bool {
  let acc = v128.splat<i64>(0);
  let i = 0;
  for (; i + 2 <= len; i += 2) {
    const x = v128.load(addr(a, i));
    acc = v128.or(acc, f64x2.ne(x, x));
  }
  if (v128.any_true(acc)) return true;
  return i < len && load<f64>(addr(a, i)) != load<f64>(addr(a, i));
}

/**
 * Quantiles of a[0..n) (no NaN) by brackets: a sample of the values gives, per probability, bounds
 * [low, high] that hold its order statistics with high probability; one pass counts the values below
 * each low bound and copies those inside into the work area; the ranks are then selected there.
 * A bracket that missed its ranks, or overflowed, is selected in the whole column instead.
 */
function bracketQuantiles(a: usize, n: i32, qsPtr: usize, nq: i32, outPtr: usize, work: usize, workLen: i32): void {
  const sampleN = min(SAMPLE_MAX, n >> 4);
  let seed: u32 = 0x9e3779b9;
  for (let i = 0; i < sampleN; i++) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    store<f64>(addr(work, i), load<f64>(addr(a, <i32>(<u64>seed * <u64>n >> 32))));
  }
  let room = workLen - sampleN;
  let buf = addr(work, sampleN);
  for (let j = 0; j < nq; j++) {
    const q = load<f64>(addr(qsPtr, j));
    const p = <f64>(<i32>Math.floor(<f64>(n - 1) * q)) / <f64>n;
    const r = p * <f64>sampleN;
    const spread = 4 * Math.sqrt(<f64>sampleN * p * (1 - p)) + 4;
    const lowR = <i32>Math.floor(r - spread);
    const highR = <i32>Math.ceil(r + spread + 1);
    let low = -Infinity;
    let high = Infinity;
    if (lowR > 0) {
      floydRivest(work, 0, sampleN - 1, lowR);
      low = load<f64>(addr(work, lowR));
    }
    if (highR < sampleN - 1) {
      floydRivest(work, 0, sampleN - 1, highR);
      high = load<f64>(addr(work, highR));
    }
    const cap = min(room, <i32>(<f64>(min(highR, sampleN) - max(lowR, 0) + 1) / <f64>sampleN * <f64>n * 2) + 64);
    store<f64>(LOW + (<usize>j << 3), low);
    store<f64>(HIGH + (<usize>j << 3), high);
    store<i32>(BELOW + (<usize>j << 2), 0);
    store<i32>(INSIDE + (<usize>j << 2), 0);
    store<usize>(BUF + (<usize>j << 3), buf);
    store<i32>(CAPS + (<usize>j << 2), cap);
    buf = addr(buf, cap);
    room -= cap;
  }
  for (let g = 0; g < nq; g += 4) countBrackets(a, n, g, min(4, nq - g));
  for (let j = 0; j < nq; j++) {
    const q = load<f64>(addr(qsPtr, j));
    const h = <f64>(n - 1) * q;
    const k = <i32>Math.floor(h);
    const frac = h - <f64>k;
    const need = frac > 0 && k + 1 < n ? 1 : 0;
    const below = load<i32>(BELOW + (<usize>j << 2));
    const inside = load<i32>(INSIDE + (<usize>j << 2));
    const b = load<usize>(BUF + (<usize>j << 3));
    let value: f64;
    if (inside <= load<i32>(CAPS + (<usize>j << 2)) && below <= k && k + need < below + inside) {
      floydRivest(b, 0, inside - 1, k - below);
      const x = load<f64>(addr(b, k - below));
      value = need ? interpolate(x, minOf(b, k - below + 1, inside), frac) : x;
    } else {
      floydRivest(a, 0, n - 1, k);
      const x = load<f64>(addr(a, k));
      value = need ? interpolate(x, minOf(a, k + 1, n), frac) : x;
    }
    store<f64>(addr(outPtr, j), value);
  }
}

/** Bracket j's values inside [LOW, HIGH]: appended while its buffer has room, always counted. */
@inline
function keepInside(x: f64, j: i32): void {
  const o4 = <usize>j << 2;
  if (x >= load<f64>(LOW + (<usize>j << 3)) && x <= load<f64>(HIGH + (<usize>j << 3))) {
    const c = load<i32>(INSIDE + o4);
    if (c < load<i32>(CAPS + o4)) store<f64>(addr(load<usize>(BUF + (<usize>j << 3)), c), x);
    store<i32>(INSIDE + o4, c + 1);
  }
}

/** Bound of bracket j of a group, or one no value is below nor inside (lanes of unused brackets). */
@inline
function lowOf(g: i32, j: i32, m: i32): f64 {
  return j < m ? load<f64>(LOW + (<usize>(g + j) << 3)) : -Infinity;
}
@inline
function highOf(g: i32, j: i32, m: i32): f64 {
  return j < m ? load<f64>(HIGH + (<usize>(g + j) << 3)) : -Infinity;
}

@inline
function storeBelow(g: i32, j: i32, m: i32, c: v128): void {
  if (j < m) store<i32>(BELOW + (<usize>(g + j) << 2), <i32>(i64x2.extract_lane(c, 0) + i64x2.extract_lane(c, 1)));
}

/**
 * One pass for brackets g..g+m−1 (m <= 4): counts the values below each low bound in f64x2 lanes
 * held in registers, and hands the rare pairs that fall inside a bracket to keepInside.
 */
function countBrackets(a: usize, n: i32, g: i32, m: i32): void {
  const l0 = f64x2.splat(lowOf(g, 0, m));
  const l1 = f64x2.splat(lowOf(g, 1, m));
  const l2 = f64x2.splat(lowOf(g, 2, m));
  const l3 = f64x2.splat(lowOf(g, 3, m));
  const h0 = f64x2.splat(highOf(g, 0, m));
  const h1 = f64x2.splat(highOf(g, 1, m));
  const h2 = f64x2.splat(highOf(g, 2, m));
  const h3 = f64x2.splat(highOf(g, 3, m));
  let c0 = i64x2.splat(0);
  let c1 = i64x2.splat(0);
  let c2 = i64x2.splat(0);
  let c3 = i64x2.splat(0);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const x = v128.load(addr(a, i));
    const b0 = f64x2.lt(x, l0);
    const b1 = f64x2.lt(x, l1);
    const b2 = f64x2.lt(x, l2);
    const b3 = f64x2.lt(x, l3);
    c0 = i64x2.sub(c0, b0);
    c1 = i64x2.sub(c1, b1);
    c2 = i64x2.sub(c2, b2);
    c3 = i64x2.sub(c3, b3);
    // inside bracket j: not below its low bound and not above its high bound
    const in01 = v128.or(v128.andnot(f64x2.le(x, h0), b0), v128.andnot(f64x2.le(x, h1), b1));
    const in23 = v128.or(v128.andnot(f64x2.le(x, h2), b2), v128.andnot(f64x2.le(x, h3), b3));
    if (v128.any_true(v128.or(in01, in23))) {
      for (let j = 0; j < m; j++) {
        keepInside(load<f64>(addr(a, i)), g + j);
        keepInside(load<f64>(addr(a, i + 1)), g + j);
      }
    }
  }
  storeBelow(g, 0, m, c0);
  storeBelow(g, 1, m, c1);
  storeBelow(g, 2, m, c2);
  storeBelow(g, 3, m, c3);
  if (i < n) {
    const x = load<f64>(addr(a, i));
    for (let j = 0; j < m; j++) {
      const o4 = <usize>(g + j) << 2;
      store<i32>(BELOW + o4, load<i32>(BELOW + o4) + i32(x < load<f64>(LOW + (<usize>(g + j) << 3))));
      keepInside(x, g + j);
    }
  }
}

/** Slots of work area exactQuantiles wants for n values and nq probabilities (the sample and the brackets). */
export function quantileWorkSlots(n: i32, nq: i32): i32 {
  return n < BRACKET_MIN || nq > BRACKETS_MAX ? 0 : SAMPLE_MAX + nq * ((n >> 4) + 1024);
}

/**
 * Exact type-7 quantiles of the column at vPtr (len values, rearranged in place, NaN dropped) for
 * ascending probabilities at qsPtr; returns the number of values that are not NaN. `work` holds
 * quantileWorkSlots(len, nq) f64 (large columns are bracketed from a sample in one pass).
 */
export function exactQuantiles(vPtr: usize, len: i32, qsPtr: usize, nq: i32, outPtr: usize, work: usize, workLen: i32): i32 {
  const n = hasNaN(vPtr, len) ? dropNaN(vPtr, len) : len;
  if (n >= BRACKET_MIN && nq <= BRACKETS_MAX && workLen >= quantileWorkSlots(n, nq)) bracketQuantiles(vPtr, n, qsPtr, nq, outPtr, work, workLen);
  else quantilesOfFinite(vPtr, n, qsPtr, nq, outPtr);
  return n;
}
