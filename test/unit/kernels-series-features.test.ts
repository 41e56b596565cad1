// The ML detectors' series features kernel (trailingMedianMad, a sorted sliding window) against its
// plain-TypeScript twin (each window sorted from scratch), bit for bit: NaN, ±Infinity, ±0, subnormals,
// huge magnitudes, ties, constant runs, empty and short series, windows 1–4096, sub-ranges, long series.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriesFeatures } from '../../src/analysis/detectors/features';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { twinSeriesFeatures } from '../reference/series-features';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

/** The value as Object.is tells it apart, with its bits (NaN payloads and −0 shown). */
function exact(x: number): string {
  const bits = new BigUint64Array(Float64Array.of(x).buffer)[0];
  return `${Object.is(x, -0) ? '-0' : String(x)} (0x${bits.toString(16)})`;
}

/** Kernel rows for v[from, to) equal the twin's bit for bit (NaN bits included). */
function expectExact(v: Float64Array, window: number, from = 0, to = v.length): void {
  const got = seriesFeatures(v, window, from, to, kernels);
  const want = twinSeriesFeatures(v, window, from, to);
  expect([got.rows, got.dims, got.data.length]).toEqual([want.rows, want.dims, want.data.length]);
  const g = new BigUint64Array(got.data.buffer);
  const w = new BigUint64Array(want.data.buffer);
  for (let j = 0; j < g.length; j++) {
    if (g[j] === w[j]) continue;
    const i = from + (j >> 1);
    expect(exact(got.data[j]), `window=${window} i=${i} column ${j & 1} v[i]=${exact(v[i])}`).toBe(exact(want.data[j]));
  }
}

/** Telemetry-like values and the edge cases that tell a sorted window from a sort: ties, ±0, subnormals, overflowing sums. */
const valueArb = fc.oneof(
  { weight: 10, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 4, arbitrary: fc.constantFrom(0, -0, 1, -1, 2, 5, 5, 5) },
  { weight: 2, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
  { weight: 2, arbitrary: fc.constantFrom(1.7e308, -1.7e308, 1e308, Number.MAX_VALUE, 5e-324, -5e-324, 1e-310) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);
const seriesArb = (maxLength: number): fc.Arbitrary<Float64Array> =>
  fc.oneof(
    fc.array(valueArb, { maxLength }),
    fc.array(fc.constantFrom(0, -0, 1, -1), { maxLength }),
    fc.array(fc.constantFrom(5, 5, 5, 6, NaN), { maxLength }),
  ).map((a) => Float64Array.from(a));

describe('series features kernel (trailing median and MAD)', () => {
  it('equals the twin bit for bit on random series, windows 1–40 and 2, 3, 32, 33', () => {
    const windowArb = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(2, 3, 32, 33));
    fc.assert(fc.property(seriesArb(400), windowArb, (v, window) => expectExact(v, window)), { numRuns: 400 });
  });

  it('equals the twin on sub-ranges [from, to) of random series', () => {
    const arb = seriesArb(300).chain((v) =>
      fc.tuple(fc.constant(v), fc.integer({ min: 0, max: v.length }), fc.integer({ min: 0, max: v.length }), fc.constantFrom(2, 3, 7, 32, 33)),
    );
    fc.assert(fc.property(arb, ([v, a, b, window]) => expectExact(v, window, Math.min(a, b), Math.max(a, b))), { numRuns: 300 });
  });

  it('empty series and ranges, series shorter than the window, constant runs, ±0 medians, overflowing medians', () => {
    expect(seriesFeatures(new Float64Array(0), 32, 0, 0, kernels).data.length).toBe(0);
    expectExact(Float64Array.of(1, 2, 3), 32);
    expectExact(Float64Array.of(1, 2, 3, 4, 5), 3, 4, 4);
    expectExact(new Float64Array(100).fill(4), 32);
    expectExact(Float64Array.from({ length: 300 }, (_, i) => (Math.floor(i / 40) % 2 ? 7 : -0)), 33);
    // −0 after windows whose middle values are zeros of either sign, in every order.
    for (const window of [2, 3, 4, 5]) expectExact(Float64Array.from({ length: 400 }, (_, i) => [0, -0, -0, 0, 1, -1, -0][(i * 7 + (i >> 3)) % 7]), window);
    // (a + b) / 2 overflows to ±Infinity; deviations overflow; subnormal halves round.
    expectExact(Float64Array.from({ length: 200 }, (_, i) => [1.7e308, 1.6e308, -1.7e308, 1e308, 5e-324, -5e-324][(i * 5) % 6]), 4);
    expectExact(Float64Array.from({ length: 200 }, (_, i) => (i % 2 ? 1.7e308 : 1.75e308)), 2);
    expectExact(Float64Array.from({ length: 200 }, (_, i) => (i % 3 ? 5e-324 : i % 2 ? -5e-324 : 1e-323)), 2);
  });

  it('window 4096 and windows past the blocked count (binary search), with NaN and ±Infinity inside', () => {
    const v = Float64Array.from({ length: 4096 + 150 }, (_, i) => Math.round(Math.sin(i / 37) * 40 + ((i * 7919) % 97) / 4) / 2 + (i === 4150 ? NaN : 0));
    expectExact(v, 4096);
    v[4000] = Infinity;
    expectExact(v, 4096, 4050);
    for (const window of [511, 512, 513, 700]) expectExact(v.subarray(0, 1500), window);
  });

  it('long series over several segments equal the twin; a tail range equals the tail of the whole', () => {
    const v = Float64Array.from({ length: 150_000 }, (_, i) => Math.sin(i / 9) * 5 + ((i * 7919) % 101) / 50 + (i % 10_009 === 0 ? NaN : 0));
    expectExact(v, 32);
    const whole = seriesFeatures(v, 33, 0, v.length, kernels).data;
    const tail = seriesFeatures(v, 33, 70_001, v.length, kernels).data;
    expect(Buffer.compare(Buffer.from(tail.buffer), Buffer.from(whole.buffer, 70_001 * 16))).toBe(0);
  });

  it('refuses bad windows, ranges and short outputs', () => {
    const v = new Float64Array(10);
    expect(() => kernels.trailingMedianMad(v, 0, 0, 10, new Float64Array(20))).toThrow(RangeError);
    expect(() => kernels.trailingMedianMad(v, 3, 5, 4, new Float64Array(20))).toThrow(/from must be an integer in \[0, 4\]/);
    expect(() => kernels.trailingMedianMad(v, 3, 0, 11, new Float64Array(22))).toThrow(/to must be/);
    expect(() => kernels.trailingMedianMad(v, 3, 0, 10, new Float64Array(19))).toThrow(/output array 'out'/);
  });
});
