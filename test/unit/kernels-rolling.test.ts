// Rolling mean/std and z-score kernels (WebAssembly) against the from-scratch TypeScript reference,
// on random inputs with NaN, ±Infinity, empty, length 1, constants, huge offsets and big windows.
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEGMENT_POINTS, type KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { referenceMeanStd, referenceZScore, windowStats, zOf } from '../reference/rolling';
import { twinZScore, twinZScoreShifted } from '../reference/zscore-twin';
import type { ZScoreOptions } from '../../src/kernels/types';
import { ROLLING_STATE_LENGTH } from '../../src/kernels/rolling';
import { sharedDir } from './csv-helpers';
import { nabValues } from '../reference/nab-values';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

/** max - min of the finite values (0 when fewer than 2), and the largest finite magnitude. */
function scaleOf(v: ArrayLike<number>): { range: number; magnitude: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) continue;
    lo = Math.min(lo, v[i]);
    hi = Math.max(hi, v[i]);
  }
  return lo <= hi ? { range: hi - lo, magnitude: Math.max(-lo, hi) } : { range: 0, magnitude: 0 };
}

/** Rounding grain of the values themselves: 4 ulp of the largest finite magnitude. */
const grainOf = (magnitude: number): number => 4 * Number.EPSILON * magnitude;

/**
 * Tolerances, stated: mean within 1e-9·range + grain; variance within 1e-11·range² + 1e-9·variance
 * + 2·grain·(range + grain) (sliding sums lose at most ~eps·range² per step between exact rebases;
 * values a few ulp apart are quantized). A constant series (range 0) must match exactly.
 */
function expectMeanStdClose(v: Float64Array, window: number, mean: Float64Array, std: Float64Array): void {
  const ref = referenceMeanStd(v, window);
  const { range, magnitude } = scaleOf(v);
  for (let i = 0; i < v.length; i++) {
    const where = `i=${i} window=${window}`;
    expect(Number.isNaN(mean[i]), where).toBe(Number.isNaN(ref.mean[i]));
    expect(Number.isNaN(std[i]), where).toBe(Number.isNaN(ref.std[i]));
    if (Number.isNaN(ref.mean[i])) continue;
    const grain = grainOf(magnitude);
    expect(Math.abs(mean[i] - ref.mean[i]), where).toBeLessThanOrEqual(1e-9 * range + grain);
    const variance = ref.std[i] ** 2;
    const tol = 1e-11 * range * range + 1e-9 * variance + 2 * grain * (range + grain);
    expect(Math.abs(std[i] ** 2 - variance), where).toBeLessThanOrEqual(tol);
  }
}

/**
 * z within 1e-6·max(1, |z|) where the window is well conditioned (std > 1e-2·range and > 1e6 ×
 * the values' rounding grain); flags equal
 * unless |z| is within that tolerance of the threshold. Ill-conditioned windows (std tiny next to
 * values that passed through) only have to agree on NaN. Constant series must match exactly.
 */
function expectZScoreClose(v: Float64Array, opts: ZScoreOptions, score: Float64Array, flags: Uint8Array): void {
  const ref = referenceZScore(v, opts);
  const { range, magnitude } = scaleOf(v);
  for (let i = 0; i < v.length; i++) {
    const where = `i=${i} v=${v[i]} window=${opts.window} ref=${ref.score[i]} got=${score[i]}`;
    expect(Number.isNaN(score[i]), where).toBe(Number.isNaN(ref.score[i]));
    if (Number.isNaN(ref.score[i])) continue;
    const { std } = windowStats(v, i, opts.window);
    if (range === 0 || std === 0) {
      if (range === 0) expect(score[i], where).toBe(ref.score[i]);
      if (range === 0) expect(flags[i], where).toBe(ref.flags[i]);
      continue;
    }
    if (std <= 1e-2 * range || std <= 1e6 * grainOf(magnitude)) continue;
    const tol = 1e-6 * Math.max(1, Math.abs(ref.score[i]));
    expect(Math.abs(score[i] - ref.score[i]), where).toBeLessThanOrEqual(tol);
    if (Math.abs(Math.abs(ref.score[i]) - opts.threshold) > tol) expect(flags[i], where).toBe(ref.flags[i]);
  }
}

