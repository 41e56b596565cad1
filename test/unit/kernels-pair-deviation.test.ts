// Pair-deviation kernel (WebAssembly) against its twin and the from-scratch reference (two-pass r, the
// baseline kept as raw EWMA sums): correlated columns with NaN / ±Infinity holes at tiny and huge scales, across
// stretch boundaries; empty, length 1, constant and single columns; option checks.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KernelInstance } from '../../src/kernels/instantiate';
import { loadKernelsNode } from '../../src/kernels/node';
import type { PairBaselineOptions } from '../../src/kernels/pearson-types';
import { referenceDeviation, twinPairDeviations } from '../reference/pair-deviation';
import { referencePearson } from '../reference/pearson';
import { gaussian, seededRandom } from '../reference/synthetic-anomalies';

let kernels: KernelInstance;
beforeAll(async () => {
  kernels = await loadKernelsNode();
});

type Run = { deviation: Float64Array[]; events: Map<string, number> };
type PairDeviationsFn = KernelInstance['pairDeviations'];

function run(f: PairDeviationsFn, columns: Float64Array[], o: PairBaselineOptions): Run {
  const deviation = columns.map((c) => new Float64Array(c.length).fill(-1));
  const events = new Map<string, number>();
  const odd: string[] = [];
  f(columns, o, deviation, (a, b, i, dev, r, baseZ) => {
    if (!(a < b && Math.abs(r) <= 1 && Number.isFinite(baseZ) && dev > o.threshold)) odd.push(`${a}-${b}@${i}: dev ${dev} r ${r} baseZ ${baseZ}`);
    events.set(`${a}-${b}@${i}`, dev);
  });
  expect(odd).toEqual([]);
  return { deviation, events };
}

/** The reference: per pair, two-pass r and the sums-form baseline; per series the largest deviation. */
function reference(columns: Float64Array[], o: PairBaselineOptions): Run {
  const deviation = columns.map((c) => new Float64Array(c.length));
  const events = new Map<string, number>();
  for (let a = 0; a < columns.length; a++) {
    for (let b = a + 1; b < columns.length; b++) {
      const { dev } = referenceDeviation(referencePearson(columns[a], columns[b], o.window), o);
      dev.forEach((d, i) => {
        for (const k of [a, b]) deviation[k][i] = Math.max(deviation[k][i], d);
        if (d > o.threshold) events.set(`${a}-${b}@${i}`, d);
      });
    }
  }
  return { deviation, events };
}

/** Deviations within tol (relative to max(1, |want|)); the same events except those within tol of the threshold. */
function expectClose(got: Run, want: Run, o: PairBaselineOptions, tol: number): void {
  const off: string[] = [];
  got.deviation.forEach((g, k) => {
    for (let i = 0; i < g.length && off.length < 5; i++) {
      const w = want.deviation[k][i];
      if (!(Math.abs(g[i] - w) <= tol * Math.max(1, Math.abs(w)))) off.push(`series ${k} bin ${i}: ${g[i]} vs ${w}`);
    }
  });
  const near = (d: number) => Math.abs(d - o.threshold) <= tol * o.threshold;
  for (const [key, d] of got.events) if (!near(d) && !want.events.has(key)) off.push(`extra event ${key} (${d})`);
  for (const [key, d] of want.events) {
    const g = got.events.get(key);
    if (!near(d) && !(g !== undefined && Math.abs(g - d) <= tol * d)) off.push(`event ${key}: ${g} vs ${d}`);
  }
  expect(off).toEqual([]);
}

/** Columns following one AR(1) path plus noise (one of them decoupled for a stretch), with holes. */
function correlatedColumns(seed: number, count: number, n: number, scale: number, holes: number): Float64Array[] {
  const normal = gaussian(seededRandom(seed));
  const rand = seededRandom(seed + 1);
  const latent = new Float64Array(n);
  for (let i = 1; i < n; i++) latent[i] = 0.8 * latent[i - 1] + normal();
  const breakAt = Math.floor(n * 0.6);
  return Array.from({ length: count }, (_, k) =>
    Float64Array.from(latent, (x, i) => {
      if (rand() < holes) return [NaN, Infinity, -Infinity][Math.floor(rand() * 3)];
      const own = k === 1 && i >= breakAt && i < breakAt + n / 10 ? 3 * normal() : x;
      return scale * (1000 * k + (k + 1) * own + 0.5 * normal());
    }),
  );
}

