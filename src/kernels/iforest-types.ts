// The typed surface of the Isolation Forest kernel, and the row-major feature matrix the ML kernels
// (Isolation Forest, LOF) take.

/** `rows` × `dims` features, row-major: feature j of row i is data[i * dims + j]. */
export interface FeatureMatrix {
  data: Float64Array;
  rows: number;
  dims: number;
}

export interface IsolationForestOptions {
  /** Number of isolation trees (the paper: 100). */
  trees: number;
  /** Subsample size ψ per tree (the paper: 256); capped at the number of finite training rows. */
  sampleSize: number;
  /** Seed of the generator (integer in [0, 2^32)): the same seed gives the same forest everywhere. */
  seed: number;
}

export interface IsolationForestKernels {
  /**
   * Isolation Forest (Liu, Ting & Zhou 2008). Fits `trees` trees of height limit ceil(log2 ψ) on
   * subsamples of ψ = min(sampleSize, finite rows of `train`) rows drawn without replacement, then
   * writes for every row of `query` the score s = 2^(-E[h(x)] / c(ψ)) in (0, 1], where h(x) is the
   * depth of the external node reached plus c(its training size). Rows with a non-finite feature are
   * not fitted and score NaN; with fewer than 2 finite training rows every score is NaN.
   */
  isolationForest(train: FeatureMatrix, query: FeatureMatrix, opts: IsolationForestOptions, out: Float64Array): void;
}
