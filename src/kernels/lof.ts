// Local Outlier Factor kernel family: lays the points and the k-d tree / neighbour work area out in
// the shared scratch area; fits, then scores the training rows or (novelty) query rows in segments.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import type { FeatureMatrix } from './iforest-types';
import { checkMatrix, checkTrainQuery } from './iforest';
import type { LofKernels, LofOptions } from './lof-types';

type WorkBytesFn = (n: number, d: number, k: number) => number;
type FitFn = (xPtr: number, n: number, d: number, k: number, workPtr: number, outPtr: number) => number;
type QueryFn = (qPtr: number, nq: number, outPtr: number) => void;

/** Largest k the kernel's query buffers hold. */
export const MAX_K = 256;

function checkK(opts: LofOptions): void {
  if (!Number.isInteger(opts.k) || opts.k < 1 || opts.k > MAX_K) throw new RangeError(`k must be an integer between 1 and ${MAX_K}, got ${opts.k}`);
}

export function lofKernels(ctx: KernelContext): LofKernels {
  const workBytes = ctx.fn<WorkBytesFn>('lofWorkBytes');
  const fit = ctx.fn<FitFn>('lofFit');
  const query = ctx.fn<QueryFn>('lofQuery');

  /**
   * Copies x in and fits, with the LOF of the training rows at fitOutPtr when scoreRows (else fitOutPtr
   * is 0); returns the first free byte and the buffer.
   */
  function fitOn(x: FeatureMatrix, k: number, scoreRows: boolean, extraBytes: number): { free: number; fitOutPtr: number; buffer: ArrayBuffer } {
    const d = x.dims;
    const xPtr = ctx.base;
    const workPtr = align16(xPtr + x.rows * d * 8);
    const workEnd = align16(workPtr + workBytes(x.rows, d, k));
    const fitOutPtr = scoreRows ? workEnd : 0;
    const free = scoreRows ? align16(workEnd + x.rows * 8) : workEnd;
    const buffer = ctx.reserve(free + extraBytes - ctx.base);
    new Float64Array(buffer, xPtr, x.rows * d).set(x.data.subarray(0, x.rows * d));
    fit(xPtr, x.rows, d, k, workPtr, fitOutPtr);
    return { free, fitOutPtr, buffer };
  }

  return {
    localOutlierFactor(x, opts, out) {
      checkMatrix('x', x);
      checkK(opts);
      checkOutput('out', out, x.rows);
      const { fitOutPtr, buffer } = fitOn(x, opts.k, true, 0);
      out.set(new Float64Array(buffer, fitOutPtr, x.rows));
    },

    localOutlierFactorNovelty(train, q, opts, out) {
      checkTrainQuery(train, q, out);
      checkK(opts);
      const d = q.dims;
      const segment = Math.min(SEGMENT_POINTS, q.rows);
      const { free, buffer } = fitOn(train, opts.k, false, 16 + segment * (d + 1) * 8);
      const qPtr = free;
      const outPtr = align16(qPtr + segment * d * 8);
      for (let from = 0; from < q.rows; from += segment) {
        const rows = Math.min(segment, q.rows - from);
        new Float64Array(buffer, qPtr, rows * d).set(q.data.subarray(from * d, (from + rows) * d));
        query(qPtr, rows, outPtr);
        out.set(new Float64Array(buffer, outPtr, rows), from);
      }
    },
  };
}
