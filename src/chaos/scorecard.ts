// The replay scorecard: replays with and without the policies (same seed), runs the detectors over the
// replayed metrics, and reports per fault who caught it and when, false alarms, per-edge error shares
// side by side and breaker timelines. SLO alerts come in through a typed hook (the SLO module's evaluation).

import type { Kernels } from '../kernels/types';
import type { Series } from '../model/series';
import { runDetection, type RunOptions } from '../analysis/detectors/run';
import type { DetectionConfig, Incident } from '../analysis/detectors/run-types';
import type { DetectorName } from '../analysis/detectors/types';
import { runReplay, type ReplayConfig, type ReplayResult } from './engine';
import type { ChaosModel } from './model';
import type { BreakerTransition } from './policies/circuit-breaker';

export interface FaultWindow {
  kind: string;
  targets: string[];
  start: number;
  end: number;
}

/** What the SLO evaluation reports for one replay (filled by the SLO module; no SLO maths here). */
export interface SloReplaySummary {
  slo: string;
  /** Alerts that fired, ms. */
  alerts: { start: number; end: number; severity: string }[];
  /** Share of the period's error budget the replay burned, percent. */
  budgetBurnedPct: number;
}

/** Evaluates SLOs over replayed series; the scorecard matches its alerts against the fault windows. */
export type SloHook = (series: readonly Series[], faults: readonly FaultWindow[]) => Promise<SloReplaySummary[]>;

export interface ScorecardOptions {
  detection: DetectionConfig;
  kernels: Kernels;
  /** A detection up to this long after a fault ends still counts for it; default 60 000 ms. */
  graceMs?: number;
  slo?: SloHook;
}

export interface FaultScore extends FaultWindow {
  detected: boolean;
  /** From the fault's start to the first incident that caught it (0 when one was already open); null when undetected. */
  timeToDetectMs: number | null;
  detectedBy: DetectorName[];
  perDetector: Partial<Record<DetectorName, number>>;
  /** Series (name{service}) with incidents counted for this fault. */
  series: string[];
  sloAlertsDuring: string[];
}

export interface PolicyEffect {
  edge: string;
  caller: string;
  callee: string;
  withoutPct: number;
  withPct: number;
  /** e.g. "checkout → payment: errors seen by checkout 38 % → 4 %". */
  text: string;
}

export interface Scorecard {
  faults: FaultScore[];
  falseAlarms: number;
  falseAlarmIncidents: { series: string; start: number; end: number; detectors: DetectorName[] }[];
  policies: PolicyEffect[];
  breakers: { edge: string; timeline: BreakerTransition[] }[];
  slo?: SloReplaySummary[];
  notes: string[];
}

const pct = (num: number, den: number): number => (den ? (100 * num) / den : 0);
const fmt = (x: number): string => (x >= 10 || x === 0 ? x.toFixed(0) : x.toFixed(1));
const seriesName = (s: Series): string => `${s.name}{${s.labels.service ?? ''}}`;

/** Scores incidents against fault windows: per fault who caught it and when; and the incidents outside all of them. */
export function scoreIncidents(incidents: readonly Incident[], series: readonly Series[], faults: readonly FaultWindow[], graceMs: number): Pick<Scorecard, 'faults' | 'falseAlarms' | 'falseAlarmIncidents'> {
  const live = incidents.filter((i) => !i.suppressed);
  const overlaps = (i: Incident, f: FaultWindow): boolean => i.end >= f.start && i.start < f.end + graceMs;
  const scores: FaultScore[] = faults.map((f) => {
    const hits = live.filter((i) => overlaps(i, f));
    const perDetector: Partial<Record<DetectorName, number>> = {};
    for (const i of hits) {
      const ttd = Math.max(0, i.start - f.start);
      for (const d of i.detectors) perDetector[d] = Math.min(perDetector[d] ?? Infinity, ttd);
    }
    const first = hits.length ? Math.min(...hits.map((i) => Math.max(0, i.start - f.start))) : null;
    return {
      ...f, detected: hits.length > 0, timeToDetectMs: first, detectedBy: Object.keys(perDetector).sort() as DetectorName[], perDetector,
      series: [...new Set(hits.map((i) => seriesName(series[i.seriesIndex])))].sort(), sloAlertsDuring: [],
    };
  });
  const outside = live.filter((i) => !faults.some((f) => overlaps(i, f)));
  return {
    faults: scores, falseAlarms: outside.length,
    falseAlarmIncidents: outside.map((i) => ({ series: seriesName(series[i.seriesIndex]), start: i.start, end: i.end, detectors: i.detectors })),
  };
}

/** Caller-seen error share per edge, with vs without policies (edges the policies name, else every edge with errors). */
export function comparePolicies(withP: ReplayResult, without: ReplayResult, policyEdges: readonly string[]): PolicyEffect[] {
  return without.edges
    .filter((e) => policyEdges.includes(e.edge) || e.failed > 0)
    .map((e0) => {
      const e1 = withP.edges.find((e) => e.edge === e0.edge) ?? e0;
      const [caller, callee] = e0.edge.split('>');
      const withoutPct = pct(e0.failed, e0.calls);
      const withPct = pct(e1.failed, e1.calls);
      return { edge: e0.edge, caller, callee, withoutPct, withPct, text: `${caller} → ${callee}: errors seen by ${caller} ${fmt(withoutPct)} % → ${fmt(withPct)} %` };
    });
}

/** Scores two replays of the same seed (with and without the policies): detectors and SLO alerts over the one with policies. */
export async function scoreReplays(withPolicies: ReplayResult, withoutPolicies: ReplayResult, policyEdges: readonly string[], opts: ScorecardOptions & { detect?: Omit<RunOptions, 'registry'> }): Promise<Scorecard> {
  const outcome = await runDetection(withPolicies.series, opts.detection, opts.kernels, opts.detect ?? {});
  const windows: FaultWindow[] = withPolicies.faultWindows;
  const scored = scoreIncidents(outcome.report.incidents, withPolicies.series, windows, opts.graceMs ?? 60000);
  const scorecard: Scorecard = {
    ...scored,
    policies: comparePolicies(withPolicies, withoutPolicies, policyEdges),
    breakers: withPolicies.breakers,
    notes: [...outcome.report.notes, 'Detectors ran over the replay with policies; the comparison replays the same seed without them.'],
  };
  if (opts.slo) {
    const slo = await opts.slo(withPolicies.series, windows);
    scorecard.slo = slo;
    for (const f of scorecard.faults) {
      f.sloAlertsDuring = slo.filter((s) => s.alerts.some((a) => a.end >= f.start && a.start < f.end + (opts.graceMs ?? 60000))).map((s) => s.slo);
    }
  }
  return scorecard;
}

/** Replays twice (policies off, then on, same seed), detects on the replay with policies, and scores it. */
export async function buildScorecard(model: ChaosModel, config: ReplayConfig, opts: ScorecardOptions): Promise<{ scorecard: Scorecard; withPolicies: ReplayResult; withoutPolicies: ReplayResult } | string> {
  const withPolicies = runReplay(model, config);
  if (typeof withPolicies === 'string') return withPolicies;
  const withoutPolicies = runReplay(model, { ...config, policies: {} });
  if (typeof withoutPolicies === 'string') return withoutPolicies;
  const scorecard = await scoreReplays(withPolicies, withoutPolicies, Object.keys(config.policies), opts);
  return { scorecard, withPolicies, withoutPolicies };
}
