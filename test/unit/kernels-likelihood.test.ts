// Anomaly-likelihood kernel (WebAssembly) against its plain-TypeScript twin, bit for bit: random series
// (NaN / ±Infinity / huge values, irregular and non-finite times, empty, length 1, constant), with and
// without novelty and the day / week forecasts, whole and in random pieces, and run twice.
// Exactness holds because the kernel repeats the twin's operations in order in f64 and computes exp
// and log with V8's own algorithm (assembly/fdlibm.ts), so no tolerance is needed.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { newLikelihoodState, SLOT } from '../../src/kernels/likelihood-state';
import type { LikelihoodConfig, LikelihoodState } from '../../src/kernels/likelihood-types';
import { LikelihoodModel, twinLikelihoodScore } from '../reference/likelihood';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

interface Run {
  score: Float64Array;
  flag: Uint8Array;
  slots: Float64Array;
}

/**
 * The kernel over t / v cut into calls at `cuts`, carrying one state; with `decoy`, another stream is
 * advanced by a point between calls, so each call starts from the slots (not the copy left in memory).
 */
function kernelRun(c: LikelihoodConfig, t: Float64Array, v: Float64Array, cuts: readonly number[] = [], decoy?: LikelihoodState): Run {
  const n = v.length;
  const state = newLikelihoodState(c);
  const out = { score: new Float64Array(n), flag: new Uint8Array(n) };
  let from = 0;
  for (const to of [...cuts.filter((x) => x > from && x < n), n]) {
    if (decoy) kernels.likelihoodScore(Float64Array.of(from), Float64Array.of(from % 7), decoy, new Float64Array(1), new Uint8Array(1));
    kernels.likelihoodScore(t.subarray(from, to), v.subarray(from, to), state, out.score.subarray(from, to), out.flag.subarray(from, to));
    from = to;
  }
  return { ...out, slots: state.slots };
}

function twinRun(c: LikelihoodConfig, t: Float64Array, v: Float64Array): Run {
  const out = { score: new Float64Array(v.length), flag: new Uint8Array(v.length), slots: new Float64Array(0) };
  twinLikelihoodScore(new LikelihoodModel(c), t, v, out.score, out.flag);
  return out;
}

function expectIdentical(a: Run, b: Run): void {
  expect(a.score.length).toBe(b.score.length);
  for (let i = 0; i < a.score.length; i++) {
    if (!Object.is(a.score[i], b.score[i]) || a.flag[i] !== b.flag[i]) {
      expect.fail(`point ${i}: score ${a.score[i]} / flag ${a.flag[i]} vs the twin's ${b.score[i]} / ${b.flag[i]}`);
    }
  }
}

const config = (over: Partial<LikelihoodConfig> = {}): LikelihoodConfig => ({
  learning: 50, history: 200, averaging: 10, alpha: 1 - 0.5 ** (1 / 3), scaleAlpha: 1 - 0.5 ** (1 / 300), errorCap: 12,
  seasonal: true, rest: 10, novelty: 0, levels: 8, depth: 7, ...over,
});

const configArb: fc.Arbitrary<LikelihoodConfig> = fc.record({
  learning: fc.integer({ min: 1, max: 120 }),
  history: fc.integer({ min: 1, max: 400 }),
  averaging: fc.integer({ min: 1, max: 30 }),
  alpha: fc.double({ min: 0.001, max: 1, noNaN: true }),
  scaleAlpha: fc.double({ min: 0.0001, max: 1, noNaN: true }),
  errorCap: fc.double({ min: 0.1, max: 50, noNaN: true }),
  seasonal: fc.boolean(),
  rest: fc.integer({ min: 0, max: 60 }),
  novelty: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })),
  levels: fc.integer({ min: 2, max: 40 }),
  depth: fc.integer({ min: 1, max: 12 }),
});

/** Special values dropped into a series at random places. */
const special = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -1e300, 1.7e308, -1.7e308, 5e-324, 0, -0) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** A series of n points: a noisy walk with daily shape and level shifts, noise, a constant, or arbitrary doubles. */
function seriesOf(kind: number, seed: number, n: number, arbitrary: readonly number[]): Float64Array {
  let a = seed >>> 0;
  const rand = (): number => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
  let level = 50;
  return Float64Array.from({ length: n }, (_, i) => {
    if (kind === 0) return (level += rand() - 0.5 + (rand() < 0.01 ? 30 * (rand() - 0.5) : 0)) + 10 * Math.sin(i / 4) + (rand() < 0.02 ? 100 : 0);
    if (kind === 1) return 1e9 + 1e3 * rand();
    if (kind === 2) return 3;
    return arbitrary[i % Math.max(1, arbitrary.length)] ?? 0;
  });
}

const HOUR = 3_600_000;
/** Steps between points: mostly hours (so a day and a week pass within a few hundred points), some 0, NaN or backwards. */
const step = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 8 * HOUR }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, -HOUR, 30 * 24 * HOUR, Infinity) },
);

const caseArb = fc.record({
  config: configArb,
  n: fc.integer({ min: 0, max: 700 }),
  kind: fc.integer({ min: 0, max: 3 }),
  seed: fc.integer(),
  arbitrary: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 50 }),
  specials: fc.array(fc.tuple(fc.integer({ min: 0, max: 699 }), special), { maxLength: 12 }),
  steps: fc.array(step, { minLength: 700, maxLength: 700 }),
  cuts: fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 8 }).map((c) => c.sort((a, b) => a - b)),
});

