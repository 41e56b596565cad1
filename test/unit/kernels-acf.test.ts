// Autocorrelation kernel (WebAssembly) against its plain-TypeScript twin and a from-scratch reference,
// on random inputs with NaN, ±Infinity, empty, length 1, constants and huge magnitudes.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { referenceAutocorrelation, twinAutocorrelation } from '../reference/acf';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

function acf(x: Float64Array, maxLag: number): Float64Array {
  const out = new Float64Array(maxLag + 1);
  kernels.autocorrelation(x, maxLag, out);
  return out;
}

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, 1e300, -1e300, 5e-310) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** Same NaN-ness, values within 1e-9 (the twin sums in another order). */
function expectClose(got: Float64Array, want: Float64Array, where: string): void {
  for (let k = 0; k < want.length; k++) {
    expect(Number.isNaN(got[k]), `${where} k=${k}: ${got[k]} vs ${want[k]}`).toBe(Number.isNaN(want[k]));
    if (!Number.isNaN(want[k])) expect(Math.abs(got[k] - want[k]), `${where} k=${k}`).toBeLessThanOrEqual(1e-9);
  }
}

describe('autocorrelation', () => {
  it('matches the twin on mixed inputs (NaN, ±Infinity, huge and subnormal values, lags beyond the length)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 120 }), fc.integer({ min: 0, max: 140 }), (a, maxLag) => {
        const x = Float64Array.from(a);
        const copy = x.slice();
        const want = new Float64Array(maxLag + 1);
        twinAutocorrelation(x, maxLag, want);
        expectClose(acf(x, maxLag), want, `n=${x.length}`);
        expect(x).toEqual(copy); // the input is not modified
      }),
      { numRuns: 300 },
    );
  });

  it('matches the from-scratch reference on continuous random series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 7), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 0, max: 100 }),
        (a, maxLag) => {
          const x = Float64Array.from(a);
          expectClose(acf(x, maxLag), referenceAutocorrelation(x, maxLag), `n=${x.length}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives NaN for an empty or all-zero series, 1 at lag 0 otherwise, and 1 at every lag of a constant', () => {
    expect([...acf(new Float64Array(0), 3)]).toEqual([NaN, NaN, NaN, NaN]);
    expect([...acf(new Float64Array(5), 2)]).toEqual([NaN, NaN, NaN]);
    expect([...acf(Float64Array.of(-7), 1)]).toEqual([1, NaN]);
    for (const r of acf(new Float64Array(10).fill(1e300), 3)) expect(r).toBeCloseTo(1, 14);
  });

  it('peaks at the period of a sine (lag 24 of a 24-point cycle) and is -1 at half of it', () => {
    const x = Float64Array.from({ length: 24 * 40 }, (_, i) => Math.sin((2 * Math.PI * i) / 24));
    const r = acf(x, 30);
    expect(r[24]).toBeGreaterThan(0.999);
    expect(r[12]).toBeLessThan(-0.999);
    expect(Math.abs(r[6])).toBeLessThan(1e-2);
  });
});