function runMeanStd(v: Float64Array, window: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(v.length);
  const std = new Float64Array(v.length);
  kernels.rollingMeanStd(v, window, mean, std);
  return { mean, std };
}

function runZScore(v: Float64Array, opts: ZScoreOptions): { score: Float64Array; flags: Uint8Array } {
  const score = new Float64Array(v.length);
  const flags = new Uint8Array(v.length);
  kernels.rollingZScore(v, opts, score, flags);
  return { score, flags };
}

const special = fc.constantFrom(NaN, Infinity, -Infinity);
/**
 * Finite doubles in [-max, max], with magnitudes below 1e-100 flushed to 0: squares of such values
 * underflow to subnormals, where no variance algorithm (the reference included) keeps precision.
 */
const finiteValue = (max: number) => fc.double({ min: -max, max, noNaN: true }).map((x) => (Math.abs(x) < 1e-100 ? 0 : x));
const anyValue = fc.oneof(
  { weight: 6, arbitrary: finiteValue(1e6) },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 2, arbitrary: special },
  { weight: 1, arbitrary: finiteValue(1e3).map((x) => 1e12 + x) },
);
/** Mixed series: any length from 0, any window from 1 (often larger than the series). */
const mixedSeries = fc.record({
  v: fc.array(anyValue, { maxLength: 200 }).map((a) => Float64Array.from(a)),
  window: fc.integer({ min: 1, max: 60 }),
  threshold: fc.double({ min: 0, max: 5, noNaN: true }),
});
/** All-finite series long enough to reach the full-window fast path. */
const finiteSeries = fc.record({
  v: fc.array(finiteValue(1e3), { minLength: 1, maxLength: 300 }).map((a) => Float64Array.from(a)),
  window: fc.integer({ min: 2, max: 20 }),
  threshold: fc.double({ min: 0, max: 3, noNaN: true }),
});
/** Values at a huge offset plus small noise (where shifting/Welford matters), with rare non-finite points. */
const offsetSeries = fc.record({
  offset: fc.constantFrom(0, 1e9, 1e12, -1e12, 3.7e14),
  noise: fc.array(fc.oneof({ weight: 20, arbitrary: finiteValue(50) }, { weight: 1, arbitrary: special }), {
    maxLength: 300,
  }),
  window: fc.integer({ min: 2, max: 40 }),
  threshold: fc.double({ min: 0.5, max: 4, noNaN: true }),
});

describe('rollingMeanStdCarry', () => {
  /** One call over v[first..] with a fresh state, or calls over consecutive cuts carrying the state. */
  function carried(v: Float64Array, window: number, cuts: number[]): { mean: Float64Array; std: Float64Array } {
    const mean = new Float64Array(v.length);
    const std = new Float64Array(v.length);
    const state = new Float64Array(ROLLING_STATE_LENGTH);
    const bounds = [...new Set([0, ...cuts.filter((c) => c > 0 && c < v.length), v.length])].sort((a, b) => a - b);
    for (let k = 0; k + 1 < bounds.length; k++) {
      const [a, b] = [bounds[k], bounds[k + 1]];
      kernels.rollingMeanStdCarry(v.subarray(0, b), a, window, state, mean.subarray(a, b), std.subarray(a, b));
    }
    return { mean, std };
  }

  it('split calls carrying the state equal one call bit for bit, and both match the reference', () => {
    fc.assert(
      fc.property(mixedSeries, fc.array(fc.nat(300), { maxLength: 8 }), ({ v, window }, cuts) => {
        const whole = carried(v, window, []);
        expectMeanStdClose(v, window, whole.mean, whole.std);
        const split = carried(v, window, cuts);
        expect(split.mean).toEqual(whole.mean);
        expect(split.std).toEqual(whole.std);
      }),
      { numRuns: 300 },
    );
    // A call that sees no finite value leaves the state fresh: the shift comes from the first finite value, whichever call sees it.
    const lead = Float64Array.of(NaN, NaN, 5, 6, 5, 5, 6, 6);
    expect(carried(lead, 3, [1])).toEqual(carried(lead, 3, []));
    expect(carried(lead, 3, [1, 2])).toEqual(carried(lead, 3, []));
  });

  it('carries across its own segments (long input, NaN inside) and refuses a state of the wrong length', () => {
    const v = Float64Array.from({ length: SEGMENT_POINTS * 2 + 77 }, (_, i) => (i % 997 === 5 ? NaN : 1e6 + Math.sin(i / 50) * 30 + (i % 7)));
    const whole = carried(v, 500, []);
    expect(carried(v, 500, [1, 4099, SEGMENT_POINTS + 3])).toEqual(whole);
    expect(() => kernels.rollingMeanStdCarry(v, 0, 5, new Float64Array(4), new Float64Array(v.length), new Float64Array(v.length))).toThrow(/state must hold 5/);
  });
});

