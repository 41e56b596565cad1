// EWMA deviation kernel: runs in segments (multiples of the kernel's 4-point block) with the state
// carried across them in linear memory, so one call over a long series equals many short ones.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import { EWMA_STATE_LENGTH, type EwmaKernels } from './ewma-types';

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
      const segment = Math.min(SEGMENT_POINTS, v.length);
      const statePtr = ctx.base;
      const vPtr = align16(statePtr + EWMA_STATE_LENGTH * 8);
      const devPtr = vPtr + segment * 8;
      const flagPtr = devPtr + segment * 8;
      const buffer = ctx.reserve(flagPtr + segment + 16 - ctx.base);
      new Float64Array(buffer, statePtr, EWMA_STATE_LENGTH).set(state);
      let resume = 0;
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
        resume = from + ((to - from) & ~3);
      }
      state.set(new Float64Array(buffer, statePtr, EWMA_STATE_LENGTH));
      return resume;
    },
  };
}
