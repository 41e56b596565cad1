// Exact quantiles by selection (kernel) and the rolling percentile series against sort-based
// references on random columns (NaN, ±Infinity, empty, length 1, constant, huge magnitudes).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { exactQuantiles, percentileSeries } from '../../src/analysis/percentiles/exact';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { jsQuickselectQuantiles, sortedQuantiles } from '../reference/percentiles';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

const valueArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e300, -1e300, 5e-324) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) },
);
const columnArb = fc.array(valueArb, { maxLength: 3000 }).map((a) => Float64Array.from(a));
const qsArb = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 0.9, 0.99, 0.999, 1)), { minLength: 1, maxLength: 6 });

function expectSame(got: readonly number[], want: readonly number[], where: string): void {
  for (let j = 0; j < want.length; j++) {
    if (!same(got[j], want[j])) expect(`${got[j]}`, `${where} j=${j}`).toBe(`${want[j]}`);
  }
}

describe('exactQuantiles kernel', () => {
  it('equals the sort-based type-7 quantiles on random columns, any order of qs, input untouched', () => {
    fc.assert(
      fc.property(columnArb, qsArb, (v, qs) => {
        const copy = v.slice();
        const { count, values } = exactQuantiles(kernels, v, qs);
        expect(count).toBe(v.filter((x) => !Number.isNaN(x)).length);
        expectSame(values, sortedQuantiles(v, qs), `n=${v.length}`);
        expect(Array.from(v).map(String)).toEqual(Array.from(copy).map(String));
      }),
      { numRuns: 300 },
    );
  });

  it('large columns (Floyd–Rivest sampling path), constants and sorted input', () => {
    const qs = [0.5, 0.9, 0.99, 0.999, 0, 1, 0.25];
    const n = 200_003;
    const random = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453));
    expectSame(exactQuantiles(kernels, random, qs).values, sortedQuantiles(random, qs), 'random');
    const sorted = Float64Array.from({ length: n }, (_, i) => i);
    expectSame(exactQuantiles(kernels, sorted, qs).values, sortedQuantiles(sorted, qs), 'sorted');
    const constant = new Float64Array(n).fill(3.25);
    expect(exactQuantiles(kernels, constant, qs).values).toEqual(qs.map(() => 3.25));
  });

  it('columns long enough to be bracketed from a sample (ties, NaN, ±Infinity) equal the reference', () => {
    const longArb = fc.array(valueArb, { minLength: 20_000, maxLength: 40_000 }).map((a) => Float64Array.from(a));
    fc.assert(fc.property(longArb, qsArb, (v, qs) => expectSame(exactQuantiles(kernels, v, qs).values, sortedQuantiles(v, qs), `n=${v.length}`)), { numRuns: 15 });
    const rnd = Float64Array.from({ length: 100_000 }, (_, i) => ((i * 2654435761) % 1000003) / 7);
    const many = Array.from({ length: 20 }, (_, j) => j / 19);
    expectSame(exactQuantiles(kernels, rnd, many).values, sortedQuantiles(rnd, many), '20 probabilities');
  });

  it('empty, all-NaN and length 1', () => {
    expect(exactQuantiles(kernels, new Float64Array(0), [0.5]).values[0]).toBeNaN();
    expect(exactQuantiles(kernels, Float64Array.of(NaN, NaN), [0.5]).values[0]).toBeNaN();
    expect(exactQuantiles(kernels, Float64Array.of(7), [0, 0.5, 1]).values).toEqual([7, 7, 7]);
    expect(exactQuantiles(kernels, Float64Array.of(1, 2, 3, 4), [0.5]).values).toEqual([2.5]);
  });

  it('refuses probabilities outside [0, 1]', () => {
    expect(() => exactQuantiles(kernels, Float64Array.of(1), [1.5])).toThrow(/\[0, 1\]/);
  });

  it('the JS quickselect twin agrees with the reference', () => {
    fc.assert(
      fc.property(columnArb, qsArb, (v, qs) => {
        const asc = [...qs].sort((a, b) => a - b);
        expectSame(jsQuickselectQuantiles(v, asc), sortedQuantiles(v, asc), 'js');
      }),
      { numRuns: 200 },
    );
  });
});

describe('percentileSeries', () => {
  it('each bucket equals the sort-based quantiles of its points', () => {
    const pointsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 500_000 }), valueArb), { maxLength: 2000 });
    fc.assert(
      fc.property(pointsArb, fc.integer({ min: 1, max: 100_000 }), (pts, bucketMs) => {
        pts.sort((a, b) => a[0] - b[0]);
        const t = Float64Array.from(pts, (p) => p[0]);
        const v = Float64Array.from(pts, (p) => p[1]);
        const qs = [0.5, 0.9, 0.99, 0.999];
        const got = percentileSeries(kernels, t, v, bucketMs, qs, 0);
        const starts = [...new Set(pts.map((p) => Math.floor(p[0] / bucketMs) * bucketMs))];
        expect(Array.from(got.t)).toEqual(starts);
        starts.forEach((start, r) => {
          const inBucket = Float64Array.from(pts.filter((p) => p[0] >= start && p[0] < start + bucketMs), (p) => p[1]);
          expect(got.count[r]).toBe(inBucket.filter((x) => !Number.isNaN(x)).length);
          expectSame(got.lines.map((line) => line[r]), sortedQuantiles(inBucket, qs), `bucket ${start}`);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('spans many kernel segments (a bucket larger than a segment included)', () => {
    const n = 300_000;
    const t = Float64Array.from({ length: n }, (_, i) => (i < 100_000 ? 0 : i));
    const v = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
    const got = percentileSeries(kernels, t, v, 50_000, [0.5, 0.99], 0);
    expect(Array.from(got.t)).toEqual([0, 100_000, 150_000, 200_000, 250_000]);
    expect(got.count[0]).toBe(100_000);
    expectSame([got.lines[0][0], got.lines[1][0]], sortedQuantiles(v.subarray(0, 100_000), [0.5, 0.99]), 'first');
    expectSame([got.lines[0][4], got.lines[1][4]], sortedQuantiles(v.subarray(250_000), [0.5, 0.99]), 'last');
  });
});
