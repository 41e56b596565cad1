// The two middle order statistics of the absolute deviations |s − median| of an ascending window,
// without forming or sorting them: the deviations below and above the median are two ascending runs,
// and the split between them is walked from the previous point's (the rolling median/MAD kernel and
// the ML detectors' series features, both in order-stat.ts).

/** After middleDeviations: the k-th smallest deviation (k = (n − 1) >> 1, 0-based) and the next one. */
export let kthValue: f64 = 0;
export let nextValue: f64 = 0;

/** How many of the k + 1 smallest deviations came from below the median at the previous point (a hint). */
let lastFromA: i32 = 0;

@inline
function at(s: usize, i: i32): f64 {
  return load<f64>(s + (<usize>i << 3));
}

/** A_i < B_{k − i}: true for every i below the answer of kthDeviation, false from it on. */
@inline
function moreFromA(s: usize, med: f64, split: i32, k: i32, i: i32): bool {
  return med - at(s, split - 1 - i) < at(s, split + k - i) - med;
}

/**
 * The deviations below the median, A_i = med − s[split − 1 − i], and above it, B_j = s[split + j] −
 * med, are two ascending runs; the k-th smallest of their union takes i of them from A, where i is the
 * first index in [lo, hi) with A_i >= B_{k − i} (hi if none). That predicate is monotone in i, so a
 * walk from the previous point's i (the window moved by one value, so i rarely moves far) finds the
 * same i a binary search would; the (k + 1)-th is the smaller of the two next candidates.
 */
function kthDeviation(s: usize, n: i32, med: f64, split: i32, k: i32): void {
  const a = split;
  const b = n - split;
  const lo = max(0, k + 1 - b);
  const hi = min(k + 1, a);
  let i = min(max(lastFromA, lo), hi);
  if (i < hi && moreFromA(s, med, split, k, i)) {
    do i++; while (i < hi && moreFromA(s, med, split, k, i));
  } else {
    while (i > lo && !moreFromA(s, med, split, k, i - 1)) i--;
  }
  lastFromA = i;
  const j = k + 1 - i;
  const fromA: f64 = i > 0 ? med - at(s, split - i) : -Infinity;
  const fromB: f64 = j > 0 ? at(s, split + j - 1) - med : -Infinity;
  kthValue = max(fromA, fromB);
  const nextA: f64 = i < a ? med - at(s, split - 1 - i) : Infinity;
  const nextB: f64 = j < b ? at(s, split + j) - med : Infinity;
  nextValue = min(nextA, nextB);
}

/**
 * The middle deviations (kthValue, nextValue) of the n ascending f64 at s around a finite `med` that
 * lies between their two middle values (inclusive): the median of the deviations is kthValue when n
 * is odd and lies between the two when it is even.
 */
export function middleDeviations(s: usize, n: i32, med: f64): void {
  // Values below the median: the lower middle index, minus the run of values equal to the median
  // before it (the median is an order statistic, or lies between the two middle ones).
  let split = n >> 1;
  while (split > 0 && at(s, split - 1) >= med) split--;
  kthDeviation(s, n, med, split, (n - 1) >> 1);
}
