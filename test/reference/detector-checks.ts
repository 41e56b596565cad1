// Property checks every statistical detector's tests share: scores in [0, 1] with flag ⇔ score > 0.5,
// chunked streaming bit-identical to batch, determinism, no look-ahead; random series with edge values.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Detector, DetectorParams, DetectorResult } from '../../src/analysis/detectors/types';
import type { Kernels } from '../../src/kernels/types';
import { detectionQuality, syntheticSeries, type AnomalyKind } from './synthetic-anomalies';

/** Values a telemetry column may hold: mostly noise around an offset, with NaN, ±Infinity, repeats. */
export const valueArb = fc.oneof(
  { weight: 12, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, 1, 1e300, -1e300) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

export const seriesArb = (maxLength: number): fc.Arbitrary<Float64Array> =>
  fc.oneof(
    fc.array(valueArb, { maxLength }),
    fc.array(fc.constantFrom(5, 5, 5, 6, NaN), { maxLength }),
  ).map((a) => Float64Array.from(a));

/** Random cut points splitting n points into chunks (some empty). */
export const cutsArb = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 0, max: n }), { maxLength: 12 }).map((c) => [...c].sort((a, b) => a - b));

/** One point a second; `first` is the index of v[0] in the whole series (chunks keep their times). */
const series = (v: Float64Array, first = 0) => ({ t: Float64Array.from(v, (_, i) => (first + i) * 1000), v });

export function checkScoreRange(r: DetectorResult, n: number): void {
  expect(r.score.length).toBe(n);
  expect(r.flag.length).toBe(n);
  for (let i = 0; i < n; i++) {
    expect(r.score[i] >= 0 && r.score[i] <= 1, `score[${i}] = ${r.score[i]}`).toBe(true);
    expect(r.flag[i], `flag[${i}] with score ${r.score[i]}`).toBe(r.score[i] > 0.5 ? 1 : 0);
  }
}

/** Concatenates the results of pushing v in chunks cut at `cuts`. */
export function streamed(d: Detector, params: DetectorParams, kernels: Kernels, v: Float64Array, cuts: number[]): DetectorResult {
  const s = d.stream(params, kernels);
  const out: DetectorResult = { score: new Float64Array(v.length), flag: new Uint8Array(v.length), raw: new Float64Array(v.length) };
  let from = 0;
  for (const to of [...cuts, v.length]) {
    const r = s.push(series(v.slice(from, to), from));
    out.score.set(r.score, from);
    out.flag.set(r.flag, from);
    out.raw!.set(r.raw ?? new Float64Array(to - from).fill(NaN), from);
    from = to;
  }
  return out;
}

/** Bit-identical results (Object.is per element, so NaN = NaN and 0 ≠ -0). */
export function expectSameResult(a: DetectorResult, b: DetectorResult, what: string): void {
  expect(b.score.length, what).toBe(a.score.length);
  for (let i = 0; i < a.score.length; i++) {
    const same = Object.is(a.score[i], b.score[i]) && a.flag[i] === b.flag[i] && (!a.raw || !b.raw || Object.is(a.raw[i], b.raw[i]));
    if (same) continue; // expect() per element only on a mismatch (long series)
    expect(`${a.score[i]} ${a.flag[i]} ${a.raw?.[i]}`, `${what}: point ${i} (score flag raw)`).toBe(`${b.score[i]} ${b.flag[i]} ${b.raw?.[i]}`);
    expect(`0 vs -0 at ${i}`, what).toBe('');
  }
}

/** The contract properties over random series, random params (from `paramsArb`) and random chunkings. */
export function checkDetectorProperties(
  d: Detector, kernels: Kernels, paramsArb: fc.Arbitrary<DetectorParams>, maxLength = 300, numRuns = 150,
): void {
  fc.assert(
    fc.property(seriesArb(maxLength).chain((v) => fc.tuple(fc.constant(v), cutsArb(v.length), paramsArb)), ([v, cuts, params]) => {
      const batch = d.detect(series(v), params, kernels);
      checkScoreRange(batch, v.length);
      expectSameResult(batch, d.detect(series(v.slice()), params, kernels), 'determinism');
      expectSameResult(batch, streamed(d, params, kernels, v, cuts), `chunked at ${cuts.join(',')}`);
      // No look-ahead: scores of a prefix do not change when later points change.
      const cut = cuts[0] ?? v.length >> 1;
      const changed = v.slice();
      for (let i = cut; i < v.length; i++) changed[i] = changed[i] * -3 + 7;
      const other = d.detect(series(changed), params, kernels);
      for (let i = 0; i < cut; i++) expect(Object.is(other.score[i], batch.score[i]), `look-ahead at ${i}`).toBe(true);
    }),
    { numRuns },
  );
}

/** Runs `d` over seeded synthetic series of `kind` and asserts event recall and point precision. */
export function expectFinds(
  d: Detector, kernels: Kernels, params: DetectorParams, kind: AnomalyKind, seeds: number[], bar: { precision: number; recall: number },
): void {
  for (const seed of seeds) {
    const { v, anomalies } = syntheticSeries({ kind, seed });
    const q = detectionQuality(d.detect(series(v), params, kernels).flag, anomalies);
    expect(q.recall, `${kind} seed ${seed} ${JSON.stringify(q)}`).toBeGreaterThanOrEqual(bar.recall);
    expect(q.precision, `${kind} seed ${seed} ${JSON.stringify(q)}`).toBeGreaterThanOrEqual(bar.precision);
  }
}
