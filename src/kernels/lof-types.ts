// The typed surface of the Local Outlier Factor kernel (k nearest neighbours through a k-d tree).
import type { FeatureMatrix } from './iforest-types';

export interface LofOptions {
  /** Neighbours per point (Breunig et al. suggest 10–50; default in Faultline 20), at most 256. */
  k: number;
}

export interface LofKernels {
  /**
   * Local Outlier Factor of every row of `x` among the others (the row itself is not its own
   * neighbour), with k capped at (finite rows - 1). Conventions of scikit-learn: exactly k neighbours
   * (among equidistant candidates the first one the tree search meets), reach-dist(p, o) =
   * max(k-distance(o), d(p, o)), lrd = 1 / (mean reach-dist + 1e-10) so duplicate points (distance 0)
   * give large but finite lrd and LOF 1 among themselves, LOF(p) = mean over neighbours o of
   * lrd(o) / lrd(p). ~1 inside a cluster, well above 1 for outliers. NaN for rows with a non-finite
   * feature and when fewer than 2 rows are finite. Values beyond 1e150 in magnitude are scaled by
   * 2^-600 first (exact; LOF is scale-free except for the 1e-10 clamp), so distances never overflow.
   */
  localOutlierFactor(x: FeatureMatrix, opts: LofOptions, out: Float64Array): void;

  /**
   * Novelty LOF: every row of `query` against the finite rows of `train` (fitted as above); no query
   * row is excluded from its own neighbourhood, so a duplicate of a training row has it at distance 0.
   */
  localOutlierFactorNovelty(train: FeatureMatrix, query: FeatureMatrix, opts: LofOptions, out: Float64Array): void;
}
