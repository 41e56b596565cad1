// The typed surface of the WebAssembly kernels. Everything above src/kernels/ sees only this;
// loading and linear-memory management live in src/kernels/ alone.
import type { AdaptiveZKernels } from './adaptive-z-types';
import type { EwmaKernels } from './ewma-types';
import type { IsolationForestKernels } from './iforest-types';
import type { LikelihoodKernels } from './likelihood-types';
import type { LofKernels } from './lof-types';
import type { OrderStatKernels } from './order-stat-types';
import type { PearsonKernels } from './pearson-types';
import type { PercentileKernels } from './percentile-types';
import type { SeasonalKernels } from './seasonal-types';

export interface ZScoreOptions {
  /** Number of preceding points in the rolling window (>= 2). */
  window: number;
  /** |z| above this flags the point. */
  threshold: number;
}

export interface RollingKernels {
  /**
   * Rolling mean and population standard deviation of the `window` points BEFORE each index
   * (i - window .. i - 1; no look-ahead, the point itself excluded). Non-finite inputs are not
   * added to the window; the output is NaN where fewer than 2 finite points are in it.
   */
  rollingMeanStd(v: Float64Array, window: number, mean: Float64Array, std: Float64Array): void;

  /**
   * rollingMeanStd for the points v[first..] (written to mean/std from index 0), continuing `state`
   * (ROLLING_STATE_LENGTH values, updated in place): a fresh state (zeros) starts exactly for the window
   * of v[first] (v holds `window` points before it); a used one continues after the previous call's
   * last point (v holds window + 1 points before `first`). Calls over consecutive stretches give the
   * same numbers as one call over their union (a stream costs what a batch costs).
   */
  rollingMeanStdCarry(v: Float64Array, first: number, window: number, state: Float64Array, mean: Float64Array, std: Float64Array): void;

  /**
   * Rolling z-score: score[i] = (v[i] - mean) / std over the window of rollingMeanStd.
   * score NaN (flag 0) when v[i] is non-finite or the window has < 2 finite points;
   * std == 0: score 0 when v[i] == mean, else ±Infinity. flag[i] = |score[i]| > threshold ? 1 : 0.
   * When v, score and flags are all resident arrays (KernelInstance.residentArrays), the kernel reads
   * and writes them in place instead of copying (the same segments, so the same numbers).
   */
  rollingZScore(v: Float64Array, opts: ZScoreOptions, score: Float64Array, flags: Uint8Array): void;

}

export interface DownsampleKernels {
  /**
   * Min/max per bucket for charts: the points with t0 <= t < t1 (t sorted ascending) are split into
   * `buckets` equal time buckets; for each non-empty bucket writes its time (bucket start) and the
   * min and max of the finite values (NaN if none). Returns the number of buckets written (empty
   * buckets are skipped). Output arrays must have length >= buckets.
   */
  downsampleMinMax(
    t: Float64Array,
    v: Float64Array,
    t0: number,
    t1: number,
    buckets: number,
    outT: Float64Array,
    outMin: Float64Array,
    outMax: Float64Array,
  ): number;
}

/**
 * Every kernel the WebAssembly module offers. Each kernel family declares its interface (here or in
 * its own src/kernels/<family>-types.ts) and joins this intersection.
 */
export type Kernels = RollingKernels & AdaptiveZKernels & DownsampleKernels & SeasonalKernels & PearsonKernels & IsolationForestKernels & LofKernels & EwmaKernels & OrderStatKernels & PercentileKernels & LikelihoodKernels;
