// SLO definitions: SLI kinds (event ratios from counters, histogram buckets or spans; thresholds on a
// series), objective, rolling or calendar window, budgeting method (OpenSLO semantics), and validation.

import type { SeriesSelector } from './selector';

export type Comparison = '>=' | '<=' | '==' | '>' | '<';
export const COMPARISONS: readonly Comparison[] = ['>=', '<=', '==', '>', '<'];

/** Where good and total events come from. */
export type EventSource =
  /** Counters (reset-corrected increases): good/total or bad/total. */
  | { from: 'counters'; good?: SeriesSelector; bad?: SeriesSelector; total: SeriesSelector }
  /**
   * A Prometheus histogram's `_bucket` series: good = the `le` bucket at the threshold, or the first
   * one above it when no bucket sits exactly there (stated in the evaluation's notes); total = le="+Inf".
   */
  | { from: 'histogram'; buckets: SeriesSelector; threshold: number }
  /** Spans (optionally of one service / operation): good = status not error and duration ≤ maxDurationMs (when set). */
  | { from: 'spans'; service?: string; operation?: string; maxDurationMs?: number };

export type SliDefinition =
  | { kind: 'ratio'; events: EventSource }
  /** Every sample of the selected series is an event, good when `value op threshold` holds. */
  | { kind: 'threshold'; series: SeriesSelector; op: Comparison; threshold: number };

export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
export const BUDGETING_METHODS: readonly BudgetingMethod[] = ['Occurrences', 'Timeslices', 'RatioTimeslices'];

export type SloWindow =
  | { kind: 'rolling'; ms: number }
  /** Calendar-aligned (UTC): weeks start Monday 00:00, months on the 1st. */
  | { kind: 'calendar'; unit: 'week' | 'month'; startTime?: string; timeZone?: string };

/** An OpenSLO AlertCondition (kind burnrate): a single lookback window, burn rate above threshold. */
export interface BurnRateCondition {
  name: string;
  severity: string;
  threshold: number;
  lookbackMs: number;
  /** How long the condition must hold before the alert fires, ms (OpenSLO default 0). */
  alertAfterMs: number;
}

export interface SloDefinition {
  name: string;
  displayName?: string;
  description?: string;
  service?: string;
  sli: SliDefinition;
  /** Target share of good events (or slices), in (0, 1), e.g. 0.999. */
  objective: number;
  timeWindow: SloWindow;
  budgetingMethod: BudgetingMethod;
  /** Timeslices: share of good events a slice needs to be good, in (0, 1]. */
  timeSliceTarget?: number;
  /** Timeslices / RatioTimeslices: slice length, ms. */
  timeSliceWindowMs?: number;
  /** OpenSLO alert policies' conditions, evaluated beside the multi-window rules. */
  alertConditions?: BurnRateCondition[];
}

/** Every problem of a definition, readable ("slo checkout: objective must be …"); empty when valid. */
export function validateSlo(d: SloDefinition): string[] {
  const at = `slo ${JSON.stringify(d.name)}`;
  const out: string[] = [];
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(d.name)) out.push(`${at}: name must be an RFC 1123 label (lower-case letters, digits and -, at most 63 characters)`);
  if (!(d.objective > 0 && d.objective < 1)) out.push(`${at}: objective must be between 0 and 1 (e.g. 0.999 for 99.9 %), got ${d.objective}`);
  if (d.timeWindow.kind === 'rolling' && !(d.timeWindow.ms >= 60_000)) out.push(`${at}: the rolling window must be at least 1m`);
  if (!BUDGETING_METHODS.includes(d.budgetingMethod)) out.push(`${at}: budgetingMethod must be one of ${BUDGETING_METHODS.join(', ')}`);
  if (d.budgetingMethod !== 'Occurrences') {
    if (!(d.timeSliceWindowMs !== undefined && d.timeSliceWindowMs >= 60_000 && d.timeSliceWindowMs % 60_000 === 0)) {
      out.push(`${at}: ${d.budgetingMethod} needs timeSliceWindow, a whole number of minutes (e.g. 1m or 5m)`);
    }
  }
  if (d.budgetingMethod === 'Timeslices' && !(d.timeSliceTarget !== undefined && d.timeSliceTarget > 0 && d.timeSliceTarget <= 1)) {
    out.push(`${at}: Timeslices needs timeSliceTarget in (0, 1] (the share of good events that makes a slice good)`);
  }
  const sli = d.sli;
  if (sli.kind === 'threshold') {
    if (!COMPARISONS.includes(sli.op)) out.push(`${at}: threshold op must be one of ${COMPARISONS.join(' ')}`);
    if (!Number.isFinite(sli.threshold)) out.push(`${at}: threshold value must be a number`);
  } else {
    const e = sli.events;
    if (e.from === 'counters' && (e.good === undefined) === (e.bad === undefined)) out.push(`${at}: a ratio SLI names exactly one of good and bad, with total`);
    if (e.from === 'histogram' && !(e.threshold > 0)) out.push(`${at}: the latency threshold must be a positive number (in the histogram's unit)`);
    if (e.from === 'spans' && e.maxDurationMs !== undefined && !(e.maxDurationMs > 0)) out.push(`${at}: maxDurationMs must be positive`);
  }
  return out;
}
