// The closed lists the Anomalies UI validates and offers (modes, votings, detector names), its default
// configuration and the cancelled-run test, as UI values: the ui takes only types from below the workers.
import type { DetectionCancelledName, DetectionConfig, DetectionMode, Voting } from '../analysis/detectors/run-types';
import type { DetectorName } from '../analysis/detectors/types';

// Records keyed by the API's unions: tsc refuses a list that misses (or invents) a member.
const MODES: Record<DetectionMode, true> = { single: true, statistical: true, ml: true, hybrid: true, ensemble: true };
const VOTING_RULES: Record<Voting, true> = { majority: true, weighted: true, consensus: true };
const NAMES: Record<DetectorName, true> = {
  zscore: true, mad: true, ewma: true, iqr: true, likelihood: true, seasonal: true, correlation: true, iforest: true, lof: true,
};

export const DETECTION_MODES = Object.keys(MODES) as DetectionMode[];
export const VOTINGS = Object.keys(VOTING_RULES) as Voting[];
export const DETECTOR_NAMES = Object.keys(NAMES) as DetectorName[];

export const isDetectionMode = (s: string | null): s is DetectionMode => s !== null && Object.hasOwn(MODES, s);
export const isVoting = (s: string | null): s is Voting => s !== null && Object.hasOwn(VOTING_RULES, s);
export const isDetectorName = (s: string): s is DetectorName => Object.hasOwn(NAMES, s);

/** The view's default: every detector votes (the demo's one-click answer), majority, no suppression. */
export const VIEW_DEFAULT: DetectionConfig = {
  mode: 'ensemble',
  detectors: [],
  params: {},
  voting: 'majority',
  suppression: { cooldownMs: 0, minDurationMs: 0, maintenance: [] },
};

/** The name of the Error the worker's detect() rejects with after cancelDetect (checked against the API by tsc). */
const CANCELLED: DetectionCancelledName = 'DetectionCancelled';

export const isCancelled = (e: unknown): boolean => e instanceof Error && e.name === CANCELLED;
