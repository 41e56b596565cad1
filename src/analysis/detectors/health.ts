// Health 0–100 per component (a service label, else a series group by metric name) and overall, from
// anomaly incidents, error rates and SLO burn rates; every deduction is stated as a reason.

import type { HealthComponent, HealthReport, Incident, Severity } from './run-types';

export interface HealthSeries {
  name: string;
  labels: Record<string, string>;
}

export interface HealthInputs {
  /** Every series, by series index. */
  series: readonly HealthSeries[];
  incidents: readonly Incident[];
  /** Per component name: share of requests that failed, in [0, 1]. */
  errorRates?: Readonly<Record<string, number>>;
  /** Per component name: SLO error-budget burn rate (1 = spending the budget exactly at the sustainable pace). */
  burnRates?: Readonly<Record<string, number>>;
  /** Per component name: what burns (e.g. "SLO checkout-availability burning 14.4× over the last 1h"), said in the reason. */
  burnNotes?: Readonly<Record<string, string>>;
}

/** Labels naming the service a series belongs to, first present wins. */
export const SERVICE_LABELS = ['service', 'service_name', 'service.name', 'job'] as const;

/** Points deducted per alerted (not suppressed) incident. */
export const INCIDENT_DEDUCTION: Readonly<Record<Severity, number>> = { LOW: 2, MEDIUM: 6, HIGH: 15, CRITICAL: 30 };
/** Incidents on an error series (errors, 5xx, failures) weigh this much more. */
export const ERROR_SERIES_FACTOR = 1.5;
/** Incidents alone never take more than this from a component. */
export const MAX_INCIDENT_DEDUCTION = 70;
/** Points per unit of error rate (10% failed: -50), capped at MAX_ERROR_DEDUCTION; below 0.1% ignored. */
export const ERROR_RATE_POINTS = 500;
export const MAX_ERROR_DEDUCTION = 50;
/** Points per unit of burn rate above 1 (14.4, the fast-burn page threshold: -40), capped. */
export const BURN_RATE_POINTS = 3;
export const MAX_BURN_DEDUCTION = 40;

/** The component a series belongs to: its service label, else its name (the metric). */
export function componentOf(s: HealthSeries): string {
  for (const key of SERVICE_LABELS) if (s.labels[key]) return s.labels[key];
  return s.name;
}

/** A series that counts errors or failures: by name, or a 5xx status label. */
export function isErrorSeries(s: HealthSeries): boolean {
  if (/error|errors|err_|5xx|fail|fault/i.test(s.name)) return true;
  const status = s.labels.status ?? s.labels.code ?? s.labels.status_code ?? s.labels['http.status_code'];
  return status !== undefined && /^5(\d\d|xx)$/i.test(status);
}

/** Share of a ratio series' last points whose mean is taken as its current error rate (at least one point). */
export const RECENT_SHARE = 0.05;

/**
 * Error rates a dataset states itself: per component, the largest recent mean (last RECENT_SHARE of the
 * points) among its error series whose values are ratios (every finite value in [0, 1], or in [0, 100]
 * for a name saying pct / percent). Counts of errors have no total to divide by and give none.
 */
export function errorRatesOf(series: readonly (HealthSeries & { v: Float64Array })[]): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const s of series) {
    if (!isErrorSeries(s)) continue;
    const scale = /pct|percent/i.test(s.name) ? 100 : 1;
    let finite = 0;
    let ratio = true;
    for (let i = 0; i < s.v.length && ratio; i++) {
      const x = s.v[i];
      if (Number.isFinite(x)) {
        finite++;
        ratio = x >= 0 && x <= scale;
      }
    }
    if (!ratio || finite === 0) continue;
    const from = Math.floor(s.v.length * (1 - RECENT_SHARE));
    let sum = 0;
    let k = 0;
    for (let i = Math.min(from, s.v.length - 1); i < s.v.length; i++) {
      if (Number.isFinite(s.v[i])) {
        sum += s.v[i];
        k++;
      }
    }
    if (!k) continue;
    const name = componentOf(s);
    rates[name] = Math.max(rates[name] ?? 0, sum / k / scale);
  }
  return rates;
}

