// Rolling IQR-fence and median/MAD kernels (WebAssembly) against the from-scratch reference, bit for
// bit, on random inputs (NaN, ±Infinity, empty, length 1, constants, repeats, huge magnitudes, all finite).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import type { OrderStatOptions } from '../../src/kernels/order-stat-types';
import { seriesArb, valueArb } from '../reference/detector-checks';
import { referenceOrderStat, twinOrderStat, type OrderStatKind } from '../reference/order-stat';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

function run(kind: OrderStatKind, v: Float64Array, opts: OrderStatOptions, first = 0): { raw: Float64Array; flags: Uint8Array } {
  const raw = new Float64Array(v.length - first);
  const flags = new Uint8Array(v.length - first);
  (kind === 'iqr' ? kernels.rollingIqr : kernels.rollingMad)(v, first, opts, raw, flags);
  return { raw, flags };
}

/** The value as Object.is tells it apart (−0 printed as such). */
const exact = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

function expectExact(kind: OrderStatKind, v: Float64Array, opts: OrderStatOptions): void {
  const got = run(kind, v, opts);
  const want = referenceOrderStat(kind, v, opts);
  for (let i = 0; i < v.length; i++) {
    if (Object.is(got.raw[i], want.raw[i]) && got.flags[i] === want.flags[i]) continue;
    expect(`${exact(got.raw[i])} ${got.flags[i]}`, `${kind} i=${i} v=${v[i]} window=${opts.window}`).toBe(`${exact(want.raw[i])} ${want.flags[i]}`);
  }
}

const optsArb = fc.record({
  window: fc.integer({ min: 1, max: 60 }),
  minCount: fc.integer({ min: 1, max: 10 }),
  threshold: fc.double({ min: 0.5, max: 6, noNaN: true }),
});

