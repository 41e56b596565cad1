// Series shapes (the Overview's sparklines): every series bucketed over one shared range, checked
// against brute force on the raw kernel path and on the pyramid path, and served by the engine in one call.

import { beforeAll, describe, expect, it } from 'vitest';
import { nextUp, SUMMARY_MIN_POINTS } from '../../src/analysis/chart';
import { bucketOf } from '../../src/analysis/chart-summary';
import { shapesOf, type SeriesShapes } from '../../src/analysis/series-shapes';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import type { Series } from '../../src/model/series';
import { engineOver } from './detection-run-helpers';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

const series = (t: number[] | Float64Array, v: number[] | Float64Array): Series => ({ name: 's', labels: {}, t: Float64Array.from(t), v: Float64Array.from(v) });

/** The same buckets point by point. */
function bruteForce(all: readonly Series[], start: number, end: number, buckets: number): SeriesShapes {
  const size = all.length * buckets;
  const out: SeriesShapes = { buckets, min: new Float64Array(size).fill(NaN), max: new Float64Array(size).fill(NaN), last: new Float64Array(size).fill(NaN), points: new Uint32Array(size) };
  const span = nextUp(end) - start;
  all.forEach(({ t, v }, j) => {
    for (let i = 0; i < t.length; i++) {
      if (t[i] < start || t[i] > end) continue;
      const at = j * buckets + bucketOf(t[i], start, span, buckets);
      out.points[at]++;
      const x = v[i];
      if (!Number.isFinite(x)) continue;
      out.last[at] = x;
      if (!(out.min[at] <= x)) out.min[at] = x;
      if (!(out.max[at] >= x)) out.max[at] = x;
    }
  });
  return out;
}

describe('shapesOf', () => {
  it('buckets each series over the shared range: min, max, last finite value and points, gaps as NaN', () => {
    const a = series([0, 10, 20, 30, 40, 50, 60, 70, 80, 90], [1, 5, 3, NaN, NaN, NaN, 2, Infinity, 8, 4]);
    const b = series([45], [7]); // one point, in the middle of the range
    const c = series([], []); // no points at all
    const s = shapesOf(kernels, [a, b, c], { start: 0, end: 99, buckets: 5 });
    expect(s.buckets).toBe(5);
    expect(Array.from(s.points)).toEqual([2, 2, 2, 2, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(s.min.subarray(0, 5))).toEqual([1, 3, NaN, 2, 4]);
    expect(Array.from(s.max.subarray(0, 5))).toEqual([5, 3, NaN, 2, 8]);
    expect(Array.from(s.last.subarray(0, 5))).toEqual([5, 3, NaN, 2, 4]);
    expect(Array.from(s.last.subarray(5, 10))).toEqual([NaN, NaN, 7, NaN, NaN]);
    expect(Array.from(s.min.subarray(10))).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });

  it('includes the range end and leaves out points outside the range', () => {
    const s = shapesOf(kernels, [series([-5, 0, 50, 100, 101], [9, 1, 2, 3, 9])], { start: 0, end: 100, buckets: 2 });
    expect(Array.from(s.points)).toEqual([2, 1]); // 50 lies just below the middle of [0, nextUp(100))
    expect(Array.from(s.max)).toEqual([2, 3]);
  });

  it('matches brute force on the raw path and on the pyramid path (long series)', () => {
    const n = SUMMARY_MIN_POINTS * 2;
    const t = Float64Array.from({ length: n }, (_, i) => 1_000 * i + (i % 7));
    const v = Float64Array.from({ length: n }, (_, i) => (i % 5_003 === 0 ? NaN : Math.sin(i / 997) * 100 + (i % 13)));
    v.fill(NaN, 100_000, 140_000); // a gap wider than a bucket
    const long = series(t, v);
    const short = series(t.subarray(0, 30_000), v.subarray(0, 30_000));
    const start = t[0];
    const end = t[n - 1];
    const got = shapesOf(kernels, [long, short], { start, end, buckets: 160 });
    const want = bruteForce([long, short], start, end, 160);
    expect(got).toEqual(want);
    expect(got.points.reduce((x, y) => x + y, 0)).toBe(n + 30_000);
  });

  it('rejects a bucket count out of range', () => {
    expect(() => shapesOf(kernels, [], { start: 0, end: 1, buckets: 0 })).toThrow(RangeError);
  });

  it('is served by the engine for a whole dataset in one call', async () => {
    const data = [series([0, 1, 2], [1, 2, 3]), series([1, 2], [5, 4])];
    const { engine, loads } = engineOver(kernels, data);
    const got = await engine.shapes({ datasetId: 'd', start: 0, end: 2, buckets: 3 });
    expect(got).toEqual(shapesOf(kernels, data, { start: 0, end: 2, buckets: 3 }));
    expect(Array.from(got.last)).toEqual([1, 2, 3, NaN, 5, 4]);
    expect(loads.sort()).toEqual([0, 1]);
  });
});
