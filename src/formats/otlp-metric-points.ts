// OTLP data points → samples: number points (gauge / sum), explicit and exponential histograms as
// Prometheus-style cumulative `_bucket{le}` + `_sum` + `_count`, summaries as `{quantile}` + `_sum` + `_count`.

import type { JsonObject, JsonValue } from './json-stream';
import { asArray, asObject, double, int64 } from './otlp-common';

/** Where a point's samples go: the metric's name plus `suffix`, with one extra label when given. */
export type SampleSink = (suffix: string, extra: readonly [string, string] | undefined, t: number, v: number) => void;

/** A problem with a point: what was expected, in which field. */
export interface PointProblem {
  field: string;
  expected: string;
  found: JsonValue | undefined;
}

/** flags bit 0: DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK (a staleness marker; the value is absent). */
export function noRecordedValue(dp: JsonObject): boolean {
  return typeof dp.flags === 'number' && (dp.flags & 1) === 1;
}

/**
 * A proto3 JSON double field as a number: a JSON number, or "NaN" / "Infinity" / "-Infinity" / a numeric
 * string. A JSON number beyond float64 (1e400 reads as Infinity) is refused: JSON cannot carry infinities.
 */
function readDouble(v: JsonValue | undefined, field: string): number | PointProblem {
  const x = double(v);
  if (typeof v === 'number' ? Number.isFinite(v) : v === 'NaN' || !Number.isNaN(x)) return x;
  return { field, expected: 'a finite number (or "NaN" / "Infinity" / "-Infinity")', found: v };
}

function readCount(v: JsonValue | undefined, field: string, optional = false): number | PointProblem {
  if (v === undefined && optional) return 0;
  const x = int64(v);
  return x >= 0 ? x : { field, expected: 'a non-negative integer count (uint64 as a decimal string)', found: v };
}

/** A NumberDataPoint (gauge or sum): asDouble or asInt; neither = 0 (proto3 default) unless flagged as no value. */
export function numberPoint(dp: JsonObject, t: number, sink: SampleSink): PointProblem | undefined {
  let x: number | PointProblem;
  if (noRecordedValue(dp)) x = NaN;
  else if (dp.asDouble !== undefined) x = readDouble(dp.asDouble, 'asDouble');
  else if (dp.asInt !== undefined) {
    const n = int64(dp.asInt);
    x = Number.isNaN(n) ? { field: 'asInt', expected: 'an integer (int64 as a decimal string)', found: dp.asInt } : n;
  } else x = 0;
  if (typeof x !== 'number') return x;
  sink('', undefined, t, x);
  return undefined;
}

/** `_count` and, when present, `_sum`; NaN for both when the point is flagged as having no value. */
function countAndSum(dp: JsonObject, t: number, sink: SampleSink, sumOptional: boolean): PointProblem | undefined {
  if (noRecordedValue(dp)) {
    sink('_count', undefined, t, NaN);
    sink('_sum', undefined, t, NaN);
    return undefined;
  }
  const count = readCount(dp.count, 'count', true);
  if (typeof count !== 'number') return count;
  sink('_count', undefined, t, count);
  if (dp.sum !== undefined || !sumOptional) {
    const sum = dp.sum === undefined ? 0 : readDouble(dp.sum, 'sum');
    if (typeof sum !== 'number') return sum;
    sink('_sum', undefined, t, sum);
  }
  return undefined;
}

/** `le` label values of explicit bounds (the same few bounds recur at every point): String(b) once each. */
const leTexts = new Map<number, string>();

function leText(b: number): string {
  let text = leTexts.get(b);
  if (text === undefined) {
    text = String(b);
    if (leTexts.size < 4096) leTexts.set(b, text);
  }
  return text;
}

/** A HistogramDataPoint: per-bucket counts → cumulative `_bucket{le}` (last bucket le="+Inf"), `_sum`, `_count`. */
export function histogramPoint(dp: JsonObject, t: number, sink: SampleSink): PointProblem | undefined {
  const problem = countAndSum(dp, t, sink, true);
  if (problem || noRecordedValue(dp)) return problem;
  const counts = dp.bucketCounts === undefined ? [] : asArray(dp.bucketCounts);
  const bounds = dp.explicitBounds === undefined ? [] : asArray(dp.explicitBounds);
  if (!counts) return { field: 'bucketCounts', expected: 'an array of bucket counts', found: dp.bucketCounts };
  if (!bounds) return { field: 'explicitBounds', expected: 'an array of bucket bounds', found: dp.explicitBounds };
  if (counts.length === 0) return undefined;
  if (counts.length !== bounds.length + 1) {
    return { field: 'bucketCounts', expected: `explicitBounds.length + 1 = ${bounds.length + 1} bucket counts, not ${counts.length}`, found: undefined };
  }
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = readCount(counts[i], `bucketCounts[${i}]`);
    if (typeof c !== 'number') return c;
    cumulative += c;
    let le = '+Inf';
    if (i < bounds.length) {
      const b = readDouble(bounds[i], `explicitBounds[${i}]`);
      if (typeof b !== 'number') return b;
      le = leText(b);
    }
    sink('_bucket', ['le', le], t, cumulative);
  }
  return undefined;
}