describe.each(['iqr', 'mad'] as const)('rolling %s kernel', (kind) => {
  it('equals the from-scratch reference bit for bit on random series', () => {
    fc.assert(fc.property(seriesArb(300), optsArb, (v, opts) => expectExact(kind, v, opts)), { numRuns: 300 });
  });

  it('equals the reference on random series with windows past the blocked count (IQR: sorted blocks)', () => {
    const bigArb = fc.record({ window: fc.integer({ min: 513, max: 640 }), minCount: fc.integer({ min: 1, max: 500 }), threshold: fc.constant(3) });
    const longArb = fc.oneof(
      fc.array(valueArb, { minLength: 600, maxLength: 1400 }),
      fc.array(fc.constantFrom(5, 5, 5, 6, NaN, Infinity), { minLength: 600, maxLength: 1400 }),
    ).map((a) => Float64Array.from(a));
    fc.assert(fc.property(longArb, bigArb, (v, opts) => expectExact(kind, v, opts)), { numRuns: 12, endOnFailure: true });
  });

  it('empty, length 1, constant, one value off a constant window, huge magnitudes', () => {
    const opts = { window: 20, minCount: 2, threshold: 3 };
    expect(run(kind, new Float64Array(0), opts).raw.length).toBe(0);
    expect(run(kind, Float64Array.of(1), opts).raw[0]).toBeNaN();
    expect(run(kind, new Float64Array(50).fill(4), opts).raw.subarray(2).every((r) => r === 0)).toBe(true);
    const off = new Float64Array(50).fill(4);
    off[40] = 4.5;
    expect(run(kind, off, opts).raw[40]).toBe(Infinity);
    expectExact(kind, Float64Array.from({ length: 400 }, (_, i) => (i % 3 ? 1e308 : -1e308) * ((i % 7) / 7)), opts);
    expectExact(kind, Float64Array.from({ length: 400 }, (_, i) => 1e15 + (i % 5)), opts);
    // An infinite IQR judges nothing: 0 above Q3 and between, −0 below Q1.
    expectExact(kind, Float64Array.from({ length: 120 }, (_, i) => (i % 10 === 9 ? -1.7e308 : i % 10 === 4 ? 1.7e308 : i % 2 ? 1e308 : -1e308)), opts);
  });

  it('outputs from `first` equal the tail of a whole-series call; long series over several segments', () => {
    const v = Float64Array.from({ length: 150_000 }, (_, i) => Math.sin(i / 9) * 5 + ((i * 7919) % 101) / 50 + (i % 1009 === 0 ? NaN : 0));
    const opts = { window: 50, minCount: 10, threshold: 3 };
    const whole = run(kind, v, opts);
    const tail = run(kind, v, opts, 70_001);
    for (let i = 0; i < tail.raw.length; i++) if (!Object.is(tail.raw[i], whole.raw[70_001 + i])) expect(tail.raw[i], `i=${i}`).toBe(whole.raw[70_001 + i]);
    const part = v.subarray(0, 3000);
    expectExact(kind, part, opts);
  });

  it('windows past the blocked count (many blocks, a partial last one) and past its limit (IQR: sorted blocks; MAD: binary search)', () => {
    const v = Float64Array.from({ length: 2500 }, (_, i) => Math.round(Math.sin(i / 37) * 40 + ((i * 7919) % 97) / 4) / 2 + (i % 211 === 0 ? NaN : 0));
    for (const window of [17, 100, 255, 511, 512, 513, 700, 1100]) expectExact(kind, v, { window, minCount: 5, threshold: 3 });
  });

  it('all-finite series (the unchecked fast path once every slide has a value leaving): windows 1–3, 17, 100, 511–513, from `first` too', () => {
    const finiteArb = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
      { weight: 4, arbitrary: fc.constantFrom(5, 5, 6, 0, -0, 1e300, -1e300) },
      { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    );
    const seriesArb = fc.array(finiteArb, { minLength: 1, maxLength: 1200 }).map((a) => Float64Array.from(a));
    const windowArb = fc.constantFrom(1, 2, 3, 17, 100, 511, 512, 513);
    fc.assert(
      fc.property(seriesArb, windowArb, fc.integer({ min: 1, max: 60 }), (v, window, minCount) => expectExact(kind, v, { window, minCount, threshold: 3 })),
      { numRuns: 40, endOnFailure: true },
    );
    const v = Float64Array.from({ length: 3000 }, (_, i) => Math.round(Math.sin(i / 37) * 40 + ((i * 7919) % 97) / 4) / 2);
    for (const window of [1, 2, 3, 100, 512]) {
      const opts = { window, minCount: 1, threshold: 3 };
      const whole = run(kind, v, opts);
      const tail = run(kind, v, opts, 1500);
      for (let i = 0; i < tail.raw.length; i++) if (!Object.is(tail.raw[i], whole.raw[1500 + i])) expect(tail.raw[i], `window=${window} i=${i}`).toBe(whole.raw[1500 + i]);
      expectExact(kind, v, opts);
    }
  });

  it('long all-finite series (IQR: two lanes, each half with its own window): steps, constant runs (IQR 0), ±0, every length parity', () => {
    const v = Float64Array.from({ length: 6001 }, (_, i) =>
      i % 1500 < 400 ? (i % 3 === 0 ? -0 : 0) + 7 * Math.floor(i / 1500) : Math.round(Math.sin(i / 23) * 30 + ((i * 7919) % 89) / 3) / 4);
    for (const window of [1, 8, 16, 100, 300]) {
      for (const len of [6001, 6000, 2 * window + 300, 4 * window + 258]) expectExact(kind, v.subarray(0, Math.min(len, v.length)), { window, minCount: 1, threshold: 3 });
    }
  });

  it('the plain-JS sliding twin agrees with the reference', () => {
    fc.assert(
      fc.property(seriesArb(200), optsArb, (v, opts) => {
        const raw = new Float64Array(v.length);
        const flags = new Uint8Array(v.length);
        twinOrderStat(kind, v, opts, raw, flags);
        const want = referenceOrderStat(kind, v, opts);
        for (let i = 0; i < v.length; i++) expect(Object.is(raw[i], want.raw[i]), `i=${i}`).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
