// Rolling order-statistic kernels (IQR fences, median/MAD): long series run in segments carrying
// `window` points of history; each kernel's window structure is rebuilt per segment, so results equal one call.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import type { OrderStatKernels, OrderStatOptions } from './order-stat-types';
import { checkWindow } from './rolling';

/** Slots past the window's values the median/MAD kernel fills with +Infinity (assembly/order-stat.ts: BLOCK + 2). */
const ORDER_STAT_PAD = 18;

/** Scratch bytes a kernel needs for windows of up to `cap` points (min(window, points in one call)). */
type ScratchBytesFn = (cap: number) => number;

type WindowScoreFn = (
  vPtr: number, len: number, first: number, window: number, minCount: number, threshold: number,
  sortedPtr: number, rawPtr: number, flagPtr: number,
) => void;

export function orderStatKernels(ctx: KernelContext): OrderStatKernels {
  /** Runs `kernel` over v[first..] in segments, each with its window of history in front. */
  function windowScores(
    kernel: WindowScoreFn, scratchBytes: ScratchBytesFn, v: Float64Array, first: number, opts: OrderStatOptions, raw: Float64Array, flags: Uint8Array,
  ): void {
    const { window, minCount, threshold } = opts;
    checkWindow(window);
    if (!Number.isInteger(minCount) || minCount < 1) throw new RangeError(`minCount must be an integer >= 1, got ${minCount}`);
    if (!Number.isInteger(first) || first < 0 || first > v.length) throw new RangeError(`first must be an integer in [0, ${v.length}], got ${first}`);
    checkOutput('raw', raw, v.length - first);
    checkOutput('flags', flags, v.length - first);
    const n = v.length - first;
    const segment = Math.min(n, Math.max(SEGMENT_POINTS, 4 * window));
    const history = Math.min(window, v.length);
    const scratchPtr = ctx.base;
    const vPtr = align16(scratchPtr + scratchBytes(history)); // min(window, points in any one call)
    const rawPtr = align16(vPtr + (history + segment) * 8);
    const flagPtr = rawPtr + segment * 8;
    const buffer = ctx.reserve(flagPtr + segment + 16 - ctx.base);
    for (let from = first; from < v.length; from += segment) {
      const to = Math.min(v.length, from + segment);
      const inFrom = Math.max(0, from - window);
      new Float64Array(buffer, vPtr, to - inFrom).set(v.subarray(inFrom, to));
      kernel(vPtr, to - inFrom, from - inFrom, window, minCount, threshold, scratchPtr, rawPtr, flagPtr);
      raw.set(new Float64Array(buffer, rawPtr, to - from), from - first);
      flags.set(new Uint8Array(buffer, flagPtr, to - from), from - first);
    }
  }
  const iqr = ctx.fn<WindowScoreFn>('rollingIqr');
  const iqrScratch = ctx.fn<ScratchBytesFn>('rollingIqrScratchBytes');
  const mad = ctx.fn<WindowScoreFn>('rollingMad');
  const madScratch: ScratchBytesFn = (cap) => (cap + ORDER_STAT_PAD) * 8; // the sorted window, its sentinels and pad
  return {
    rollingIqr: (v, first, opts, raw, flags) => windowScores(iqr, iqrScratch, v, first, opts, raw, flags),
    rollingMad: (v, first, opts, raw, flags) => windowScores(mad, madScratch, v, first, opts, raw, flags),
  };
}
