// Sums in numpy's pairwise order (DOUBLE_pairwise_sum, numpy/core/src/umath/loops_utils.h.src), the
// order HTM's estimateNormal (numpy.mean, numpy.var) adds the likelihood's history in; twin:
// test/reference/pairwise-sum.ts, bit for bit. numpy's eight running sums of a block are the lanes of
// four f64x2 here (r0 r1 | r2 r3 | r4 r5 | r6 r7), so a block's dependency chain is n / 8 adds deep.

/** Values up to this many are summed in one block (numpy's PW_BLOCKSIZE). */
const BLOCK: i32 = 128;

/** The value at p, or its squared deviation from `about` when `squares`. */
@inline
function term(p: usize, squares: bool, about: f64): f64 {
  const x = load<f64>(p);
  if (!squares) return x;
  const d = x - about;
  return d * d;
}

/** The two values at p, or their squared deviations from `about` (both lanes) when `squares`. */
@inline
function terms(p: usize, squares: bool, about: v128): v128 {
  const x = v128.load(p);
  if (!squares) return x;
  const d = f64x2.sub(x, about);
  return f64x2.mul(d, d);
}

@inline
function lanes(r: v128): f64 {
  return f64x2.extract_lane(r, 0) + f64x2.extract_lane(r, 1);
}

/** Σ of the terms of the n values at p, in numpy's order. */
function sum(p: usize, n: i32, squares: bool, about: f64): f64 {
  if (n < 8) {
    let s: f64 = 0;
    for (let i = 0; i < n; i++) s += term(p + (<usize>i << 3), squares, about);
    return s;
  }
  if (n <= BLOCK) {
    const a = f64x2.splat(about);
    let r01 = terms(p, squares, a);
    let r23 = terms(p + 16, squares, a);
    let r45 = terms(p + 32, squares, a);
    let r67 = terms(p + 48, squares, a);
    const whole = n & ~7;
    let i = 8;
    for (; i < whole; i += 8) {
      const q = p + (<usize>i << 3);
      r01 = f64x2.add(r01, terms(q, squares, a));
      r23 = f64x2.add(r23, terms(q + 16, squares, a));
      r45 = f64x2.add(r45, terms(q + 32, squares, a));
      r67 = f64x2.add(r67, terms(q + 48, squares, a));
    }
    let s = (lanes(r01) + lanes(r23)) + (lanes(r45) + lanes(r67));
    for (; i < n; i++) s += term(p + (<usize>i << 3), squares, about);
    return s;
  }
  const half = (n >> 1) & ~7; // about half, a multiple of 8
  return sum(p, half, squares, about) + sum(p + (<usize>half << 3), n - half, squares, about);
}

/** Σ of the n values at p in numpy's pairwise order (np.sum). */
export function pairwiseSum(p: usize, n: i32): f64 {
  return sum(p, n, false, 0);
}

/** Σ (x − mean)² over the n values x at p in numpy's pairwise order (np.var's sum before it divides by n). */
export function pairwiseSquares(p: usize, n: i32, mean: f64): f64 {
  return sum(p, n, true, mean);
}
