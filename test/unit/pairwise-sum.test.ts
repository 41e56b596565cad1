// The likelihood twin's pairwise sum (test/reference/pairwise-sum.ts) against numpy: np.sum, np.mean and
// np.var of a[i] = 1 / (i + 1) + 1000 · (i mod 3), as numpy 2.4.6 printed them (repr, so exact). From
// 100 values on, a plain left-to-right sum differs in the last bits, so the order is what is tested.
import { describe, expect, it } from 'vitest';
import { pairwiseSum } from '../reference/pairwise-sum';

const NUMPY: [n: number, sum: number, mean: number, variance: number][] = [
  [5, 4002.283333333333, 800.4566666666666, 559816.0841777778],
  [8, 7002.717857142857, 875.3397321428571, 609236.7942598276],
  [100, 99005.18737751764, 990.0518737751763, 669883.9530113983],
  [129, 129005.44089903057, 1000.0421775118649, 666653.554196948],
  [1000, 999007.4854708605, 999.0074854708605, 666997.312680767],
  [8640, 8640009.641431395, 1000.0011159064114, 666666.4697426268],
];

describe('pairwiseSum', () => {
  it.each(NUMPY)('n = %i: the sum, mean and variance numpy computes, bit for bit', (n, sum, mean, variance) => {
    const a = Float64Array.from({ length: n }, (_, i) => 1 / (i + 1) + (i % 3) * 1e3);
    expect(pairwiseSum(a, 0, n)).toBe(sum);
    const m = pairwiseSum(a, 0, n) / n;
    expect(m).toBe(mean);
    expect(pairwiseSum(a.map((x) => (x - m) * (x - m)), 0, n) / n).toBe(variance);
  });

  it('sums a slice [from, from + n) only', () => {
    const a = Float64Array.from({ length: 300 }, (_, i) => (i >= 50 && i < 250 ? 1 / (i + 1) : 1e9));
    expect(pairwiseSum(a, 50, 200)).toBe(pairwiseSum(a.slice(50, 250), 0, 200));
    expect(pairwiseSum(a, 7, 0)).toBe(0);
  });
});
