// The typed surface of the seasonality kernels: autocorrelation for period detection and the per-phase
// seasonal baseline that scores residuals (state layout in seasonal-state.ts).

/** A seasonal baseline in progress: its shape and its state (advanced by every seasonalScore call). */
export interface SeasonalBaseline {
  /** Phase bins per cycle (>= 1). */
  bins: number;
  /** Past cycles the per-bin medians look back over (1..64). */
  cycles: number;
  /** Time (ms) where cycle 0, bin 0 starts. */
  anchor: number;
  /** bins / period (per ms): a point's global bin is floor((t - anchor) · invWidth). */
  invWidth: number;
  /** The state slots (newSeasonalState); carried from call to call. */
  state: Float64Array;
}

export interface SeasonalKernels {
  /**
   * Autocorrelation r[k], k in [0, maxLag], of a regular grid x (mean and trend already removed):
   * Σ_{i<n-k} x_i·x_{i+k} / sqrt(Σ_{i<n-k} x_i² · Σ_{i>=k} x_i²), clamped to [-1, 1]; non-finite x
   * count as 0; NaN when k >= n or an energy is 0. x is not modified; out needs length >= maxLag + 1.
   */
  autocorrelation(x: Float64Array, maxLag: number, out: Float64Array): void;

  /**
   * Scores the points (t ascending) against the baseline and folds them into it. Per point: its cycle
   * and phase bin from `baseline`; level = median of the bin's means over the last `cycles` closed
   * cycles, scale = 1.4826 · the median of their mean |value - level| pooled with the two bins either side
   * (1.2533 · the mean of those when their median is 0); raw = (v - level) / scale (0 when
   * v == level; NaN until the bin has a level and a scale, or for non-finite v / t); score =
   * |raw| / (|raw| + threshold) (1 at ±Infinity, 0 for NaN); flag = |raw| > threshold. Calls over
   * consecutive pieces of a series give bit-identical results to one call over all of it.
   */
  seasonalScore(
    t: Float64Array, v: Float64Array, baseline: SeasonalBaseline, threshold: number,
    raw: Float64Array, score: Float64Array, flag: Uint8Array,
  ): void;
}
