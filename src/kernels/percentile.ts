// Percentile kernels: exact quantiles by selection, per-bucket percentile series in segments of whole
// buckets, and the quantile sketch's insert and merge (state copied into the scratch area and back).
import { align16, SEGMENT_POINTS, type KernelContext } from './context';
import type { PercentileKernels, PercentileRows } from './percentile-types';
import { HEADER_SLOTS, SLOT, storeBins } from './sketch-layout';

type ExactFn = (vPtr: number, len: number, qsPtr: number, nq: number, outPtr: number, workPtr: number, workLen: number) => number;
type BucketsFn = (
  tPtr: number, vPtr: number, len: number, t0: number, bucketMs: number, qsPtr: number, nq: number,
  workPtr: number, outT: number, outQ: number, outCount: number,
) => number;
type InsertFn = (statePtr: number, vPtr: number, len: number) => number;
type MergeFn = (statePtr: number, srcPtr: number, n: number) => number;

/** The probabilities ascending (the kernels' order) and, for each, where it was in `qs`. */
function ascending(qs: ArrayLike<number>): { sorted: Float64Array; from: Uint32Array } {
  const order = Array.from({ length: qs.length }, (_, k) => k);
  for (const q of Array.from(qs)) if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile probabilities must be in [0, 1], got ${q}`);
  order.sort((a, b) => qs[a] - qs[b]);
  return { sorted: Float64Array.from(order, (k) => qs[k]), from: Uint32Array.from(order) };
}

/** First index at or after `from` whose time is >= bound (t ascending), by galloping then halving. */
function firstAtOrAfter(t: Float64Array, from: number, bound: number): number {
  let step = 1;
  let hi = from;
  while (hi < t.length && t[hi] < bound) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, t.length);
  while (from < hi) {
    const mid = (from + hi) >>> 1;
    if (t[mid] < bound) from = mid + 1;
    else hi = mid;
  }
  return from;
}

export function percentileKernels(ctx: KernelContext): PercentileKernels {
  const exact = ctx.fn<ExactFn>('exactQuantiles');
  const workSlots = ctx.fn<(n: number, nq: number) => number>('quantileWorkSlots');
  const buckets = ctx.fn<BucketsFn>('percentileBuckets');
  const insert = ctx.fn<InsertFn>('sketchInsert');
  const merge = ctx.fn<MergeFn>('sketchMerge');

  function exactQuantiles(v: Float64Array, qs: ArrayLike<number>, out: Float64Array): number {
    const { sorted, from } = ascending(qs);
    if (out.length < qs.length) throw new RangeError(`output array 'out' has length ${out.length}, needs at least ${qs.length}`);
    const qsPtr = ctx.base;
    const outPtr = qsPtr + align16(sorted.length * 8);
    const vPtr = outPtr + align16(sorted.length * 8);
    const workPtr = vPtr + align16(v.length * 8);
    const work = workSlots(v.length, sorted.length);
    const buffer = ctx.reserve(workPtr + work * 8 - ctx.base);
    new Float64Array(buffer, qsPtr, sorted.length).set(sorted);
    new Float64Array(buffer, vPtr, v.length).set(v);
    const n = exact(vPtr, v.length, qsPtr, sorted.length, outPtr, workPtr, work);
    const got = new Float64Array(buffer, outPtr, sorted.length);
    for (let j = 0; j < sorted.length; j++) out[from[j]] = got[j];
    return n;
  }

  function percentileBuckets(t: Float64Array, v: Float64Array, t0: number, bucketMs: number, qs: ArrayLike<number>): PercentileRows {
    if (!(bucketMs > 0) || !Number.isFinite(bucketMs)) throw new RangeError(`bucketMs must be a positive number, got ${bucketMs}`);
    if (!Number.isFinite(t0)) throw new RangeError(`t0 must be a finite time, got ${t0}`);
    if (t.length !== v.length) throw new RangeError(`t and v differ in length (${t.length} vs ${v.length})`);
    const { sorted, from } = ascending(qs);
    const nq = sorted.length;
    const rowsT: Float64Array[] = [];
    const rowsC: Float64Array[] = [];
    const rowsQ: Float64Array[] = [];
    let start = firstAtOrAfter(t, 0, t0);
    while (start < t.length) {
      // A segment of whole buckets: up to the end of the bucket holding its SEGMENT_POINTS-th point.
      const last = t[Math.min(t.length, start + SEGMENT_POINTS) - 1];
      const end = Number.isNaN(last) ? t.length : firstAtOrAfter(t, start, t0 + (Math.floor((last - t0) / bucketMs) + 1) * bucketMs);
      const m = Math.max(end, start + 1) - start;
      const qsPtr = ctx.base;
      const tPtr = qsPtr + align16(nq * 8);
      const vPtr = tPtr + m * 8;
      const workPtr = vPtr + m * 8;
      const outT = workPtr + m * 8;
      const outCount = outT + m * 8;
      const outQ = outCount + m * 8;
      const buffer = ctx.reserve(outQ + m * nq * 8 - ctx.base);
      new Float64Array(buffer, qsPtr, nq).set(sorted);
      new Float64Array(buffer, tPtr, m).set(t.subarray(start, start + m));
      new Float64Array(buffer, vPtr, m).set(v.subarray(start, start + m));
      const rows = buckets(tPtr, vPtr, m, t0, bucketMs, qsPtr, nq, workPtr, outT, outQ, outCount);
      rowsT.push(new Float64Array(buffer, outT, rows).slice());
      rowsC.push(new Float64Array(buffer, outCount, rows).slice());
      const q = new Float64Array(buffer, outQ, rows * nq);
      const back = new Float64Array(rows * nq);
      for (let r = 0; r < rows; r++) for (let j = 0; j < nq; j++) back[r * nq + from[j]] = q[r * nq + j];
      rowsQ.push(back);
      start += m;
    }
    const concat = (parts: Float64Array[]): Float64Array => {
      const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    };
    return { t: concat(rowsT), count: concat(rowsC), q: concat(rowsQ) };
  }

  function sketchInsert(state: Float64Array, values: Float64Array): number {
    const statePtr = ctx.base;
    const vPtr = statePtr + align16(state.length * 8);
    const segment = Math.min(values.length, SEGMENT_POINTS);
    const buffer = ctx.reserve(vPtr + segment * 8 - ctx.base);
    new Float64Array(buffer, statePtr, state.length).set(state);
    let counted = 0;
    for (let at = 0; at < values.length; at += segment) {
      const n = Math.min(segment, values.length - at);
      new Float64Array(buffer, vPtr, n).set(values.subarray(at, at + n));
      counted += insert(statePtr, vPtr, n);
    }
    state.set(new Float64Array(buffer, statePtr, state.length));
    return counted;
  }

  function sketchMerge(state: Float64Array, sources: readonly Float64Array[]): void {
    for (const s of sources) {
      if (s.length < HEADER_SLOTS || s[SLOT.mult] !== state[SLOT.mult]) throw new RangeError('sketches made with different relative accuracies cannot be merged');
    }
    const statePtr = ctx.base;
    const srcPtr = statePtr + align16(state.length * 8);
    const parts = sources.map((s) => [storeBins(s, false).counts, storeBins(s, true).counts]);
    const total = parts.reduce((n, [pos, neg]) => n + HEADER_SLOTS + pos.length + neg.length, 0);
    const buffer = ctx.reserve(srcPtr + total * 8 - ctx.base);
    const mem = new Float64Array(buffer);
    mem.set(state, statePtr / 8);
    // Each source in compact form: its header, then its non-empty positive and negative bins.
    let at = srcPtr / 8;
    sources.forEach((s, k) => {
      const [pos, neg] = parts[k];
      mem.set(s.subarray(0, HEADER_SLOTS), at);
      mem.set(pos, at + HEADER_SLOTS);
      mem.set(neg, at + HEADER_SLOTS + pos.length);
      at += HEADER_SLOTS + pos.length + neg.length;
    });
    merge(statePtr, srcPtr, sources.length);
    state.set(mem.subarray(statePtr / 8, statePtr / 8 + state.length));
  }

  return { exactQuantiles, percentileBuckets, sketchInsert, sketchMerge };
}
