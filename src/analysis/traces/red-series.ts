// RED metrics derived from spans: per group (service or operation) and time bucket, the call rate, the
// error rate and duration percentiles, as Series on one shared bucket grid (for the chart and detectors).

import type { Series } from '../../model/series';
import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import type { QuantileFn } from './quantiles';
import { groupIndices } from './csr';
import type { SpanGroups } from './span-groups';

export interface RedOptions {
  /** Bucket width, ms; by default the range over ~120 buckets rounded to 1 s, 10 s, 1 min, … */
  bucketMs?: number;
  /** Duration percentiles per bucket (default p50 and p99). */
  qs?: readonly number[];
}

const NICE_MS = [1000, 5000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 21_600_000, 86_400_000];

/** A bucket width that cuts [t0, t1] (ms) into about 120 buckets, at least 1 s. */
export function niceBucketMs(t0: number, t1: number): number {
  const raw = (t1 - t0) / 120;
  return NICE_MS.find((b) => b >= raw) ?? Math.ceil(raw / 86_400_000) * 86_400_000;
}

/** Most buckets a RED series may have. */
export const MAX_BUCKETS = 100_000;

const pName = (q: number): string => `p${String(Number((q * 100).toPrecision(6)))}`;

/**
 * For every group: `trace.calls` (spans per second), `trace.errors` (error spans per second),
 * `trace.error_ratio` (errors / calls, NaN in an empty bucket) and `trace.duration.pXX` (ms, NaN in an empty
 * bucket), labelled {service[, operation]}; every series has one point per bucket from the first span's
 * bucket to the last one's, times at bucket starts (ms since the epoch).
 */
export function redSeries(set: TraceSet, groups: SpanGroups, quantiles: QuantileFn, opts: RedOptions = {}): Series[] {
  const qs = opts.qs ?? [0.5, 0.99];
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < set.spanCount; r++) {
    const s = set.start[r] / 1000;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (lo === Infinity) return [];
  const bucketMs = opts.bucketMs ?? niceBucketMs(lo, hi);
  const t0 = Math.floor(lo / bucketMs) * bucketMs;
  const B = Math.floor((hi - t0) / bucketMs) + 1;
  if (!(B <= MAX_BUCKETS)) throw new RangeError(`RED series: ${B} buckets of ${bucketMs} ms, more than ${MAX_BUCKETS}; choose a wider bucket`);
  const t = Float64Array.from({ length: B }, (_, b) => t0 + b * bucketMs);
  // Cells (group, bucket) as one counting sort; durations gathered cell after cell.
  const cellOf = new Int32Array(set.spanCount);
  for (let r = 0; r < set.spanCount; r++) cellOf[r] = Number.isFinite(set.start[r]) ? groups.groupOf[r] * B + Math.floor((set.start[r] / 1000 - t0) / bucketMs) : -1;
  const cells = groupIndices(cellOf, groups.count * B);
  const ms = Float64Array.from(cells.items, (r) => set.duration[r] / 1000);
  const out: Series[] = [];
  const perSecond = 1000 / bucketMs;
  for (let g = 0; g < groups.count; g++) {
    const op = groups.operation[g];
    const labels: Record<string, string> = { service: set.services[groups.service[g]], ...(op >= 0 ? { operation: set.operations[op] } : {}) };
    const calls = new Float64Array(B);
    const errors = new Float64Array(B);
    const ratio = new Float64Array(B);
    const lines = qs.map(() => new Float64Array(B).fill(NaN));
    for (let b = 0; b < B; b++) {
      const a = cells.offsets[g * B + b];
      const z = cells.offsets[g * B + b + 1];
      let errs = 0;
      for (let i = a; i < z; i++) if (set.status[cells.items[i]] === SPAN_STATUS.error) errs++;
      calls[b] = (z - a) * perSecond;
      errors[b] = errs * perSecond;
      ratio[b] = z > a ? errs / (z - a) : NaN;
      if (z > a) quantiles(ms.subarray(a, z), qs).forEach((x, j) => (lines[j][b] = x));
    }
    // Each series owns its time column (series may be transferred to a worker one by one).
    out.push(
      { name: 'trace.calls', labels, unit: '1/s', metricType: 'gauge', t: t.slice(), v: calls },
      { name: 'trace.errors', labels, unit: '1/s', metricType: 'gauge', t: t.slice(), v: errors },
      { name: 'trace.error_ratio', labels, unit: '1', metricType: 'gauge', t: t.slice(), v: ratio },
      ...qs.map((q, j): Series => ({ name: `trace.duration.${pName(q)}`, labels, unit: 'ms', metricType: 'gauge', t: t.slice(), v: lines[j] })),
    );
  }
  return out;
}
