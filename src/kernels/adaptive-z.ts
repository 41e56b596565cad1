// Adaptive z-score kernel: drives assembly/adaptive-z.ts over a call in segments, each copied in with
// the window + 1 points before it and its raw z, scores and flags copied out; the state stays in the
// scratch area from segment to segment.
import { ADAPTIVE_Z_STATE_LENGTH, type AdaptiveZKernels } from './adaptive-z-types';
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import { checkWindow } from './rolling';

type AdaptiveZFn = (
  vPtr: number, len: number, first: number, window: number, shortWindow: number, threshold: number, adaptLimit: number, period: number,
  warmUp: number, statePtr: number, rawPtr: number, scorePtr: number, flagPtr: number,
) => void;

function checkInteger(name: string, x: number, min: number, max: number): void {
  if (!Number.isInteger(x) || x < min || x > max) throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${x}`);
}

export function adaptiveZKernels(ctx: KernelContext): AdaptiveZKernels {
  const kernel = ctx.fn<AdaptiveZFn>('adaptiveZScore');
  return {
    adaptiveZScore(v, first, opts, state, raw, score, flag) {
      const { window, shortWindow, threshold, adaptLimit, period, warmUp } = opts;
      checkWindow(window);
      checkInteger('shortWindow', shortWindow, 1, window);
      checkInteger('period', period, 1, 2 ** 52);
      checkInteger('warmUp', warmUp, 0, 2 ** 31 - 1);
      if (!(threshold >= 0 && threshold < Infinity)) throw new RangeError(`threshold must be a finite number >= 0, got ${threshold}`);
      if (!(adaptLimit >= 1 && adaptLimit < Infinity)) throw new RangeError(`adaptLimit must be a finite number >= 1, got ${adaptLimit}`);
      if (state.length !== ADAPTIVE_Z_STATE_LENGTH) throw new RangeError(`state must hold ${ADAPTIVE_Z_STATE_LENGTH} values, got ${state.length}`);
      if (!Number.isInteger(first) || first < 0 || first > v.length) throw new RangeError(`first must be an integer in [0, ${v.length}], got ${first}`);
      const n = v.length - first;
      checkOutput('raw', raw, n);
      checkOutput('score', score, n);
      checkOutput('flag', flag, n);
      if (n === 0) return;
      const history = window + 1;
      const segment = Math.min(n, Math.max(SEGMENT_POINTS, 4 * history));
      const statePtr = ctx.base;
      const vPtr = align16(statePtr + ADAPTIVE_Z_STATE_LENGTH * 8);
      const rawPtr = align16(vPtr + (history + segment) * 8);
      const scorePtr = rawPtr + segment * 8;
      const flagPtr = scorePtr + segment * 8;
      const buffer = ctx.reserve(flagPtr + segment - ctx.base);
      const f64 = new Float64Array(buffer);
      const u8 = new Uint8Array(buffer);
      f64.set(state, statePtr >> 3);
      for (let from = first; from < v.length; from += segment) {
        const to = Math.min(v.length, from + segment);
        const inFrom = Math.max(0, from - history);
        f64.set(v.subarray(inFrom, to), vPtr >> 3);
        kernel(vPtr, to - inFrom, from - inFrom, window, shortWindow, threshold, adaptLimit, period, warmUp, statePtr, rawPtr, scorePtr, flagPtr);
        const m = to - from;
        raw.set(f64.subarray(rawPtr >> 3, (rawPtr >> 3) + m), from - first);
        score.set(f64.subarray(scorePtr >> 3, (scorePtr >> 3) + m), from - first);
        flag.set(u8.subarray(flagPtr, flagPtr + m), from - first);
      }
      state.set(f64.subarray(statePtr >> 3, (statePtr >> 3) + ADAPTIVE_Z_STATE_LENGTH));
    },
  };
}
