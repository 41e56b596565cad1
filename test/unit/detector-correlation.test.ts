// The correlation detector: a break between series that normally move together is found at a stated
// precision / recall, groups are recovered on a 6-series set with 2 groups, and the matrix is right.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  correlationBreaks, correlationDetector, correlationGroups, correlationMatrix,
} from '../../src/analysis/detectors/correlation';
import { resolveParams, type SeriesPoints } from '../../src/analysis/detectors/types';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { gaussian, seededRandom } from '../reference/synthetic-anomalies';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5);
const N = 4000;
const BREAK = { from: 2000, to: 2300 };

/** AR(1) path (φ = 0.8, unit innovations). */
function ar1(normal: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 1; i < n; i++) out[i] = 0.8 * out[i - 1] + normal();
  return out;
}

/**
 * Six series sampled every minute: 0–2 follow latent A, 3–5 latent B (scaled, offset, noise σ 0.5).
 * With `decouple`, series 1 follows its own independent path during BREAK: values just as normal-looking.
 */
function dataset(seed: number, decouple: boolean): SeriesPoints[] {
  const normal = gaussian(seededRandom(seed));
  const a = ar1(normal, N);
  const b = ar1(normal, N);
  const own = ar1(normal, N);
  const t = Float64Array.from({ length: N }, (_, i) => T0 + i * MINUTE);
  return [0, 1, 2, 3, 4, 5].map((k) => {
    const latent = k < 3 ? a : b;
    const v = Float64Array.from(t, (_, i) => {
      const x = decouple && k === 1 && i >= BREAK.from && i < BREAK.to ? own[i] : latent[i];
      return 100 * k + (1 + k / 2) * x + 0.5 * normal();
    });
    return { t, v };
  });
}

const params = resolveParams(correlationDetector.params, { window: 30 });

describe('correlation detector', () => {
  it('finds the break of series 1 away from its group: recall ≥ 0.8 inside the break, precision ≥ 0.95', () => {
    const series = dataset(11, true);
    const { series: results } = correlationDetector.detectMany(series, params, kernels);
    // Truth: the break, once a third of the window holds decoupled points, until the window has left it.
    const inBreak = (i: number) => i >= BREAK.from + 10 && i < BREAK.to;
    const mayFlag = (i: number) => i >= BREAK.from && i < BREAK.to + params.window;
    let hits = 0;
    let truth = 0;
    let flagged = 0;
    let falseFlags = 0;
    results.forEach((r, k) => {
      for (let i = 0; i < N; i++) {
        if (k === 1 && inBreak(i)) {
          truth++;
          hits += r.flag[i];
        }
        flagged += r.flag[i];
        if (r.flag[i] && !(k <= 2 && mayFlag(i))) falseFlags++;
      }
    });
    expect(hits / truth).toBeGreaterThanOrEqual(0.8);
    expect(1 - falseFlags / flagged).toBeGreaterThanOrEqual(0.95);
    // The other group is untouched.
    for (const k of [3, 4, 5]) expect(results[k].flag.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(5);
    for (const r of results) for (const s of r.score) expect(s >= 0 && s <= 1).toBe(true);
  });

  it('lists the break with its pair, time range, baseline r and the r during it', () => {
    const breaks = correlationBreaks(dataset(11, true), params, kernels);
    const main = breaks.filter((b) => b.end - b.start >= 60 * MINUTE);
    expect(main.map((b) => [b.a, b.b]).sort()).toEqual([[0, 1], [1, 2]]);
    for (const b of main) {
      expect(b.start).toBeGreaterThanOrEqual(T0 + BREAK.from * MINUTE);
      expect(b.start).toBeLessThan(T0 + (BREAK.from + 30) * MINUTE);
      expect(b.end).toBeLessThanOrEqual(T0 + (BREAK.to + params.window + 1) * MINUTE);
      expect(b.baselineR).toBeGreaterThan(0.8);
      expect(b.breakR).toBeLessThan(0.5); // uncorrelated or anti-correlated while decoupled
    }
  });

  it('flags almost nothing when the series keep moving together', () => {
    const { series: results } = correlationDetector.detectMany(dataset(12, false), params, kernels);
    const flagged = results.reduce((n, r) => n + r.flag.reduce((x, y) => x + y, 0), 0);
    expect(flagged / (6 * N)).toBeLessThan(0.005);
  });

  it('recovers the two groups from the matrix, and is deterministic', () => {
    const series = dataset(13, false);
    const matrix = correlationMatrix(series, kernels);
    expect(matrix[0][1]).toBeGreaterThan(0.8);
    expect(Math.abs(matrix[0][4])).toBeLessThan(0.3);
    expect(matrix[2][2]).toBe(1);
    expect(correlationGroups(matrix)).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(correlationMatrix(series, kernels)).toEqual(matrix);
    const a = correlationDetector.detectMany(series, params, kernels);
    const b = correlationDetector.detectMany(series.map((s) => ({ t: s.t.slice(), v: s.v.slice() })), params, kernels);
    expect(a).toEqual(b);
  });

  it('aligns series sampled on different grids and handles empty and single series', () => {
    const [x, y] = dataset(14, false);
    const coarse = { t: x.t.filter((_, i) => i % 3 === 0), v: x.v.filter((_, i) => i % 3 === 0) };
    const matrix = correlationMatrix([coarse, y], kernels);
    expect(matrix[0][1]).toBeGreaterThan(0.8);
    expect(correlationDetector.detectMany([], params, kernels).series).toEqual([]);
    const one = correlationDetector.detectMany([x], params, kernels).series[0];
    expect(one.flag.every((f) => f === 0)).toBe(true);
    const empty = { t: new Float64Array(0), v: new Float64Array(0) };
    expect(correlationDetector.detectMany([empty, empty], params, kernels).series[1].score.length).toBe(0);
  });
});
