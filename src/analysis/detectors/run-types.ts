// The contract of one detection run, shared by the orchestration (run.ts), the analysis worker, the UI
// and the CLI: configuration (modes, voting, suppression), incidents, severities, health, the report.

import type { DetectorName, DetectorParams } from './types';
import type { CorrelationBreak as CorrelationPairBreak } from './correlation';

export type { CorrelationPairBreak };

// Every DetectorName with its list position: a name added to the union must be placed here (tsc says so).
const NAME_ORDER: Record<DetectorName, number> = { zscore: 0, mad: 1, ewma: 2, iqr: 3, likelihood: 4, seasonal: 5, correlation: 6, iforest: 7, lof: 8 };

/** Every detector name, in the order the UI and the CLI list them. */
export const DETECTOR_NAMES: readonly DetectorName[] = (Object.keys(NAME_ORDER) as DetectorName[]).sort((a, b) => NAME_ORDER[a] - NAME_ORDER[b]);

/**
 * How detectors are combined: 'single' runs detectors[0] alone; 'statistical' (z-score, IQR, EWMA),
 * 'ml' (Isolation Forest, LOF) and 'ensemble' (all) vote; 'hybrid' flags a point only when the
 * statistical detectors' vote flags it (the gate) and an ML detector confirms it (all of them under
 * consensus voting; ensemble.ts).
 */
export type DetectionMode = 'single' | 'statistical' | 'ml' | 'hybrid' | 'ensemble';
export const DETECTION_MODES: readonly DetectionMode[] = ['single', 'statistical', 'ml', 'hybrid', 'ensemble'];

/**
 * majority: more than half of the detectors flag the point; weighted: the flagging detectors' weights
 * are more than half of the total weight; consensus: every detector flags it.
 */
export type Voting = 'majority' | 'weighted' | 'consensus';
export const VOTINGS: readonly Voting[] = ['majority', 'weighted', 'consensus'];

/** The detectors a mode uses when `detectors` is empty (ensemble: every registered detector). */
export const MODE_DETECTORS: Readonly<Record<Exclude<DetectionMode, 'single'>, readonly DetectorName[]>> = {
  statistical: ['zscore', 'iqr', 'ewma'],
  ml: ['iforest', 'lof'],
  hybrid: ['zscore', 'iqr', 'ewma', 'iforest', 'lof'],
  ensemble: DETECTOR_NAMES,
};

/** A time range the user marked as maintenance: flags inside it are suppressed. */
export interface MaintenanceWindow {
  /** ms since epoch, start inclusive, end exclusive. */
  start: number;
  end: number;
  /** Series name it applies to; every series when absent. */
  series?: string;
}

export interface SuppressionConfig {
  /** After an incident ends, a new incident of the same series starting within this many ms is suppressed. */
  cooldownMs: number;
  /** Incidents shorter than this (end - start, ms) are suppressed. */
  minDurationMs: number;
  maintenance: MaintenanceWindow[];
}

export interface DetectionConfig {
  mode: DetectionMode;
  /** For 'single' the first is run; for the other modes, empty means the mode's defaults (MODE_DETECTORS). */
  detectors: DetectorName[];
  /** Parameter overrides per detector (missing ones take the ParamSpec defaults). */
  params: Partial<Record<DetectorName, Partial<DetectorParams>>>;
  voting: Voting;
  /** Weights for 'weighted' voting (missing: 1). */
  weights?: Partial<Record<DetectorName, number>>;
  suppression: SuppressionConfig;
}

export const DEFAULT_DETECTION: DetectionConfig = {
  mode: 'statistical',
  detectors: [],
  params: {},
  voting: 'majority',
  suppression: { cooldownMs: 0, minDurationMs: 0, maintenance: [] },
};

/** A configuration running one detector alone with the given parameters (no suppression). */
export function singleDetection(name: DetectorName, params: Partial<DetectorParams> = {}): DetectionConfig {
  return { ...DEFAULT_DETECTION, mode: 'single', detectors: [name], params: { [name]: params } };
}

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
/** Ascending; per-point severity arrays store 1 + the index here (0 = not flagged). */
export const SEVERITIES: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** Per-point severity code (0 none, 1 LOW ... 4 CRITICAL) to its name. */
export function severityOfCode(code: number): Severity | null {
  return code >= 1 && code <= 4 ? SEVERITIES[code - 1] : null;
}

export function severityCode(s: Severity): number {
  return SEVERITIES.indexOf(s) + 1;
}

/** Why an incident is not alerted on (it is still reported). */
export type SuppressionReason = 'maintenance' | 'cooldown' | 'min-duration';

