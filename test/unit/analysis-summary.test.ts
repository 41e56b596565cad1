// The summary path of charts (min/max pyramids, per-chunk flag tops) gives exactly what the raw kernels
// give: range min/max against brute force, and whole charts of a 3 M-point series against the raw path.

import { beforeAll, describe, expect, it } from 'vitest';
import { chartOf, scoreSeries, SUMMARY_MIN_POINTS } from '../../src/analysis/chart';
import { largestScores, selectFlags } from '../../src/analysis/chart-flags';
import { BLOCK, buildPyramid, rangeMinMax } from '../../src/analysis/chart-summary';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import type { Series } from '../../src/model/series';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

/** xorshift32, deterministic. */
function random(seed: number): () => number {
  let s = seed | 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Values with NaN runs, ±Infinity, signed zeros and flat stretches among noise. */
function awkwardValues(n: number, seed: number): Float64Array {
  const r = random(seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r();
    v[i] = u < 0.002 ? NaN : u < 0.003 ? Infinity : u < 0.004 ? -Infinity : u < 0.006 ? -0 : u < 0.008 ? 0 : (r() - 0.5) * 100;
  }
  for (let at = 1000; at + 200 < n; at += 400_000) v.fill(at % 3 === 0 ? -0 : 5, at, at + 150); // flat → infinite z
  v.fill(NaN, Math.floor(n / 2), Math.floor(n / 2) + 5_000); // a long gap
  return v;
}

/** Irregular times: mostly 1 s steps, repeated timestamps, and an hour-long hole. */
function awkwardSeries(n: number, seed: number): Series {
  const r = random(seed + 1);
  const t = new Float64Array(n);
  let time = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    const u = r();
    time += u < 0.05 ? 0 : u < 0.06 ? 3_600_000 : 1000;
    t[i] = time;
  }
  return { name: 'awkward', labels: {}, t, v: awkwardValues(n, seed) };
}

/** Only signed zeros (and a NaN): the min is -0 and the max +0 whenever the range holds both. */
function zeros(n: number, seed: number): Float64Array {
  const r = random(seed);
  return Float64Array.from({ length: n }, () => (r() < 0.1 ? NaN : r() < 0.5 ? -0 : 0));
}

describe('rangeMinMax', () => {
  it('equals the finite min/max of every range (signed zeros as in wasm, NaN when none)', () => {
    for (const [n, x] of [1, BLOCK - 1, BLOCK, 5 * BLOCK + 3, 1000].flatMap((n) => [[n, awkwardValues(n, n)], [n, zeros(n, n)]] as const)) {
      const p = buildPyramid(x);
      const out = new Float64Array(2);
      const r = random(n + 7);
      for (let q = 0; q < 400; q++) {
        const a = Math.floor(r() * (n + 1));
        const b = q % 5 === 0 ? n : a + Math.floor(r() * (n + 1 - a));
        let lo = NaN;
        let hi = NaN;
        for (let i = a; i < b; i++) {
          if (!Number.isFinite(x[i])) continue;
          lo = Number.isNaN(lo) ? x[i] : Math.min(lo, x[i]);
          hi = Number.isNaN(hi) ? x[i] : Math.max(hi, x[i]);
        }
        rangeMinMax(p, x, a, b, out);
        expect([out[0], out[1]], `n=${n} [${a}, ${b})`).toEqual([lo, hi]);
      }
    }
  });
});

describe('chartOf on a 3 M-point series', () => {
  const n = 3_000_000;
  const s = awkwardSeries(n, 11);
  const first = s.t[0];
  const last = s.t[n - 1];
  const at = (f: number): number => first + (last - first) * f;
  const views = [
    { t0: NaN, t1: NaN, buckets: 4000 },
    { t0: NaN, t1: NaN, buckets: 1 },
    { t0: NaN, t1: NaN, buckets: 997 },
    { t0: at(0.3) + 0.5, t1: at(0.42) - 0.25, buckets: 1500 }, // bounds between points
    { t0: at(0.45), t1: at(0.6), buckets: 3000 }, // the NaN gap inside
    { t0: first - 1e9, t1: at(0.2), buckets: 2048 },
    { t0: at(0.9), t1: last + 1e9, buckets: 333 },
  ];

  it('answers these views without the raw kernels (the summary path is what is compared below)', () => {
    let calls = 0;
    const counting: Kernels = { ...kernels, downsampleMinMax: (...a) => (calls++, kernels.downsampleMinMax(...a)) };
    const scores = scoreSeries(kernels, s, { kind: 'zscore', window: 50, threshold: 4 });
    for (const view of views) chartOf(counting, s, scores, view);
    expect(calls).toBe(0);
    chartOf(counting, s, scores, { t0: at(0.5), t1: at(0.5) + SUMMARY_MIN_POINTS * 500, buckets: 4000 });
    expect(calls).toBe(2); // zoomed in: raw kernels over the visible slice
  });

  for (const [threshold, maxFlags] of [[4, 2000], [0.5, 2000], [0.5, 7]] as const) {
    it(`equals the raw kernel path bit for bit (|z| > ${threshold}, ${maxFlags} flags)`, () => {
      const scores = scoreSeries(kernels, s, { kind: 'zscore', window: 50, threshold });
      for (const view of views) {
        const fast = chartOf(kernels, s, scores, view, maxFlags);
        const raw = chartOf(kernels, s, scores, view, maxFlags, false);
        expect(fast, JSON.stringify(view)).toEqual(raw); // toEqual tells -0 from +0
      }
    });
  }

  it('selects the same flags from chunk tops as the heap over the whole range', () => {
    const { flagged, score } = scoreSeries(kernels, s, { kind: 'zscore', window: 50, threshold: 0.3 });
    expect(flagged.length).toBeGreaterThan(1_000_000);
    const r = random(3);
    for (let q = 0; q < 12; q++) {
      const lo = Math.floor(r() * flagged.length * 0.5);
      const hi = q === 0 ? flagged.length : lo + Math.floor(r() * (flagged.length - lo));
      for (const k of [1, 2000]) {
        const want = largestScores(flagged.subarray(lo, hi), score, k);
        expect([...selectFlags(flagged, score, lo, hi, k, true)], `[${lo}, ${hi}) k=${k}`).toEqual([...want]);
      }
    }
  });
});
