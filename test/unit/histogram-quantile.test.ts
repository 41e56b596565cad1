// histogram_quantile against Prometheus' rules (promql/quantile.go), expected values computed by hand.
import { describe, expect, it } from 'vitest';
import { bucketQuantile, type Bucket } from '../../src/analysis/metrics/bucket-quantile';
import { histogramQuantile } from '../../src/analysis/metrics/histogram-quantile';
import type { Series } from '../../src/model/series';

const b = (...pairs: [number, number][]): Bucket[] => pairs.map(([upperBound, count]) => ({ upperBound, count }));
const classic = b([0.1, 10], [0.5, 30], [1, 40], [Infinity, 50]);

describe('bucketQuantile', () => {
  it('interpolates linearly inside the bucket holding rank q·count', () => {
    expect(bucketQuantile(0.5, classic).value).toBeCloseTo(0.4, 12); // rank 25: 0.1 + 0.4 · 15/20
    expect(bucketQuantile(0.1, classic).value).toBeCloseTo(0.05, 12); // lowest bucket starts at 0
    expect(bucketQuantile(0.8, classic).value).toBe(1); // rank 40 = count of le=1 exactly
  });
  it('a rank in the +Inf bucket gives the highest finite bound', () => {
    expect(bucketQuantile(0.9, classic).value).toBe(1);
    expect(bucketQuantile(1, classic).value).toBe(1);
  });
  it('q outside [0, 1] and NaN', () => {
    expect(bucketQuantile(-0.1, classic).value).toBe(-Infinity);
    expect(bucketQuantile(1.1, classic).value).toBe(Infinity);
    expect(bucketQuantile(NaN, classic).value).toBeNaN();
  });
  it('NaN without a +Inf bucket, with one bucket only, or without observations', () => {
    expect(bucketQuantile(0.5, b([1, 5], [2, 10])).value).toBeNaN();
    expect(bucketQuantile(0.5, b([Infinity, 10])).value).toBeNaN();
    expect(bucketQuantile(0.5, b([1, 0], [Infinity, 0])).value).toBeNaN();
  });
  it('the lowest bucket with a bound <= 0 answers its bound', () => {
    expect(bucketQuantile(0.2, b([-1, 5], [0, 10], [Infinity, 10])).value).toBe(-1);
    expect(bucketQuantile(0.75, b([-1, 5], [0, 10], [Infinity, 10])).value).toBeCloseTo(-0.5, 12); // rank 7.5: −1 + 1·2.5/5
  });
  it('unsorted input, equal bounds summed, decreasing counts forced monotonic', () => {
    expect(bucketQuantile(0.5, [...classic].reverse()).value).toBeCloseTo(0.4, 12);
    expect(bucketQuantile(0.5, b([1, 4], [1, 6], [2, 20], [Infinity, 20])).value).toBeCloseTo(1, 12); // le=1: 10; rank 10
    const r = bucketQuantile(0.75, b([1, 10], [2, 8], [Infinity, 12]));
    expect(r.forcedMonotonic).toBe(true);
    expect(r.value).toBeCloseTo(0.9, 12); // 2 → 10; rank 9 in le=1
    const tiny = bucketQuantile(0.5, b([1, 10], [2, 10 - 1e-14], [Infinity, 10]));
    expect(tiny.forcedMonotonic).toBe(false);
    expect(tiny.value).toBeCloseTo(0.5, 12);
  });
});

const series = (name: string, labels: Record<string, string>, t: number[], v: number[]): Series => ({
  name, labels, metricType: 'histogram', t: Float64Array.from(t), v: Float64Array.from(v),
});

describe('histogramQuantile over series', () => {
  it('groups by name and labels minus le, evaluates per timestamp', () => {
    const s = [
      series('rpc_seconds_bucket', { le: '0.1', job: 'a' }, [1000, 2000], [10, 20]),
      series('rpc_seconds_bucket', { le: '0.5', job: 'a' }, [1000, 2000], [30, 20]),
      series('rpc_seconds_bucket', { le: '1', job: 'a' }, [1000, 2000], [40, 40]),
      series('rpc_seconds_bucket', { le: '+Inf', job: 'a' }, [1000, 2000], [50, 40]),
      series('rpc_seconds_bucket', { le: '1', job: 'b' }, [1000], [1]),
      series('rpc_seconds_bucket', { le: '+Inf', job: 'b' }, [1000], [2]),
      series('rpc_seconds_count', { job: 'a' }, [1000], [50]),
    ];
    const out = histogramQuantile(0.5, s);
    expect(out.map((h) => [h.name, h.labels.job])).toEqual([['rpc_seconds', 'a'], ['rpc_seconds', 'b']]);
    expect(Array.from(out[0].t)).toEqual([1000, 2000]);
    expect(out[0].v[0]).toBeCloseTo(0.4, 12);
    expect(out[0].v[1]).toBeCloseTo(0.1, 12); // rank 20: le=0.1 already holds 20 → 0 + 0.1 · 20/20
    expect(out[1].v[0]).toBeCloseTo(1, 12); // rank 1 in le=1 (1 of 1): 0 + 1·1/1
  });
});
