// EWMA deviation kernel: runs in segments with the state carried across them in linear memory (every
// output depends only on the state before its point), so one call over a long series equals many short ones.
import { align16, checkOutput, type KernelContext } from './context';
import { EWMA_STATE_LENGTH, type EwmaKernels } from './ewma-types';

/**
 * Points per kernel call: 2× the shared SEGMENT_POINTS, so the lanes' warm-up (about 128 half-lives
 * per lane, see assembly/ewma.ts) stays a small share of each call (2.2 MB of scratch; 2^16 measured
 * 27.5 ms for 10 M points with the copies, 2^17 and 2^18 25.2–25.7 ms).
 */
export const EWMA_SEGMENT_POINTS = 1 << 17;

type EwmaDeviationFn = (
  vPtr: number, len: number, first: number, alpha: number, warmUp: number, threshold: number,
  statePtr: number, devPtr: number, flagPtr: number,
) => void;

export function ewmaKernels(ctx: KernelContext): EwmaKernels {
  const ewma = ctx.fn<EwmaDeviationFn>('ewmaDeviation');
  return {
    ewmaDeviation(v, first, opts, state, dev, flags) {
      const { alpha, warmUp, threshold } = opts;
      if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
      if (!(warmUp >= 1)) throw new RangeError(`warmUp must be >= 1, got ${warmUp}`);
      if (state.length !== EWMA_STATE_LENGTH) throw new RangeError(`EWMA state has ${state.length} slots, needs ${EWMA_STATE_LENGTH}`);
      if (!Number.isInteger(first) || first < 0 || first > v.length) throw new RangeError(`first must be an integer in [0, ${v.length}], got ${first}`);
      checkOutput('dev', dev, v.length - first);
      checkOutput('flags', flags, v.length - first);
      if (ctx.isResident(v) && ctx.isResident(dev) && ctx.isResident(flags)) {
        // Resident arrays (context.ts): one call in place, nothing copied but the state.
        const buffer = ctx.reserve(EWMA_STATE_LENGTH * 8);
        const statePtr = ctx.base;
        new Float64Array(buffer, statePtr, EWMA_STATE_LENGTH).set(state);
        ewma(v.byteOffset, v.length, first, alpha, warmUp, threshold, statePtr, dev.byteOffset, flags.byteOffset);
        state.set(new Float64Array(buffer, statePtr, EWMA_STATE_LENGTH));
        return v.length;
      }
      const segment = Math.min(EWMA_SEGMENT_POINTS, v.length);
      const statePtr = ctx.base;
      const vPtr = align16(statePtr + EWMA_STATE_LENGTH * 8);
      const devPtr = vPtr + segment * 8;
      const flagPtr = devPtr + segment * 8;
      const buffer = ctx.reserve(flagPtr + segment + 16 - ctx.base);
      new Float64Array(buffer, statePtr, EWMA_STATE_LENGTH).set(state);
      for (let from = 0; from < v.length; from += segment) {
        const to = Math.min(v.length, from + segment);
        const segFirst = Math.max(0, first - from);
        new Float64Array(buffer, vPtr, to - from).set(v.subarray(from, to));
        ewma(vPtr, to - from, Math.min(segFirst, to - from), alpha, warmUp, threshold, statePtr, devPtr, flagPtr);
        const n = Math.max(0, to - from - segFirst);
        if (n > 0) {
          dev.set(new Float64Array(buffer, devPtr, n), from + segFirst - first);
          flags.set(new Uint8Array(buffer, flagPtr, n), from + segFirst - first);
        }
      }
      state.set(new Float64Array(buffer, statePtr, EWMA_STATE_LENGTH));
      return v.length;
    },
  };
}
