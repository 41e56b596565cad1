// Runs a scenario over a dataset's telemetry: the model (traces → call graph, metrics-only → per-series),
// the replay with and without the policies (same seed), the scorecard with SLO alerts, and the SHA-256.

import type { Kernels } from '../kernels/types';
import type { Series } from '../model/series';
import type { TraceSet } from '../model/traces';
import { replayHash } from './canonical';
import { runReplay, type ReplayConfig, type ReplayResult } from './engine';
import { modelFromSeries } from './from-series';
import { modelFromTraces } from './from-traces';
import type { ChaosModel } from './model';
import type { Scenario } from './scenario';
import { scoreReplays, type Scorecard } from './scorecard';
import { replaySeriesModel } from './series-replay';
import { sloHookFor } from './slo-hook';

/** The message runScenario returns when isCancelled() said so. */
export const SCENARIO_CANCELLED = 'The replay was cancelled; nothing was kept.';

export interface ScenarioProgress {
  phase: string;
  done: number;
  total: number;
}

export interface ScenarioRunOptions {
  onProgress?: (p: ScenarioProgress) => void;
  isCancelled?: () => boolean;
  /** Also return the recorded reference: the series for a series model, a replay without faults or policies for traces. */
  recorded?: boolean;
}

export interface ReplayModelSummary {
  /** 'traces': call graph and request stream from spans; 'series': per-series model of metrics-only telemetry. */
  kind: 'traces' | 'series';
  services: string[];
  /** Edges "caller>callee" (empty for a series model). */
  edges: string[];
  requests: number;
  startMs: number;
  endMs: number;
}

export interface ScenarioRun {
  scorecard: Scorecard;
  /** SHA-256 of the canonical bytes of the replay with policies. */
  sha256: string;
  withPolicies: ReplayResult;
  withoutPolicies: ReplayResult;
  model: ReplayModelSummary;
  /** With opts.recorded: what the replay is compared with (same names as the replayed series). */
  recorded?: Series[];
}

export interface ScenarioData {
  series: Series[];
  traces?: TraceSet;
  datasetName: string;
}

/** Lets queued messages (a cancel) through between phases; changes no result. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Recorded series that show the dataset's shape under the editor's timeline (ascending t). */
export type OverviewSeries = Pick<Series, 'name' | 'labels' | 'unit' | 't' | 'v'>;

type Replayer = { summary: ReplayModelSummary; replay: (config: ReplayConfig) => ReplayResult | string; overview: () => OverviewSeries[] };

/** Requests per second of a trace model's arrival stream, per minute (or coarser: at most 720 buckets). */
function arrivalRate(m: ChaosModel): OverviewSeries {
  const span = Math.max(1, m.endMs - m.startMs);
  const bucket = Math.max(60_000, Math.ceil(span / 720 / 60_000) * 60_000);
  const n = Math.max(1, Math.ceil(span / bucket));
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let b = 0; b < n; b++) t[b] = m.startMs + b * bucket;
  for (let i = 0; i < m.arrivalMs.length; i++) v[Math.min(n - 1, Math.floor((m.arrivalMs[i] - m.startMs) / bucket))]++;
  for (let b = 0; b < n; b++) v[b] /= bucket / 1000;
  return { name: 'requests_per_s', labels: {}, unit: '1/s', t, v };
}

const ROLE_ORDER = ['rate', 'errors', 'latency', 'cpu', 'memory', 'other'];

/** The replay model of a dataset: its traces when it has spans, else its series; a readable message when neither fits. */
export function replayModelOf(data: ScenarioData): Replayer | string {
  if (data.traces && data.traces.spanCount > 0) {
    const m: ChaosModel | string = modelFromTraces(data.traces);
    if (typeof m === 'string') return m;
    return {
      summary: { kind: 'traces', services: [...m.services], edges: m.edges.map((e) => `${m.services[e.caller]}>${m.services[e.callee]}`), requests: m.arrivalMs.length, startMs: m.startMs, endMs: m.endMs },
      replay: (config) => runReplay(m, config),
      overview: () => [arrivalRate(m)],
    };
  }
  const m = modelFromSeries(data.series, data.datasetName);
  if (typeof m === 'string') return m;
  return {
    summary: { kind: 'series', services: [...m.services], edges: [], requests: m.requests, startMs: m.startMs, endMs: m.endMs },
    replay: (config) => replaySeriesModel(m, config),
    overview: () => m.series.map((s, i) => ({ s, i })).filter(({ s }) => s.t.length > 1)
      .sort((a, b) => ROLE_ORDER.indexOf(m.roles[a.i]) - ROLE_ORDER.indexOf(m.roles[b.i]) || a.i - b.i)
      .slice(0, 4).map(({ s }) => s),
  };
}

