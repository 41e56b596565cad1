// Evaluates one SLO over a dataset on a step grid: current SLI, compliance over the SLO window, error
// budget remaining, burn rates per alert window, and the multi-window multi-burn-rate alert timeline.

import { alertRules, conditionRules, type AlertRule, type AlertSeverity } from './alert-windows';
import type { SloDefinition } from './definition';
import { DAY, HOUR, MINUTE } from './duration';
import { stepEvents, type EventInput, type StepGrid } from './events';
import { windowSli } from './window-sli';

export interface EvaluateOptions {
  /** Grid step, ms (default 1m); a timeslice window must be a whole number of steps. */
  stepMs?: number;
  /** Evaluated time range, ms; default: the dataset's own first and last sample or span. */
  start?: number;
  end?: number;
  /** Low-traffic guard: an alert window with fewer events (or slices with events) than this has no burn rate and cannot fire. Default 1. */
  minEvents?: number;
  /** Window of `recentBurnRate`, the burn the forecast extrapolates, ms (default 1h). */
  recentWindowMs?: number;
}

export interface AlertEvent {
  rule: string;
  severity: AlertSeverity;
  /** Evaluation times (end of step, ms) the alert started, and stopped; end null when still firing at the end of the data. */
  start: number;
  end: number | null;
  /** Highest short-window burn rate while firing. */
  peakBurnRate: number;
}

export interface WindowBurn {
  rule: string;
  severity: AlertSeverity;
  factor: number;
  longWindowMs: number;
  shortWindowMs: number;
  /** Burn rates at the end of the data (NaN when the window had no data or too little traffic). */
  longBurnRate: number;
  shortBurnRate: number;
  firing: boolean;
}

export interface SloEvaluation {
  slo: SloDefinition;
  /** Period of the SLO window (calendar: the nominal 7d or 30d), ms. */
  periodMs: number;
  grid: StepGrid;
  /** Columns over the grid, at the end of each step (ms); NaN where undefined (no events). */
  t: Float64Array;
  /** SLI over the current window (the last 5 minutes, or the last slice). */
  sli: Float64Array;
  /** SLI over the SLO window (rolling) or the calendar period so far. */
  compliance: Float64Array;
  /** 1 − (1 − compliance)/(1 − objective) (Sloth's period_error_budget_remaining); negative = overspent. */
  budgetRemaining: Float64Array;
  /** Burn rate over the current window: (1 − sli)/(1 − objective). */
  burnRate: Float64Array;
  rules: AlertRule[];
  windows: WindowBurn[];
  /** Every rule's firing intervals, ordered by start. */
  alerts: AlertEvent[];
  /** Per severity, the OR of its multi-window rules (Sloth groups quick and slow into one alert): what would notify. */
  notifications: AlertEvent[];
  /** Burn rate over the last recentWindowMs of the data (default 1h); NaN when no events. */
  recentBurnRate: number;
  recentWindowMs: number;
  goodEvents: number;
  totalEvents: number;
  /** Set when there is nothing to evaluate: a readable reason (the SLI is then undefined, never 100 %). */
  noData?: string;
  /** Steps whose alert windows were below minEvents (low traffic), not counting steps with no data at all. */
  lowTrafficSteps: number;
  notes: string[];
}

export const CURRENT_WINDOW_MS = 5 * MINUTE;

/** Nominal period of a window, ms. */
export function periodOf(slo: SloDefinition): number {
  if (slo.timeWindow.kind === 'rolling') return slo.timeWindow.ms;
  return slo.timeWindow.unit === 'week' ? 7 * DAY : 30 * DAY;
}

/** Start of the calendar period (UTC) holding time t. */
export function calendarStart(unit: 'week' | 'month', t: number): number {
  const d = new Date(t);
  if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return midnight - ((d.getUTCDay() + 6) % 7) * DAY; // Monday
}