describe('rollingMeanStd', () => {
  it('matches the reference on mixed series (NaN, ±Infinity, empty, length 1, window > length)', () => {
    fc.assert(
      fc.property(mixedSeries, ({ v, window }) => {
        const { mean, std } = runMeanStd(v, window);
        expectMeanStdClose(v, window, mean, std);
      }),
      { numRuns: 300 },
    );
  });

  it('matches the reference on all-finite series (full-window path)', () => {
    fc.assert(
      fc.property(finiteSeries, ({ v, window }) => {
        const { mean, std } = runMeanStd(v, window);
        expectMeanStdClose(v, window, mean, std);
      }),
    );
  });

  it('matches the reference at huge offsets (tolerance relative to the noise, not the offset)', () => {
    fc.assert(
      fc.property(offsetSeries, ({ offset, noise, window }) => {
        const v = Float64Array.from(noise, (x) => offset + x);
        const { mean, std } = runMeanStd(v, window);
        expectMeanStdClose(v, window, mean, std);
      }),
    );
  });

  it('is exact on a constant series: mean = c, std = 0', () => {
    for (const c of [7.25, 0.1, -3, 1e12 + 0.5]) {
      const v = new Float64Array(50).fill(c);
      const { mean, std } = runMeanStd(v, 8);
      expect([...mean.subarray(0, 2)]).toEqual([NaN, NaN]);
      expect(new Set(mean.subarray(2))).toEqual(new Set([c]));
      expect(new Set(std.subarray(2))).toEqual(new Set([0]));
    }
  });

  it('handles empty and length-1 inputs', () => {
    expect(runMeanStd(new Float64Array(0), 5).mean.length).toBe(0);
    const one = runMeanStd(Float64Array.of(3), 5);
    expect([one.mean[0], one.std[0]]).toEqual([NaN, NaN]);
  });
});

