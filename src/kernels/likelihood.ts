// Anomaly-likelihood kernel: the stream's state is copied into linear memory once per call (and back
// after), the points go through in segments; when a lag history or the context set is full the kernel
// stops, the state is grown in linear memory (likelihoodResize) and the call goes on from that point.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import { grownHeader, LIKELIHOOD_HEADER, likelihoodStateLength, SLOT } from './likelihood-state';
import type { LikelihoodKernels } from './likelihood-types';

type LikelihoodScoreFn = (tPtr: number, vPtr: number, n: number, statePtr: number, scorePtr: number, flagPtr: number) => number;
type LikelihoodResizeFn = (oldPtr: number, newPtr: number, lagDay: number, lagWeek: number, keys: number) => void;

export function likelihoodKernels(ctx: KernelContext): LikelihoodKernels {
  const score = ctx.fn<LikelihoodScoreFn>('likelihoodScore');
  const resize = ctx.fn<LikelihoodResizeFn>('likelihoodResize');

  /** Grows the state laid out at statePtr to the capacities it asked for; returns the new slots. */
  function grown(statePtr: number, length: number): Float64Array {
    const header = grownHeader(new Float64Array(ctx.memory.buffer, statePtr, LIKELIHOOD_HEADER));
    const newLength = likelihoodStateLength(header);
    const newPtr = align16(statePtr + length * 8);
    const buffer = ctx.reserve(newPtr + newLength * 8 - ctx.base);
    resize(statePtr, newPtr, header[SLOT.capLagDay], header[SLOT.capLagWeek], header[SLOT.capKeys]);
    return new Float64Array(buffer, newPtr, newLength).slice();
  }

  return {
    likelihoodScore(t, v, state, scoreOut, flag) {
      if (t.length !== v.length) throw new RangeError(`t has ${t.length} points but v has ${v.length}`);
      if (state.slots.length < LIKELIHOOD_HEADER || state.slots.length !== likelihoodStateLength(state.slots)) {
        throw new RangeError(`likelihood state has ${state.slots.length} slots, not the length its header describes (use newLikelihoodState)`);
      }
      checkOutput('score', scoreOut, v.length);
      checkOutput('flag', flag, v.length);
      const n = v.length;
      let from = 0;
      while (from < n) {
        const length = state.slots.length;
        const segment = Math.min(SEGMENT_POINTS, n - from);
        const statePtr = ctx.base;
        const tPtr = align16(statePtr + length * 8);
        const vPtr = tPtr + segment * 8;
        const scorePtr = vPtr + segment * 8;
        const flagPtr = scorePtr + segment * 8;
        const buffer = ctx.reserve(flagPtr + segment + 16 - ctx.base);
        new Float64Array(buffer, statePtr, length).set(state.slots);
        let full = false;
        while (from < n && !full) {
          const len = Math.min(segment, n - from);
          new Float64Array(buffer, tPtr, len).set(t.subarray(from, from + len));
          new Float64Array(buffer, vPtr, len).set(v.subarray(from, from + len));
          const done = score(tPtr, vPtr, len, statePtr, scorePtr, flagPtr);
          scoreOut.set(new Float64Array(buffer, scorePtr, done), from);
          flag.set(new Uint8Array(buffer, flagPtr, done), from);
          from += done;
          full = done < len;
        }
        if (full) state.slots = grown(statePtr, length);
        else state.slots.set(new Float64Array(buffer, statePtr, length));
      }
    },
  };
}
