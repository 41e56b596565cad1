// Sampling maths on generated trace sets: the trace-id ratio rule (exact boundary, superset, kept fraction
// within a binomial tolerance), ERROR_BASED, FNV-1a vectors, the token bucket counted exactly, and Jaeger's
// adaptive control loop converging on its target.
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelQuantiles, type QuantileFn } from '../../src/analysis/traces/quantiles';
import { adaptiveDecisions, nextProbability, weightedQps, ADAPTIVE_DEFAULTS } from '../../src/analysis/traces/sampling/adaptive';
import { samplingContext, type SamplingContext } from '../../src/analysis/traces/sampling/context';
import { headDecisions } from '../../src/analysis/traces/sampling/head-samplers';
import { TokenBucket } from '../../src/analysis/traces/sampling/token-bucket';
import { fnv1a64, keepByHash, keepByRatio, probabilisticThreshold, traceIdBytes, traceRandomness } from '../../src/analysis/traces/sampling/trace-id';
import { generateTraces } from '../../src/analysis/traces/synthetic';
import { loadKernelsNode } from '../../src/kernels/node';

let quantiles: QuantileFn;
let ctx: SamplingContext;
const N = 20_000;

beforeAll(async () => {
  quantiles = kernelQuantiles(await loadKernelsNode());
  ctx = samplingContext(generateTraces({ traces: N, spansPerTrace: 3, errorRate: 0.05, seed: 7 }), quantiles);
});

const count = (a: Uint8Array): number => a.reduce((k, x) => k + x, 0);
/** Five standard deviations of a binomial(n, p) count. */
const tolerance = (n: number, p: number): number => 5 * Math.sqrt(n * p * (1 - p));

describe('trace-id ratio rule (R = 7 rightmost id bytes, keep iff R ≥ (1 − p)·2^56)', () => {
  it('keeps exactly from the threshold up', () => {
    const r = (hex14: string) => traceRandomness(traceIdBytes('ffffffffffffffffff' + hex14));
    // p = 0.5 → T = 2^55 = 0x80000000000000.
    expect(keepByRatio(r('80000000000000'), 0.5)).toBe(true);
    expect(keepByRatio(r('7fffffffffffff'), 0.5)).toBe(false);
    // p = 0.25 → T = 0.75·2^56 = 0xc0000000000000; the id's high bytes play no part.
    expect(keepByRatio(r('c0000000000000'), 0.25)).toBe(true);
    expect(keepByRatio(r('bfffffffffffff'), 0.25)).toBe(false);
    expect(keepByRatio(r('00000000000000'), 1)).toBe(true);
    expect(keepByRatio(r('ffffffffffffff'), 0)).toBe(false);
  });

  it('short ids are left-padded; the halves are 28 bits each', () => {
    expect(traceRandomness(traceIdBytes('1'))).toEqual([0, 1]);
    expect(traceRandomness(traceIdBytes('ab' + 'ffffffffffffff'))).toEqual([2 ** 28 - 1, 2 ** 28 - 1]);
  });

  it(`RANDOM(p) keeps a binomial share of ${N} generated traces, and a larger p a superset`, () => {
    const low = headDecisions(ctx, { kind: 'random', p: 0.05 }).keep;
    for (const p of [0.01, 0.1, 0.5]) {
      const { keep } = headDecisions(ctx, { kind: 'random', p });
      expect(Math.abs(count(keep) - N * p)).toBeLessThan(tolerance(N, p));
      if (p > 0.05) for (let t = 0; t < N; t++) if (low[t]) expect(keep[t]).toBe(1);
    }
    expect(count(headDecisions(ctx, { kind: 'all' }).keep)).toBe(N);
    expect(count(headDecisions(ctx, { kind: 'none' }).keep)).toBe(0);
  });

  it('ERROR_BASED(p) keeps every error trace and a binomial share of the rest', () => {
    const { keep } = headDecisions(ctx, { kind: 'errors', p: 0.1 });
    let errors = 0;
    let rest = 0;
    for (let t = 0; t < N; t++) {
      if (ctx.traces.errorSpans[t] > 0) {
        errors++;
        expect(keep[t]).toBe(1);
      } else rest += keep[t];
    }
    expect(errors).toBeGreaterThan(0.03 * N); // errorRate 0.05 of the generator
    expect(Math.abs(rest - (N - errors) * 0.1)).toBeLessThan(tolerance(N - errors, 0.1));
  });
});

