// numpy's pairwise summation of float64 (DOUBLE_pairwise_sum in numpy/core/src/umath/loops_utils.h.src):
// the order np.sum, np.mean and np.var add in, so the order HTM's estimateNormal (numpy.mean and
// numpy.var of the averaged surprises) fits its Gaussian in. Written plainly; the likelihood kernel
// (assembly/pairwise-sum.ts) adds in the same order, four f64x2 lanes standing for the eight sums.

/** Values up to this many are summed in one block (numpy's PW_BLOCKSIZE). */
const BLOCK = 128;

/** a[from] + … + a[from + n − 1] added in numpy's pairwise order. */
export function pairwiseSum(a: Float64Array, from: number, n: number): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[from + i];
    return s;
  }
  if (n <= BLOCK) {
    // Eight running sums, each over every eighth value, then the values past the last multiple of 8.
    let r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
    let r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const j = from + i;
      r0 += a[j];
      r1 += a[j + 1];
      r2 += a[j + 2];
      r3 += a[j + 3];
      r4 += a[j + 4];
      r5 += a[j + 5];
      r6 += a[j + 6];
      r7 += a[j + 7];
    }
    let s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) s += a[from + i];
    return s;
  }
  // Halves, the first a multiple of 8 long.
  const half = Math.floor(n / 2) - (Math.floor(n / 2) % 8);
  return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
}
