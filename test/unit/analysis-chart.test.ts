// Chart data against a plain reference: min/max buckets, the score lane (largest |z| per bucket, infinite
// scores included), flagged points in the visible range and their cap. Real wasm kernels, in Node.

import { beforeAll, describe, expect, it } from 'vitest';
import { chartOf, largestScores, scoreSeries, type ChartData } from '../../src/analysis/chart';
import { loadKernelsNode } from '../../src/kernels/node';
import type { Kernels } from '../../src/kernels/types';
import type { Series } from '../../src/model/series';

let kernels: Kernels;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Noise with spikes, gaps (NaN), an Infinity and flat stretches (zero variance → infinite scores). */
function telemetry(n: number, seed: number): Series {
  const r = rng(seed);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let time = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    time += 1 + Math.floor(r() * 3) * 500;
    t[i] = time;
    v[i] = 100 + r() * 10;
    if (r() < 0.01) v[i] += (r() < 0.5 ? -1 : 1) * (50 + r() * 200);
    if (r() < 0.005) v[i] = NaN;
  }
  if (n > 400) {
    v.fill(42, 200, 260);
    v[260] = 43; // jump after a flat window: +Infinity score
    v.fill(7, 300, 360);
    v[360] = 6; // -Infinity score
    v[380] = Infinity;
  }
  return { name: 's', labels: {}, t, v };
}

function nextUpRef(x: number): number {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  dv.setBigUint64(0, dv.getBigUint64(0) + (x > 0 ? 1n : -1n));
  return dv.getFloat64(0);
}

/** The plain reference: every point looked at, nothing clever. */
function reference(s: Series, window: number, threshold: number, view: { t0: number; t1: number; buckets: number }, maxFlags: number): ChartData {
  const n = s.t.length;
  const score = new Float64Array(n);
  const flags = new Uint8Array(n);
  kernels.rollingZScore(s.v, { window, threshold }, score, flags);
  const t0 = Number.isNaN(view.t0) ? s.t[0] : view.t0;
  const t1 = Number.isNaN(view.t1) ? nextUpRef(s.t[n - 1]) : view.t1;
  const span = t1 - t0;
  const rows = new Map<number, { min: number; max: number; score: number }>();
  const flagged: number[] = [];
  let pointCount = 0;
  for (let i = 0; i < n; i++) {
    if (!(s.t[i] >= t0 && s.t[i] < t1)) continue;
    pointCount++;
    const b = Math.min(Math.floor(((s.t[i] - t0) / span) * view.buckets), view.buckets - 1);
    const row = rows.get(b) ?? { min: NaN, max: NaN, score: NaN };
    const x = s.v[i];
    if (Number.isFinite(x)) {
      if (!(x >= row.min)) row.min = x;
      if (!(x <= row.max)) row.max = x;
    }
    const z = score[i];
    if (!Number.isNaN(z) && (Number.isNaN(row.score) || Math.abs(z) > Math.abs(row.score) || (Math.abs(z) === Math.abs(row.score) && z > row.score))) {
      row.score = z;
    }
    rows.set(b, row);
    if (flags[i]) flagged.push(i);
  }
  const bs = [...rows.keys()].sort((a, b) => a - b);
  const kept = [...flagged]
    .sort((a, b) => Math.abs(score[b]) - Math.abs(score[a]) || a - b)
    .slice(0, maxFlags)
    .sort((a, b) => a - b);
  return {
    t: Float64Array.from(bs, (b) => t0 + (b * span) / view.buckets),
    min: Float64Array.from(bs, (b) => rows.get(b)!.min),
    max: Float64Array.from(bs, (b) => rows.get(b)!.max),
    score: Float64Array.from(bs, (b) => rows.get(b)!.score),
    flagT: Float64Array.from(kept, (i) => s.t[i]),
    flagV: Float64Array.from(kept, (i) => s.v[i]),
    flagScore: Float64Array.from(kept, (i) => score[i]),
    flagCount: flagged.length,
    pointCount,
  };
}

function chart(s: Series, window: number, threshold: number, view: { t0: number; t1: number; buckets: number }, maxFlags: number): ChartData {
  return chartOf(kernels, s, scoreSeries(kernels, s, { kind: 'zscore', window, threshold }), view, maxFlags);
}

