// The scorecard's SLO hook: the scenario's SLOs evaluated (src/analysis/slo) over replayed series — alerts
// that would have notified, and the share of the error budget the replay burned.

import type { SloDefinition } from '../analysis/slo/definition';
import { sloResults } from '../analysis/slo/pipeline';
import type { TraceSet } from '../model/traces';
import type { SloHook, SloReplaySummary } from './scorecard';

/** Evaluation grid step of replayed SLOs: one minute (every time slice is a whole number of minutes). */
export const SLO_STEP_MS = 60_000;

/** A hook evaluating `slos` over the replayed series (and recorded traces for span SLIs); no SLOs → no summaries. */
export function sloHookFor(slos: readonly SloDefinition[], traces?: TraceSet): SloHook {
  return async (series) => {
    if (!slos.length) return [];
    const results = sloResults(slos, { series, ...(traces ? { traces: [traces] } : {}) }, { stepMs: SLO_STEP_MS });
    return results.map(({ evaluation: ev }): SloReplaySummary => {
      const lastT = ev.t.length ? ev.t[ev.t.length - 1] : 0;
      let remaining = NaN;
      for (let k = ev.budgetRemaining.length - 1; k >= 0; k--) {
        if (Number.isFinite(ev.budgetRemaining[k])) {
          remaining = ev.budgetRemaining[k];
          break;
        }
      }
      return {
        slo: ev.slo.name,
        alerts: ev.notifications.map((a) => ({ start: a.start, end: a.end ?? lastT, severity: a.severity })),
        budgetBurnedPct: Number.isFinite(remaining) ? Math.max(0, (1 - remaining) * 100) : 0,
      };
    });
  };
}