describe('rollingZScore', () => {
  it('matches the reference on mixed series', () => {
    fc.assert(
      fc.property(mixedSeries, ({ v, window, threshold }) => {
        const { score, flags } = runZScore(v, { window, threshold });
        expectZScoreClose(v, { window, threshold }, score, flags);
      }),
      { numRuns: 300 },
    );
  });

  it('matches the reference on all-finite series (SIMD full-window path)', () => {
    fc.assert(
      fc.property(finiteSeries, ({ v, window, threshold }) => {
        const { score, flags } = runZScore(v, { window, threshold });
        expectZScoreClose(v, { window, threshold }, score, flags);
      }),
      { numRuns: 300 },
    );
  });

  it('matches the reference at huge offsets', () => {
    fc.assert(
      fc.property(offsetSeries, ({ offset, noise, window, threshold }) => {
        const v = Float64Array.from(noise, (x) => offset + x);
        const { score, flags } = runZScore(v, { window, threshold });
        expectZScoreClose(v, { window, threshold }, score, flags);
      }),
    );
  });

  it('on a constant window scores 0 for the same value and ±Infinity (flagged) otherwise', () => {
    for (const c of [0.1, 42, 1e12 + 0.25]) {
      const v = new Float64Array(40).fill(c);
      v[30] = c + 1;
      v[31] = c - 1;
      const { score, flags } = runZScore(v, { window: 8, threshold: 3 });
      expect([score[0], score[1]]).toEqual([NaN, NaN]);
      expect(new Set(score.subarray(2, 30))).toEqual(new Set([0]));
      expect(score[30]).toBe(Infinity);
      expect(flags[30]).toBe(1);
      expect(flags.subarray(2, 30).every((f) => f === 0)).toBe(true);
    }
  });

  it('scores 0 a value equal to a one-valued window whose mean the carried sums leave a rounding off it (NAB art_daily_no_noise)', () => {
    // Rows 288–395 are all 20.0 after a noiseless daily shape; before this rule the window of 20.0s at
    // rows 388–395 had σ 0 and a mean a rounding away from 20, and 20.0 scored -Infinity there.
    const v = nabValues(resolve(sharedDir, 'data/nab/data/artificialNoAnomaly/art_daily_no_noise.csv')).slice(0, 500);
    v[394] = 20.5;
    const opts = { window: 100, threshold: 4 };
    const { score, flags } = runZScore(v, opts);
    expect(Array.from(score.subarray(388, 394))).toEqual(new Array(6).fill(0));
    expect([score[394], flags[394]]).toEqual([Infinity, 1]);
    for (const twin of [twinZScore, twinZScoreShifted]) {
      const t = new Float64Array(v.length);
      twin(v, opts, t, new Uint8Array(v.length));
      expect(Array.from(t.subarray(388, 395)), twin.name).toEqual([0, 0, 0, 0, 0, 0, Infinity]);
    }
  });

  it('matches the reference at scales near the ends of the f64 range (the four-lane path falls back to exact division)', () => {
    // Noise ×1e152 or ×1e-152: the product of two lanes' stds leaves [2^-1000, 2^1000], so a block is
    // scored again with a division per lane; ×1 keeps the shared division. Constant runs of 40 points
    // inside give windows of std 0 (scored as the sliding sums leave them: expectZScoreClose skips those).
    let seed = 11;
    const noise = Float64Array.from({ length: 3000 }, (_, i) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return i % 700 < 40 ? 2 : seed / 2 ** 32 + (i % 613 === 0 ? 6 : 0);
    });
    for (const scale of [1, 1e152, 1e-152, -1e150]) {
      const v = Float64Array.from(noise, (x) => x * scale);
      const opts = { window: 16, threshold: 2.5 };
      const { score, flags } = runZScore(v, opts);
      expectZScoreClose(v, opts, score, flags);
      expect(flags.reduce((a, b) => a + b, 0), `scale ${scale}`).toBeGreaterThan(0);
    }
  });

  it('works in place on resident arrays and gives the bits of the copying path', async () => {
    const own = await loadKernelsNode();
    const n = SEGMENT_POINTS * 2 + 4321;
    const arrays = own.residentArrays(n * 17 + 64, 8 << 20);
    const v = arrays.float64(n);
    const score = arrays.float64(n);
    const flags = arrays.uint8(n);
    for (let i = 0; i < n; i++) v[i] = 1e9 + Math.sin(i / 9) * 5 + ((i * 7919) % 17) / 3 + (i % 5003 === 0 ? 40 : 0) + (i === 70_000 ? NaN : 0);
    const opts = { window: 64, threshold: 4 };
    own.rollingZScore(v, opts, score, flags);
    const copied = runZScore(v.slice(), opts);
    for (let i = 0; i < n; i++) {
      if (!Object.is(score[i], copied.score[i]) || flags[i] !== copied.flags[i]) expect(`${i}: ${score[i]} ${flags[i]}`).toBe(`${i}: ${copied.score[i]} ${copied.flags[i]}`);
    }
    expect(flags.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  });

  it('a value that is not finite anywhere in a long series (in a lane rebase window, lagged only, a short last block, the tail) is handled as by the reference', () => {
    // The four-lane path finds such values through its sums and hands the rest to the checked sweep.
    // 1500 points: at window 64, blocks of four 256-point lanes, then shorter blocks, then a tail.
    const base = Float64Array.from({ length: 1500 }, (_, i) => Math.sin(i / 7) * 3 + ((i * 7919) % 31) / 10 + (i % 401 === 0 ? 12 : 0));
    const specials = [NaN, Infinity, -Infinity];
    for (const [window, step] of [[8, 61], [64, 19], [300, 113]]) {
      const opts = { window, threshold: 3 };
      for (let at = 0, n = 0; at < base.length; at += step, n++) {
        const v = base.slice();
        v[at] = specials[n % 3];
        const { score, flags } = runZScore(v, opts);
        expectZScoreClose(v, opts, score, flags);
      }
    }
    // 104 points at window 64: one block of four 8-point lanes, which together read only part of
    // their rebase windows again (checked before the block).
    const short = base.subarray(0, 104);
    for (let at = 0; at < short.length; at++) {
      const v = short.slice();
      v[at] = specials[at % 3];
      const { score, flags } = runZScore(v, { window: 64, threshold: 3 });
      expectZScoreClose(v, { window: 64, threshold: 3 }, score, flags);
    }
  });

  it('scores NaN (flag 0) for non-finite points and windows with < 2 finite points', () => {
    const v = Float64Array.of(1, 2, NaN, 3, Infinity, -Infinity, NaN, 4, 5, 6);
    const { score, flags } = runZScore(v, { window: 3, threshold: 0 });
    // Valid only at i = 3 (window 1, 2, NaN) and i = 9 (window NaN, 4, 5).
    expect([...score.keys()].filter((i) => !Number.isNaN(score[i]))).toEqual([3, 9]);
    for (let i = 0; i < v.length; i++) if (Number.isNaN(score[i])) expect(flags[i]).toBe(0);
  });
});

