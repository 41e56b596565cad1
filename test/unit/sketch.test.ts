// The quantile sketch: kernel bins equal the twin's, the relative-error bound on many distributions,
// merge associative and equal to the sketch of the union, serialise round-trips, corrupt bytes refused.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { QuantileSketch } from '../../src/analysis/percentiles/sketch';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import { SLOT, storeBins } from '../../src/kernels/sketch-layout';
import { twinSketch } from '../reference/percentiles';
import { seededRandom as mulberry32 } from '../reference/synthetic-anomalies';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

const sketchOf = (v: Float64Array, alpha = 0.01, maxBins?: number): QuantileSketch => {
  const s = QuantileSketch.create(kernels, { alpha, maxBins });
  s.add(v);
  return s;
};

const binsOf = (s: QuantileSketch, negative: boolean): Map<number, number> => {
  const { lo, counts } = storeBins(s.state, negative);
  const m = new Map<number, number>();
  counts.forEach((c, k) => c !== 0 && m.set(lo + k, c));
  return m;
};

const QS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1];

/** Every quantile within α (relative) of the order statistic at rank ⌊q(n−1)⌋ (DDSketch's guarantee). */
function expectWithinAlpha(v: Float64Array, alpha: number, name: string, maxBins?: number): void {
  const s = sketchOf(v, alpha, maxBins);
  const sorted = v.filter((x) => !Number.isNaN(x)).sort();
  for (const q of QS) {
    const want = sorted[Math.floor(q * (sorted.length - 1))];
    const got = s.quantile(q);
    if (want === got) continue;
    // |x| under the smallest normal f64 counts as zero: an absolute error below 2^-1022 there
    const bound = Math.max(alpha * Math.abs(want) * (1 + 1e-9), Math.abs(want) < 2 ** -1022 ? 2 ** -1022 : 0);
    expect(Math.abs(got - want), `${name} q=${q} got=${got} want=${want}`).toBeLessThanOrEqual(bound);
  }
}

function normals(n: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()));
}

describe('QuantileSketch accuracy', () => {
  const n = 50_000;
  const rnd = mulberry32(7);
  const cases: Record<string, Float64Array> = {
    lognormal: normals(n, 1).map((z) => Math.exp(1 + 2 * z)),
    pareto: Float64Array.from({ length: n }, () => 1 / Math.pow(1 - rnd(), 1 / 1.2)),
    bimodal: normals(n, 2).map((z, i) => (i % 3 === 0 ? 1000 + 50 * z : 5 + z)),
    constant: new Float64Array(n).fill(42.5),
    tiny: normals(n, 3).map((z) => Math.exp(z) * 1e-300),
    huge: normals(n, 4).map((z) => Math.exp(z) * 1e300),
    zerosAndNegatives: normals(n, 5).map((z, i) => (i % 4 === 0 ? 0 : z * 100)),
    negative: normals(n, 6).map((z) => -Math.exp(z)),
  };
  for (const [name, v] of Object.entries(cases)) {
    it(`holds α = 1 % on ${name}`, () => expectWithinAlpha(v, 0.01, name));
  }
  it('holds other α (0.1 %, 5 %) on lognormal', () => {
    expectWithinAlpha(cases.lognormal, 0.001, 'lognormal 0.1%', 1 << 14); // 500 bins per power of two
    expectWithinAlpha(cases.lognormal, 0.05, 'lognormal 5%');
  });
  it('holds on random arrays with NaN, ±Infinity, zeros and subnormals', () => {
    const valueArb = fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 5e-324, 1e-310));
    fc.assert(fc.property(fc.array(valueArb, { minLength: 1, maxLength: 500 }), (a) => {
      const v = Float64Array.from(a);
      if (v.every((x) => Number.isNaN(x))) return;
      expectWithinAlpha(v, 0.01, 'random', 1 << 17); // all of f64 without collapsing
    }), { numRuns: 200 });
  });
});

describe('QuantileSketch kernel vs twin', () => {
  it('bins and counters equal the twin sketch on random inputs', () => {
    const valueArb = fc.oneof(fc.double({ min: -1e12, max: 1e12 }), fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e-320));
    fc.assert(fc.property(fc.array(valueArb, { maxLength: 800 }), fc.constantFrom(0.01, 0.02, 0.05), (a, alpha) => {
      const v = Float64Array.from(a);
      const s = sketchOf(v, alpha, 1 << 17); // wide enough never to collapse (all of f64 at α >= 1 %)
      const twin = twinSketch(v, alpha);
      expect(binsOf(s, false)).toEqual(twin.pos);
      expect(binsOf(s, true)).toEqual(twin.neg);
      expect([s.count, s.state[SLOT.zero], s.state[SLOT.posInf], s.state[SLOT.negInf]]).toEqual([twin.count, twin.zero, twin.posInf, twin.negInf]);
    }), { numRuns: 200 });
  });

  it('empty sketch: NaN quantiles, count 0', () => {
    const s = sketchOf(new Float64Array(0));
    expect(s.count).toBe(0);
    expect(s.quantile(0.5)).toBeNaN();
    expect(sketchOf(Float64Array.of(NaN)).quantile(0.5)).toBeNaN();
    expect(sketchOf(Float64Array.of(3)).quantile(0.99)).toBe(3);
  });
});

