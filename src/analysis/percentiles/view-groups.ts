// Percentile lines of a histogram (histogram_quantile over each bucket's increase per time bucket, as
// histogram_quantile(φ, increase(x_bucket[w])) does) and of a summary (its own quantiles, as given).
import { bucketQuantile, type Bucket } from '../metrics/bucket-quantile';
import { STANDARD_QS } from './exact';
import { PERCENTILE_NAMES } from './view-lines';
import { DEFAULT_ALPHA } from './sketch';
import type { PercentileMethod, PercentileResult } from './view-types';

export interface GroupMember {
  /** `le` bound (histogram) or quantile φ (summary). */
  bound: number;
  t: Float64Array;
  v: Float64Array;
}

/** Earliest finite time and the number of samples across the members (for the bucket width). */
export function membersExtent(members: readonly GroupMember[]): { start: number; end: number; points: number } {
  let start = Infinity;
  let end = -Infinity;
  let points = 0;
  for (const m of members) {
    points += m.t.length;
    for (let i = 0; i < m.t.length; i++) {
      if (m.t[i] < start) start = m.t[i];
      if (m.t[i] > end) end = m.t[i];
    }
  }
  return { start, end, points };
}

/**
 * Increase of a cumulative count per time bucket: each rise between consecutive samples lands in the
 * later sample's bucket; a drop is a counter reset (the new value is the rise).
 */
export function increasePerBucket(t: Float64Array, v: Float64Array, origin: number, bucketMs: number, buckets: number): Float64Array {
  const out = new Float64Array(buckets);
  let pv = NaN;
  for (let i = 0; i < t.length; i++) {
    if (Number.isNaN(v[i]) || !(t[i] >= origin)) continue;
    if (pv === pv) {
      const b = Math.floor((t[i] - origin) / bucketMs);
      if (b < buckets) out[b] += v[i] >= pv ? v[i] - pv : v[i];
    }
    pv = v[i];
  }
  return out;
}

/** histogram_quantile of p50 … p99.9 per time bucket over the buckets' increases, and over the whole range. */
export function histogramPercentiles(title: string, unit: string, members: readonly GroupMember[], bucketMs: number, method: PercentileMethod): PercentileResult {
  const qs = STANDARD_QS;
  const { start, end } = membersExtent(members);
  const origin = Number.isFinite(start) ? Math.floor(start / bucketMs) * bucketMs : 0;
  const buckets = Number.isFinite(end) ? Math.floor((end - origin) / bucketMs) + 1 : 0;
  // One scrape (no increase to take): the cumulative counts themselves, as histogram_quantile(φ, x_bucket).
  const oneScrape = members.every((m) => m.v.filter((x) => !Number.isNaN(x)).length <= 1);
  const inc = members.map((m) => (oneScrape ? lastPerBucket(m, origin, bucketMs, buckets, 0) : increasePerBucket(m.t, m.v, origin, bucketMs, buckets)));
  const inf = members.findIndex((m) => m.bound === Infinity);
  const total = (b: number): number => (inf >= 0 ? inc[inf][b] : 0);
  const at = (b: number): Bucket[] => members.map((m, k) => ({ upperBound: m.bound, count: inc[k][b] }));
  const kept: number[] = [];
  for (let b = 0; b < buckets; b++) if (total(b) > 0) kept.push(b);
  const lines = qs.map((q, j) => ({ name: PERCENTILE_NAMES[j], q, v: Float64Array.from(kept, (b) => bucketQuantile(q, at(b)).value) }));
  const whole: Bucket[] = members.map((m, k) => ({ upperBound: m.bound, count: inc[k].reduce((a, x) => a + x, 0) }));
  const observations = inf >= 0 ? whole[inf].count : 0;
  const notes = [
    oneScrape
      ? 'One scrape only: histogram_quantile over the cumulative bucket counts (every observation since the process started), with linear interpolation inside a bucket as Prometheus does.'
      : 'Each line is histogram_quantile over the increase of every bucket within the time bucket (linear interpolation inside a bucket, as Prometheus does); a sketch needs the raw values, so only the bucket estimate is shown.',
  ];
  if (inf < 0) notes.push('This histogram has no le="+Inf" bucket, so no quantile can be computed (Prometheus returns nothing too).');
  if (method === 'sketch') notes.push('Sketch mode does not apply to histograms: the bucket counts are all there is.');
  return {
    title, kind: 'histogram', unit, bucketMs, method: 'exact',
    t: Float64Array.from(kept, (b) => origin + b * bucketMs), count: Float64Array.from(kept, total), lines,
    valueCount: observations,
    summary: qs.map((q, j) => ({ name: PERCENTILE_NAMES[j], q, exact: observations > 0 ? bucketQuantile(q, whole).value : NaN, sketch: NaN, relError: NaN })),
    alpha: DEFAULT_ALPHA, notes,
  };
}

/** The last value (not NaN) of a member in each time bucket; `none` where it has none. */
function lastPerBucket(m: GroupMember, origin: number, bucketMs: number, buckets: number, none: number): Float64Array {
  const out = new Float64Array(buckets).fill(none);
  for (let i = 0; i < m.t.length; i++) if (!Number.isNaN(m.v[i]) && m.t[i] >= origin) out[Math.floor((m.t[i] - origin) / bucketMs)] = m.v[i];
  return out;
}

/** A summary's own quantiles: per time bucket the last value given in it (they cannot be re-aggregated). */
export function summaryPercentiles(title: string, unit: string, members: readonly GroupMember[], bucketMs: number): PercentileResult {
  const { start, end } = membersExtent(members);
  const origin = Number.isFinite(start) ? Math.floor(start / bucketMs) * bucketMs : 0;
  const buckets = Number.isFinite(end) ? Math.floor((end - origin) / bucketMs) + 1 : 0;
  const last = members.map((m) => lastPerBucket(m, origin, bucketMs, buckets, NaN));
  const kept: number[] = [];
  for (let b = 0; b < buckets; b++) if (last.some((x) => !Number.isNaN(x[b]))) kept.push(b);
  const lines = members.map((m, k) => ({ name: `q ${m.bound}`, q: m.bound, v: Float64Array.from(kept, (b) => last[k][b]) }));
  const lastGiven = (k: number): number => {
    for (let b = buckets - 1; b >= 0; b--) if (!Number.isNaN(last[k][b])) return last[k][b];
    return NaN;
  };
  return {
    title, kind: 'summary', unit, bucketMs, method: 'exact',
    t: Float64Array.from(kept, (b) => origin + b * bucketMs), count: Float64Array.from(kept, (b) => last.filter((x) => !Number.isNaN(x[b])).length),
    lines, valueCount: members.reduce((a, m) => a + m.t.length, 0),
    summary: members.map((m, k) => ({ name: `q ${m.bound}`, q: m.bound, exact: lastGiven(k), sketch: NaN, relError: NaN })),
    alpha: DEFAULT_ALPHA,
    notes: [`A summary's quantiles are computed by the client that exported them and cannot be re-aggregated: each line is the last value given within a bucket, and the table shows the last value given.`, ...(members.length ? [] : ['This summary has no quantile series.'])],
  };
}
