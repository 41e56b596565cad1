// A chaos scenario: everything a replay needs besides the dataset — seed, faults, per-edge policies, replay
// options, the detection configuration and the SLOs the scorecard checks. Sessions (src/session/) carry it;
// the chaos lab edits it; runScenario (scenario-run.ts) runs it over a dataset's telemetry.

import { DEFAULT_DETECTION, type DetectionConfig } from '../analysis/detectors/run-types';
import type { SloDefinition } from '../analysis/slo/definition';
import type { ReplayConfig } from './engine/types';
import type { Fault } from './faults/types';
import type { PolicyMap } from './policies/types';

export const SCENARIO_VERSION = 1;

export interface Scenario {
  version: typeof SCENARIO_VERSION;
  name: string;
  seed: number;
  faults: Fault[];
  /** Keyed by edge "caller>callee". */
  policies: PolicyMap;
  /** Pool sizes, bucket width, traces kept (ReplayConfig without seed, faults and policies). */
  replay: Omit<ReplayConfig, 'seed' | 'faults' | 'policies'>;
  detection: DetectionConfig;
  slos: SloDefinition[];
}

/** A scenario with no faults and no policies: statistical detection, replay defaults, no SLOs. */
export function emptyScenario(name: string, seed = 1, detection: DetectionConfig = DEFAULT_DETECTION): Scenario {
  return { version: SCENARIO_VERSION, name, seed, faults: [], policies: {}, replay: {}, detection, slos: [] };
}