describe('bounded bins: collapse of the lowest', () => {
  it('keeps every value counted and the upper quantiles within α when the range exceeds the bins', () => {
    const v = Float64Array.from({ length: 20_000 }, (_, i) => Math.pow(10, -20 + (40 * i) / 20_000));
    const s = sketchOf(v, 0.01, 256);
    const pos = storeBins(s.state, false);
    expect(pos.hi - pos.lo + 1).toBeLessThanOrEqual(256);
    expect(pos.counts.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(s.state[SLOT.posCollapsed]).toBe(1);
    const sorted = v.slice().sort();
    for (const q of [0.99, 0.999, 1]) { // the top 256 bins hold the top 1.5 of 40 decades
      const want = sorted[Math.floor(q * (v.length - 1))];
      expect(Math.abs(s.quantile(q) - want)).toBeLessThanOrEqual(0.01 * want * (1 + 1e-9));
    }
    // the lowest quantile is answered by the collapsed bin: not below the true value
    expect(s.quantile(0)).toBeGreaterThanOrEqual(1e-20);
  });

  it('values arriving in descending order collapse the same way', () => {
    const v = Float64Array.from({ length: 5000 }, (_, i) => Math.pow(2, 30 - (60 * i) / 5000));
    const s = sketchOf(v, 0.01, 128);
    expect(storeBins(s.state, false).counts.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(Math.abs(s.quantile(1) - 2 ** 30) / 2 ** 30).toBeLessThanOrEqual(0.01);
  });
});

describe('merge', () => {
  const chunkArb = fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constantFrom(0, Infinity, 1e-300)), { maxLength: 300 }).map((a) => Float64Array.from(a));
  it('equals the sketch of the union and is associative', () => {
    fc.assert(fc.property(chunkArb, chunkArb, chunkArb, (a, b, c) => {
      const union = sketchOf(Float64Array.from([...a, ...b, ...c]));
      const left = sketchOf(a).merge(sketchOf(b)).merge(sketchOf(c));
      const right = sketchOf(a).merge(sketchOf(b).merge(sketchOf(c)));
      const many = QuantileSketch.create(kernels).merge(sketchOf(a), sketchOf(b), sketchOf(c));
      for (const s of [left, right, many]) {
        expect(binsOf(s, false)).toEqual(binsOf(union, false));
        expect(binsOf(s, true)).toEqual(binsOf(union, true));
        expect(s.quantiles(QS)).toEqual(union.quantiles(QS));
        expect([s.count, s.min, s.max]).toEqual([union.count, union.min, union.max]);
      }
    }), { numRuns: 150 });
  });

  it('refuses sketches of a different α', () => {
    expect(() => sketchOf(Float64Array.of(1)).merge(sketchOf(Float64Array.of(1), 0.02))).toThrow(/relative accuracy/);
  });

  it('merging into small bins collapses the lowest', () => {
    const lo = sketchOf(Float64Array.from({ length: 100 }, (_, i) => 1e-10 * (1 + i)), 0.01, 64);
    const hi = sketchOf(Float64Array.from({ length: 100 }, (_, i) => 1e10 * (1 + i)), 0.01, 64);
    lo.merge(hi);
    expect(lo.count).toBe(200);
    expect(storeBins(lo.state, false).counts.reduce((a, b) => a + b, 0)).toBe(200);
    expect(Math.abs(lo.quantile(1) - 1e12) / 1e12).toBeLessThanOrEqual(0.01);
  });
});

describe('serialise', () => {
  it('round-trips (quantiles, counters, further inserts)', () => {
    fc.assert(fc.property(fc.array(fc.double(), { maxLength: 400 }), (a) => {
      const s = sketchOf(Float64Array.from(a));
      const back = QuantileSketch.deserialize(kernels, s.serialize());
      if (!back.ok) throw new Error(back.error);
      expect(back.value.quantiles(QS)).toEqual(s.quantiles(QS));
      expect(back.value.serialize()).toEqual(s.serialize());
      back.value.add(Float64Array.of(1, 2, 3));
      s.add(Float64Array.of(1, 2, 3));
      expect(back.value.quantiles(QS)).toEqual(s.quantiles(QS));
    }), { numRuns: 100 });
  });

  it('is compact: the header and the non-empty bins', () => {
    const bytes = sketchOf(Float64Array.of(1, 2, 4)).serialize();
    expect(bytes.length).toBeLessThan(12 + 8 * (18 + 110));
  });

  it('refuses short, foreign, other-version and corrupt bytes with a readable error', () => {
    const good = sketchOf(Float64Array.of(1, 10, 100, -5)).serialize();
    const check = (bytes: Uint8Array, pattern: RegExp): void => {
      const r = QuantileSketch.deserialize(kernels, bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(pattern);
    };
    check(good.subarray(0, 5), /shorter than/);
    check(good.subarray(0, good.length - 8), /announces/);
    const foreign = good.slice();
    foreign[0] = 0x58;
    check(foreign, /FLQS/);
    const version = good.slice();
    version[4] = 9;
    check(version, /version 9/);
    const negativeCount = good.slice();
    new DataView(negativeCount.buffer).setFloat64(12 + 8 * 18, -1, true);
    check(negativeCount, /count >= 0/);
    const badAlpha = good.slice();
    new DataView(badAlpha.buffer).setFloat64(12, 2, true);
    check(badAlpha, /relative accuracy/);
  });
});
