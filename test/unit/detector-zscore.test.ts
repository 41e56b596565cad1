// Adaptive z-score detector: contract properties (range, chunked == batch, no look-ahead), z against
// the from-scratch reference, the adaptive-threshold rule, and injected spikes / level shifts found.
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDetector, SERIES_DETECTORS } from '../../src/analysis/detectors/registry';
import { resolveParams } from '../../src/analysis/detectors/types';
import { warmUpPoints, zscoreDetector, ZSCORE_PARAMS } from '../../src/analysis/detectors/zscore';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { checkDetectorProperties, cutsArb, expectFinds, expectSameResult, streamed } from '../reference/detector-checks';
import { adaptiveThreshold } from '../reference/adaptive-z';
import { nabValues } from '../reference/nab-values';
import { referenceZScore, windowStats } from '../reference/rolling';
import { seededRandom } from '../reference/synthetic-anomalies';
import { sharedDir } from './csv-helpers';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

const series = (v: Float64Array) => ({ t: Float64Array.from(v, (_, i) => i), v });
const params = (given: Record<string, number> = {}) => resolveParams(ZSCORE_PARAMS, given);

const paramsArb = fc
  .record({
    window: fc.integer({ min: 2, max: 40 }), shortWindow: fc.integer({ min: 2, max: 40 }), threshold: fc.double({ min: 0.5, max: 6, noNaN: true }),
    adaptLimit: fc.double({ min: 1, max: 4, noNaN: true }), commonShare: fc.constantFrom(0, 0.05, 0.3),
  })
  .map((p) => params(p));