const SEVERITY_ORDER: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** Health of every component and overall; components sorted from least to most healthy, then by name. */
export function computeHealth(inputs: HealthInputs): HealthReport {
  const groups = new Map<string, number[]>();
  inputs.series.forEach((s, i) => {
    const name = componentOf(s);
    groups.set(name, [...(groups.get(name) ?? []), i]);
  });
  for (const name of [...Object.keys(inputs.errorRates ?? {}), ...Object.keys(inputs.burnRates ?? {})]) {
    if (!groups.has(name)) groups.set(name, []);
  }
  const components = [...groups].map(([name, indices]) => componentHealth(name, indices, inputs));
  components.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ...overallOf(components), components };
}

function componentHealth(name: string, indices: number[], inputs: HealthInputs): HealthComponent {
  const reasons: string[] = [];
  let incidentTotal = 0;
  for (const i of indices) {
    const s = inputs.series[i];
    const alerted = inputs.incidents.filter((x) => x.seriesIndex === i && !x.suppressed);
    if (!alerted.length) continue;
    const factor = isErrorSeries(s) ? ERROR_SERIES_FACTOR : 1;
    const counts = SEVERITY_ORDER.map((sev) => [sev, alerted.filter((x) => x.severity === sev).length] as const).filter(([, k]) => k > 0);
    const raw = counts.reduce((sum, [sev, k]) => sum + k * INCIDENT_DEDUCTION[sev], 0) * factor;
    const room = MAX_INCIDENT_DEDUCTION - incidentTotal;
    const d = Math.round(Math.min(raw, room));
    if (d <= 0) continue;
    incidentTotal += d;
    const what = counts.map(([sev, k]) => `${k} ${sev} incident${k > 1 ? 's' : ''}`).join(', ');
    const notes = [factor > 1 ? `error series, ×${ERROR_SERIES_FACTOR}` : '', raw > room ? `capped at ${MAX_INCIDENT_DEDUCTION} for incidents` : '']
      .filter(Boolean)
      .join('; ');
    reasons.push(`-${d}: ${what} on ${s.name}${notes ? ` (${notes})` : ''}`);
  }
  let total = incidentTotal;
  const rate = inputs.errorRates?.[name];
  if (rate !== undefined && rate >= 0.001) {
    const d = Math.round(Math.min(MAX_ERROR_DEDUCTION, rate * ERROR_RATE_POINTS));
    total += d;
    reasons.push(`-${d}: ${(rate * 100).toFixed(1)}% of requests failed`);
  }
  const burn = inputs.burnRates?.[name];
  if (burn !== undefined && burn > 1) {
    const d = Math.round(Math.min(MAX_BURN_DEDUCTION, (burn - 1) * BURN_RATE_POINTS));
    total += d;
    const note = inputs.burnNotes?.[name];
    if (d > 0) reasons.push(`-${d}: ${note ?? `SLO error budget burning ${burn.toFixed(1)}× the sustainable rate`}`);
  }
  return { name, score: Math.max(0, 100 - total), reasons, series: indices };
}

/** Overall = round((lowest + mean) / 2): one failing component pulls it down even among many healthy ones. */
function overallOf(components: readonly HealthComponent[]): { overall: number; reasons: string[] } {
  if (!components.length) return { overall: 100, reasons: ['no components: nothing to judge'] };
  const lowest = components[0];
  const mean = components.reduce((sum, c) => sum + c.score, 0) / components.length;
  const overall = Math.round((lowest.score + mean) / 2);
  if (overall === 100) return { overall, reasons: [] };
  return {
    overall,
    reasons: [`lowest component ${lowest.name} at ${lowest.score}`, `mean of ${components.length} component${components.length > 1 ? 's' : ''} ${mean.toFixed(1)}`],
  };
}
