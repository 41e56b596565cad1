// Grid means (the seasonal and correlation detectors' regular grid) against a per-bin sum and count
// taken point by point: series sampled on the grid (the one-point-per-bin path), with gaps, repeated
// and out-of-order times, non-finite times and values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSeries, gridMeans } from '../../src/analysis/detectors/align';

function reference(t: Float64Array, v: Float64Array, t0: number, step: number, bins: number): Float64Array {
  const sum = new Float64Array(bins);
  const count = new Float64Array(bins);
  const inv = 1 / step;
  for (let i = 0; i < t.length; i++) {
    const b = Math.floor((t[i] - t0) * inv);
    if (b >= 0 && b < bins && Number.isFinite(v[i])) {
      sum[b] += v[i];
      count[b]++;
    }
  }
  return sum.map((s, b) => (count[b] > 0 ? s / count[b] : NaN));
}

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0) },
);

describe('gridMeans', () => {
  it('equals per-bin sums and counts, on the grid or off it', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 0, maxLength: 300 }),
        fc.constantFrom('grid', 'gaps', 'repeats', 'shuffled', 'nan-time', 'jitter'),
        fc.integer({ min: 1, max: 5000 }),
        (values, kind, step) => {
          const n = values.length;
          const t0 = 1.7e12;
          const t = Float64Array.from({ length: n }, (_, i) => t0 + i * step);
          if (kind === 'gaps') for (let i = 1; i < n; i += 7) t[i] += step * 3;
          if (kind === 'repeats' && n > 2) t[n >> 1] = t[(n >> 1) - 1];
          if (kind === 'shuffled' && n > 3) [t[1], t[n - 2]] = [t[n - 2], t[1]];
          if (kind === 'nan-time' && n > 0) t[n >> 1] = NaN;
          if (kind === 'jitter') for (let i = 0; i < n; i++) t[i] += (i % 3) * (step / 4);
          const v = Float64Array.from(values);
          const bins = n + (kind === 'gaps' ? 3 * Math.ceil(n / 7) + 3 : 2);
          const out = new Float64Array(bins).fill(42);
          gridMeans({ t, v }, t0, step, bins, out);
          expect(Array.from(out)).toEqual(Array.from(reference(t, v, t0, step, bins)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps a series on the grid as its values, non-finite ones as NaN and −0 as 0', () => {
    const t = Float64Array.from({ length: 6 }, (_, i) => 1000 + 10 * i);
    const v = Float64Array.of(1, NaN, Infinity, -2.5, -Infinity, -0);
    const grid = alignSeries([{ t, v }]);
    expect([grid.t0, grid.step]).toEqual([1000, 10]);
    expect(Array.from(grid.columns[0])).toEqual([1, NaN, NaN, -2.5, NaN, 0]); // −0 as 0, as a bin's sum gives
  });
});
