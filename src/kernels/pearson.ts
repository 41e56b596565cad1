// Rolling Pearson kernel: long columns run in segments carrying `window` points of history, so the
// result equals one call over the whole columns.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import type { PearsonKernels } from './pearson-types';
import { checkWindow } from './rolling';

type RollingPearsonFn = (xPtr: number, yPtr: number, len: number, first: number, window: number, outPtr: number) => void;

export function pearsonKernels(ctx: KernelContext): PearsonKernels {
  const pearson = ctx.fn<RollingPearsonFn>('rollingPearson');
  return {
    rollingPearson(x, y, window, out) {
      checkWindow(window);
      if (x.length !== y.length) throw new RangeError(`x has ${x.length} points but y has ${y.length}`);
      checkOutput('out', out, x.length);
      const history = Math.min(window, x.length);
      const segment = Math.min(x.length, Math.max(SEGMENT_POINTS, 4 * window));
      const xPtr = ctx.base;
      const yPtr = align16(xPtr + (history + segment) * 8);
      const outPtr = align16(yPtr + (history + segment) * 8);
      const buffer = ctx.reserve(outPtr + segment * 8 - ctx.base);
      for (let from = 0; from < x.length; from += segment) {
        const to = Math.min(x.length, from + segment);
        const inFrom = Math.max(0, from - window);
        new Float64Array(buffer, xPtr, to - inFrom).set(x.subarray(inFrom, to));
        new Float64Array(buffer, yPtr, to - inFrom).set(y.subarray(inFrom, to));
        pearson(xPtr, yPtr, to - inFrom, from - inFrom, window, outPtr);
        out.set(new Float64Array(buffer, outPtr, to - from), from);
      }
    },
  };
}
