// Suppression of incidents that should not alert: maintenance windows, a minimum duration, and a
// cooldown per series after an alerted incident. Suppressed incidents stay in the report, with the reason.

import type { Incident, SuppressionConfig } from './run-types';

/**
 * Marks incidents (any order; returned sorted by series, then start) with the first reason that applies:
 * 1. maintenance — the incident overlaps a window [start, end) that covers its series (no `series`: all);
 * 2. min-duration — end - start < minDurationMs (a one-point incident lasts 0 ms);
 * 3. cooldown — it starts less than cooldownMs after the end of the same series' last alerted
 *    (not suppressed) incident; suppressed incidents do not restart the cooldown.
 * Returns new objects; the inputs are not changed.
 */
export function suppress(incidents: readonly Incident[], config: SuppressionConfig): Incident[] {
  const sorted = [...incidents].sort((a, b) => a.seriesIndex - b.seriesIndex || a.start - b.start);
  const out: Incident[] = [];
  let series = -1;
  let lastAlertEnd = -Infinity;
  for (const incident of sorted) {
    if (incident.seriesIndex !== series) {
      series = incident.seriesIndex;
      lastAlertEnd = -Infinity;
    }
    const { suppressed: _previous, ...plain } = incident;
    const reason = inMaintenance(incident, config)
      ? 'maintenance'
      : incident.end - incident.start < config.minDurationMs
        ? 'min-duration'
        : incident.start - lastAlertEnd < config.cooldownMs
          ? 'cooldown'
          : undefined;
    if (reason) out.push({ ...plain, suppressed: reason });
    else {
      out.push(plain);
      lastAlertEnd = incident.end;
    }
  }
  return out;
}

function inMaintenance(incident: Incident, config: SuppressionConfig): boolean {
  return config.maintenance.some(
    (w) => (w.series === undefined || w.series === incident.series) && incident.start < w.end && incident.end >= w.start,
  );
}
