// The Overview's sparklines, the pure part: buckets mapped to pixels (columns of the min/max envelope and
// runs of the line), with gaps, a constant series, a single point and sparse sampling; a service's span
// counts as a rate on the line (an empty bucket: 0, not a gap).

import { describe, expect, it } from 'vitest';
import { bridgeOf, bucketsOf, rateBucketsOf, sparkPath, type SparkBuckets } from '../../src/ui/sparkline';

/** Buckets from [min, max, last, points] per bucket; `null` for an empty bucket. */
function buckets(...rows: ([number, number, number, number] | null)[]): SparkBuckets {
  const pick = (k: number, empty: number) => Float64Array.from(rows, (r) => (r ? r[k] : empty));
  return { min: pick(0, NaN), max: pick(1, NaN), last: pick(2, NaN), points: Uint32Array.from(rows, (r) => (r ? r[3] : 0)) };
}

describe('sparkPath', () => {
  it('centres each bucket in its column and fills the height with the series range, max on top', () => {
    const p = sparkPath(buckets([0, 10, 5, 3], [2, 4, 4, 3], [10, 10, 10, 1], [0, 0, 0, 1]), 40, 24, 2, 0);
    expect(p.columns).toEqual([
      { x: 5, top: 2, bottom: 22 },
      { x: 15, top: 14, bottom: 18 },
      { x: 25, top: 2, bottom: 2 },
      { x: 35, top: 22, bottom: 22 },
    ]);
    expect(p.runs).toEqual([[{ x: 5, y: 12 }, { x: 15, y: 14 }, { x: 25, y: 2 }, { x: 35, y: 22 }]]);
  });

  it('breaks the line at a bucket with points but no finite value, and leaves it out', () => {
    const p = sparkPath(buckets([1, 1, 1, 2], [NaN, NaN, NaN, 4], [3, 3, 3, 2], [2, 2, 2, 2]), 4, 10, 0, 0);
    expect(p.columns.map((c) => c.x)).toEqual([0.5, 2.5, 3.5]);
    expect(p.runs.map((r) => r.map((q) => q.x))).toEqual([[0.5], [2.5, 3.5]]);
  });

  it('crosses up to `bridge` empty buckets in a row and breaks across more', () => {
    const b = buckets([1, 1, 1, 1], null, [2, 2, 2, 1], null, null, [3, 3, 3, 1]);
    const xs = (bridge: number) => sparkPath(b, 6, 10, 0, bridge).runs.map((r) => r.map((q) => q.x));
    expect(xs(0)).toEqual([[0.5], [2.5], [5.5]]);
    expect(xs(1)).toEqual([[0.5, 2.5], [5.5]]);
    expect(xs(2)).toEqual([[0.5, 2.5, 5.5]]);
  });

  it('draws a constant series as a flat line at mid-height', () => {
    const p = sparkPath(buckets([7, 7, 7, 5], [7, 7, 7, 5], [7, 7, 7, 5]), 30, 28, 2, 0);
    expect(p.runs).toHaveLength(1);
    expect(p.runs[0].map((q) => q.y)).toEqual([14, 14, 14]);
    expect(p.columns.every((c) => c.top === 14 && c.bottom === 14)).toBe(true);
  });

  it('draws a single point as a run of one (a dot) at mid-height', () => {
    const p = sparkPath(buckets(null, null, [42, 42, 42, 1], null), 8, 28, 2, 3);
    expect(p.runs).toEqual([[{ x: 5, y: 14 }]]);
  });

  it('has nothing to draw for a series without finite values', () => {
    expect(sparkPath(buckets(null, [NaN, NaN, NaN, 3], null), 30, 28, 2, 5)).toEqual({ columns: [], runs: [] });
  });
});

describe('bridgeOf', () => {
  it('allows twice the mean sampling interval in buckets, none for dense or single-point series', () => {
    expect(bridgeOf(11, 0, 1_000, 25)).toBe(8); // a point every 100 ms, buckets of 25 ms
    expect(bridgeOf(1_001, 0, 1_000, 25)).toBe(0); // 25 points per bucket: an empty one is a gap
    expect(bridgeOf(1, 5, 5, 25)).toBe(0);
  });
});

describe('bucketsOf', () => {
  it('views one series of the packed shapes', () => {
    const shapes = { buckets: 2, min: Float64Array.of(1, 2, 3, 4), max: Float64Array.of(5, 6, 7, 8), last: Float64Array.of(9, 10, 11, 12), points: Uint32Array.of(1, 1, 2, 2) };
    const b = bucketsOf(shapes, 1);
    expect([...b.min, ...b.max, ...b.last, ...b.points]).toEqual([3, 4, 7, 8, 11, 12, 2, 2]);
  });
});

describe('rateBucketsOf', () => {
  it('turns one service’s span counts into spans a second, an empty bucket a rate of 0 on the line', () => {
    const shapes = { services: [], buckets: 3, spans: Uint32Array.of(1, 2, 3, 4, 0, 8) };
    const b = rateBucketsOf(shapes, 1, 500);
    expect([...b.min]).toEqual([8, 0, 16]);
    expect([...b.max]).toEqual([8, 0, 16]);
    expect([...b.last]).toEqual([8, 0, 16]);
    expect([...b.points]).toEqual([1, 1, 1]);
    expect(sparkPath(b, 30, 10, 0, 0).runs.map((r) => r.map((q) => q.y))).toEqual([[5, 10, 0]]);
  });
});
