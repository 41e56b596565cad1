// Rolling-window kernels (mean/std, z-score): long series run in segments carrying `window` points of
// history, so the result equals one call over the whole series.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import type { RollingKernels, ZScoreOptions } from './types';

type RollingMeanStdFn = (vPtr: number, len: number, first: number, window: number, meanPtr: number, stdPtr: number) => void;
type RollingCarryFn = (vPtr: number, len: number, first: number, window: number, statePtr: number, meanPtr: number, stdPtr: number) => void;
type RollingZScoreFn = (
  vPtr: number, len: number, first: number, window: number, threshold: number, scorePtr: number, flagPtr: number,
) => void;

/** Length of the state of rollingMeanStdCarry: shift, shifted sum, shifted sum of squares, finite count, used (1) or fresh (0). */
export const ROLLING_STATE_LENGTH = 5;

/** Outputs per rolling-kernel call for a series of `length` points. */
const rollingSegment = (length: number, window: number): number => Math.min(length, Math.max(SEGMENT_POINTS, 4 * window));

export function checkWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1 || window > 2 ** 30) {
    throw new RangeError(`rolling window must be an integer between 1 and 2^30 points, got ${window}`);
  }
}

export function rollingKernels(ctx: KernelContext): RollingKernels {
  const meanStd = ctx.fn<RollingMeanStdFn>('rollingMeanStd');
  const zScore = ctx.fn<RollingZScoreFn>('rollingZScore');
  const carry = ctx.fn<RollingCarryFn>('rollingMeanStdCarry');
  const wasm = { rollingMeanStd: meanStd, rollingZScore: zScore };

  /** Runs a rolling kernel over v in segments; `call` gets the segment layout and copies out. */
  function rollingSegments(
    v: Float64Array, window: number, outBytesPerPoint: number,
    call: (vPtr: number, len: number, first: number, outPtr: number, buffer: ArrayBuffer, from: number, to: number) => void,
  ): void {
    const history = Math.min(window, v.length);
    const segment = rollingSegment(v.length, window);
    const vPtr = ctx.base;
    const outPtr = align16(vPtr + (history + segment) * 8);
    const buffer = ctx.reserve(outPtr - ctx.base + segment * outBytesPerPoint);
    for (let from = 0; from < v.length; from += segment) {
      const to = Math.min(v.length, from + segment);
      const inFrom = Math.max(0, from - window);
      new Float64Array(buffer, vPtr, to - inFrom).set(v.subarray(inFrom, to));
      call(vPtr, to - inFrom, from - inFrom, outPtr, buffer, from, to);
    }
  }

  return {
    rollingMeanStd(v, window, mean, std) {
      checkWindow(window);
      checkOutput('mean', mean, v.length);
      checkOutput('std', std, v.length);
      const segment = rollingSegment(v.length, window);
      rollingSegments(v, window, 16, (vPtr, len, first, outPtr, buffer, from, to) => {
        const stdPtr = outPtr + segment * 8;
        wasm.rollingMeanStd(vPtr, len, first, window, outPtr, stdPtr);
        mean.set(new Float64Array(buffer, outPtr, to - from), from);
        std.set(new Float64Array(buffer, stdPtr, to - from), from);
      });
    },

    rollingMeanStdCarry(v, first, window, state, mean, std) {
      checkWindow(window);
      if (!Number.isInteger(first) || first < 0 || first > v.length) throw new RangeError(`first must be an integer in [0, ${v.length}], got ${first}`);
      if (state.length !== ROLLING_STATE_LENGTH) throw new RangeError(`state must hold ${ROLLING_STATE_LENGTH} values, got ${state.length}`);
      checkOutput('mean', mean, v.length - first);
      checkOutput('std', std, v.length - first);
      // Segments carry the state from one to the next, so they equal one call.
      const segment = Math.max(1, Math.min(v.length - first, SEGMENT_POINTS));
      const history = window + 1;
      const statePtr = ctx.base;
      const vPtr = align16(statePtr + ROLLING_STATE_LENGTH * 8);
      const meanPtr = align16(vPtr + (history + segment) * 8);
      const stdPtr = meanPtr + segment * 8;
      const buffer = ctx.reserve(stdPtr + segment * 8 - ctx.base);
      const stateView = new Float64Array(buffer, statePtr, ROLLING_STATE_LENGTH);
      stateView.set(state);
      for (let from = first; from < v.length; from += segment) {
        const to = Math.min(v.length, from + segment);
        const inFrom = Math.max(0, from - history);
        new Float64Array(buffer, vPtr, to - inFrom).set(v.subarray(inFrom, to));
        carry(vPtr, to - inFrom, from - inFrom, window, statePtr, meanPtr, stdPtr);
        mean.set(new Float64Array(buffer, meanPtr, to - from), from - first);
        std.set(new Float64Array(buffer, stdPtr, to - from), from - first);
      }
      state.set(new Float64Array(buffer, statePtr, ROLLING_STATE_LENGTH));
    },

    rollingZScore(v, opts: ZScoreOptions, score, flags) {
      const { window, threshold } = opts;
      checkWindow(window);
      checkOutput('score', score, v.length);
      checkOutput('flags', flags, v.length);
      const segment = rollingSegment(v.length, window);
      if (ctx.isResident(v) && ctx.isResident(score) && ctx.isResident(flags)) {
        // In place, segment by segment as below: each call's finiteness pass reads what it then scores from cache.
        for (let from = 0; from < v.length; from += segment) {
          const to = Math.min(v.length, from + segment);
          const inFrom = Math.max(0, from - window);
          wasm.rollingZScore(v.byteOffset + inFrom * 8, to - inFrom, from - inFrom, window, threshold, score.byteOffset + from * 8, flags.byteOffset + from);
        }
        return;
      }
      rollingSegments(v, window, 9, (vPtr, len, first, outPtr, buffer, from, to) => {
        const flagPtr = outPtr + segment * 8;
        wasm.rollingZScore(vPtr, len, first, window, threshold, outPtr, flagPtr);
        score.set(new Float64Array(buffer, outPtr, to - from), from);
        flags.set(new Uint8Array(buffer, flagPtr, to - from), from);
      });
    },
  };
}
