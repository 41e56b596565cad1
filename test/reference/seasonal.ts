// Plain-TypeScript twin of the seasonal baseline kernel (assembly/seasonal.ts): point by point, the
// same operations in the same order, so kernel and twin agree bit for bit.
import {
  A_ABS, A_ABSN, A_COUNT, A_LEVEL, A_SCALE, A_SUM, H_CYCLE, H_HEAD, H_STORED, SEASONAL_ARRAYS, SEASONAL_HEADER,
} from '../../src/kernels/seasonal-state';
import type { SeasonalBaseline } from '../../src/kernels/seasonal-types';

const MAD_TO_SIGMA = 1.482602218505602;
const MEAN_AD_TO_SIGMA = 1.2533141373155;
/** Phase bins on each side whose past residuals join a bin's own in its scale (as in the kernel). */
const SCALE_REACH = 2;

/** Median of the finite values (NaN if none); ties averaged. */
export function medianOf(values: number[]): number {
  const xs = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const mid = xs.length >> 1;
  return xs.length & 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

export function twinSeasonalScore(
  t: Float64Array, v: Float64Array, baseline: SeasonalBaseline, threshold: number,
  raw: Float64Array, score: Float64Array, flag: Uint8Array,
): void {
  const { bins, cycles, anchor, invWidth, state } = baseline;
  const at = (array: number, b: number) => SEASONAL_HEADER + array * bins + b;
  const ring = (which: number, row: number, b: number) => SEASONAL_HEADER + SEASONAL_ARRAYS * bins + (which * cycles + row) * bins + b;
  const closeCycle = () => {
    const row = state[H_HEAD];
    for (let b = 0; b < bins; b++) {
      const count = state[at(A_COUNT, b)];
      const absn = state[at(A_ABSN, b)];
      state[ring(0, row, b)] = count > 0 ? state[at(A_SUM, b)] / count : NaN;
      state[ring(1, row, b)] = absn > 0 ? state[at(A_ABS, b)] / absn : NaN;
      for (const a of [A_SUM, A_COUNT, A_ABS, A_ABSN]) state[at(a, b)] = 0;
    }
    state[H_HEAD] = (row + 1) % cycles;
    const stored = Math.min(state[H_STORED] + 1, cycles);
    state[H_STORED] = stored;
    const reach = Math.min(SCALE_REACH, (bins - 1) >> 1);
    for (let b = 0; b < bins; b++) {
      const past = (which: number, bin: number) => Array.from({ length: stored }, (_, r) => state[ring(which, r, bin)]);
      const around: number[] = [];
      for (let j = b - reach; j <= b + reach; j++) around.push(...past(1, (j + bins) % bins));
      state[at(A_LEVEL, b)] = medianOf(past(0, b));
      // Median |residual| → σ; when that median is 0, the mean (summed in ascending order) instead.
      const median = medianOf(around);
      const sorted = around.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
      state[at(A_SCALE, b)] = median !== 0 ? MAD_TO_SIGMA * median : MEAN_AD_TO_SIGMA * (sorted.reduce((s, x) => s + x, 0) / sorted.length);
    }
  };
  let g = NaN;
  let b = 0;
  for (let i = 0; i < v.length; i++) {
    raw[i] = NaN;
    score[i] = 0;
    flag[i] = 0;
    if (!Number.isFinite(t[i])) continue;
    const gi = Math.floor((t[i] - anchor) * invWidth);
    if (gi !== g) {
      g = gi;
      const c = Math.floor(g / bins);
      if (c !== state[H_CYCLE]) {
        if (!Number.isNaN(state[H_CYCLE])) closeCycle();
        state[H_CYCLE] = c;
      }
      b = Math.min(bins - 1, Math.max(0, Math.trunc(g - c * bins)));
    }
    const level = state[at(A_LEVEL, b)];
    const scale = state[at(A_SCALE, b)];
    const x = v[i];
    if (!Number.isFinite(x)) continue;
    state[at(A_SUM, b)] += x;
    state[at(A_COUNT, b)] += 1;
    if (!Number.isFinite(level)) continue;
    const res = x - level;
    state[at(A_ABS, b)] += Math.abs(res);
    state[at(A_ABSN, b)] += 1;
    if (!Number.isFinite(scale)) continue;
    raw[i] = res === 0 ? 0 : res / scale;
    const d = Math.abs(raw[i]);
    score[i] = d === Infinity ? 1 : d > 0 ? d / (d + threshold) : 0;
    flag[i] = d > threshold ? 1 : 0;
  }
}