describe('likelihoodScore', () => {
  it('equals the twin bit for bit, whole and in random pieces', () => {
    fc.assert(
      fc.property(caseArb, ({ config: c, n, kind, seed, arbitrary, specials, steps, cuts }) => {
        let now = 1.7e12;
        const t = Float64Array.from(steps.slice(0, n), (s) => (now = Number.isFinite(now + s) ? now + s : s));
        const v = seriesOf(kind, seed, n, arbitrary);
        for (const [at, x] of specials) if (at < n) v[at] = x;
        const twin = twinRun(c, t, v);
        expectIdentical(kernelRun(c, t, v), twin);
        expectIdentical(kernelRun(c, t, v, cuts), twin);
        expectIdentical(kernelRun(c, t, v, cuts, newLikelihoodState(c)), twin);
      }),
      { numRuns: 400 },
    );
  });

  it('empty and length-1 input; a non-finite value scores 0 and changes nothing', () => {
    const c = config();
    const e = new Float64Array(0);
    const state = newLikelihoodState(c);
    const fresh = state.slots.slice();
    kernels.likelihoodScore(e, e, state, e, new Uint8Array(0));
    expect(state.slots).toEqual(fresh);
    const score = new Float64Array(1);
    const flag = new Uint8Array(1);
    kernels.likelihoodScore(Float64Array.of(0), Float64Array.of(5), state, score, flag);
    const before = state.slots.slice();
    for (const x of [NaN, Infinity, -Infinity]) {
      kernels.likelihoodScore(Float64Array.of(60_000), Float64Array.of(x), state, score, flag);
      expect([score[0], flag[0]]).toEqual([0, 0]);
      expect(state.slots).toEqual(before);
    }
    expectIdentical(kernelRun(c, Float64Array.of(0), Float64Array.of(5)), twinRun(c, Float64Array.of(0), Float64Array.of(5)));
  });

  it('a month at one-minute steps (now and then a clock glitch 1 to 2.5 days back): the lag histories are compacted and grown, chunks equal the batch', () => {
    const n = 45_000;
    const t = Float64Array.from({ length: n }, (_, i) => 1.7e12 + i * 60_000 + (i % 7 === 0 ? 20_000 : 0) - (i % 2500 === 2499 ? (1 + 0.5 * ((i / 2500) % 4)) * 86_400_000 : 0));
    const v = Float64Array.from({ length: n }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 1440) + ((i * 7919) % 13) - (i > 30_000 && i < 30_050 ? 60 : 0));
    const c = config({ learning: 750, history: 8640, rest: 150 });
    const twin = twinRun(c, t, v);
    const batch = kernelRun(c, t, v);
    expectIdentical(batch, twin);
    expect(batch.slots[SLOT.capLagWeek]).toBeGreaterThanOrEqual(10_080);
    expect(batch.slots[SLOT.capLagDay]).toBeGreaterThanOrEqual(1440);
    expect(batch.flag.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const cuts = Array.from({ length: 400 }, (_, k) => k * 97 + (k % 5));
    expectIdentical(kernelRun(c, t, v, cuts), twin);
    expectIdentical(kernelRun(c, t, v, cuts, newLikelihoodState(c)), twin);
    expectIdentical(kernelRun(c, t, v, [1, 2, 3, 10_000, 20_000, 20_001]), twin);
  });

  it('with novelty on, many distinct contexts grow the context set; results stay identical and deterministic', () => {
    const n = 6000;
    const t = Float64Array.from({ length: n }, (_, i) => i * 300_000);
    let a = 12345;
    const v = Float64Array.from({ length: n }, () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648) * 100);
    const c = config({ novelty: 0.5, levels: 64, depth: 12, learning: 300 });
    const twin = twinRun(c, t, v);
    const once = kernelRun(c, t, v, [1, 299, 300, 301, 4000]);
    expectIdentical(once, twin);
    expect(once.slots[SLOT.capKeys]).toBeGreaterThan(4 * 6000);
    const again = kernelRun(c, t, v, [1, 299, 300, 301, 4000]);
    expect(again.slots).toEqual(once.slots);
    expect(again.score).toEqual(once.score);
    expectIdentical(kernelRun(c, t, v, Array.from({ length: 60 }, (_, k) => k * 100 + 7), newLikelihoodState(c)), twin);
  });

  it('one stream carried by two instances in turn, and another kernel run between calls, equals the twin', async () => {
    const other = await loadKernelsNode();
    const n = 5000;
    const t = Float64Array.from({ length: n }, (_, i) => 1.7e12 + i * 600_000);
    const v = Float64Array.from({ length: n }, (_, i) => 10 * Math.sin(i / 20) + ((i * 31) % 17) + (i === 3333 ? 80 : 0));
    const c = config({ learning: 300, history: 1000, novelty: 0.3 });
    const state = newLikelihoodState(c);
    const score = new Float64Array(n);
    const flag = new Uint8Array(n);
    for (let from = 0, k = 0; from < n; from += 250, k++) {
      const to = Math.min(n, from + 250);
      (k % 3 === 2 ? other : kernels).likelihoodScore(t.subarray(from, to), v.subarray(from, to), state, score.subarray(from, to), flag.subarray(from, to));
      if (k % 4 === 1) kernels.rollingMeanStd(v.subarray(0, 2000), 50, new Float64Array(2000), new Float64Array(2000));
    }
    expectIdentical({ score, flag, slots: state.slots }, twinRun(c, t, v));
  });

  it('rejects a state that is not the length its header says', () => {
    const e = new Float64Array(0);
    const state = newLikelihoodState(config());
    state.slots = state.slots.subarray(1);
    expect(() => kernels.likelihoodScore(e, e, state, e, new Uint8Array(0))).toThrow(/slots/);
    expect(() => newLikelihoodState(config({ history: 0 }))).toThrow(/history/);
    expect(newLikelihoodState(config({ seasonal: false })).slots[SLOT.capLagDay]).toBe(0);
  });
});