/** First and last time in the input (series samples, span ends), ms; NaN when empty. */
export function dataRange(input: EventInput): { start: number; end: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of input.series) {
    if (!s.t.length) continue;
    lo = Math.min(lo, s.t[0]);
    hi = Math.max(hi, s.t[s.t.length - 1]);
  }
  for (const tr of input.traces ?? []) {
    for (let i = 0; i < tr.spanCount; i++) {
      const s = tr.start[i];
      if (!Number.isFinite(s)) continue;
      lo = Math.min(lo, s / 1000);
      hi = Math.max(hi, (s + Math.max(0, tr.duration[i])) / 1000);
    }
  }
  return lo === Infinity ? { start: NaN, end: NaN } : { start: lo, end: hi };
}

/** Drops the first `afterMs` of every interval (and intervals shorter than that): OpenSLO alertAfter. */
function delayed(list: AlertEvent[], afterMs: number, lastT: number): AlertEvent[] {
  if (!afterMs) return list;
  return list.filter((a) => (a.end ?? lastT) - a.start >= afterMs).map((a) => ({ ...a, start: a.start + afterMs }));
}

function intervals(firing: Uint8Array, peak: Float64Array, t: Float64Array, rule: string, severity: AlertSeverity): AlertEvent[] {
  const out: AlertEvent[] = [];
  let open: AlertEvent | undefined;
  for (let k = 0; k < firing.length; k++) {
    if (firing[k]) {
      if (!open) out.push((open = { rule, severity, start: t[k], end: null, peakBurnRate: peak[k] }));
      else open.peakBurnRate = Math.max(open.peakBurnRate, peak[k]);
    } else if (open) {
      open.end = t[k];
      open = undefined;
    }
  }
  return out;
}

/** Why `stepMs` cannot evaluate `slo` (a time slice must be a whole number of steps), or undefined. */
export function stepProblem(slo: SloDefinition, stepMs: number): string | undefined {
  if (!(stepMs >= 1000)) return `the evaluation step must be at least 1s`;
  const slice = slo.budgetingMethod === 'Occurrences' ? stepMs : (slo.timeSliceWindowMs ?? stepMs);
  return slice % stepMs === 0 ? undefined : `slo ${slo.name}: its time slice of ${slice / 1000}s is not a whole number of ${stepMs / 1000}s steps; choose a step that divides it`;
}

