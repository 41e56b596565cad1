// LOF kernel (WebAssembly) against its plain-JS twin (exactly) and a brute-force LOF from the
// definition (tie-free inputs), duplicates (sklearn's 1e-10 clamp: finite, 1 among equals), NaN rows,
// n = 0/1, k >= n, huge magnitudes, novelty scoring in chunks, and planted outliers in clusters.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../src/kernels/iforest-types';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { bruteLof, twinLof, twinLofNovelty } from '../reference/lof';
import { clustersWithOutliers, featureMatrix, precisionRecallAtTop, rowsOf } from '../reference/ml-data';
import { Xoshiro128 } from '../reference/prng';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

function lof(x: FeatureMatrix, k: number): Float64Array {
  const out = new Float64Array(x.rows).fill(-1);
  kernels.localOutlierFactor(x, { k }, out);
  return out;
}

function novelty(train: FeatureMatrix, query: FeatureMatrix, k: number): Float64Array {
  const out = new Float64Array(query.rows).fill(-1);
  kernels.localOutlierFactorNovelty(train, query, { k }, out);
  return out;
}

function twin(x: FeatureMatrix, k: number): Float64Array {
  const out = new Float64Array(x.rows).fill(-1);
  twinLof(x, k, out);
  return out;
}

/** Continuous random points (no distance ties with probability 1). */
function uniform(rows: number, dims: number, seed: number): FeatureMatrix {
  const rng = new Xoshiro128(seed);
  return { data: Float64Array.from({ length: rows * dims }, () => rng.nextUniform() * 20 - 10), rows, dims };
}