describe('chartOf', () => {
  const s = telemetry(5_000, 7);
  const first = s.t[0];
  const last = s.t[s.t.length - 1];
  const views = [
    { t0: NaN, t1: NaN, buckets: 300 },
    { t0: NaN, t1: NaN, buckets: 1 },
    { t0: NaN, t1: NaN, buckets: 20_000 }, // more buckets than points
    { t0: s.t[150] + 0.5, t1: s.t[420] - 0.25, buckets: 64 }, // bounds between points; flat stretches inside
    { t0: first - 1e6, t1: first + (last - first) / 3, buckets: 97 },
    { t0: s.t[1000], t1: s.t[1001], buckets: 10 }, // one point
  ];

  for (const [k, view] of views.entries()) {
    it(`matches the reference on view ${k} (${view.buckets} buckets)`, () => {
      for (const [window, threshold, maxFlags] of [
        [30, 3, 2000],
        [10, 1.5, 7],
        [2, 0, 50],
      ] as const) {
        const got = chart(s, window, threshold, view, maxFlags);
        const want = reference(s, window, threshold, view, maxFlags);
        expect(got).toEqual(want);
        expect(got.flagT.length).toBeLessThanOrEqual(maxFlags);
      }
    });
  }

  it('reports infinite scores from flat windows in the lane and the flags', () => {
    const got = chart(s, 30, 3, { t0: NaN, t1: NaN, buckets: 5_000 }, 2000);
    expect(got.score).toContain(Infinity);
    expect(got.score).toContain(-Infinity);
    expect([...got.flagScore]).toEqual(expect.arrayContaining([Infinity, -Infinity]));
    expect(got.flagT).toContain(s.t[260]);
    expect(got.flagT).toContain(s.t[360]);
  });

  it('keeps the largest |score| when capping, even when the cap is exceeded many times over', () => {
    const capped = chart(s, 10, 0.5, { t0: NaN, t1: NaN, buckets: 100 }, 25);
    expect(capped.flagCount).toBeGreaterThan(1000);
    expect(capped.flagT.length).toBe(25);
    const all = chart(s, 10, 0.5, { t0: NaN, t1: NaN, buckets: 100 }, 1e9);
    const cut = [...all.flagScore].map(Math.abs).sort((a, b) => b - a)[24];
    expect(Math.min(...[...capped.flagScore].map(Math.abs))).toBe(cut);
    expect([...capped.flagT]).toEqual([...capped.flagT].sort((a, b) => a - b));
  });

  it('gives empty data outside the series, for an empty series and an empty range', () => {
    const outside = chart(s, 30, 3, { t0: last + 10, t1: last + 20, buckets: 10 }, 2000);
    expect(outside).toMatchObject({ pointCount: 0, flagCount: 0 });
    expect(outside.t.length).toBe(0);
    const empty: Series = { name: 'e', labels: {}, t: new Float64Array(0), v: new Float64Array(0) };
    expect(chart(empty, 30, 3, { t0: NaN, t1: NaN, buckets: 10 }, 2000).t.length).toBe(0);
    expect(chart(s, 30, 3, { t0: last, t1: first, buckets: 10 }, 2000).pointCount).toBe(0);
  });

  it('gives every array its own buffer (safe to transfer)', () => {
    const d = chart(s, 30, 3, { t0: NaN, t1: NaN, buckets: 100 }, 2000);
    const buffers = [d.t, d.min, d.max, d.score, d.flagT, d.flagV, d.flagScore].map((a) => a.buffer);
    expect(new Set(buffers).size).toBe(7);
    expect(buffers.every((b) => b.byteLength === 0 || b.byteLength < s.t.byteLength)).toBe(true);
  });

  it('rejects bad bucket counts and detector settings with readable errors', () => {
    expect(() => chart(s, 30, 3, { t0: NaN, t1: NaN, buckets: 0 }, 2000)).toThrow(/buckets/);
    expect(() => scoreSeries(kernels, s, { kind: 'zscore', window: 1, threshold: 3 })).toThrow(/window/);
    expect(() => scoreSeries(kernels, s, { kind: 'zscore', window: 30, threshold: NaN })).toThrow(/threshold/);
  });
});

describe('largestScores', () => {
  it('breaks ties in favour of the earlier point and returns indices in order', () => {
    const score = Float64Array.from([1, -5, 5, 2, 5, -Infinity, NaN, 3]);
    const idx = Uint32Array.from([0, 1, 2, 3, 4, 5, 7]);
    expect([...largestScores(idx, score, 3)]).toEqual([1, 2, 5]);
    expect([...largestScores(idx, score, 1)]).toEqual([5]);
    expect([...largestScores(idx, score, 0)]).toEqual([]);
    expect([...largestScores(idx, score, 10)]).toEqual([0, 1, 2, 3, 4, 5, 7]);
    // a larger score arriving must evict the LATER of two tied ones
    expect([...largestScores(Uint32Array.from([0, 1, 2]), Float64Array.from([5, -5, 9]), 2)]).toEqual([0, 2]);
    expect([...largestScores(Uint32Array.from([0, 1, 2, 3]), Float64Array.from([5, 5, 5, 9]), 3)]).toEqual([0, 1, 3]);
  });
});