/** Consecutive or nearby flagged points of one series, merged. */
export interface Incident {
  seriesIndex: number;
  /** Series name. */
  series: string;
  /** Time of the first and last flagged point (ms). */
  start: number;
  end: number;
  peakTime: number;
  peakValue: number;
  /** Largest combined score in [0, 1] inside the incident. */
  peakScore: number;
  severity: Severity;
  /** In [0, 1]. */
  confidence: number;
  /** Detectors that flagged at least one point of the incident. */
  detectors: DetectorName[];
  /** Flagged points merged into it. */
  points: number;
  suppressed?: SuppressionReason;
}

export interface SeriesSummary {
  seriesIndex: number;
  series: string;
  labels: Record<string, string>;
  points: number;
  /** Points flagged by the combined vote. */
  flagged: number;
  /** Largest combined score (0 when none). */
  maxScore: number;
  /** Incidents not suppressed / suppressed. */
  incidents: number;
  suppressed: number;
  worstSeverity: Severity | null;
  /** Per detector that ran: how many points it flagged on its own. */
  detectorFlags: Partial<Record<DetectorName, number>>;
  /** Detectors that could not run on this series, with why (e.g. too few points). */
  notes: string[];
}

export interface HealthComponent {
  /** Service label value, or the metric name of a series group. */
  name: string;
  /** 0 (down) to 100 (healthy). */
  score: number;
  /** One sentence per deduction, e.g. "-30: 1 CRITICAL incident on latency_ms at ...". */
  reasons: string[];
  /** Series indices in the component. */
  series: number[];
}

export interface HealthReport {
  /** 0-100: the weakest component dominates (see health.ts). */
  overall: number;
  components: HealthComponent[];
  /** Why the overall score is what it is. */
  reasons: string[];
}

/** With the seasonal detector in a run, per series: the period it scored against and the series' own. */
export interface SeriesPeriods {
  seriesIndex: number;
  series: string;
  /** Dominant periods of the whole series (autocorrelation, strongest first; periods.ts). */
  periodsMs: number[];
  /** The period the seasonal detector scored against (given, or learned on its prefix); null: none. */
  seasonalMs: number | null;
}

/** A stretch where a series departed from how it correlates with the others. */
export interface CorrelationBreak {
  seriesIndex: number;
  start: number;
  end: number;
  peakScore: number;
}

export interface CorrelationReport {
  names: string[];
  /** Dataset index of each row (names[i] is series indices[i]); groups, breaks and pair breaks use dataset indices. */
  indices?: number[];
  /** Pearson correlation of the series' values on their common time grid (bin means); NaN where undefined. */
  matrix: number[][];
  /** Series indices that move together (average-linkage clustering at mean |r| >= 0.7); singletons left out. */
  groups: number[][];
  breaks: CorrelationBreak[];
  /** Per pair (a < b, dataset indices): where its correlation left its baseline, with baseline r and r then. */
  pairBreaks?: CorrelationPairBreak[];
}

export interface DetectionReport {
  config: DetectionConfig;
  /** The detectors that ran, after the mode's defaults were applied. */
  detectors: DetectorName[];
  series: SeriesSummary[];
  /** Every incident, by start time; suppressed ones carry their reason. */
  incidents: Incident[];
  health: HealthReport;
  periods?: SeriesPeriods[];
  correlation?: CorrelationReport;
  /** Detector runs computed in this run vs reused from an earlier one with the same series and params. */
  runs: { computed: number; reused: number };
  /** Run-wide remarks (a chosen detector that is not available, a multi-series detector given one series). */
  notes: string[];
}

/** Per-point output of a run for one series (typed arrays: transferable). */
export interface SeriesPointResults {
  seriesIndex: number;
  /** Combined score in [0, 1]. */
  score: Float64Array;
  /** 1 where the combined vote flags the point. */
  flag: Uint8Array;
  /** 0 not flagged, 1 LOW ... 4 CRITICAL. */
  severity: Uint8Array;
  /** In [0, 1]; 0 where not flagged. */
  confidence: Float64Array;
}

export interface DetectRequest {
  runId: string;
  datasetId: string;
  /** Every series of the dataset when absent. */
  seriesIndices?: number[];
  config: DetectionConfig;
  /** Extra health inputs per component (the analysis worker adds the dataset's SLO burn rates). */
  health?: { burnRates?: Record<string, number>; burnNotes?: Record<string, string> };
}

export type DetectPhase = 'loading' | 'detecting' | 'combining' | 'health';

/** How far the current detecting step is, while a long series runs in chunks. */
export interface StepProgress {
  /** Share of the step's points done, in (0, 1). */
  fraction: number;
  detector: DetectorName;
  /** The series' name, when it has one. */
  series?: string;
}

/** "iforest on cpu: 43 %" (or the detector's label in place of its name): where a long step is. */
export function stepProgressText(w: StepProgress, label: string = w.detector): string {
  return `${label}${w.series ? ` on ${w.series}` : ''}: ${Math.floor(100 * w.fraction)} %`;
}

