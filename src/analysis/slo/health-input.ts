// SLO burn rates as the health score's input (HealthInputs.burnRates in detectors/health.ts): per
// component (the SLO's service, else its name), the highest burn rate over the recent window (default 1h)

import type { SloEvaluation } from './evaluate';

/** Per component: the largest recent burn rate among its SLOs; SLOs without data give none. */
export function sloBurnRates(evaluations: readonly SloEvaluation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const ev of evaluations) {
    const burn = ev.recentBurnRate;
    if (!Number.isFinite(burn)) continue;
    const name = ev.slo.service ?? ev.slo.name;
    out[name] = Math.max(out[name] ?? 0, burn);
  }
  return out;
}
