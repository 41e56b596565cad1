// Min/max-per-bucket downsampling kernel (WebAssembly) against the TypeScript reference: random sorted
// times with ties, NaN/±Infinity values, ranges inside/outside the data, and a segment-crossing series.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEGMENT_POINTS, type KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { referenceDownsample, type Downsampled } from '../reference/downsample';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

function runDownsample(t: Float64Array, v: Float64Array, t0: number, t1: number, buckets: number): Downsampled {
  const outT = new Float64Array(buckets);
  const outMin = new Float64Array(buckets);
  const outMax = new Float64Array(buckets);
  const n = kernels.downsampleMinMax(t, v, t0, t1, buckets, outT, outMin, outMax);
  return { t: [...outT.subarray(0, n)], min: [...outMin.subarray(0, n)], max: [...outMax.subarray(0, n)] };
}

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
);
/** Sorted times built from non-negative steps (0 = a tie), starting anywhere. */
const series = fc
  .record({
    start: fc.integer({ min: -1000, max: 1000 }),
    steps: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 5, noNaN: true })), { maxLength: 300 }),
    values: fc.array(value, { minLength: 300, maxLength: 300 }),
  })
  .map(({ start, steps, values }) => {
    const t = new Float64Array(steps.length);
    let at = start;
    steps.forEach((s, i) => {
      at += s;
      t[i] = at;
    });
    return { t, v: Float64Array.from(values.slice(0, steps.length)) };
  });

describe('downsampleMinMax', () => {
  it('matches the reference exactly on random sorted series and ranges', () => {
    fc.assert(
      fc.property(
        series,
        fc.double({ min: -1200, max: 16000, noNaN: true }),
        fc.double({ min: -10, max: 16000, noNaN: true }),
        fc.integer({ min: 0, max: 60 }),
        ({ t, v }, t0, width, buckets) => {
          const t1 = t0 + width;
          expect(runDownsample(t, v, t0, t1, buckets)).toEqual(referenceDownsample(t, v, t0, t1, buckets));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('covers the whole series when [t0, t1) spans it, one bucket per point when buckets are fine enough', () => {
    const t = Float64Array.of(0, 1, 2, 3);
    const v = Float64Array.of(5, NaN, -Infinity, 7);
    expect(runDownsample(t, v, 0, 4, 4)).toEqual({ t: [0, 1, 2, 3], min: [5, NaN, NaN, 7], max: [5, NaN, NaN, 7] });
    expect(runDownsample(t, v, 0, 4, 1)).toEqual({ t: [0], min: [5], max: [7] });
  });

  it('writes nothing for empty input, empty range, zero buckets or t1 <= t0', () => {
    const t = Float64Array.of(1, 2, 3);
    const v = Float64Array.of(1, 2, 3);
    expect(runDownsample(new Float64Array(0), new Float64Array(0), 0, 10, 5).t).toEqual([]);
    expect(runDownsample(t, v, 10, 20, 5).t).toEqual([]);
    expect(runDownsample(t, v, 0, 10, 0).t).toEqual([]);
    expect(runDownsample(t, v, 3, 3, 5).t).toEqual([]);
    expect(runDownsample(t, v, 5, 1, 5).t).toEqual([]);
  });

  it('skips empty buckets and excludes t1 itself', () => {
    const t = Float64Array.of(0, 0.5, 9, 10);
    const v = Float64Array.of(1, 2, 3, 4);
    expect(runDownsample(t, v, 0, 10, 10)).toEqual({ t: [0, 9], min: [1, 3], max: [2, 3] });
  });

  it('matches the reference on a series crossing segment boundaries (buckets merged across them)', () => {
    const n = SEGMENT_POINTS * 20 + 4321;
    const t = Float64Array.from({ length: n }, (_, i) => 1.7e12 + Math.floor(i / 3) * 1000);
    const v = Float64Array.from({ length: n }, (_, i) => (i % 9973 === 0 ? NaN : Math.sin(i * 0.001) * 1e3 + (i % 7)));
    for (const buckets of [1, 7, 2000]) {
      const t0 = t[5];
      const t1 = t[n - 10];
      expect(runDownsample(t, v, t0, t1, buckets)).toEqual(referenceDownsample(t, v, t0, t1, buckets));
    }
  });

  it('rejects mismatched arrays and short outputs', () => {
    const t = new Float64Array(4);
    expect(() => kernels.downsampleMinMax(t, new Float64Array(3), 0, 1, 2, new Float64Array(2), new Float64Array(2), new Float64Array(2))).toThrow(
      /points/,
    );
    expect(() => kernels.downsampleMinMax(t, t, 0, 1, 3, new Float64Array(2), new Float64Array(3), new Float64Array(3))).toThrow(/outT/);
  });
});
