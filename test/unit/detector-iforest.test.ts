// Isolation Forest and LOF detectors: the detector contract on random series (scores in [0, 1], flag ⇔
// score > 0.5, stream == detect bit for bit across refits, determinism, no look-ahead), the refit plan,
// injected level shifts / variance changes (iForest) and spikes (LOF) at stated bars, aligned series.
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitBoundary, firstNeeded } from '../../src/analysis/detectors/features-fit';
import { seriesFeatures } from '../../src/analysis/detectors/features';
import { iforestDetector, isolationForestAligned, isolationScore } from '../../src/analysis/detectors/iforest';
import { lofAligned, lofDetector, lofScore } from '../../src/analysis/detectors/lof';
import { resolveParams } from '../../src/analysis/detectors/types';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { checkDetectorProperties, cutsArb, expectFinds, expectSameResult, streamed } from '../reference/detector-checks';
import { Xoshiro128 } from '../reference/prng';
import { normals } from '../reference/ml-data';
import { nabValues } from '../reference/nab-values';
import { quantizedCpuSeries } from '../reference/quantized-series';
import { syntheticSeries } from '../reference/synthetic-anomalies';
import { sharedDir } from './csv-helpers';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

const planArb = { window: fc.integer({ min: 2, max: 8 }), train: fc.integer({ min: 16, max: 60 }), refit: fc.integer({ min: 1, max: 40 }) };
const forestArb = fc.record({
  ...planArb,
  trees: fc.integer({ min: 1, max: 8 }),
  sampleSize: fc.integer({ min: 2, max: 64 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  threshold: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
});
const lofArb = fc.record({ ...planArb, k: fc.integer({ min: 1, max: 12 }), threshold: fc.double({ min: 1.01, max: 10, noNaN: true }) });

const series = (v: Float64Array) => ({ t: Float64Array.from(v, (_, i) => i * 1000), v });

describe('ML detectors: the refit plan and features', () => {
  it('fits at train, train + refit, …; keeps what later points need', () => {
    const plan = { train: 100, refit: 30 };
    expect([0, 99, 100, 129, 130, 171].map((a) => fitBoundary(a, plan))).toEqual([-1, -1, 100, 100, 130, 160]);
    expect(firstNeeded(50, plan, 8)).toBe(0);
    expect(firstNeeded(135, plan, 8)).toBe(22);
  });

  it('features read only the window before a point and the point (no look-ahead), NaN rows without history', () => {
    const v = Float64Array.of(1, 2, 3, 10, 4, NaN, 5, 6, 7, 8);
    const f = seriesFeatures(v, 3, 0, v.length, kernels);
    expect([...f.data.subarray(0, 6)]).toEqual([NaN, NaN, NaN, NaN, NaN, NaN]);
    expect([...f.data.subarray(6, 8)]).toEqual([10 - 2, 1]); // median(1, 2, 3) = 2; MAD = median(1, 0, 1)
    expect(f.data[2 * 5]).toBeNaN(); // v[5] is NaN
    expect(f.data[2 * 8]).toBeNaN(); // its window holds NaN
    expect([...f.data.subarray(18, 20)]).toEqual([8 - 6, 1]);
  });

  it('maps raw outputs so that the threshold scores 0.5', () => {
    expect(isolationScore(0.65, 0.65)).toBe(0.5);
    expect(isolationScore(1, 0.65)).toBe(1);
    expect(isolationScore(0.3, 0.65)).toBeLessThan(0.5);
    expect(isolationScore(NaN, 0.65)).toBe(0);
    expect(lofScore(4, 4)).toBe(0.5);
    expect(lofScore(0.9, 4)).toBe(0);
    expect(lofScore(40, 4)).toBeGreaterThan(0.9);
  });
});

describe('Isolation Forest detector', () => {
  it('keeps the detector contract on random series (stream == detect across refits, determinism, no look-ahead)', () => {
    checkDetectorProperties(iforestDetector, kernels, forestArb, 200, 60);
  });

  it('scores 0 before the first fit and streams a long series in uneven chunks exactly as batch', () => {
    const { v } = syntheticSeries({ kind: 'level-shift', seed: 9, n: 5000 });
    const params = resolveParams(iforestDetector.params, { train: 700, refit: 333, trees: 30 });
    const batch = iforestDetector.detect(series(v), params, kernels);
    expect(batch.score.subarray(0, 700).every((s) => s === 0)).toBe(true);
    expectSameResult(batch, streamed(iforestDetector, params, kernels, v, [1, 699, 700, 701, 1500, 1501, 4000]), 'chunked');
  });

  it('finds level shifts within 25 points: precision ≥ 0.95, recall ≥ 0.9 (6–10σ, 49 shifts, 2 before the first fit)', () => {
    expectFinds(iforestDetector, kernels, resolveParams(iforestDetector.params), 'level-shift', [4, 5], { precision: 0.95, recall: 0.9 });
  });

  it('finds variance changes (σ × 5): precision ≥ 0.95, recall ≥ 0.9', () => {
    expectFinds(iforestDetector, kernels, resolveParams(iforestDetector.params), 'variance-change', [6, 7], { precision: 0.95, recall: 0.9 });
  });
});

/** Flagged points that are not injected spikes. */
const offSpikes = (flag: Uint8Array, spikes: number[]): number[] => [...flag.keys()].filter((i) => flag[i] === 1 && !spikes.includes(i));

describe('ML detectors on quantized series (commonShare, as the window detectors)', () => {
  it('Isolation Forest flags the spikes, not visits to the usual levels; commonShare 0 keeps them all', () => {
    // quantizedCpuSeries: 12 spikes, the first two before the first fit at 1024. Without the rule the
    // forest flags the rarer levels' visits (211 points here).
    const { v, spikes } = quantizedCpuSeries();
    const p = resolveParams(iforestDetector.params);
    const r = iforestDetector.detect(series(v), p, kernels);
    expect(spikes.filter((at) => at >= p.train && r.flag[at] === 1).length).toBeGreaterThanOrEqual(9);
    expect(offSpikes(r.flag, spikes).length).toBeLessThanOrEqual(3);
    expect(r.score.every((x, i) => r.flag[i] === 1 || x <= 0.5)).toBe(true);
    const off = iforestDetector.detect(series(v), { ...p, commonShare: 0 }, kernels);
    expect(offSpikes(off.flag, spikes).length).toBeGreaterThan(100);
  });

  it('on real quantized CPU series (NAB ec2_cpu_utilization c6585a, 24ae8d) the forest flags 25 points or fewer (118 and 139 without the rule)', () => {
    for (const path of [resolve(sharedDir, 'data/nab/data/realAWSCloudwatch/ec2_cpu_utilization_c6585a.csv'), 'test/fixtures/csv/nab_ec2_cpu_utilization_24ae8d.csv']) {
      const v = nabValues(path);
      const flags = (share: number) => iforestDetector.detect(series(v), resolveParams(iforestDetector.params, { commonShare: share }), kernels).flag.reduce((a, b) => a + b, 0);
      const n = flags(0.05);
      expect(n, path).toBeGreaterThanOrEqual(10);
      expect(n, path).toBeLessThanOrEqual(25);
      expect(flags(0), path).toBeGreaterThan(100);
    }
  });

  it('chunked == batch when the training window is shorter than the rule\'s 256 points (the stream keeps those too)', () => {
    // Noise around 0 with twenty visits to 30 in [150, 250), then 30 again at 420: the model (64
    // training points) flags it (the forest at threshold 0.6: 64 points cap its score near 0.64),
    // and only the visits 170–256 points back clear it.
    const gauss = normals(new Xoshiro128(3));
    const v = Float64Array.from({ length: 600 }, (_, i) => ((i >= 150 && i < 250 && i % 5 === 0) || i === 420 ? 30 : gauss()));
    for (const [d, given] of [[iforestDetector, { threshold: 0.6 }], [lofDetector, {}]] as const) {
      const p = resolveParams(d.params, { train: 64, refit: 16, ...given });
      const batch = d.detect(series(v), p, kernels);
      expect(d.detect(series(v), { ...p, commonShare: 0 }, kernels).flag[420], d.name).toBe(1);
      expect(batch.flag[420], d.name).toBe(0);
      for (const cuts of [[300, 410], [419], [100, 200, 300, 400, 500]]) expectSameResult(batch, streamed(d, p, kernels, v, cuts), `${d.name} chunked at ${cuts}`);
    }
  });
});

describe('LOF detector', () => {
  it('keeps the detector contract on random series (stream == detect across refits, determinism, no look-ahead)', () => {
    checkDetectorProperties(lofDetector, kernels, lofArb, 200, 60);
  });

  it('finds spikes: precision ≥ 0.85, recall ≥ 0.9 (7–12σ single points, 49 spikes, 2 before the first fit)', () => {
    expectFinds(lofDetector, kernels, resolveParams(lofDetector.params), 'spike', [4, 5], { precision: 0.85, recall: 0.9 });
  });

  it('on a quantized series flags its spikes, not visits to its usual levels (distinct training rows; chunked == batch)', () => {
    // quantizedCpuSeries: levels 0.066/0.068, visits to 0.132–0.136, 12 spikes to 1.3–1.6 (the first
    // two before the first fit at 1024). Fitted on every row, the repeats made densities the 1e-10
    // clamp: 182 flags, LOF 10^8 one lattice step from a common row.
    const { v, spikes } = quantizedCpuSeries();
    const p = resolveParams(lofDetector.params);
    const r = lofDetector.detect(series(v), p, kernels);
    const judged = spikes.filter((at) => at >= p.train);
    expect(judged.length).toBe(10);
    for (const at of judged) expect(r.flag[at], `spike at ${at}`).toBe(1);
    const others = offSpikes(r.flag, spikes);
    expect(others.length, `flags off the spikes: ${others.map((i) => `${i}:${v[i]}`)}`).toBeLessThanOrEqual(3);
    fc.assert(fc.property(cutsArb(v.length), (cuts) => expectSameResult(r, streamed(lofDetector, p, kernels, v, cuts), 'quantized')), { numRuns: 3 });
  });

  it('on real quantized CPU series (NAB ec2_cpu_utilization c6585a, 24ae8d) flags only the excursions above 1.3', () => {
    // Before: 115 and 358 flags, most of them visits to the usual levels 0.066–0.2; now 10 and 11.
    for (const path of [resolve(sharedDir, 'data/nab/data/realAWSCloudwatch/ec2_cpu_utilization_c6585a.csv'), 'test/fixtures/csv/nab_ec2_cpu_utilization_24ae8d.csv']) {
      const v = nabValues(path);
      const r = lofDetector.detect(series(v), resolveParams(lofDetector.params), kernels);
      const flagged = [...r.flag.keys()].filter((i) => r.flag[i] === 1);
      expect(flagged.length, path).toBeGreaterThanOrEqual(8);
      expect(flagged.length, path).toBeLessThanOrEqual(15);
      for (const i of flagged) expect(v[i], `${path} row ${i}`).toBeGreaterThan(1.3);
    }
  });

  it('after a flat stretch (one distinct training row) still flags a departure from it', () => {
    const v = new Float64Array(3000).fill(5);
    v[2000] = 6;
    const r = lofDetector.detect(series(v), resolveParams(lofDetector.params), kernels);
    expect([...r.flag.keys()].filter((i) => r.flag[i] === 1)).toEqual([2000]);
  });
});

describe('aligned multi-series input', () => {
  /** Two series that move together (b ≈ a, σ 5) with `breaks` where a = +gap and b = -gap. */
  function pair(gap: number, breaks: number[]): [Float64Array, Float64Array] {
    const gauss = normals(new Xoshiro128(77));
    const a = new Float64Array(3000);
    const b = new Float64Array(3000);
    for (let i = 0; i < a.length; i++) {
      a[i] = 5 * gauss();
      b[i] = a[i] + 0.3 * gauss();
    }
    for (const i of breaks) {
      a[i] = gap;
      b[i] = -gap;
    }
    return [a, b];
  }
  const breaks = [1500, 1700, 1900, 2100, 2300, 2500, 2600, 2700, 2800, 2900];
  const plan = { train: 1000, refit: 500 };
  const expectFound = (flag: Uint8Array, maxFlags: number): void => {
    expect(breaks.filter((i) => flag[i] === 1).length).toBeGreaterThanOrEqual(9);
    expect(flag.reduce((s, f) => s + f, 0)).toBeLessThanOrEqual(maxFlags);
  };

  it('LOF flags a correlation break inside both series\' ranges (±4 where they move together): ≥ 9 of 10, ≤ 20 flags', () => {
    expectFound(lofAligned(pair(4, breaks), resolveParams(lofDetector.params, plan), kernels).flag, 20);
  });

  // At the default threshold the forest also flags the 2-D Gaussian tail (57 of the 2000 judged rows here).
  it('Isolation Forest flags joint excursions beyond the series\' ranges (±25; its cuts are axis-parallel): ≥ 9 of 10, ≤ 3% of rows flagged', () => {
    expectFound(isolationForestAligned(pair(25, breaks), resolveParams(iforestDetector.params, plan), kernels).flag, 60);
  });
});
