// EWMA deviation detector: contract properties (range, chunked == batch, no look-ahead), the half-life
// rule, edge cases, and injected spikes and level shifts found at stated precision / recall.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { alphaOf, ewmaDetector, EWMA_PARAMS } from '../../src/analysis/detectors/ewma';
import { findDetector } from '../../src/analysis/detectors/registry';
import { resolveParams } from '../../src/analysis/detectors/types';
import { EWMA_LANE_POINTS } from '../../src/kernels/ewma';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { checkDetectorProperties, cutsArb, expectFinds, expectSameResult, streamed } from '../reference/detector-checks';
import { syntheticSeries } from '../reference/synthetic-anomalies';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

const series = (v: Float64Array) => ({ t: Float64Array.from(v, (_, i) => i), v });
const params = (given: Record<string, number> = {}) => resolveParams(EWMA_PARAMS, given);
const paramsArb = fc
  .record({ halfLife: fc.double({ min: 0.5, max: 30, noNaN: true }), threshold: fc.double({ min: 0.5, max: 6, noNaN: true }) })
  .map((p) => params(p));

describe('ewma detector', () => {
  it('is registered', () => expect(findDetector('ewma')).toBe(ewmaDetector));

  it('scores in [0, 1], flag ⇔ score > 0.5, deterministic, chunked == batch, no look-ahead', () => {
    checkDetectorProperties(ewmaDetector, kernels, paramsArb);
  });

  it('chunked == batch on a long series across kernel segments', () => {
    const { v } = syntheticSeries({ kind: 'spike', seed: 9, n: 280_000 });
    expect(v.length / 4).toBeGreaterThan(EWMA_LANE_POINTS); // the kernel's lanes cross a segment
    const p = params();
    const batch = ewmaDetector.detect(series(v), p, kernels);
    fc.assert(fc.property(cutsArb(v.length), (cuts) => expectSameResult(batch, streamed(ewmaDetector, p, kernels, v, cuts), 'long')), { numRuns: 3 });
  });

  it('half-life: a point weighs half after halfLife points', () => {
    expect((1 - alphaOf(20)) ** 20).toBeCloseTo(0.5, 12);
    expect(alphaOf(0.5)).toBeCloseTo(0.75, 12);
  });

  it('edge cases: empty, length 1, constant, off a constant run, ±Infinity, NaN, warm-up', () => {
    expect(ewmaDetector.detect(series(new Float64Array(0)), params(), kernels).score.length).toBe(0);
    expect(Array.from(ewmaDetector.detect(series(Float64Array.of(1)), params(), kernels).score)).toEqual([0]);
    expect(ewmaDetector.detect(series(new Float64Array(300).fill(2)), params(), kernels).score.every((s) => s === 0)).toBe(true);
    const v = new Float64Array(300).fill(2);
    v[100] = 2.5;
    v[200] = NaN;
    v[201] = -Infinity;
    const r = ewmaDetector.detect(series(v), params(), kernels);
    expect([r.score[100], r.flag[100]]).toEqual([1, 1]);
    expect([r.score[200], r.flag[200]]).toEqual([0, 0]);
    expect([r.score[201], r.flag[201], r.raw![201]]).toEqual([1, 1, -Infinity]);
    const warm = new Float64Array(100).fill(2);
    warm[5] = 1e9; // inside the warm-up (2 half-lives = 40 points): not judged, but absorbed
    warm[39] = 3;
    const w = ewmaDetector.detect(series(warm), params(), kernels);
    expect(w.score.subarray(0, 40).every((s) => s === 0)).toBe(true);
    expect(w.score[40]).toBeGreaterThan(0);
  });

  it('finds injected spikes: precision ≥ 0.95, recall ≥ 0.95 (50 spikes of 7–12σ in 20 000 points)', () => {
    expectFinds(ewmaDetector, kernels, params(), 'spike', [1, 2, 3], { precision: 0.95, recall: 0.95 });
  });

  it('finds level shifts within 25 points: precision ≥ 0.95, recall ≥ 0.95 (shifts of 6–10σ)', () => {
    expectFinds(ewmaDetector, kernels, params(), 'level-shift', [4, 5, 6], { precision: 0.95, recall: 0.95 });
  });
});
