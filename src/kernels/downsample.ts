// Min/max-per-bucket downsampling for charts, over the visible time range only, in segments.
import { checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import type { DownsampleKernels } from './types';

type DownsampleMinMaxFn = (
  tPtr: number, vPtr: number, len: number, t0: number, t1: number, buckets: number,
  outTPtr: number, outMinPtr: number, outMaxPtr: number,
) => number;

/** Bucket of time t, exactly as the kernel computes it (same IEEE operations). */
function bucketOf(t: number, t0: number, span: number, buckets: number): number {
  return Math.min(Math.floor(((t - t0) / span) * buckets), buckets - 1);
}

/** First index whose time is >= bound (t sorted ascending). */
function lowerBound(t: Float64Array, bound: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** NaN-as-missing min/max, used to merge a bucket split across two segments. */
const finiteMin = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b));
const finiteMax = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

export function downsampleKernels(ctx: KernelContext): DownsampleKernels {
  const wasm = { downsampleMinMax: ctx.fn<DownsampleMinMaxFn>('downsampleMinMax') };
  const base = ctx.base;
  const reserve = ctx.reserve;
  return {
    downsampleMinMax(t, v, t0, t1, buckets, outT, outMin, outMax) {
      if (t.length !== v.length) throw new RangeError(`t has ${t.length} points but v has ${v.length}`);
      if (!Number.isInteger(buckets) || buckets < 0) throw new RangeError(`buckets must be a non-negative integer, got ${buckets}`);
      checkOutput('outT', outT, buckets);
      checkOutput('outMin', outMin, buckets);
      checkOutput('outMax', outMax, buckets);
      if (buckets === 0 || !(t1 > t0)) return 0;
      const lo = lowerBound(t, t0);
      const hi = lowerBound(t, t1);
      if (hi <= lo) return 0;
      const span = t1 - t0;
      const segment = Math.min(SEGMENT_POINTS, hi - lo);
      const tPtr = base;
      const vPtr = tPtr + segment * 8;
      const outTPtr = vPtr + segment * 8;
      const outMinPtr = outTPtr + buckets * 8;
      const outMaxPtr = outMinPtr + buckets * 8;
      const buffer = reserve(outMaxPtr + buckets * 8 - base);
      let written = 0;
      for (let from = lo; from < hi; from += segment) {
        const to = Math.min(hi, from + segment);
        new Float64Array(buffer, tPtr, to - from).set(t.subarray(from, to));
        new Float64Array(buffer, vPtr, to - from).set(v.subarray(from, to));
        let n = wasm.downsampleMinMax(tPtr, vPtr, to - from, t0, t1, buckets, outTPtr, outMinPtr, outMaxPtr);
        const segT = new Float64Array(buffer, outTPtr, n);
        const segMin = new Float64Array(buffer, outMinPtr, n);
        const segMax = new Float64Array(buffer, outMaxPtr, n);
        let k = 0;
        // A bucket cut by the segment edge continues the last bucket already written: merge it.
        if (written > 0 && bucketOf(t[from - 1], t0, span, buckets) === bucketOf(t[from], t0, span, buckets)) {
          outMin[written - 1] = finiteMin(outMin[written - 1], segMin[0]);
          outMax[written - 1] = finiteMax(outMax[written - 1], segMax[0]);
          k = 1;
        }
        n -= k;
        outT.set(segT.subarray(k, k + n), written);
        outMin.set(segMin.subarray(k, k + n), written);
        outMax.set(segMax.subarray(k, k + n), written);
        written += n;
      }
      return written;
    },
  };
}
