// Rolling Pearson kernels: long columns run in segments carrying history (a window for r, two for the
// pair baselines, whose state the kernel carries), so the result equals one call over the whole columns.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import { pairBaselineConstants } from './pair-baseline';
import type { PearsonKernels } from './pearson-types';
import { checkWindow } from './rolling';

type RollingPearsonFn = (xPtr: number, yPtr: number, len: number, first: number, window: number, outPtr: number) => void;
type PairDeviationFn = (
  xPtr: number, yPtr: number, len: number, pearsonFirst: number, first: number, window: number,
  alpha: number, floor: number, threshold: number, minZ: number, warm: number, statePtr: number,
  rPtr: number, zPtr: number, levelPtr: number, sigmaPtr: number, maxAPtr: number, maxBPtr: number, eventPtr: number,
) => number;
type PairDeviationTwoFn = (
  x0: number, y0: number, x1: number, y1: number, len: number, pearsonFirst: number, first: number, window: number,
  alpha: number, floor: number, threshold: number, minZ: number, warm: number, statePtr: number, work: number, span: number,
  maxA0: number, maxB0: number, maxA1: number, maxB1: number, eventPtr: number,
) => number;

/** Bins per stretch of pairDeviations, so that a dataset's column stretches stay in the CPU's caches. */
const PAIR_SEGMENT = 8192;

/** f64 per pair of baseline state, and per event (bin, dev, r, baseline z). */
const STATE = 4;
const EVENT = 4;

export function pearsonKernels(ctx: KernelContext): PearsonKernels {
  const pearson = ctx.fn<RollingPearsonFn>('rollingPearson');
  const deviate = ctx.fn<PairDeviationFn>('pairDeviation');
  const deviateTwo = ctx.fn<PairDeviationTwoFn>('pairDeviationTwo');
  const firstEvents = ctx.fn<() => number>('pairDeviationTwoFirstEvents');
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

    pairDeviations(columns, opts, deviation, onExcess) {
      const c = pairBaselineConstants(opts);
      const bins = columns[0]?.length ?? 0;
      for (const [k, column] of columns.entries()) {
        if (column.length !== bins) throw new RangeError(`column ${k} has ${column.length} points but column 0 has ${bins}`);
        checkOutput(`deviation[${k}]`, deviation[k] ?? [], bins);
      }
      const window = opts.window;
      const count = columns.length;
      // Each stretch of bins [from, to) is copied in once with two windows of history (one for r, one
      // for the lagged baseline) and serves every pair; each pair's baseline state carries over.
      const segment = Math.min(bins, Math.max(PAIR_SEGMENT, 4 * window));
      const span = align16((Math.min(2 * window, bins) + segment + 1) * 8);
      // Columns, then two pairs' r, z, level and σ (pairs run two at a time, one per lane), the maxima, the
      // pair states and the events (two pairs' worth).
      const columnPtr = (k: number) => ctx.base + k * span;
      const work = columnPtr(count);
      const rPtr = work;
      const zPtr = rPtr + span;
      const levelPtr = zPtr + span;
      const sigmaPtr = levelPtr + span;
      const maxPtr = (k: number) => work + 8 * span + k * span;
      const statePtr = maxPtr(count);
      const pairs = (count * (count - 1)) / 2;
      const eventPtr = align16(statePtr + pairs * STATE * 8);
      const buffer = ctx.reserve(eventPtr + 2 * segment * EVENT * 8 - ctx.base);
      new Float64Array(buffer, statePtr, pairs * STATE).fill(0);
      const pairList: [number, number][] = [];
      for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) pairList.push([a, b]);
      const report = (a: number, b: number, inFrom: number, at: number, events: number) => {
        const e = new Float64Array(buffer, at, events * EVENT);
        for (let k = 0; k < e.length; k += EVENT) onExcess(a, b, inFrom + e[k], e[k + 1], e[k + 2], e[k + 3]);
      };
      for (let from = 0; from < bins; from += segment) {
        const to = Math.min(bins, from + segment);
        const inFrom = Math.max(0, from - 2 * window);
        const len = to - inFrom;
        const first = from - inFrom;
        const pearsonFirst = Math.max(0, from - window) - inFrom;
        for (let k = 0; k < count; k++) new Float64Array(buffer, columnPtr(k), len).set(columns[k].subarray(inFrom, to));
        new Float64Array(buffer, maxPtr(0), (count * span) / 8).fill(0);
        for (let pair = 0; pair < pairs; pair += 2) {
          const [a, b] = pairList[pair];
          const state = statePtr + pair * STATE * 8;
          if (pair + 1 === pairs) {
            const events = deviate(
              columnPtr(a), columnPtr(b), len, pearsonFirst, first, window, c.alpha, c.floor, opts.threshold, c.minZ, c.warm,
              state, rPtr, zPtr, levelPtr, sigmaPtr, maxPtr(a), maxPtr(b), eventPtr,
            );
            if (events > 0) report(a, b, inFrom, eventPtr, events);
            continue;
          }
          const [a1, b1] = pairList[pair + 1];
          const events = deviateTwo(
            columnPtr(a), columnPtr(b), columnPtr(a1), columnPtr(b1), len, pearsonFirst, first, window,
            c.alpha, c.floor, opts.threshold, c.minZ, c.warm, state, work, span, maxPtr(a), maxPtr(b), maxPtr(a1), maxPtr(b1), eventPtr,
          );
          if (events === 0) continue;
          const events0 = firstEvents();
          if (events0 > 0) report(a, b, inFrom, eventPtr, events0);
          if (events > events0) report(a1, b1, inFrom, eventPtr + events0 * EVENT * 8, events - events0);
        }
        for (let k = 0; k < count; k++) deviation[k].set(new Float64Array(buffer, maxPtr(k) + first * 8, to - from), from);
      }
    },
  };
}