export interface DetectProgress {
  runId: string;
  /**
   * Steps done of total within the phase: 'loading' counts series read, 'detecting' detector runs (one
   * detector over one series, or a multi-series detector over all); 'combining' and 'health' repeat the
   * detecting totals.
   */
  done: number;
  total: number;
  phase: DetectPhase;
  /** Inside the step after `done` ('detecting' only, long series only). */
  within?: StepProgress;
}

/** The name of the error a cancelled run rejects with (errors cross the worker by name, not by text). */
export const DETECTION_CANCELLED = 'DetectionCancelled';
export type DetectionCancelledName = typeof DETECTION_CANCELLED;

export function cancelledError(runId: string): Error {
  const e = new Error(`Detection run ${runId} was cancelled.`);
  e.name = DETECTION_CANCELLED;
  return e;
}

export function isCancelled(e: unknown): boolean {
  return e instanceof Error && e.name === DETECTION_CANCELLED;
}

/** The detectors a configuration runs: detectors[0] for 'single', else the given ones or the mode's. */
export function detectorsOf(config: DetectionConfig): DetectorName[] {
  if (config.mode === 'single') return config.detectors.slice(0, 1);
  const chosen = config.detectors.length ? config.detectors : MODE_DETECTORS[config.mode];
  return [...new Set(chosen)];
}

/**
 * Checks a configuration (from the UI, the CLI or a file); returns readable problems, empty when valid.
 * Detector parameters are checked against their ParamSpec in run.ts (the registry is not needed here).
 */
export function validateDetection(config: unknown): string[] {
  const errors: string[] = [];
  if (typeof config !== 'object' || config === null) return ['The detection configuration must be an object.'];
  const c = config as Record<string, unknown>;
  const known = (name: unknown): name is DetectorName => DETECTOR_NAMES.includes(name as DetectorName);
  if (!DETECTION_MODES.includes(c.mode as DetectionMode)) {
    errors.push(`mode must be one of ${DETECTION_MODES.join(', ')}, not ${JSON.stringify(c.mode)}.`);
  }
  if (!VOTINGS.includes(c.voting as Voting)) errors.push(`voting must be one of ${VOTINGS.join(', ')}, not ${JSON.stringify(c.voting)}.`);
  if (!Array.isArray(c.detectors)) errors.push('detectors must be a list of detector names (it may be empty).');
  else {
    for (const d of c.detectors) if (!known(d)) errors.push(`unknown detector ${JSON.stringify(d)} (detectors: ${DETECTOR_NAMES.join(', ')}).`);
    if (c.mode === 'single' && c.detectors.length === 0) errors.push("mode 'single' needs one detector in detectors.");
  }
  if (typeof c.params !== 'object' || c.params === null) errors.push('params must be an object of per-detector parameters.');
  else {
    for (const [name, p] of Object.entries(c.params)) {
      if (!known(name)) errors.push(`params: unknown detector ${JSON.stringify(name)}.`);
      else if (typeof p !== 'object' || p === null) errors.push(`params.${name} must be an object of numbers.`);
      else for (const [k, v] of Object.entries(p)) if (typeof v !== 'number') errors.push(`params.${name}.${k} must be a number.`);
    }
  }
  if (c.weights !== undefined) {
    if (typeof c.weights !== 'object' || c.weights === null) errors.push('weights must be an object of per-detector weights.');
    else {
      for (const [name, w] of Object.entries(c.weights)) {
        if (!known(name)) errors.push(`weights: unknown detector ${JSON.stringify(name)}.`);
        else if (typeof w !== 'number' || !(w >= 0) || !Number.isFinite(w)) errors.push(`weights.${name} must be a finite number >= 0.`);
      }
    }
  }
  errors.push(...suppressionErrors(c.suppression));
  return errors;
}

function suppressionErrors(s: unknown): string[] {
  if (typeof s !== 'object' || s === null) return ['suppression must be an object with cooldownMs, minDurationMs and maintenance.'];
  const errors: string[] = [];
  const r = s as Record<string, unknown>;
  for (const key of ['cooldownMs', 'minDurationMs']) {
    const v = r[key];
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) errors.push(`suppression.${key} must be a finite number of ms >= 0.`);
  }
  if (!Array.isArray(r.maintenance)) errors.push('suppression.maintenance must be a list of {start, end} windows.');
  else {
    r.maintenance.forEach((w: unknown, i: number) => {
      const m = (typeof w === 'object' && w !== null ? w : {}) as Record<string, unknown>;
      if (typeof m.start !== 'number' || typeof m.end !== 'number' || !(m.end > m.start)) {
        errors.push(`suppression.maintenance[${i}] needs numeric start < end (ms).`);
      }
      if (m.series !== undefined && typeof m.series !== 'string') errors.push(`suppression.maintenance[${i}].series must be a series name.`);
    });
  }
  return errors;
}
