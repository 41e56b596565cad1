// Isolation Forest kernel (WebAssembly) against its plain-JS twin: same seed → same scores on random
// matrices (NaN, ±Infinity, huge, ties, n < ψ, n = 0/1), determinism, chunked == batch, edge cases,
// and planted outliers in 2–4-D Gaussian clusters found at a stated precision/recall.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { averagePathLength, heightLimit } from '../../src/kernels/iforest';
import type { FeatureMatrix, IsolationForestOptions } from '../../src/kernels/iforest-types';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { twinIsolationForest } from '../reference/iforest';
import { clustersWithOutliers, featureMatrix, precisionRecallAtTop, rowsOf } from '../reference/ml-data';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

function wasm(train: FeatureMatrix, query: FeatureMatrix, opts: IsolationForestOptions): Float64Array {
  const out = new Float64Array(query.rows).fill(-1);
  kernels.isolationForest(train, query, opts, out);
  return out;
}

function twin(train: FeatureMatrix, query: FeatureMatrix, opts: IsolationForestOptions): Float64Array {
  const out = new Float64Array(query.rows).fill(-1);
  twinIsolationForest(train, query, opts, out);
  return out;
}

/** Equal within 1e-12 (2^x may differ in its last bits between the kernel and V8), NaN where NaN. */
function expectClose(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(b[i])) expect(a[i], `row ${i}`).toBeNaN();
    else expect(Math.abs(a[i] - b[i]), `row ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(1e-12);
  }
}

const options = fc.record({
  trees: fc.integer({ min: 1, max: 12 }),
  sampleSize: fc.integer({ min: 2, max: 300 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});

describe('isolationForest kernel', () => {
  it('c(n) and the height limit follow the paper', () => {
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 4);
    expect(heightLimit(256)).toBe(8);
    expect(heightLimit(257)).toBe(9);
    expect(heightLimit(2)).toBe(1);
  });

  it('equals the JS twin on random matrices with the same seed (NaN, ±Infinity, huge, ties, n < ψ)', () => {
    fc.assert(
      fc.property(featureMatrix(), options, (x, opts) => {
        expectClose(wasm(x, x, opts), twin(x, x, opts));
      }),
      { numRuns: 150 },
    );
  });

  it('scores lie in (0, 1] except NaN exactly for rows with a non-finite feature', () => {
    fc.assert(
      fc.property(featureMatrix(200), options, (x, opts) => {
        const s = wasm(x, x, opts);
        let finite = 0;
        for (let i = 0; i < x.rows; i++) if (x.data.subarray(i * x.dims, (i + 1) * x.dims).every(Number.isFinite)) finite++;
        for (let i = 0; i < x.rows; i++) {
          const rowFinite = x.data.subarray(i * x.dims, (i + 1) * x.dims).every(Number.isFinite);
          if (!rowFinite || finite < 2) expect(s[i]).toBeNaN();
          else expect(s[i] > 0 && s[i] <= 1, `score ${s[i]}`).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic: the same seed gives the same scores, another seed other scores', () => {
    const { x } = clustersWithOutliers(3, 600, 6, 11);
    const opts = { trees: 100, sampleSize: 256, seed: 42 };
    expect(wasm(x, x, opts)).toEqual(wasm(x, x, opts));
    expect(wasm(x, x, { ...opts, seed: 43 })).not.toEqual(wasm(x, x, opts));
  });

  it('scores query rows in chunks exactly as in one batch, also across kernel segments', () => {
    const { x } = clustersWithOutliers(2, 900, 9, 5);
    const opts = { trees: 30, sampleSize: 128, seed: 9 };
    const batch = wasm(x, x, opts);
    const parts = [0, 1, 250, 251, 700, x.rows];
    const chunked = new Float64Array(x.rows);
    for (let i = 0; i + 1 < parts.length; i++) chunked.set(wasm(x, rowsOf(x, parts[i], parts[i + 1]), opts), parts[i]);
    expect(chunked).toEqual(batch);
    // A query longer than one scoring segment (65 536 rows).
    const long: FeatureMatrix = { data: Float64Array.from({ length: 70_000 }, (_, i) => Math.sin(i) * 3 + (i % 7)), rows: 70_000, dims: 1 };
    const small = { trees: 3, sampleSize: 64, seed: 1 };
    expectClose(wasm(rowsOf(long, 0, 500), long, small), twin(rowsOf(long, 0, 500), long, small));
  });

  it('edge cases: no rows, one row, all rows identical, n < ψ', () => {
    const opts = { trees: 100, sampleSize: 256, seed: 3 };
    const empty: FeatureMatrix = { data: new Float64Array(0), rows: 0, dims: 2 };
    expect(wasm(empty, empty, opts)).toEqual(new Float64Array(0));
    const one: FeatureMatrix = { data: Float64Array.of(1, 2), rows: 1, dims: 2 };
    expect(wasm(one, one, opts)[0]).toBeNaN();
    // Identical points cannot be split: every path is c(ψ), so every score is 2^-1 (up to the rounding of the mean).
    const same: FeatureMatrix = { data: new Float64Array(3000).fill(7.5), rows: 1000, dims: 3 };
    const scores = new Set(wasm(same, same, opts));
    expect(scores.size).toBe(1);
    expect(Math.abs([...scores][0] - 0.5)).toBeLessThan(1e-12);
    // 50 rows < ψ: ψ becomes 50 and the result still equals the twin.
    const { x } = clustersWithOutliers(2, 48, 2, 8);
    expectClose(wasm(x, x, opts), twin(x, x, opts));
  });

  it('rejects bad shapes and options with a readable error', () => {
    const x: FeatureMatrix = { data: new Float64Array(6), rows: 3, dims: 2 };
    const out = new Float64Array(3);
    const opts = { trees: 10, sampleSize: 16, seed: 0 };
    expect(() => kernels.isolationForest({ ...x, rows: 4 }, x, opts, out)).toThrow(/need 8 values/);
    expect(() => kernels.isolationForest(x, { ...x, dims: 3, rows: 2 }, opts, out)).toThrow(/features per row/);
    expect(() => kernels.isolationForest(x, x, { ...opts, sampleSize: 1 }, out)).toThrow(/sampleSize/);
    expect(() => kernels.isolationForest(x, x, { ...opts, seed: -1 }, out)).toThrow(/seed/);
    expect(() => kernels.isolationForest(x, x, opts, new Float64Array(2))).toThrow(/out/);
  });

  it('finds planted outliers in 2–4-D Gaussian clusters: precision and recall >= 0.9 over the top 1%', () => {
    for (const d of [2, 3, 4]) {
      const { x, isOutlier } = clustersWithOutliers(d, 3000, 30, 100 + d);
      const s = wasm(x, x, { trees: 100, sampleSize: 256, seed: 1 });
      const { precision, recall } = precisionRecallAtTop(s, isOutlier, 30);
      expect(precision, `d=${d}`).toBeGreaterThanOrEqual(0.9);
      expect(recall, `d=${d}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
