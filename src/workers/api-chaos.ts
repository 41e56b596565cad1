// The analysis worker's API for chaos lab replays: run, progress, cancel, scorecard (plain data and transferable typed arrays only).

import type { Scenario } from '../chaos/scenario';
import type { ReplayModelSummary, ScenarioProgress } from '../chaos/scenario-run';
import type { Scorecard } from '../chaos/scorecard';
import type { DatasetMeta } from '../model/series';

export type { Scenario } from '../chaos/scenario';
export type { ReplayModelSummary, ScenarioProgress } from '../chaos/scenario-run';
export type { FaultScore, PolicyEffect, Scorecard, SloReplaySummary } from '../chaos/scorecard';
export type { BreakerState, BreakerTransition } from '../chaos/policies/circuit-breaker';
export type { Fault, FaultKind } from '../chaos/faults/types';
export type { Backoff, CircuitBreakerPolicy, EdgePolicy, PolicyMap } from '../chaos/policies/types';

/** What the editor needs of a dataset: its replay model (or why there is none) and the scenario saved with it. */
export interface ChaosModelInfo {
  datasetId: string;
  datasetName: string;
  model: ReplayModelSummary | null;
  /** Why the dataset cannot be replayed (model null). */
  problem: string | null;
  /** The scenario last run or saved on this dataset, else a new one (no faults; the dataset's SLOs from the SLOs view). */
  scenario: Scenario;
  scenarioSaved: boolean;
  /** Why the saved scenario could not be read (a new one is given instead). */
  scenarioProblem: string | null;
  /** A few recorded series (or the trace request rate) drawn under the timeline; arrays transferred. */
  overview: { name: string; unit: string; t: Float64Array; v: Float64Array }[];
}

/** One chart of the results: a replayed series beside its recorded reference on one sorted time axis (NaN = no point). */
export interface ChaosSeriesView {
  name: string;
  service: string;
  unit: string;
  t: Float64Array;
  recorded: Float64Array;
  replayed: Float64Array;
}

/** A run as kept for "compare two runs" (the last 10 per dataset, stored as the 'chaos-runs' document). */
export interface ChaosRunSummary {
  runId: string;
  /** When it ran, ms since the epoch. */
  at: number;
  scenarioName: string;
  seed: number;
  sha256: string;
  modelKind: ReplayModelSummary['kind'];
  requests: number;
  simulatedCalls: number;
  elapsedMs: number;
  faults: { kind: string; targets: string[]; start: number; end: number; detected: boolean; timeToDetectMs: number | null; detectedBy: string[]; sloAlertsDuring: string[] }[];
  falseAlarms: number;
  policies: { edge: string; withoutPct: number; withPct: number; text: string }[];
  slo: { slo: string; alerts: number; budgetBurnedPct: number }[];
}

export interface ChaosRunResult {
  summary: ChaosRunSummary;
  scorecard: Scorecard;
  model: ReplayModelSummary;
  charts: ChaosSeriesView[];
}

export type ChaosRunOutcome = { ok: true; run: ChaosRunResult } | { ok: false; cancelled: boolean; message: string };

export type SaveReplayOutcome = { ok: true; meta: DatasetMeta } | { ok: false; message: string };

export interface ChaosWorkerApi {
  /** The dataset's replay model (services, edges, time range) and its saved scenario. */
  chaosModel(datasetId: string): Promise<ChaosModelInfo>;
  /**
   * Saves the scenario with the dataset, runs it (progress through the Comlink.proxy callback), keeps the
   * summary among the last 10 runs, and returns the scorecard and the charts (arrays transferred).
   */
  runChaos(runId: string, datasetId: string, scenario: Scenario, onProgress: (p: ScenarioProgress) => void): Promise<ChaosRunOutcome>;
  cancelChaos(runId: string): void;
  /** Saves the scenario without running it (so a reload restores the editor). */
  saveChaosScenario(datasetId: string, scenario: Scenario): Promise<void>;
  /** The dataset's last runs, newest first. */
  chaosRuns(datasetId: string): Promise<ChaosRunSummary[]>;
  /** Stores a finished run's replay (series, and spans when kept) as a new dataset named "replay of <dataset>, seed N". */
  saveReplayDataset(runId: string): Promise<SaveReplayOutcome>;
}