describe('numerical stability', () => {
  /** The naive running sum / sum of squares that the kernels must NOT be. */
  function naiveStd(v: Float64Array, window: number): Float64Array {
    const out = new Float64Array(v.length).fill(NaN);
    let s = 0;
    let s2 = 0;
    for (let i = 1; i < v.length; i++) {
      s += v[i - 1];
      s2 += v[i - 1] * v[i - 1];
      if (i - 1 - window >= 0) {
        s -= v[i - 1 - window];
        s2 -= v[i - 1 - window] ** 2;
      }
      const n = Math.min(i, window);
      if (n >= 2) out[i] = Math.sqrt(Math.max(s2 / n - (s / n) ** 2, 0));
    }
    return out;
  }

  it('1e9 + small noise: std matches the two-pass reference to 1e-6 relative; naive sums do not', () => {
    let seed = 7;
    const v = Float64Array.from({ length: 20_000 }, () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return 1e9 + seed / 2 ** 32;
    });
    const window = 100;
    const ref = referenceMeanStd(v, window);
    const { std } = runMeanStd(v, window);
    const naive = naiveStd(v, window);
    let worst = 0;
    let worstNaive = 0;
    for (let i = 2; i < v.length; i++) {
      worst = Math.max(worst, Math.abs(std[i] - ref.std[i]) / ref.std[i]);
      worstNaive = Math.max(worstNaive, Math.abs(naive[i] - ref.std[i]) / ref.std[i]);
    }
    expect(worst).toBeLessThan(1e-6);
    expect(worstNaive).toBeGreaterThan(1e-3);
  });

  it('stays accurate over a long drifting series at 1e12 (exercises periodic exact rebasing)', () => {
    const n = 150_000;
    const window = 500;
    const v = Float64Array.from({ length: n }, (_, i) => 1e12 + i * 0.37 + Math.sin(i * 1.3) * 20);
    const { mean, std } = runMeanStd(v, window);
    const { score } = runZScore(v, { window, threshold: 3 });
    for (let i = window + 1; i < n; i += 997) {
      const ref = windowStats(v, i, window);
      expect(Math.abs(mean[i] - ref.mean)).toBeLessThan(1e-3);
      expect(Math.abs(std[i] - ref.std) / ref.std).toBeLessThan(1e-6);
      expect(Math.abs(score[i] - zOf(v[i], ref))).toBeLessThan(1e-5);
    }
  });
});