describe('localOutlierFactor kernel', () => {
  it('equals the JS twin exactly on random matrices (ties, NaN, ±Infinity, huge values, any k)', () => {
    fc.assert(
      fc.property(featureMatrix(300), fc.integer({ min: 1, max: 40 }), (x, k) => {
        expect(lof(x, k)).toEqual(twin(x, k));
      }),
      { numRuns: 150 },
    );
  });

  it('equals the JS twin exactly on tie-heavy data over many leaves (integer grids, duplicate points)', () => {
    // Most distances tie, many at 0, so the neighbour lists are decided by position at the k-th distance.
    for (const [rows, dims, span, seed] of [[3000, 4, 4, 1], [2500, 4, 2, 2], [2000, 3, 6, 3], [1500, 2, 10, 4]]) {
      const rng = new Xoshiro128(seed);
      const x: FeatureMatrix = { data: Float64Array.from({ length: rows * dims }, () => Math.floor(rng.nextUniform() * span)), rows, dims };
      for (const k of [1, 7, 20, 45]) expect(lof(x, k), `${rows}×${dims} span ${span} k ${k}`).toEqual(twin(x, k));
    }
  });

  it('equals the JS twin exactly when queries are seeded with an earlier point\'s neighbours (clusters in 1–5-D, k past the seed limit)', () => {
    // Each query takes the neighbours of an earlier point near it as seeds (knn-seeds.ts), which its
    // later leaves must skip; k >= 64 takes none.
    for (const dims of [1, 2, 3, 4, 5]) {
      const x = clustersWithOutliers(dims, 2900, 100, dims).x;
      for (const k of [1, 5, 20, 62, 63, 64]) expect(lof(x, k), `${dims}-D k ${k}`).toEqual(twin(x, k));
    }
  });

  it('equals LOF from the definition (brute force) on tie-free points, k capped at n - 1', () => {
    for (const [rows, dims, k] of [[300, 1, 20], [400, 4, 20], [250, 3, 5], [15, 2, 20], [2, 3, 20]]) {
      const x = uniform(rows, dims, rows + dims);
      const got = lof(x, k);
      const want = bruteLof(x, k);
      for (let i = 0; i < rows; i++) expect(Math.abs(got[i] - want[i]), `row ${i}`).toBeLessThanOrEqual(1e-9 * want[i]);
    }
  });

  it('handles duplicates as scikit-learn does: all-identical points score 1, clusters of duplicates stay finite', () => {
    const same: FeatureMatrix = { data: new Float64Array(4 * 5000).fill(3), rows: 5000, dims: 4 };
    expect(new Set(lof(same, 20))).toEqual(new Set([1]));
    // 30 copies each of a few points, plus one distinct point far away.
    const base = [0, 0, 1, 0, 0, 1, 1, 1];
    const data = [...Array.from({ length: 30 }, () => base).flat(), 50, 50];
    const x: FeatureMatrix = { data: Float64Array.from(data), rows: data.length / 2, dims: 2 };
    const s = lof(x, 20);
    expect(s.every(Number.isFinite)).toBe(true);
    expect(s.subarray(0, 120).every((v) => v === 1)).toBe(true);
    expect(s[120]).toBeGreaterThan(1e6);
  });

  it('scores rows with a non-finite feature NaN and the rest as if they were absent', () => {
    const x = uniform(200, 3, 7);
    const holes = x.data.slice();
    holes[3 * 10] = NaN;
    holes[3 * 50 + 2] = Infinity;
    const withHoles = lof({ data: holes, rows: 200, dims: 3 }, 20);
    const kept = [...Array(200).keys()].filter((i) => i !== 10 && i !== 50);
    const without = lof({ data: Float64Array.from(kept.flatMap((i) => [...x.data.subarray(i * 3, i * 3 + 3)])), rows: 198, dims: 3 }, 20);
    expect(withHoles[10]).toBeNaN();
    expect(withHoles[50]).toBeNaN();
    expect(kept.map((i) => withHoles[i])).toEqual([...without]);
  });

  it('edge cases: no rows, one row (NaN), huge magnitudes scaled exactly (no overflow)', () => {
    expect(lof({ data: new Float64Array(0), rows: 0, dims: 3 }, 20)).toEqual(new Float64Array(0));
    expect(lof({ data: Float64Array.of(1, 2, 3), rows: 1, dims: 3 }, 20)[0]).toBeNaN();
    const x = uniform(300, 2, 9);
    const huge = { ...x, data: x.data.map((v) => v * 2 ** 700) };
    const moderate = { ...x, data: x.data.map((v) => v * 2 ** 100) };
    const s = lof(huge, 20);
    expect(s.every(Number.isFinite)).toBe(true);
    expect(s).toEqual(lof(moderate, 20));
  });

  it('novelty: equals the twin, a query chunked equals one batch, a duplicate of a training row is its own neighbour', () => {
    const { x } = clustersWithOutliers(3, 900, 9, 21);
    const train = rowsOf(x, 0, 600);
    const query = rowsOf(x, 600, 909);
    const batch = novelty(train, query, 20);
    const want = new Float64Array(query.rows);
    twinLofNovelty(train, query, 20, want);
    expect(batch).toEqual(want);
    const chunked = new Float64Array(query.rows);
    for (const [a, b] of [[0, 1], [1, 100], [100, 309]]) chunked.set(novelty(train, rowsOf(query, a, b), 20), a);
    expect(chunked).toEqual(batch);
    // Identical training points: a query equal to them has reach-distances 0 and LOF 1.
    const same: FeatureMatrix = { data: new Float64Array(60).fill(2), rows: 30, dims: 2 };
    expect([...novelty(same, { data: Float64Array.of(2, 2), rows: 1, dims: 2 }, 20)]).toEqual([1]);
  });

  it('rejects bad k and shapes with a readable error', () => {
    const x: FeatureMatrix = { data: new Float64Array(6), rows: 3, dims: 2 };
    expect(() => kernels.localOutlierFactor(x, { k: 0 }, new Float64Array(3))).toThrow(/k must be/);
    expect(() => kernels.localOutlierFactor(x, { k: 257 }, new Float64Array(3))).toThrow(/k must be/);
    expect(() => kernels.localOutlierFactor(x, { k: 5 }, new Float64Array(2))).toThrow(/out/);
    expect(() => kernels.localOutlierFactorNovelty(x, { ...x, dims: 3, rows: 2 }, { k: 5 }, new Float64Array(2))).toThrow(/features per row/);
  });

  it('finds planted outliers in 2–4-D Gaussian clusters: precision and recall >= 0.9 over the top 1%', () => {
    for (const d of [2, 3, 4]) {
      const { x, isOutlier } = clustersWithOutliers(d, 3000, 30, 200 + d);
      const { precision, recall } = precisionRecallAtTop(lof(x, 20), isOutlier, 30);
      expect(precision, `d=${d}`).toBeGreaterThanOrEqual(0.9);
      expect(recall, `d=${d}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