function buckets(side: JsonValue | undefined, field: string): { offset: number; counts: number[] } | PointProblem {
  if (side === undefined) return { offset: 0, counts: [] };
  const o = asObject(side);
  const list = o && (o.bucketCounts === undefined ? [] : asArray(o.bucketCounts));
  const offset = o?.offset === undefined ? 0 : o.offset;
  if (!o || !list || typeof offset !== 'number' || !Number.isInteger(offset)) {
    return { field, expected: 'buckets {offset: integer, bucketCounts: [counts]}', found: side };
  }
  const counts: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = readCount(list[i], `${field}.bucketCounts[${i}]`);
    if (typeof c !== 'number') return c;
    counts.push(c);
  }
  return { offset, counts };
}

/**
 * An ExponentialHistogramDataPoint as cumulative `_bucket{le}` like a Prometheus histogram: with
 * base = 2^(2^-scale), negative bucket j (values in [-base^(j+1), -base^j)) has le = -base^j, the zero
 * bucket le = zeroThreshold, positive bucket i (values in (base^i, base^(i+1)]) le = base^(i+1), and
 * le="+Inf" = count. So each distinct scale/offset adds its own `le` series; `_sum`, `_count` as usual.
 */
export function exponentialHistogramPoint(dp: JsonObject, t: number, sink: SampleSink): PointProblem | undefined {
  const problem = countAndSum(dp, t, sink, true);
  if (problem || noRecordedValue(dp)) return problem;
  const scale = dp.scale === undefined ? 0 : dp.scale;
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < -10 || scale > 20) {
    return { field: 'scale', expected: 'an integer scale from -10 to 20', found: dp.scale };
  }
  const pos = buckets(dp.positive, 'positive');
  if ('field' in pos) return pos;
  const neg = buckets(dp.negative, 'negative');
  if ('field' in neg) return neg;
  const zero = readCount(dp.zeroCount, 'zeroCount', true);
  if (typeof zero !== 'number') return zero;
  const threshold = dp.zeroThreshold === undefined ? 0 : readDouble(dp.zeroThreshold, 'zeroThreshold');
  if (typeof threshold !== 'number') return threshold;
  const count = readCount(dp.count, 'count', true) as number;
  const exponent = Math.pow(2, -scale);
  const bound = (index: number): number => Math.pow(2, index * exponent);
  let cumulative = 0;
  for (let k = neg.counts.length - 1; k >= 0; k--) {
    cumulative += neg.counts[k];
    sink('_bucket', ['le', String(-bound(neg.offset + k))], t, cumulative);
  }
  cumulative += zero;
  sink('_bucket', ['le', String(threshold)], t, cumulative);
  for (let k = 0; k < pos.counts.length; k++) {
    cumulative += pos.counts[k];
    sink('_bucket', ['le', String(bound(pos.offset + k + 1))], t, cumulative);
  }
  sink('_bucket', ['le', '+Inf'], t, count);
  return undefined;
}

/** A SummaryDataPoint: `{quantile="q"}` per quantile value ({} = quantile 0, value 0), `_sum`, `_count`. */
export function summaryPoint(dp: JsonObject, t: number, sink: SampleSink): PointProblem | undefined {
  const problem = countAndSum(dp, t, sink, false);
  if (problem) return problem;
  const list = dp.quantileValues === undefined ? [] : asArray(dp.quantileValues);
  if (!list) return { field: 'quantileValues', expected: 'an array of {quantile, value}', found: dp.quantileValues };
  const none = noRecordedValue(dp);
  for (let i = 0; i < list.length; i++) {
    const qv = asObject(list[i]);
    if (!qv) return { field: `quantileValues[${i}]`, expected: 'a {quantile, value} object', found: list[i] };
    const q = qv.quantile === undefined ? 0 : readDouble(qv.quantile, `quantileValues[${i}].quantile`);
    if (typeof q !== 'number') return q;
    const v = qv.value === undefined ? 0 : readDouble(qv.value, `quantileValues[${i}].value`);
    if (typeof v !== 'number') return v;
    sink('', ['quantile', String(q)], t, none ? NaN : v);
  }
  return undefined;
}
