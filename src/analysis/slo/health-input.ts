// SLO burn rates as the health score's input (HealthInputs.burnRates in detectors/health.ts): per
// component (the SLO's service, else its name), the highest burn rate, with a sentence naming the SLO.

import { formatDuration } from './duration';
import type { SloEvaluation } from './evaluate';

/** Per component: the largest recent burn rate among its SLOs; SLOs without data give none. */
export function sloBurnRates(evaluations: readonly SloEvaluation[]): Record<string, number> {
  return sloHealthInputs(evaluations, false).burnRates;
}

export interface SloHealthInputs {
  burnRates: Record<string, number>;
  /** Per component: why (e.g. "SLO checkout-availability burning 14.4× over the last 1h"). */
  burnNotes: Record<string, string>;
}

/**
 * Per component, the SLO burning fastest. The recent burn rate (last hour) says what is happening now;
 * with `overPeriod` (default) the burn over the SLO window so far (1 − budget remaining, Sloth's
 * period_burn_rate) counts too, so a budget already spent keeps lowering health after the incident.
 */
export function sloHealthInputs(evaluations: readonly SloEvaluation[], overPeriod = true): SloHealthInputs {
  const burnRates: Record<string, number> = {};
  const burnNotes: Record<string, string> = {};
  for (const ev of evaluations) {
    const recent = ev.recentBurnRate;
    const last = ev.budgetRemaining.length - 1;
    const period = overPeriod && last >= 0 ? 1 - ev.budgetRemaining[last] : NaN;
    const usePeriod = Number.isFinite(period) && !(recent >= period);
    const burn = usePeriod ? period : recent;
    if (!Number.isFinite(burn)) continue;
    const name = ev.slo.service ?? ev.slo.name;
    if (burnRates[name] !== undefined && burnRates[name] >= burn) continue;
    burnRates[name] = burn;
    const over = usePeriod ? `over its ${formatDuration(ev.periodMs)} window so far` : `over the last ${formatDuration(ev.recentWindowMs)}`;
    burnNotes[name] = `SLO ${ev.slo.name} burning ${burn.toFixed(1)}× ${over}`;
  }
  return { burnRates, burnNotes };
}
