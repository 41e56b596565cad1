// Multi-window multi-burn-rate alert rules (SRE Workbook ch. 5, approach 6) with Sloth's window catalogs
// and burn factor: factor = errorBudgetPercent × period hours / 100 / long-window hours.

import type { BurnRateCondition } from './definition';
import { DAY, HOUR, MINUTE } from './duration';

/** page and ticket for the multi-window rules; an OpenSLO AlertCondition's own severity otherwise. */
export type AlertSeverity = string;

export interface AlertRule {
  /** Sloth's names: page.quick, page.slow, ticket.quick, ticket.slow. */
  name: string;
  severity: AlertSeverity;
  /** Share of the period's error budget spent over the long window when the rule fires, %. */
  errorBudgetPercent: number;
  longMs: number;
  shortMs: number;
  /** Burn rate both windows must exceed. */
  factor: number;
  /** The condition must hold this long before the alert fires (OpenSLO alertAfter), ms. */
  alertAfterMs?: number;
}

interface CatalogRow {
  name: string;
  severity: AlertSeverity;
  percent: number;
  shortMs: number;
  longMs: number;
}

/** Sloth internal/alert/windows/google-30d.yaml (identical in google-28d.yaml): the Workbook's Table 5-8 plus its 24h/2h ticket pair. */
const GOOGLE: readonly CatalogRow[] = [
  { name: 'page.quick', severity: 'page', percent: 2, shortMs: 5 * MINUTE, longMs: HOUR },
  { name: 'page.slow', severity: 'page', percent: 5, shortMs: 30 * MINUTE, longMs: 6 * HOUR },
  { name: 'ticket.quick', severity: 'ticket', percent: 10, shortMs: 2 * HOUR, longMs: DAY },
  { name: 'ticket.slow', severity: 'ticket', percent: 10, shortMs: 6 * HOUR, longMs: 3 * DAY },
];

/** Sloth examples/windows/7d.yaml. */
const SEVEN_DAYS: readonly CatalogRow[] = [
  { name: 'page.quick', severity: 'page', percent: 8, shortMs: 5 * MINUTE, longMs: HOUR },
  { name: 'page.slow', severity: 'page', percent: 12.5, shortMs: 30 * MINUTE, longMs: 6 * HOUR },
  { name: 'ticket.quick', severity: 'ticket', percent: 20, shortMs: 2 * HOUR, longMs: DAY },
  { name: 'ticket.slow', severity: 'ticket', percent: 42, shortMs: 6 * HOUR, longMs: 3 * DAY },
];

/** Sloth getBurnRateFactor. */
export function burnFactor(errorBudgetPercent: number, periodMs: number, longMs: number): number {
  return (errorBudgetPercent * (periodMs / HOUR)) / 100 / (longMs / HOUR);
}

/** OpenSLO burnrate conditions as rules: one lookback window (short = long), their own severity. */
export function conditionRules(conditions: readonly BurnRateCondition[]): AlertRule[] {
  return conditions.map((c) => ({ name: c.name, severity: c.severity, errorBudgetPercent: NaN, longMs: c.lookbackMs, shortMs: c.lookbackMs, factor: c.threshold, alertAfterMs: c.alertAfterMs }));
}

/**
 * The four rules for an SLO period. 30d and 28d use the Google catalog, 7d Sloth's 7d example, with
 * Sloth's factor (28d: 13.44, 5.6, 2.8, 0.933). Any other period has no Sloth catalog: the 30d windows are
 * scaled by period/30d (as Pyrra scales its windows from 28d), rounded to whole minutes (at least 1m),
 * which keeps the 30d factors 14.4, 6, 3, 1.
 */
export function alertRules(periodMs: number): AlertRule[] {
  const catalog = periodMs === 7 * DAY ? SEVEN_DAYS : periodMs === 28 * DAY || periodMs === 30 * DAY ? GOOGLE : undefined;
  if (catalog) return catalog.map((r) => ({ name: r.name, severity: r.severity, errorBudgetPercent: r.percent, longMs: r.longMs, shortMs: r.shortMs, factor: burnFactor(r.percent, periodMs, r.longMs) }));
  const scale = periodMs / (30 * DAY);
  const round = (ms: number) => Math.max(MINUTE, Math.round((ms * scale) / MINUTE) * MINUTE);
  return GOOGLE.map((r) => {
    const longMs = round(r.longMs);
    return { name: r.name, severity: r.severity, errorBudgetPercent: r.percent, longMs, shortMs: round(r.shortMs), factor: burnFactor(r.percent, 30 * DAY, r.longMs) };
  });
}
