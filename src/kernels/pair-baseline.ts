// The constants of a pair's correlation baseline, derived from its options the same way for the
// pairDeviation kernel and its reference twin (pure arithmetic; nothing here touches WebAssembly).
import type { PairBaselineOptions } from './pearson-types';

/** Mean |deviation| → σ for Gaussian deviations (sqrt(pi / 2)); the kernel spells out the same value. */
export const MEAN_ABS_TO_SIGMA = Math.sqrt(Math.PI / 2);

/** Departures are clipped at this many σ before they update a baseline. */
export const CLIP = 2;

/** |r| is capped here before its Fisher z, so perfectly correlated windows stay finite. */
export const R_CAP = 0.9999;

/** Fisher z of r with |r| capped at R_CAP: 0.5 · ln((1 + r) / (1 - r)) (NaN stays NaN). */
export function fisherZ(r: number): number {
  const c = Math.max(-R_CAP, Math.min(R_CAP, r));
  return 0.5 * Math.log((1 + c) / (1 - c));
}

export interface PairBaselineConstants {
  /** EWMA weight of each new z. */
  alpha: number;
  /** σ never goes below the standard error of z, 1 / sqrt(window - 3). */
  floor: number;
  /** Finite z folded in before a pair is judged. */
  warm: number;
  /** Fisher z of minBaseline. */
  minZ: number;
}

/** Checks the options (RangeError naming the bad one) and derives the constants. */
export function pairBaselineConstants(o: PairBaselineOptions): PairBaselineConstants {
  if (!Number.isInteger(o.window) || o.window < 4 || o.window > 2 ** 30) {
    throw new RangeError(`pair baseline window must be an integer between 4 and 2^30 points, got ${o.window}`);
  }
  if (!(o.baselineWindows > 0 && o.baselineWindows * o.window <= 2 ** 31 - 1)) {
    throw new RangeError(`baselineWindows must be positive (and baselineWindows · window below 2^31), got ${o.baselineWindows}`);
  }
  if (!(o.threshold > 0)) throw new RangeError(`threshold must be positive, got ${o.threshold}`);
  if (!(o.minBaseline >= 0 && o.minBaseline < 1)) throw new RangeError(`minBaseline must be in [0, 1), got ${o.minBaseline}`);
  return {
    alpha: 1 / (o.baselineWindows * o.window),
    floor: 1 / Math.sqrt(o.window - 3),
    warm: Math.ceil(o.baselineWindows * o.window),
    minZ: fisherZ(o.minBaseline),
  };
}
