// A plain, JSON-ready summary of one SLO evaluation and its forecast (ISO times, numbers or null): what
// the CLI prints with --json, what the reports render, and what the health score takes as burn rates.

import type { SloDefinition } from './definition';
import { formatDuration } from './duration';
import type { SloEvaluation } from './evaluate';
import type { BudgetForecast } from './forecast';

export interface SloSummary {
  name: string;
  service: string | null;
  objective: number;
  window: string;
  budgetingMethod: string;
  from: string | null;
  to: string | null;
  goodEvents: number;
  totalEvents: number;
  /** SLI over the last 5 minutes (or the last slice); null when undefined (no events). */
  sli: number | null;
  /** SLI over the SLO window (rolling) or the calendar period so far */
  compliance: number | null;
  met: boolean | null;
  budgetRemaining: number | null;
  burnRate: number | null;
  burnRates: { rule: string; severity: string; factor: number; longWindow: string; shortWindow: string; longBurnRate: number | null; shortBurnRate: number | null; firing: boolean }[];
  alerts: { rule: string; severity: string; start: string; end: string | null; peakBurnRate: number }[];
  notifications: { severity: string; start: string; end: string | null }[];
  forecast: {
    recentBurnRate: number | null;
    exhaustionInHours: number | null;
    trendPerHour: number | null;
    exhaustionByTrendInHours: number | null;
    breachAt: string | null;
    breachedAt: string | null;
  };
  noData: string | null;
  lowTrafficSteps: number;
  notes: string[];
}

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
const iso = (ms: number | null): string | null => (ms !== null && Number.isFinite(ms) ? new Date(ms).toISOString() : null);
const hours = (ms: number): number | null => (Number.isFinite(ms) ? ms / 3_600_000 : null);

export function windowText(d: SloDefinition): string {
  return d.timeWindow.kind === 'rolling' ? `${formatDuration(d.timeWindow.ms)} rolling` : `calendar ${d.timeWindow.unit}`;
}

export function summarizeSlo(ev: SloEvaluation, fc: BudgetForecast): SloSummary {
  const d = ev.slo;
  const last = ev.t.length - 1;
  const at = (col: Float64Array) => (last >= 0 ? num(col[last]) : null);
  const compliance = at(ev.compliance);
  return {
    name: d.name,
    service: d.service ?? null,
    objective: d.objective,
    window: windowText(d),
    budgetingMethod: d.budgetingMethod + (d.timeSliceWindowMs ? ` (${formatDuration(d.timeSliceWindowMs)} slices${d.timeSliceTarget !== undefined ? `, slice target ${d.timeSliceTarget}` : ''})` : ''),
    from: last >= 0 ? iso(ev.grid.start) : null,
    to: last >= 0 ? iso(ev.t[last]) : null,
    goodEvents: ev.goodEvents,
    totalEvents: ev.totalEvents,
    sli: at(ev.sli),
    compliance,
    met: compliance === null ? null : compliance >= d.objective,
    budgetRemaining: at(ev.budgetRemaining),
    burnRate: at(ev.burnRate),
    burnRates: ev.windows.map((w) => ({ rule: w.rule, severity: w.severity, factor: w.factor, longWindow: formatDuration(w.longWindowMs), shortWindow: formatDuration(w.shortWindowMs), longBurnRate: num(w.longBurnRate), shortBurnRate: num(w.shortBurnRate), firing: w.firing })),
    alerts: ev.alerts.map((a) => ({ rule: a.rule, severity: a.severity, start: iso(a.start) as string, end: iso(a.end), peakBurnRate: a.peakBurnRate })),
    notifications: ev.notifications.map((a) => ({ severity: a.severity, start: iso(a.start) as string, end: iso(a.end) })),
    forecast: {
      recentBurnRate: num(fc.burnRate),
      exhaustionInHours: hours(fc.exhaustionInMs),
      trendPerHour: num(fc.trendPerHour),
      exhaustionByTrendInHours: hours(fc.exhaustionByTrendInMs),
      breachAt: iso(fc.breachAt),
      breachedAt: iso(fc.breachedAt),
    },
    noData: ev.noData ?? null,
    lowTrafficSteps: ev.lowTrafficSteps,
    notes: ev.notes,
  };
}
