// NAB's three application profiles (config/profiles.json) and the scaled sigmoid that weighs a
// detection by its position relative to a labelled window (nab/sweeper.py, current master).

/** The cost matrix of one NAB profile; tnWeight exists in NAB's file but is never read, so it is left out. */
export interface NabProfile {
  name: NabProfileName;
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export type NabProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';

export const NAB_PROFILES: readonly NabProfile[] = [
  { name: 'standard', tpWeight: 1.0, fpWeight: 0.11, fnWeight: 1.0 },
  { name: 'reward_low_FP_rate', tpWeight: 1.0, fpWeight: 0.22, fnWeight: 1.0 },
  { name: 'reward_low_FN_rate', tpWeight: 1.0, fpWeight: 0.11, fnWeight: 2.0 },
];

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * NAB's scaled sigmoid of a relative position: about 0.9866 at -1 (a window's left edge), 0 at 0
 * (its right edge), -0.9866 at 1 and exactly -1 beyond 3 (strictly greater, as on NAB master).
 */
export function scaledSigmoid(position: number): number {
  if (position > 3.0) return -1.0;
  return 2 * sigmoid(-5 * position) - 1.0;
}

/** scaledSigmoid(-1): the weight of a detection at a window's first row before normalising to tpWeight. */
export const MAX_TP = scaledSigmoid(-1.0);
