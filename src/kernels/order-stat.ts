// Rolling order-statistic kernels (IQR fences, median/MAD, the ML detectors' trailing median and MAD):
// long series run in segments carrying `window` points of history; each kernel's window structure is
// rebuilt per segment, so results equal one call.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import type { OrderStatKernels, OrderStatOptions } from './order-stat-types';
import { checkWindow } from './rolling';

/** Slots past the window's values the median/MAD kernel fills with +Infinity (assembly/order-stat.ts: BLOCK + 2). */
const ORDER_STAT_PAD = 18;

/** Scratch bytes a kernel needs for windows of up to `cap` points (min(window, points in one call)). */
type ScratchBytesFn = (cap: number) => number;

/** The sorted window, its sentinels and pad (assembly/order-stat.ts: sortedWindowBytes). */
const sortedWindowBytes: ScratchBytesFn = (cap) => (cap + ORDER_STAT_PAD) * 8;

type WindowScoreFn = (
  vPtr: number, len: number, first: number, window: number, minCount: number, threshold: number,
  sortedPtr: number, rawPtr: number, flagPtr: number,
) => void;

type MedianMadFn = (vPtr: number, len: number, first: number, window: number, sortedPtr: number, outPtr: number) => void;

/** One kernel call: v[inFrom, to) at vPtr, its outputs for [from, to) (first = from − inFrom) at outPtr. */
type SegmentCall = (vPtr: number, len: number, first: number, scratchPtr: number, outPtr: number, buffer: ArrayBuffer, from: number, to: number) => void;

function checkIndex(name: string, x: number, min: number, max: number): void {
  if (!Number.isInteger(x) || x < min || x > max) throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${x}`);
}

export function orderStatKernels(ctx: KernelContext): OrderStatKernels {
  /** Runs a kernel over the outputs [from, to) of v in segments, each with its window of history in front. */
  function segments(
    v: Float64Array, window: number, from: number, to: number, scratchBytes: ScratchBytesFn, outBytesPerPoint: number, call: SegmentCall,
  ): void {
    const segment = Math.min(to - from, Math.max(SEGMENT_POINTS, 4 * window));
    const history = Math.min(window, v.length);
    const scratchPtr = ctx.base;
    const vPtr = align16(scratchPtr + scratchBytes(history)); // min(window, points in any one call)
    const outPtr = align16(vPtr + (history + segment) * 8);
    const buffer = ctx.reserve(outPtr + segment * outBytesPerPoint + 16 - ctx.base);
    for (let start = from; start < to; start += segment) {
      const end = Math.min(to, start + segment);
      const inFrom = Math.max(0, start - window);
      new Float64Array(buffer, vPtr, end - inFrom).set(v.subarray(inFrom, end));
      call(vPtr, end - inFrom, start - inFrom, scratchPtr, outPtr, buffer, start, end);
    }
  }

  /** Runs a raw + flag score kernel over v[first..]. */
  function windowScores(
    kernel: WindowScoreFn, scratchBytes: ScratchBytesFn, v: Float64Array, first: number, opts: OrderStatOptions, raw: Float64Array, flags: Uint8Array,
  ): void {
    const { window, minCount, threshold } = opts;
    checkWindow(window);
    if (!Number.isInteger(minCount) || minCount < 1) throw new RangeError(`minCount must be an integer >= 1, got ${minCount}`);
    checkIndex('first', first, 0, v.length);
    checkOutput('raw', raw, v.length - first);
    checkOutput('flags', flags, v.length - first);
    const segment = Math.min(v.length - first, Math.max(SEGMENT_POINTS, 4 * window));
    segments(v, window, first, v.length, scratchBytes, 9, (vPtr, len, at, scratchPtr, rawPtr, buffer, from, to) => {
      const flagPtr = rawPtr + segment * 8;
      kernel(vPtr, len, at, window, minCount, threshold, scratchPtr, rawPtr, flagPtr);
      raw.set(new Float64Array(buffer, rawPtr, to - from), from - first);
      flags.set(new Uint8Array(buffer, flagPtr, to - from), from - first);
    });
  }
  const iqr = ctx.fn<WindowScoreFn>('rollingIqr');
  const iqrScratch = ctx.fn<ScratchBytesFn>('rollingIqrScratchBytes');
  const mad = ctx.fn<WindowScoreFn>('rollingMad');
  const medianMad = ctx.fn<MedianMadFn>('trailingMedianMad');
  return {
    rollingIqr: (v, first, opts, raw, flags) => windowScores(iqr, iqrScratch, v, first, opts, raw, flags),
    rollingMad: (v, first, opts, raw, flags) => windowScores(mad, sortedWindowBytes, v, first, opts, raw, flags),
    trailingMedianMad(v, window, from, to, out) {
      checkWindow(window);
      checkIndex('to', to, 0, v.length);
      checkIndex('from', from, 0, to);
      checkOutput('out', out, (to - from) * 2);
      segments(v, window, from, to, sortedWindowBytes, 16, (vPtr, len, at, scratchPtr, outPtr, buffer, start, end) => {
        medianMad(vPtr, len, at, window, scratchPtr, outPtr);
        out.set(new Float64Array(buffer, outPtr, (end - start) * 2), (start - from) * 2);
      });
    },
  };
}
