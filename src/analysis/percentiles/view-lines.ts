// Percentile lines over time for the percentile view: p50/p90/p99/p99.9 per time bucket of a value
// series (exact selection or per-bucket sketches merged for the whole), with the exact-vs-sketch summary.
import type { PercentileKernels } from '../../kernels/percentile-types';
import { STANDARD_PERCENTILES, STANDARD_QS } from './exact';
import { DEFAULT_ALPHA, QuantileSketch } from './sketch';
import { sketchQuantileInterpolated } from './sketch-query';
import type { PercentileLine, PercentileMethod, PercentileResult, PercentileSummaryRow } from './view-types';

export const PERCENTILE_NAMES = Object.keys(STANDARD_PERCENTILES);

/** First bucket start: the first finite time rounded down to a multiple of bucketMs (0 when none). */
export function bucketOrigin(t: Float64Array, bucketMs: number): number {
  for (let i = 0; i < t.length; i++) if (Number.isFinite(t[i])) return Math.floor(t[i] / bucketMs) * bucketMs;
  return 0;
}

export const relativeError = (sketch: number, exact: number): number =>
  Number.isFinite(sketch) && Number.isFinite(exact) && exact !== 0 ? Math.abs(sketch - exact) / Math.abs(exact) : NaN;

const sketchQuantiles = (s: QuantileSketch, qs: readonly number[]): number[] => qs.map((q) => sketchQuantileInterpolated(s.state, q));

/** Per-bucket quantiles from one sketch per bucket (points in ascending time), and their merge. */
function sketchBuckets(kernels: PercentileKernels, t: Float64Array, v: Float64Array, origin: number, bucketMs: number, qs: readonly number[]) {
  const starts: number[] = [];
  const counts: number[] = [];
  const values: number[][] = qs.map(() => []);
  const whole = QuantileSketch.create(kernels);
  let i = 0;
  while (i < t.length) {
    if (!(t[i] >= origin)) {
      i++;
      continue;
    }
    const b = Math.floor((t[i] - origin) / bucketMs);
    const end = origin + (b + 1) * bucketMs;
    let j = i + 1;
    while (j < t.length && t[j] < end) j++;
    const sketch = QuantileSketch.create(kernels);
    if (sketch.add(v.subarray(i, j)) > 0) {
      starts.push(origin + b * bucketMs);
      counts.push(sketch.count);
      sketchQuantiles(sketch, qs).forEach((x, k) => values[k].push(x));
      whole.merge(sketch);
    }
    i = j;
  }
  return { t: Float64Array.from(starts), count: Float64Array.from(counts), lines: values.map((x) => Float64Array.from(x)), whole };
}

export interface ValueInput {
  title: string;
  unit: string;
  /** Times (ms, ascending) and values; NaN values are left out. */
  t: Float64Array;
  v: Float64Array;
  bucketMs: number;
  method: PercentileMethod;
  notes?: string[];
}

/** p50/p90/p99/p99.9 per bucket of the values, and over the whole range both exact and from the sketch. */
export function valuePercentiles(kernels: PercentileKernels, input: ValueInput): PercentileResult {
  const { t, v, bucketMs, method } = input;
  const qs = STANDARD_QS;
  const origin = bucketOrigin(t, bucketMs);
  let rows: { t: Float64Array; count: Float64Array; lines: Float64Array[] };
  let whole: QuantileSketch;
  if (method === 'sketch') {
    const s = sketchBuckets(kernels, t, v, origin, bucketMs, qs);
    rows = s;
    whole = s.whole; // the merge of the bucket sketches is the sketch of every value
  } else {
    const r = kernels.percentileBuckets(t, v, origin, bucketMs, qs);
    const n = r.t.length;
    rows = { t: r.t, count: r.count, lines: qs.map((_, j) => Float64Array.from({ length: n }, (_, k) => r.q[k * qs.length + j])) };
    whole = QuantileSketch.create(kernels);
    whole.add(v);
  }
  const exactOut = new Float64Array(qs.length);
  const valueCount = kernels.exactQuantiles(v, qs, exactOut);
  const sketch = sketchQuantiles(whole, qs);
  const summary: PercentileSummaryRow[] = qs.map((q, j) => ({ name: PERCENTILE_NAMES[j], q, exact: exactOut[j], sketch: sketch[j], relError: relativeError(sketch[j], exactOut[j]) }));
  const lines: PercentileLine[] = qs.map((q, j) => ({ name: PERCENTILE_NAMES[j], q, v: rows.lines[j] }));
  return {
    title: input.title, kind: 'values', unit: input.unit, bucketMs, method, t: rows.t, count: rows.count, lines, valueCount, summary,
    alpha: DEFAULT_ALPHA, notes: input.notes ?? [],
  };
}

/**
 * Per-second rate of a counter between consecutive samples (a drop is a reset: the new value is the
 * increase since it), at the later sample's time; NaN samples skipped.
 */
export function counterRate(t: Float64Array, v: Float64Array): { t: Float64Array; v: Float64Array } {
  const ot: number[] = [];
  const ov: number[] = [];
  let pt = NaN;
  let pv = NaN;
  for (let i = 0; i < t.length; i++) {
    if (Number.isNaN(v[i]) || !Number.isFinite(t[i])) continue;
    if (pv === pv && t[i] > pt) {
      const inc = v[i] >= pv ? v[i] - pv : v[i];
      ot.push(t[i]);
      ov.push(inc / ((t[i] - pt) / 1000));
    }
    pt = t[i];
    pv = v[i];
  }
  return { t: Float64Array.from(ot), v: Float64Array.from(ov) };
}
