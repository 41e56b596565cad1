// Robust z-score (median/MAD) and IQR-fence detectors: contract properties (range, chunked == batch,
// no look-ahead), edge cases, and injected spikes and variance changes found at stated precision / recall.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { iqrDetector, IQR_PARAMS } from '../../src/analysis/detectors/iqr';
import { madDetector, MAD_PARAMS } from '../../src/analysis/detectors/mad';
import { findDetector } from '../../src/analysis/detectors/registry';
import { resolveParams, type Detector, type ParamSpec } from '../../src/analysis/detectors/types';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { checkDetectorProperties, cutsArb, expectFinds, expectSameResult, streamed } from '../reference/detector-checks';
import { syntheticSeries } from '../reference/synthetic-anomalies';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

const series = (v: Float64Array) => ({ t: Float64Array.from(v, (_, i) => i), v });

interface Case {
  detector: Detector;
  specs: readonly ParamSpec[];
  spike: { precision: number; recall: number };
  variance: { precision: number; recall: number };
}

const cases: Case[] = [
  { detector: madDetector, specs: MAD_PARAMS, spike: { precision: 0.95, recall: 0.95 }, variance: { precision: 0.95, recall: 0.95 } },
  { detector: iqrDetector, specs: IQR_PARAMS, spike: { precision: 0.9, recall: 0.95 }, variance: { precision: 0.95, recall: 0.95 } },
];

describe.each(cases)('$detector.name detector', ({ detector, specs, spike, variance }) => {
  const params = (given: Record<string, number> = {}) => resolveParams(specs, given);
  const paramsArb = fc
    .record({ window: fc.integer({ min: 4, max: 50 }), threshold: fc.double({ min: 0.5, max: 6, noNaN: true }) })
    .map((p) => params(p));

  it('is registered', () => expect(findDetector(detector.name)).toBe(detector));

  it('scores in [0, 1], flag ⇔ score > 0.5, deterministic, chunked == batch, no look-ahead', () => {
    checkDetectorProperties(detector, kernels, paramsArb);
  });

  it('chunked == batch on a long series across kernel segments', () => {
    const { v } = syntheticSeries({ kind: 'variance-change', seed: 8, n: 140_000 });
    const p = params();
    const batch = detector.detect(series(v), p, kernels);
    fc.assert(fc.property(cutsArb(v.length), (cuts) => expectSameResult(batch, streamed(detector, p, kernels, v, cuts), 'long')), { numRuns: 3 });
  });

  it('edge cases: empty, length 1, constant, off a constant window, ±Infinity, NaN, warm-up', () => {
    expect(detector.detect(series(new Float64Array(0)), params(), kernels).score.length).toBe(0);
    expect(Array.from(detector.detect(series(Float64Array.of(1)), params(), kernels).score)).toEqual([0]);
    expect(detector.detect(series(new Float64Array(300).fill(2)), params(), kernels).score.every((s) => s === 0)).toBe(true);
    const v = new Float64Array(300).fill(2);
    v[150] = 2.5;
    v[200] = NaN;
    v[201] = Infinity;
    const r = detector.detect(series(v), params({ window: 20 }), kernels);
    expect(r.score.subarray(0, 10).every((s) => s === 0)).toBe(true); // judged once half the window is in
    expect([r.score[150], r.flag[150]]).toEqual([1, 1]);
    expect([r.score[151], r.flag[151]]).toEqual([0, 0]); // one value does not move a robust window
    expect([r.score[200], r.flag[200]]).toEqual([0, 0]);
    expect([r.score[201], r.flag[201], r.raw![201]]).toEqual([1, 1, Infinity]);
    // Mostly one value with a few others: the zero-spread fallback scale keeps them from scoring 1.
    const steps = Float64Array.from({ length: 400 }, (_, i) => (i % 10 === 0 ? 3 : 2));
    const s = detector.detect(series(steps), params(), kernels);
    expect(s.score.every((x) => x < 1)).toBe(true);
  });

  it(`finds injected spikes (50 of 7–12σ in 20 000 points) at the stated bar`, () => {
    expectFinds(detector, kernels, params(), 'spike', [1, 2, 3], spike);
  });

  it('finds variance changes (σ × 5 for 200 points, 49 bursts) at the stated bar', () => {
    expectFinds(detector, kernels, params(), 'variance-change', [4, 5, 6], variance);
  });
});
