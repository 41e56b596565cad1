// Anomaly-likelihood kernel: the stream's state is copied into linear memory (unless the previous call
// left it there untouched), the points go through in segments, and what the call changed is copied back;
// when a lag history or the context set is full the kernel stops, the state is grown in linear memory
// (likelihoodResize) and the call goes on from that point.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import { changedSlots, grownHeader, LIKELIHOOD_HEADER, likelihoodStateLength, SLOT } from './likelihood-state';
import type { LikelihoodKernels, LikelihoodState } from './likelihood-types';

/** Calls made with each state, by any instance (a state left in one instance's memory is stale once another advanced it). */
const callsWith = new WeakMap<LikelihoodState, number>();

type LikelihoodScoreFn = (tPtr: number, vPtr: number, n: number, statePtr: number, scorePtr: number, flagPtr: number) => number;
type LikelihoodResizeFn = (oldPtr: number, newPtr: number, lagDay: number, lagWeek: number, keys: number) => void;

export function likelihoodKernels(ctx: KernelContext): LikelihoodKernels {
  const score = ctx.fn<LikelihoodScoreFn>('likelihoodScore');
  const resize = ctx.fn<LikelihoodResizeFn>('likelihoodResize');
  /** The state this instance's scratch area holds at ctx.base as of its last call, and when that was. */
  let left: { state: LikelihoodState; slots: Float64Array; calls: number; generation: number } | null = null;

  /**
   * Grows the state laid out at statePtr to the capacities it asked for (built past it, then moved back
   * to statePtr); returns its new length. The stream's slots are copied out once, when the call ends.
   */
  function grow(statePtr: number, length: number): number {
    const header = grownHeader(new Float64Array(ctx.memory.buffer, statePtr, LIKELIHOOD_HEADER));
    const newLength = likelihoodStateLength(header);
    const newPtr = align16(statePtr + length * 8);
    const buffer = ctx.reserve(newPtr + newLength * 8 - ctx.base);
    resize(statePtr, newPtr, header[SLOT.capLagDay], header[SLOT.capLagWeek], header[SLOT.capKeys]);
    new Uint8Array(buffer).copyWithin(statePtr, newPtr, newPtr + newLength * 8);
    return newLength;
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
      if (n === 0) return;
      const calls = callsWith.get(state) ?? 0;
      let inPlace = left !== null && left.state === state && left.slots === state.slots && left.calls === calls && left.generation === ctx.generation;
      const before = state.slots.slice(0, LIKELIHOOD_HEADER);
      let from = 0;
      let length = state.slots.length;
      let grew = false;
      while (from < n) {
        const segment = Math.min(SEGMENT_POINTS, n - from);
        const statePtr = ctx.base;
        const tPtr = align16(statePtr + length * 8);
        const vPtr = tPtr + segment * 8;
        const scorePtr = vPtr + segment * 8;
        const flagPtr = scorePtr + segment * 8;
        const buffer = ctx.reserve(flagPtr + segment + 16 - ctx.base);
        if (!inPlace) new Float64Array(buffer, statePtr, length).set(state.slots);
        inPlace = true;
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
        if (full) {
          length = grow(statePtr, length);
          grew = true;
        } else {
          const now = new Float64Array(buffer, statePtr, length);
          if (grew) state.slots = now.slice();
          else for (const [a, b] of changedSlots(before, now)) state.slots.set(now.subarray(a, b), a);
        }
      }
      callsWith.set(state, calls + 1);
      left = { state, slots: state.slots, calls: calls + 1, generation: ctx.generation };
    },
  };
}