const NICE_BUCKETS_MS = [10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/**
 * Metric bucket of a trace replay when the scenario sets none: the smallest nice width holding about 30
 * requests on average (10 s at ≥ 3 requests/s), and at least 60 buckets over the replay when it can.
 */
export function autoBucketMs(requests: number, startMs: number, endMs: number): number {
  const span = Math.max(1, endMs - startMs);
  const want = (30 * span) / Math.max(1, requests);
  const cap = Math.max(NICE_BUCKETS_MS[0], span / 60);
  const fit = NICE_BUCKETS_MS.find((b) => b >= want) ?? NICE_BUCKETS_MS[NICE_BUCKETS_MS.length - 1];
  return [...NICE_BUCKETS_MS].reverse().find((b) => b <= Math.min(fit, cap)) ?? NICE_BUCKETS_MS[0];
}

/** The replay configuration a scenario describes (for a trace model without a bucket width: autoBucketMs). */
export function replayConfigOf(scenario: Scenario, model?: ReplayModelSummary): ReplayConfig {
  const bucketMs = scenario.replay.bucketMs ?? (model?.kind === 'traces' ? autoBucketMs(model.requests, model.startMs, model.endMs) : undefined);
  return { ...scenario.replay, ...(bucketMs !== undefined ? { bucketMs } : {}), seed: scenario.seed, faults: scenario.faults, policies: scenario.policies };
}

/** Runs the scenario; a readable message when it cannot run, SCENARIO_CANCELLED when cancelled. Pure and deterministic. */
export async function runScenario(data: ScenarioData, scenario: Scenario, kernels: Kernels, opts: ScenarioRunOptions = {}): Promise<ScenarioRun | string> {
  const TOTAL = 5;
  const progress = (phase: string, done: number): void => opts.onProgress?.({ phase, done, total: TOTAL });
  const cancelled = (): boolean => opts.isCancelled?.() === true;
  await tick();
  progress('model', 0);
  const model = replayModelOf(data);
  if (typeof model === 'string') return model;
  if (model.summary.kind === 'series' && Object.keys(scenario.policies).length) {
    return `Policies act on caller → callee calls, and "${data.datasetName}" has metrics only (no traces to show the calls): remove the policies or replay a dataset with traces.`;
  }
  if (cancelled()) return SCENARIO_CANCELLED;
  progress('replay with policies', 1);
  const config = replayConfigOf(scenario, model.summary);
  const withPolicies = model.replay(config);
  if (typeof withPolicies === 'string') return withPolicies;
  await tick();
  if (cancelled()) return SCENARIO_CANCELLED;
  progress('replay without policies', 2);
  const policyEdges = Object.keys(config.policies);
  const withoutPolicies = policyEdges.length ? model.replay({ ...config, policies: {} }) : withPolicies;
  if (typeof withoutPolicies === 'string') return withoutPolicies;
  await tick();
  if (cancelled()) return SCENARIO_CANCELLED;
  progress('detection and SLOs', 3);
  let scorecard: Scorecard;
  try {
    scorecard = await scoreReplays(withPolicies, withoutPolicies, policyEdges, {
      detection: scenario.detection, kernels, slo: sloHookFor(scenario.slos, withPolicies.traces),
      detect: { isCancelled: cancelled, runId: 'chaos' },
    });
  } catch (e) {
    if (cancelled()) return SCENARIO_CANCELLED;
    return `The scorecard could not be built: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (model.summary.kind === 'series') scorecard.notes.push('Metrics-only dataset: each recorded point was replayed under the faults active at its time (no call graph, so no policies).');
  if (cancelled()) return SCENARIO_CANCELLED;
  progress('hash', 4);
  const sha256 = await replayHash(withPolicies);
  let recorded: Series[] | undefined;
  if (opts.recorded) {
    const base = model.summary.kind === 'series' ? data.series : model.replay({ ...config, faults: [], policies: {} });
    recorded = typeof base === 'string' ? [] : Array.isArray(base) ? base : base.series;
  }
  progress('done', TOTAL);
  return { scorecard, sha256, withPolicies, withoutPolicies, model: model.summary, ...(recorded ? { recorded } : {}) };
}
