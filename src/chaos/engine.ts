// The replay entry point: validates model, faults and policies (readable problems), runs the discrete-event
// simulation (engine/replay.ts), then applies the telemetry faults to the replayed series and traces.

import { applyTelemetryFaults, skewTraces } from './faults/telemetry';
import { validateFaults } from './faults/validate';
import { validateModel, type ChaosModel } from './model';
import { replay } from './engine/replay';
import type { ReplayConfig, ReplayResult } from './engine/types';
import { validatePolicies } from './policies/types';
import { Rng } from './rng';

export type { ReplayConfig, ReplayResult, EdgeStats } from './engine/types';

/** Every problem of a replay's inputs; empty when it can run. */
export function validateReplay(model: ChaosModel, config: ReplayConfig): string[] {
  const out = [...validateModel(model), ...validateFaults(config.faults, model), ...validatePolicies(config.policies, model.services)];
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) out.push(`seed must be an integer in [0, 4294967295], got ${config.seed}.`);
  if (config.bucketMs !== undefined && !(config.bucketMs >= 1)) out.push(`bucketMs must be ≥ 1, got ${config.bucketMs}.`);
  if (config.workersPerService !== undefined && !(config.workersPerService >= 1)) out.push(`workersPerService must be ≥ 1.`);
  if (config.queueLimit !== undefined && !(config.queueLimit >= 0)) out.push(`queueLimit must be ≥ 0.`);
  return out;
}

/** Runs one replay; the problems as a readable message when the inputs are invalid. */
export function runReplay(model: ChaosModel, config: ReplayConfig): ReplayResult | string {
  const problems = validateReplay(model, config);
  if (problems.length) return `The replay cannot run: ${problems.join(' ')}`;
  const result = replay(model, config);
  const rng = new Rng(config.seed);
  result.series = applyTelemetryFaults(result.series, config.faults, model.startMs, rng);
  if (result.traces) skewTraces(result.traces, config.faults, model.startMs);
  return result;
}