describe('zscore detector', () => {
  it('is registered', () => {
    expect(findDetector('zscore')).toBe(zscoreDetector);
    expect(SERIES_DETECTORS).toContain(zscoreDetector);
  });

  it('scores in [0, 1], flag ⇔ score > 0.5, deterministic, chunked == batch, no look-ahead', () => {
    checkDetectorProperties(zscoreDetector, kernels, paramsArb);
  });

  it('chunked == batch across the aligned kernel periods (long series, random chunks)', () => {
    const rand = seededRandom(7);
    const v = Float64Array.from({ length: 9000 }, (_, i) => 1e6 + Math.sin(i / 50) * 10 + rand() + (rand() < 0.01 ? NaN : 0));
    fc.assert(
      fc.property(cutsArb(v.length), fc.constantFrom(2, 17, 100, 1500), (cuts, window) => {
        const p = params({ window, shortWindow: Math.min(20, window) });
        expectSameResult(zscoreDetector.detect(series(v), p, kernels), streamed(zscoreDetector, p, kernels, v, cuts), `window ${window}`);
      }),
      { numRuns: 8 },
    );
  });

  it('raw z matches the from-scratch reference', () => {
    const rand = seededRandom(3);
    const v = Float64Array.from({ length: 3000 }, () => (rand() < 0.02 ? NaN : 50 + 10 * rand()));
    const p = params({ window: 30 });
    const r = zscoreDetector.detect(series(v), p, kernels);
    const ref = referenceZScore(v, { window: 30, threshold: 4 });
    for (let i = 0; i < v.length; i++) {
      if (Number.isNaN(ref.score[i]) || windowStats(v, i, 30).count < warmUpPoints(30)) {
        expect(r.raw![i], `i=${i}`).toBeNaN();
        expect(r.score[i]).toBe(0);
      } else expect(Math.abs(r.raw![i] - ref.score[i]), `i=${i}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref.score[i])));
    }
  });

  it('adaptive threshold: scales with sqrt(σ_recent / σ_window) within [1, limit]', () => {
    expect(adaptiveThreshold(4, 2, 1, 1)).toBe(4);
    expect(adaptiveThreshold(4, 2, 4, 1)).toBe(8); // sqrt(4) = 2
    expect(adaptiveThreshold(4, 2, 100, 1)).toBe(8); // bounded
    expect(adaptiveThreshold(4, 2, 2.25, 1)).toBe(6);
    expect(adaptiveThreshold(4, 2, 1, 4)).toBe(4); // calm: never below the base threshold
    expect(adaptiveThreshold(4, 2, 0, 4)).toBe(4);
    expect(adaptiveThreshold(4, 1, 100, 1)).toBe(4); // limit 1: no adaptation
    expect(adaptiveThreshold(4, 2, NaN, 1)).toBe(4);
    expect(adaptiveThreshold(4, 2, 3, 0)).toBe(4);
  });

  it('edge cases: empty, length 1, constant, off a constant window, ±Infinity, NaN', () => {
    expect(zscoreDetector.detect(series(new Float64Array(0)), params(), kernels).score.length).toBe(0);
    expect(Array.from(zscoreDetector.detect(series(Float64Array.of(5)), params(), kernels).score)).toEqual([0]);
    const constant = zscoreDetector.detect(series(new Float64Array(500).fill(3)), params(), kernels);
    expect(constant.score.every((s) => s === 0)).toBe(true);
    const v = new Float64Array(200).fill(3);
    v[150] = 3.001;
    v[160] = Infinity;
    v[170] = NaN;
    v[180] = -Infinity;
    const r = zscoreDetector.detect(series(v), params({ window: 20 }), kernels);
    expect([r.score[150], r.flag[150]]).toEqual([1, 1]); // std 0: every other value is infinitely far
    expect([r.score[160], r.flag[160], r.raw![160]]).toEqual([1, 1, Infinity]);
    expect([r.score[170], r.flag[170]]).toEqual([0, 0]);
    expect([r.score[180], r.flag[180]]).toEqual([1, 1]);
    expect(r.score[171]).toBe(0); // NaN and ±Infinity never enter the window
    expect(r.score.subarray(0, 10).every((s) => s === 0)).toBe(true); // warm-up: half the window
  });

  it('finds injected spikes: precision ≥ 0.9, recall ≥ 0.95 (50 spikes of 7–12σ in 20 000 points)', () => {
    expectFinds(zscoreDetector, kernels, params(), 'spike', [1, 2, 3], { precision: 0.9, recall: 0.95 });
  });

  it('finds level shifts within 25 points: precision ≥ 0.9, recall ≥ 0.95 (shifts of 6–10σ)', () => {
    expectFinds(zscoreDetector, kernels, params(), 'level-shift', [4, 5, 6], { precision: 0.9, recall: 0.95 });
  });

  it('on NAB art_daily_no_noise (no labelled anomaly) flags only the first points after its daily steps', () => {
    // Flat stretches between steps: a window of one value has σ 0, and before the same-as-before rule
    // (adaptive-z.ts) its mean, a rounding off that value, put the flat value itself infinitely far:
    // 118 more flags, in the middle of flat stretches.
    const v = nabValues(resolve(sharedDir, 'data/nab/data/artificialNoAnomaly/art_daily_no_noise.csv'));
    const r = zscoreDetector.detect(series(v), resolveParams(ZSCORE_PARAMS), kernels);
    const flagged = [...r.flag.keys()].filter((i) => r.flag[i] === 1);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.length).toBeLessThanOrEqual(90);
    for (const i of flagged) expect([0, 1, 2].some((b) => v[i - b] !== v[i - b - 1]), `flag at ${i}`).toBe(true);
  });

  it('on a two-level quantized series flags its spikes, not visits to its second level (commonShare)', () => {
    // 0 most of the time, 1 for about 7% of points (z ≈ 3.7 against a window holding a few of them),
    // spikes to 10: at threshold 3 the visits pass, and are cleared as the window holds several ones.
    const rand = seededRandom(3);
    const v = Float64Array.from({ length: 5000 }, () => (rand() < 0.07 ? 1 : 0));
    const spikes = [700, 1500, 2300, 3100, 3900, 4700];
    for (const at of spikes) v[at] = 10;
    const p = params({ threshold: 3, adaptLimit: 1 });
    const r = zscoreDetector.detect(series(v), p, kernels);
    for (const at of spikes) expect(r.flag[at], `spike at ${at}`).toBe(1);
    const visits = (x: { flag: Uint8Array }) => [...x.flag.keys()].filter((i) => x.flag[i] === 1 && v[i] === 1).length;
    const off = zscoreDetector.detect(series(v), { ...p, commonShare: 0 }, kernels);
    expect(visits(off)).toBeGreaterThan(50);
    expect(visits(r)).toBeLessThanOrEqual(visits(off) / 4); // 51 of 263: the rest come while fewer than 5 ones are in the window
    fc.assert(fc.property(cutsArb(v.length), (cuts) => expectSameResult(r, streamed(zscoreDetector, p, kernels, v, cuts), 'quantized')), { numRuns: 5 });
  });
});
