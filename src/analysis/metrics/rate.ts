// Counter arithmetic as Prometheus computes it (promql/functions.go extrapolatedRate): increase,
// rate and delta over a range with counter resets, extrapolation to the range boundaries with the
// half-interval rule, and the zero floor of counters; resets counted as `resets()` does.

export interface RangeSamples {
  /** Sample times, ms, ascending. */
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

/** The samples in the range (end − rangeMs, end] (left-open, as Prometheus 3), NaN values skipped. */
function inRange(s: RangeSamples, end: number, rangeMs: number): { t: number[]; v: number[] } {
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < s.t.length; i++) {
    if (s.t[i] > end - rangeMs && s.t[i] <= end && !Number.isNaN(s.v[i])) {
      t.push(s.t[i]);
      v.push(s.v[i]);
    }
  }
  return { t, v };
}

/**
 * extrapolatedRate: NaN (no result) with fewer than 2 samples in the range. The difference of the
 * last and first sample (plus, for counters, the value before each decrease: a reset) is extrapolated
 * to each range boundary when the gap to it is under 1.1 × the average sample interval, else by half
 * an interval; for counters the start is never extrapolated past where the counter would reach zero.
 * `isRate` divides by the range in seconds.
 */
export function extrapolatedRate(s: RangeSamples, end: number, rangeMs: number, isCounter: boolean, isRate: boolean): number {
  const { t, v } = inRange(s, end, rangeMs);
  if (t.length < 2) return NaN;
  const n1 = t.length - 1;
  let result = v[n1] - v[0];
  if (isCounter) {
    for (let i = 1; i < v.length; i++) if (v[i] < v[i - 1]) result += v[i - 1];
  }
  const rangeStart = end - rangeMs;
  let durationToStart = (t[0] - rangeStart) / 1000;
  let durationToEnd = (end - t[n1]) / 1000;
  const sampled = (t[n1] - t[0]) / 1000;
  const average = sampled / n1;
  const threshold = average * 1.1;
  if (durationToStart >= threshold) durationToStart = average / 2;
  if (isCounter && result > 0 && v[0] >= 0) {
    const durationToZero = sampled * (v[0] / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= threshold) durationToEnd = average / 2;
  let factor = (sampled + durationToStart + durationToEnd) / sampled;
  if (isRate) factor /= rangeMs / 1000;
  return result * factor;
}

/** increase(counter[range]) at time `end`. */
export const increase = (s: RangeSamples, end: number, rangeMs: number): number => extrapolatedRate(s, end, rangeMs, true, false);
/** rate(counter[range]) at time `end`: per second. */
export const rate = (s: RangeSamples, end: number, rangeMs: number): number => extrapolatedRate(s, end, rangeMs, true, true);
/** delta(gauge[range]) at time `end`: no reset handling, no zero floor. */
export const delta = (s: RangeSamples, end: number, rangeMs: number): number => extrapolatedRate(s, end, rangeMs, false, false);

/** Times (ms) of the counter resets among the samples: each sample lower than the one before (NaN skipped). */
export function counterResets(s: RangeSamples): number[] {
  const out: number[] = [];
  let prev = NaN;
  for (let i = 0; i < s.t.length; i++) {
    const x = s.v[i];
    if (Number.isNaN(x)) continue;
    if (x < prev) out.push(s.t[i]);
    prev = x;
  }
  return out;
}

/** `fn` evaluated at each time of `at` over a range of rangeMs: a series of rates, increases or deltas. */
export function overTime(s: RangeSamples, at: ArrayLike<number>, rangeMs: number, fn: (s: RangeSamples, end: number, rangeMs: number) => number): Float64Array {
  return Float64Array.from(at, (end) => fn(s, end, rangeMs));
}