const options = fc.record({
  window: fc.integer({ min: 4, max: 40 }),
  baselineWindows: fc.integer({ min: 1, max: 4 }),
  threshold: fc.double({ min: 1, max: 6, noNaN: true }),
  minBaseline: fc.constantFrom(0, 0.3, 0.5, 0.9),
});

describe('pairDeviations', () => {
  it('twin and kernel match the reference on correlated columns with holes, at tiny and huge scales', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 600 }),
        fc.constantFrom(1, 1e-120, -1e70), fc.constantFrom(0, 0.01, 0.2), options,
        (seed, count, n, scale, holes, o) => {
          const columns = correlatedColumns(seed, count, n, scale, holes);
          const want = reference(columns, o);
          expectClose(run(twinPairDeviations, columns, o), want, o, 1e-7);
          expectClose(run(kernels.pairDeviations, columns, o), want, o, 1e-7);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('agrees with the twin across stretch boundaries on long columns', () => {
    const n = 3 * 8192 + 777;
    for (const window of [4, 60, 3000]) {
      const o = { window, baselineWindows: 2, threshold: 3, minBaseline: 0.3 };
      const columns = correlatedColumns(window, 3, n, 10, 0.001);
      const want = run(twinPairDeviations, columns, o);
      expect(want.events.size).toBeGreaterThan(0);
      expectClose(run(kernels.pairDeviations, columns, o), want, o, 1e-7);
    }
  });

  it('gives each pair the bits it gets alone, whether it runs beside another pair (in lanes) or not', () => {
    // Five columns: pairs run two at a time and the last of the ten alone; each pair is then run as the
    // only pair of a two-column set (the one-pair path). Its events (bin, dev, r, baseline) must be equal.
    const eventsOf = (columns: Float64Array[], o: PairBaselineOptions) => {
      const events = new Map<string, number[]>();
      kernels.pairDeviations(columns, o, columns.map((c) => new Float64Array(c.length)), (a, b, i, dev, r, z) => {
        events.set(`${a}-${b}@${i}`, [dev, r, z]);
      });
      return events;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 50, max: 2500 }), fc.constantFrom(0, 0.01, 0.2), options, (seed, n, holes, o) => {
        const columns = correlatedColumns(seed, 5, n, 1, holes);
        const together = eventsOf(columns, o);
        const alone = new Map<string, number[]>();
        for (let a = 0; a < 5; a++) {
          for (let b = a + 1; b < 5; b++) {
            for (const [key, v] of eventsOf([columns[a], columns[b]], o)) alone.set(key.replace(/^0-1/, `${a}-${b}`), v);
          }
        }
        expect([...together.entries()].sort()).toEqual([...alone.entries()].sort());
      }),
      { numRuns: 40 },
    );
  });

  it('gives 0 and no events for constant, all-NaN, length-1, empty and single columns', () => {
    const o = { window: 4, baselineWindows: 1, threshold: 2, minBaseline: 0 };
    const ramp = Float64Array.from({ length: 50 }, (_, i) => i);
    const cases: Float64Array[][] = [
      [ramp, new Float64Array(50).fill(7)],
      [ramp, new Float64Array(50).fill(NaN)],
      [new Float64Array([1]), new Float64Array([2])],
      [new Float64Array(0), new Float64Array(0)],
      [ramp],
      [],
    ];
    for (const columns of cases) {
      for (const f of [kernels.pairDeviations, twinPairDeviations]) {
        const { deviation, events } = run(f, columns, o);
        expect(events.size).toBe(0);
        for (const d of deviation) expect(d.every((x) => x === 0)).toBe(true);
      }
    }
  });

  it('checks its options and the column lengths', () => {
    const x = new Float64Array(10);
    const out = [new Float64Array(10), new Float64Array(10)];
    const o = { window: 4, baselineWindows: 1, threshold: 2, minBaseline: 0.5 };
    expect(() => kernels.pairDeviations([x, x], { ...o, window: 3 }, out, () => {})).toThrow(/window/);
    expect(() => kernels.pairDeviations([x, x], { ...o, minBaseline: 1 }, out, () => {})).toThrow(/minBaseline/);
    expect(() => kernels.pairDeviations([x, new Float64Array(9)], o, out, () => {})).toThrow(/points/);
    expect(() => kernels.pairDeviations([x, x], o, [out[0]], () => {})).toThrow(/deviation\[1\]/);
  });
});
