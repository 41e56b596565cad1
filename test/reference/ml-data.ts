// Deterministic test data for the ML kernels and detectors: a seeded generator, Gaussian clusters with
// planted outliers, and fast-check arbitraries for feature matrices with NaN, ±Infinity and huge values.
import fc from 'fast-check';
import type { FeatureMatrix } from '../../src/kernels/iforest-types';
import { Xoshiro128 } from './prng';

/** Standard normal draws (Box–Muller) from the seeded generator. */
export function normals(rng: Xoshiro128): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng.nextUniform())) * Math.cos(2 * Math.PI * rng.nextUniform());
}

/**
 * `inliers` points from 3 unit-σ Gaussian clusters in d dimensions (centres 8 apart) and `outliers`
 * points uniform in [-25, 25]^d at least 6σ from every centre, shuffled; `isOutlier` marks them.
 */
export function clustersWithOutliers(d: number, inliers: number, outliers: number, seed: number): { x: FeatureMatrix; isOutlier: boolean[] } {
  const rng = new Xoshiro128(seed);
  const gauss = normals(rng);
  const centres = [0, 1, 2].map((c) => Array.from({ length: d }, (_, j) => (j === c % d ? 8 * (c - 1) : c * 2)));
  const rows: { p: number[]; out: boolean }[] = [];
  for (let i = 0; i < inliers; i++) {
    const c = centres[i % 3];
    rows.push({ p: c.map((v) => v + gauss()), out: false });
  }
  while (rows.length < inliers + outliers) {
    const p = Array.from({ length: d }, () => rng.nextUniform() * 50 - 25);
    if (centres.every((c) => Math.hypot(...c.map((v, j) => v - p[j])) > 6)) rows.push({ p, out: true });
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return { x: { data: Float64Array.from(rows.flatMap((r) => r.p)), rows: rows.length, dims: d }, isOutlier: rows.map((r) => r.out) };
}

/** Precision and recall of the `top` highest scores (NaN lowest) against the truth. */
export function precisionRecallAtTop(score: Float64Array, truth: boolean[], top: number): { precision: number; recall: number } {
  const order = [...score.keys()].sort((a, b) => (Number.isNaN(score[b]) ? -Infinity : score[b]) - (Number.isNaN(score[a]) ? -Infinity : score[a]));
  const hits = order.slice(0, top).filter((i) => truth[i]).length;
  return { precision: hits / top, recall: hits / truth.filter(Boolean).length };
}

const cell = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: -100, max: 100, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -1e300, 5e-324) },
);

/** Random matrices (0–400 rows, 1–5 features) with ties, NaN, ±Infinity and huge values. */
export const featureMatrix = (maxRows = 400): fc.Arbitrary<FeatureMatrix> =>
  fc
    .record({ dims: fc.integer({ min: 1, max: 5 }), rows: fc.integer({ min: 0, max: maxRows }) })
    .chain(({ dims, rows }) =>
      fc.array(cell, { minLength: rows * dims, maxLength: rows * dims }).map((v) => ({ data: Float64Array.from(v), rows, dims })),
    );

/** Rows [from, to) of a matrix as a matrix (a view). */
export const rowsOf = (m: FeatureMatrix, from: number, to: number): FeatureMatrix => ({
  data: m.data.subarray(from * m.dims, to * m.dims),
  rows: to - from,
  dims: m.dims,
});
