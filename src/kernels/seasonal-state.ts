// Layout of the seasonal baseline's state slots, shared by the kernel wrapper and the reference twin
// (assembly/seasonal.ts reads the same layout): header, six per-bin arrays, two rings of past cycles.

export const SEASONAL_HEADER = 4;
export const SEASONAL_ARRAYS = 6;
/** Largest look-back the kernel supports (its median buffer). */
export const MAX_SEASONAL_CYCLES = 64;

/** Header slots: the open cycle's index (NaN before any point), past cycles stored, next ring row. */
export const H_CYCLE = 0;
export const H_STORED = 1;
export const H_HEAD = 2;

/** Per-bin arrays: open-cycle sum / count / Σ|residual| / residual count, then level and scale. */
export const A_SUM = 0;
export const A_COUNT = 1;
export const A_ABS = 2;
export const A_ABSN = 3;
export const A_LEVEL = 4;
export const A_SCALE = 5;

export function seasonalStateLength(bins: number, cycles: number): number {
  return SEASONAL_HEADER + SEASONAL_ARRAYS * bins + 2 * cycles * bins;
}

/** A fresh state: no open cycle, no past cycles, every bin without level or scale. */
export function newSeasonalState(bins: number, cycles: number): Float64Array {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`phase bins must be a positive integer, got ${bins}`);
  if (!Number.isInteger(cycles) || cycles < 1 || cycles > MAX_SEASONAL_CYCLES) {
    throw new RangeError(`baseline cycles must be an integer between 1 and ${MAX_SEASONAL_CYCLES}, got ${cycles}`);
  }
  const state = new Float64Array(seasonalStateLength(bins, cycles));
  state[H_CYCLE] = NaN;
  const at = (array: number) => SEASONAL_HEADER + array * bins;
  state.fill(NaN, at(A_LEVEL), at(A_SCALE) + bins);
  return state;
}
