// Typed surface of the adaptive z-score kernel (assembly/adaptive-z.ts); joins `Kernels` in types.ts.

export interface AdaptiveZOptions {
  /** Preceding points of the long window: the z is taken against its mean and std (integer >= 1). */
  window: number;
  /** Preceding points of the short window whose std measures recent volatility (integer in [1, window]). */
  shortWindow: number;
  /** Base threshold on |z|. */
  threshold: number;
  /** Recent volatility raises the threshold up to threshold × adaptLimit (>= 1). */
  adaptLimit: number;
  /** Both windows' sums are re-derived exactly at absolute indices that are multiples of this (integer >= 1). */
  period: number;
  /** A point is judged once this many finite values are in its long window (integer >= 0). */
  warmUp: number;
}

/**
 * The kernel's state between calls: the long and short windows' rolling states (5 values each, as
 * rollingMeanStdCarry's) and the next point's absolute index. A fresh state (zeros) starts a series.
 */
export const ADAPTIVE_Z_STATE_LENGTH = 11;

export interface AdaptiveZKernels {
  /**
   * The adaptive z-score detector's points v[first..] (outputs from index 0), continuing `state`
   * (updated in place); v holds min(window + 1, points before) values before `first`. For each point:
   * the mean μ and std σ of the finite values among the `window` before it and σ_s of the
   * `shortWindow` before it (sliding sums shifted by a reference, re-derived by two passes at multiples
   * of `period`; mean and variance through one reciprocal of the count: test/reference/adaptive-z.ts); once `warmUp` finite
   * values are in the window and neither v nor μ is NaN, raw = (v − μ) / σ (0 when σ = 0 and v = μ,
   * ±Infinity when σ = 0 otherwise; the value itself when ±Infinity) and score = |raw| / (|raw| + thr)
   * (1 for ±Infinity), thr = threshold × clamp(sqrt(σ_s / σ), 1, adaptLimit) when σ > 0 and σ_s is not
   * NaN, else threshold; otherwise raw NaN, score 0. flag = score > 0.5. A point's outputs depend only
   * on the values before it, itself and its absolute index, so any split into calls gives the same bits.
   */
  adaptiveZScore(
    v: Float64Array, first: number, opts: AdaptiveZOptions, state: Float64Array, raw: Float64Array, score: Float64Array, flag: Uint8Array,
  ): void;
}