describe('large inputs and memory', () => {
  // window 300: many segments of SEGMENT_POINTS; window 40 000: segments of 4 windows.
  it.each([300, 40_000])('matches the reference across segment boundaries (long input, window %i), with and without NaN', (window) => {
    const n = SEGMENT_POINTS * 20 + 12_345;
    const v = Float64Array.from({ length: n }, (_, i) => 5e8 + Math.sin(i * 0.01) * 100 + ((i * 7919) % 13));
    for (const withGaps of [false, true]) {
      if (withGaps) for (let i = 1000; i < n; i += 4099) v[i] = i % 2 ? NaN : Infinity;
      const { mean, std } = runMeanStd(v, window);
      const { score, flags } = runZScore(v, { window, threshold: 1.5 });
      const probes = [0, 1, 2, window - 1, window, window + 1, window + 2, n - 1];
      const edges = [1, 2, 7, 20].map((k) => k * SEGMENT_POINTS).concat([1, 2].map((k) => k * 4 * window));
      for (const edge of edges) for (const d of [-2, -1, 0, 1, 2, 3, 5, 8, 64, window - 1, window, window + 1, window + 2]) probes.push(edge + d);
      for (let i = 0; i < n; i += 50_021) probes.push(i);
      for (const i of probes.filter((p) => p < n)) {
        const ref = windowStats(v, i, window);
        const where = `i=${i} gaps=${withGaps}`;
        expect(Number.isNaN(mean[i]), where).toBe(Number.isNaN(ref.mean));
        if (Number.isNaN(ref.mean)) continue;
        expect(Math.abs(mean[i] - ref.mean), where).toBeLessThan(1e-6);
        expect(Math.abs(std[i] - ref.std) / ref.std, where).toBeLessThan(1e-8);
        const z = zOf(v[i], ref);
        expect(Number.isNaN(score[i]), where).toBe(Number.isNaN(z));
        if (!Number.isNaN(z)) {
          expect(Math.abs(score[i] - z), where).toBeLessThan(1e-6);
          expect(flags[i], where).toBe(Math.abs(z) > 1.5 ? 1 : 0);
        }
      }
    }
  });

  it('reuses its linear memory between calls of the same size', () => {
    const v = Float64Array.from({ length: 300_000 }, (_, i) => i % 17);
    runZScore(v, { window: 32, threshold: 3 });
    const size = kernels.linearMemoryBytes();
    runZScore(v, { window: 32, threshold: 3 });
    runMeanStd(v.subarray(0, 1000), 32);
    expect(kernels.linearMemoryBytes()).toBe(size);
  });

  it('rejects bad windows and short output arrays with readable errors', () => {
    const v = new Float64Array(10);
    expect(() => runMeanStd(v, 0)).toThrow(/window/);
    expect(() => runMeanStd(v, 2.5)).toThrow(/window/);
    expect(() => kernels.rollingZScore(v, { window: 3, threshold: 1 }, new Float64Array(10), new Uint8Array(9))).toThrow(/flags/);
  });
});

describe('plain-JS twins (the benchmark baselines)', () => {
  for (const [name, twin] of [
    ['sliding Welford', twinZScore],
    ['shifted sliding sums', twinZScoreShifted],
  ] as const) {
    it(`${name} has the same semantics as the reference`, () => {
      fc.assert(
        fc.property(fc.oneof(mixedSeries, finiteSeries), ({ v, window, threshold }) => {
          const score = new Float64Array(v.length);
          const flags = new Uint8Array(v.length);
          twin(v, { window, threshold }, score, flags);
          expectZScoreClose(v, { window, threshold }, score, flags);
        }),
        { numRuns: 200 },
      );
    });
  }
});
