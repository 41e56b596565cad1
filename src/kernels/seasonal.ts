// Seasonality kernels: autocorrelation of a regular grid (one call) and the seasonal baseline scores,
// run in segments with the baseline state copied into linear memory once per call and back after.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import { MAX_SEASONAL_CYCLES, seasonalStateLength } from './seasonal-state';
import type { SeasonalKernels } from './seasonal-types';

type AutocorrelationFn = (xPtr: number, n: number, maxLag: number, outPtr: number) => void;
type SeasonalScoreFn = (
  tPtr: number, vPtr: number, n: number, statePtr: number, bins: number, cycles: number, anchor: number,
  invWidth: number, threshold: number, rawPtr: number, scorePtr: number, flagPtr: number,
) => void;

export function seasonalKernels(ctx: KernelContext): SeasonalKernels {
  const acf = ctx.fn<AutocorrelationFn>('autocorrelation');
  const score = ctx.fn<SeasonalScoreFn>('seasonalScore');
  return {
    autocorrelation(x, maxLag, out) {
      if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag > 2 ** 26) {
        throw new RangeError(`maxLag must be an integer between 0 and 2^26, got ${maxLag}`);
      }
      checkOutput('out', out, maxLag + 1);
      const xPtr = ctx.base;
      const outPtr = align16(xPtr + x.length * 8);
      const buffer = ctx.reserve(outPtr + (maxLag + 1) * 8 - ctx.base);
      new Float64Array(buffer, xPtr, x.length).set(x);
      acf(xPtr, x.length, maxLag, outPtr);
      out.set(new Float64Array(buffer, outPtr, maxLag + 1));
    },

    seasonalScore(t, v, baseline, threshold, raw, scoreOut, flag) {
      const { bins, cycles, anchor, invWidth, state } = baseline;
      if (t.length !== v.length) throw new RangeError(`t has ${t.length} points but v has ${v.length}`);
      if (!Number.isInteger(cycles) || cycles < 1 || cycles > MAX_SEASONAL_CYCLES) {
        throw new RangeError(`baseline cycles must be an integer between 1 and ${MAX_SEASONAL_CYCLES}, got ${cycles}`);
      }
      if (state.length !== seasonalStateLength(bins, cycles)) {
        throw new RangeError(`seasonal state has ${state.length} slots, needs ${seasonalStateLength(bins, cycles)}`);
      }
      if (!(threshold >= 0)) throw new RangeError(`threshold must be >= 0, got ${threshold}`);
      checkOutput('raw', raw, v.length);
      checkOutput('score', scoreOut, v.length);
      checkOutput('flag', flag, v.length);
      const segment = Math.min(SEGMENT_POINTS, v.length);
      const statePtr = ctx.base;
      const tPtr = align16(statePtr + state.length * 8);
      const vPtr = tPtr + segment * 8;
      const rawPtr = vPtr + segment * 8;
      const scorePtr = rawPtr + segment * 8;
      const flagPtr = scorePtr + segment * 8;
      const buffer = ctx.reserve(flagPtr + segment + 16 - ctx.base);
      const stateView = new Float64Array(buffer, statePtr, state.length);
      stateView.set(state);
      for (let from = 0; from < v.length; from += segment) {
        const to = Math.min(v.length, from + segment);
        const n = to - from;
        new Float64Array(buffer, tPtr, n).set(t.subarray(from, to));
        new Float64Array(buffer, vPtr, n).set(v.subarray(from, to));
        score(tPtr, vPtr, n, statePtr, bins, cycles, anchor, invWidth, threshold, rawPtr, scorePtr, flagPtr);
        raw.set(new Float64Array(buffer, rawPtr, n), from);
        scoreOut.set(new Float64Array(buffer, scorePtr, n), from);
        flag.set(new Uint8Array(buffer, flagPtr, n), from);
      }
      state.set(stateView);
    },
  };
}