export function evaluateSlo(slo: SloDefinition, input: EventInput, options: EvaluateOptions = {}): SloEvaluation {
  const step = options.stepMs ?? MINUTE;
  const slice = slo.budgetingMethod === 'Occurrences' ? step : (slo.timeSliceWindowMs ?? step);
  const misfit = stepProblem(slo, step);
  if (misfit) throw new RangeError(misfit); // callers check stepProblem first
  const range = dataRange(input);
  const from = options.start ?? range.start;
  const to = options.end ?? range.end;
  const periodMs = periodOf(slo);
  const rules = [...alertRules(periodMs), ...conditionRules(slo.alertConditions ?? [])];
  // The first time falls inside the first step: (gridStart, gridStart + step].
  const gridStart = Number.isFinite(from) ? (Math.ceil(from / slice) - 1) * slice : 0;
  const steps = Number.isFinite(to) ? Math.max(1, Math.ceil((to - gridStart) / step)) : 0;
  const grid: StepGrid = { start: gridStart, step, steps };
  const events = stepEvents(slo.sli, input, grid);
  const calc = windowSli(events, slo.budgetingMethod, slice / step, slo.timeSliceTarget);
  const minEvents = options.minEvents ?? 1;
  const budget = 1 - slo.objective;
  const cols = { t: new Float64Array(steps), sli: new Float64Array(steps), compliance: new Float64Array(steps), budgetRemaining: new Float64Array(steps), burnRate: new Float64Array(steps) };
  const stepsOf = (ms: number) => Math.max(1, Math.round(ms / step));
  const burnAt = (len: number, e: number): number => {
    const s = Math.max(0, e - len);
    return calc.count(s, e) >= minEvents ? (1 - calc.sli(s, e)) / budget : NaN;
  };
  const firing = rules.map(() => new Uint8Array(steps));
  const peaks = rules.map(() => new Float64Array(steps));
  const bySeverity = new Map<AlertSeverity, { firing: Uint8Array; peak: Float64Array }>();
  let lowTrafficSteps = 0;
  for (let k = 0; k < steps; k++) {
    const e = k + 1; // steps [.., e) are complete at the end of step k, time t[k]
    cols.t[k] = gridStart + e * step;
    const cur = stepsOf(CURRENT_WINDOW_MS);
    cols.sli[k] = calc.sli(Math.max(0, e - cur), e);
    cols.burnRate[k] = (1 - cols.sli[k]) / budget;
    const periodFrom = slo.timeWindow.kind === 'rolling' ? Math.max(0, e - stepsOf(periodMs)) : Math.max(0, Math.ceil((calendarStart(slo.timeWindow.unit, cols.t[k] - 1) - gridStart) / step));
    cols.compliance[k] = calc.sli(periodFrom, e);
    cols.budgetRemaining[k] = 1 - (1 - cols.compliance[k]) / budget;
    let low = false;
    rules.forEach((r, i) => {
      const long = burnAt(stepsOf(r.longMs), e);
      const short = burnAt(stepsOf(r.shortMs), e);
      if ((Number.isNaN(long) || Number.isNaN(short)) && calc.count(Math.max(0, e - stepsOf(r.longMs)), e) > 0) low = true;
      if (long > r.factor && short > r.factor) {
        firing[i][k] = 1;
        peaks[i][k] = short;
        if (!Number.isFinite(r.errorBudgetPercent)) return; // OpenSLO conditions notify on their own
        const sev = bySeverity.get(r.severity) ?? { firing: new Uint8Array(steps), peak: new Float64Array(steps) };
        bySeverity.set(r.severity, sev);
        sev.firing[k] = 1;
        sev.peak[k] = Math.max(sev.peak[k], short);
      }
    });
    if (low) lowTrafficSteps++;
  }
  const alerts = rules.flatMap((r, i) => delayed(intervals(firing[i], peaks[i], cols.t, r.name, r.severity), r.alertAfterMs ?? 0, cols.t[steps - 1])).sort((a, b) => a.start - b.start);
  const notifications = [...bySeverity].flatMap(([sev, x]) => intervals(x.firing, x.peak, cols.t, sev, sev)).sort((a, b) => a.start - b.start);
  const windows: WindowBurn[] = rules.map((r, i) => ({
    rule: r.name,
    severity: r.severity,
    factor: r.factor,
    longWindowMs: r.longMs,
    shortWindowMs: r.shortMs,
    longBurnRate: steps ? burnAt(stepsOf(r.longMs), steps) : NaN,
    shortBurnRate: steps ? burnAt(stepsOf(r.shortMs), steps) : NaN,
    firing: steps > 0 && firing[i][steps - 1] === 1,
  }));
  const recentWindowMs = options.recentWindowMs ?? HOUR;
  const recentBurnRate = steps ? burnAt(stepsOf(recentWindowMs), steps) : NaN;
  let goodEvents = 0;
  let totalEvents = 0;
  for (let k = 0; k < steps; k++) {
    goodEvents += events.good[k];
    totalEvents += events.total[k];
  }
  const notes = [...events.notes];
  if (slo.timeWindow.kind === 'calendar') notes.push(`calendar ${slo.timeWindow.unit} in UTC; alert windows use the nominal ${periodMs / DAY}d period`);
  if (Number.isFinite(from) && to - from < periodMs) notes.push(`the data covers ${((to - from) / HOUR).toFixed(1)} h of the ${periodMs / DAY}d window: compliance is over the data there is`);
  const noData = events.missing ?? (steps === 0 ? 'the dataset has no samples or spans' : totalEvents === 0 ? 'no events in the dataset\'s time range' : undefined);
  return { slo, periodMs, grid, ...cols, rules, windows, alerts, notifications, recentBurnRate, recentWindowMs, goodEvents, totalEvents, ...(noData ? { noData } : {}), lowTrafficSteps, notes };
}
