// The likelihood detector: no look-ahead (scores up to row i never change when later rows do), chunked
// streams equal batch, scores in [0, 1], a jump beyond the range seen scores 1, missing values score 0.

import { describe, expect, it } from 'vitest';
import { likelihoodDetector, LIKELIHOOD_PARAMS } from '../../src/analysis/detectors/likelihood';
import { resolveParams, type SeriesPoints } from '../../src/analysis/detectors/types';
import { streamScores, WINDOWED_GAUSSIAN, type NabDetector } from '../../src/analysis/nab/run';
import { loadKernelsNode } from '../../src/kernels/node';
import { logLikelihood } from '../reference/likelihood';

const params = resolveParams(LIKELIHOOD_PARAMS);
const kernels = await loadKernelsNode();
const asNab: NabDetector = { name: 'likelihood', label: '', stream: () => likelihoodDetector.stream(params, kernels) };

/** Deterministic noisy daily-ish series with a few level shifts and spikes (mulberry32). */
function series(n: number, seed: number): SeriesPoints {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const t = Float64Array.from({ length: n }, (_, i) => i * 300_000);
  const v = Float64Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 288) + 3 * rand() + (i > n / 2 ? 8 : 0) + (rand() < 0.005 ? 40 : 0));
  return { t, v };
}

describe('likelihood detector', () => {
  const s = series(3000, 7);
  const batch = likelihoodDetector.detect(s, params, kernels).score;

  it('scores are in [0, 1], 0 while learning, and not all equal after it', () => {
    for (const x of batch) expect(x >= 0 && x <= 1).toBe(true);
    expect(batch.slice(0, params.learning).every((x) => x === 0)).toBe(true);
    expect(new Set(batch.slice(params.learning)).size).toBeGreaterThan(10);
  });

  it.each([1, 7, 64, 1000])('a stream in chunks of %i equals the batch result', (chunk) => {
    expect(streamScores(asNab, s.t, s.v, chunk)).toEqual(batch);
  });

  it.each([400, 1500, 2900])('no look-ahead: scores of rows <= %i are unchanged when every later row is altered', (i) => {
    const altered = { t: s.t, v: s.v.slice() };
    for (let j = i + 1; j < altered.v.length; j++) altered.v[j] = j % 3 === 0 ? 1e6 : -altered.v[j];
    const again = likelihoodDetector.detect(altered, params, kernels).score;
    expect(again.slice(0, i + 1)).toEqual(batch.slice(0, i + 1));
    expect(again.slice(i + 1)).not.toEqual(batch.slice(i + 1));
  });

  it('the windowed-Gaussian baseline has no look-ahead either', () => {
    const base = streamScores(WINDOWED_GAUSSIAN, s.t, s.v);
    const altered = s.v.slice();
    altered.fill(1e9, 1001);
    expect(streamScores(WINDOWED_GAUSSIAN, s.t, altered).slice(0, 1001)).toEqual(base.slice(0, 1001));
  });

  it('a value far beyond the range seen so far scores 1; a missing value scores 0', () => {
    const flat = { t: Float64Array.from({ length: 600 }, (_, i) => i), v: Float64Array.from({ length: 600 }, (_, i) => 10 + (i % 5)) };
    flat.v[500] = 100;
    flat.v[550] = NaN;
    const out = likelihoodDetector.detect(flat, params, kernels).score;
    expect(out[500]).toBe(1);
    expect(out[550]).toBe(0);
    expect(Math.max(...out.slice(params.learning, 500))).toBeLessThan(0.5);
  });

  it('after an alarm, scores are halved for restShare x learning points (CAD OSE: a fifth), then whole again', () => {
    const flat = { t: Float64Array.from({ length: 700 }, (_, i) => i), v: Float64Array.from({ length: 700 }, (_, i) => 10 + (i % 5)) };
    flat.v[400] = 100;
    flat.v[430] = 200;
    flat.v[600] = 400;
    const out = likelihoodDetector.detect(flat, params, kernels);
    expect(params.learning * params.restShare).toBe(60);
    expect([out.score[400], out.score[430], out.score[600]]).toEqual([1, 0.5, 1]);
    expect([out.flag[400], out.flag[430], out.flag[600]]).toEqual([1, 0, 1]);
  });

  it('uses HTM log scale: 0.5 at likelihood 1 - 1e-5', () => {
    expect(logLikelihood(1 - 1e-5)).toBeCloseTo(0.5, 6);
    expect(logLikelihood(0)).toBeCloseTo(0, 9);
  });
});