describe('tail probabilistic rule (FNV-1a 64 of salt ‖ id bytes ≤ ratio·(2^64 − 1))', () => {
  it('FNV-1a 64 matches the published vectors', () => {
    const hex = (parts: string[]) => fnv1a64(parts.map((s) => new TextEncoder().encode(s))).map((x) => x.toString(16).padStart(8, '0')).join('');
    expect(hex([''])).toBe('cbf29ce484222325');
    expect(hex(['a'])).toBe('af63dc4c8601ec8c');
    expect(hex(['foobar'])).toBe('85944171f73967e8');
    expect(hex(['foo', 'bar'])).toBe('85944171f73967e8');
  });

  it('keeps a binomial share; 100 % keeps all', () => {
    const threshold = probabilisticThreshold(10);
    let kept = 0;
    for (let t = 0; t < N; t++) if (keepByHash(ctx.idBytes.subarray(16 * t, 16 * t + 16), 'default-hash-seed', threshold)) kept++;
    expect(Math.abs(kept - N * 0.1)).toBeLessThan(tolerance(N, 0.1));
    expect(keepByHash(new Uint8Array(16).fill(255), 'x', probabilisticThreshold(100))).toBe(true);
    expect(keepByHash(new Uint8Array(16), 'x', probabilisticThreshold(0))).toBe(false);
  });
});

describe('token bucket (golang.org/x/time/rate: starts full, AllowN all or nothing)', () => {
  it('10 spans/s, burst 20, a 5-span trace every 0.1 s for 10 s: 4 from the burst, then one every 0.5 s', () => {
    const bucket = new TokenBucket(10, 20);
    const kept: number[] = [];
    for (let k = 0; k < 100; k++) if (bucket.allow(k * 100_000, 5)) kept.push(k);
    // Tokens 20 → 15, 11, 7, 3; at 0.4 s 4 < 5 (refused, nothing taken); at 0.5 s 5 → 0; every 5th tick after.
    expect(kept).toEqual([0, 1, 2, 3, ...Array.from({ length: 19 }, (_, i) => 5 * (i + 1))]);
  });

  it('a trace larger than the burst never passes, even into a full bucket', () => {
    const bucket = new TokenBucket(10, 20);
    expect(bucket.allow(0, 21)).toBe(false);
    expect(bucket.allow(0, 20)).toBe(true);
    expect(bucket.allow(0, 1)).toBe(false);
  });
});

describe("Jaeger's adaptive sampling loop", () => {
  it('one step: tolerance band, doubling at zero, immediate decrease, +50 % cap, floor', () => {
    const o = ADAPTIVE_DEFAULTS;
    expect(nextProbability(0.1, 1.2, o)).toBe(0.1); // |1.2 − 1| / 1 < 0.3
    expect(nextProbability(0.1, 0, o)).toBe(0.2);
    expect(nextProbability(0.1, 10, o)).toBeCloseTo(0.01, 15);
    expect(nextProbability(0.1, 0.5, o)).toBeCloseTo(0.15, 15);
    expect(nextProbability(1e-5, 1e9, o)).toBe(1e-5);
    expect(nextProbability(0.8, 0.1, o)).toBe(1);
    expect(weightedQps([2, 1])).toBeCloseTo((16 * 2 + 1) / 17, 15);
  });

  it('50 traces/s of one operation for an hour, target 1/s: the kept rate settles in the tolerance band', () => {
    const set = generateTraces({ traces: 180_000, spansPerTrace: 1, services: 1, operationsPerService: 1, tracesPerSecond: 50, errorRate: 0, seed: 3 });
    const c = samplingContext(set, quantiles);
    const { keep, probabilities } = adaptiveDecisions(c, { targetSamplesPerSecond: 1 });
    const [history] = [...probabilities.values()];
    expect(history.length).toBe(60); // the initial value and 59 interval ends in 3600 s
    for (let i = 1; i < history.length; i++) expect(history[i] / history[i - 1]).toBeLessThanOrEqual(1.5 + 1e-12);
    // The last 20 minutes: 1/s ± 30 % (the band the loop stops in), plus at most the 1/60 s lower bound.
    const from = c.traces.start[0] + 40 * 60e6;
    let kept = 0;
    for (let t = 0; t < c.traces.count; t++) if (keep[t] && c.traces.start[t] >= from) kept++;
    const rate = kept / (20 * 60);
    expect(rate).toBeGreaterThan(0.7);
    expect(rate).toBeLessThan(1.3 + 1 / 60);
    // p·50/s ≈ 1/s at the end.
    expect(history[history.length - 1] * 50).toBeGreaterThan(0.6);
    expect(history[history.length - 1] * 50).toBeLessThan(1.4);
  });
});
