// Typed surface of the anomaly-likelihood kernel (assembly/likelihood.ts); joins `Kernels` in types.ts.

/** The detector's configuration, as the kernel takes it (test/reference/likelihood.ts derives the same). */
export interface LikelihoodConfig {
  /** Points the model only learns from (scores 0), and the range warm-up of the day / week offsets. */
  learning: number;
  /** Averaged surprises the long-run Gaussian is fitted over. */
  history: number;
  /** Surprises averaged before they are judged. */
  averaging: number;
  /** EWMA weight of the newest point in the level forecasts (from the prediction half-life). */
  alpha: number;
  /** EWMA weight of the newest error in the typical errors (from the error-scale half-life). */
  scaleAlpha: number;
  /** An error this many typical errors away is full surprise (1). */
  errorCap: number;
  /** Forecast from the same time a day and a week ago too. */
  seasonal: boolean;
  /** Points scores are halved for after an alarm (score > 0.5). */
  rest: number;
  /** Weight of pattern novelty in the surprise (0: off). */
  novelty: number;
  /** Novelty grid levels over the learning range (>= 2). */
  levels: number;
  /** Novelty contexts are the last 1..depth levels. */
  depth: number;
}

/**
 * A stream's model between calls; `slots` is replaced by a longer array when a history outgrows it. The
 * slots belong to the kernel: read them, never write them (an instance may keep using its own copy).
 */
export interface LikelihoodState {
  slots: Float64Array;
}

export interface LikelihoodKernels {
  /**
   * Scores the points (t in ms) in [0, 1] into `score` and flags score > 0.5 into `flag`, advancing
   * `state` (newLikelihoodState): HTM's anomaly likelihood of the recent mean surprise of the level
   * and day / week forecasts, 1 for a value, level or offset beyond the range seen, halved after an
   * alarm. A non-finite value scores 0 and leaves the state as it was. Calls over consecutive pieces
   * of a series give bit-identical results to one call over all of it.
   */
  likelihoodScore(t: Float64Array, v: Float64Array, state: LikelihoodState, score: Float64Array, flag: Uint8Array): void;
}
