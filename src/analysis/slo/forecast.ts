// Violation prediction: when the error budget runs out at the current burn rate, and along the recent
// trend (least-squares line through the budget over a recent window), with forecast points for a chart.
// Like Pyrra's `exhaustion` (window / factor), it ignores bad events rolling out of a rolling window (stated, not modelled)

import { HOUR } from './duration';
import type { SloEvaluation } from './evaluate';

const MAX_DATE_MS = 8.64e15;

export interface ForecastOptions {
  /** Window of the trend fit, ms (default 6h). */
  trendWindowMs?: number;
  /** Forecast points per line (default 50). */
  points?: number;
}

export interface BudgetForecast {
  /** Time of the last evaluation step (ms) and the budget remaining there (fraction of the budget). */
  at: number;
  budgetRemaining: number;
  /** Burn rate over the evaluation's recent window (default 1h); NaN when no events. */
  burnRate: number;
  /** ms from `at` until the budget is gone at that burn rate: Infinity when not burning, 0 when already gone. */
  exhaustionInMs: number;
  /** Slope of the budget over the trend window, fraction of the budget per hour (negative = spending). */
  trendPerHour: number;
  exhaustionByTrendInMs: number;
  /** When the SLO is breached if nothing changes (the earlier of the two), ms; null when never within reach. */
  breachAt: number | null;
  /** First step where the budget was already spent (≤ 0), ms; null when never. */
  breachedAt: number | null;
  /** Points [t, budget] for the budget chart, from `at` to exhaustion or one period ahead. */
  burnLine: [number, number][];
  trendLine: [number, number][];
}

function line(at: number, b0: number, perMs: number, horizon: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const dt = (horizon * i) / n;
    out.push([at + dt, Math.max(0, b0 + perMs * dt)]);
  }
  return out;
}

export function forecastBudget(ev: SloEvaluation, options: ForecastOptions = {}): BudgetForecast {
  const n = ev.t.length;
  const last = n - 1;
  const at = n ? ev.t[last] : NaN;
  const b = n ? ev.budgetRemaining[last] : NaN;
  const step = ev.grid.step;
  const burnRate = ev.recentBurnRate;
  const perMsBurn = Number.isFinite(burnRate) ? -burnRate / ev.periodMs : NaN;
  const exhaustionInMs = !(b > 0) ? (Number.isFinite(b) ? 0 : NaN) : perMsBurn < 0 ? b / -perMsBurn : Number.isFinite(perMsBurn) ? Infinity : NaN;
  // Least squares over finite budget points in the trend window
  const tw = Math.max(2, Math.round((options.trendWindowMs ?? 6 * HOUR) / step));
  let sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
  for (let k = Math.max(0, n - tw); k < n; k++) {
    const y = ev.budgetRemaining[k];
    if (!Number.isFinite(y)) continue;
    const x = ev.t[k] - at;
    sx += x; sy += y; sxx += x * x; sxy += x * y; m++;
  }
  const den = m * sxx - sx * sx;
  const slope = m >= 2 && den > 0 ? (m * sxy - sx * sy) / den : NaN;
  const exhaustionByTrendInMs = !(b > 0) ? (Number.isFinite(b) ? 0 : NaN) : slope < 0 ? b / -slope : Number.isFinite(slope) ? Infinity : NaN;
  const soonest = Math.min(...[exhaustionInMs, exhaustionByTrendInMs].filter((x) => !Number.isNaN(x)));
  let breachedAt: number | null = null;
  for (let k = 0; k < n; k++) if (ev.budgetRemaining[k] <= 0) { breachedAt = ev.t[k]; break; }
  const pts = options.points ?? 50;
  const horizon = (x: number) => (Number.isFinite(x) && x > 0 ? Math.min(x, ev.periodMs) : ev.periodMs);
  return {
    at,
    budgetRemaining: b,
    burnRate,
    exhaustionInMs,
    trendPerHour: slope * HOUR,
    exhaustionByTrendInMs,
    // Beyond the last representable date (±8.64e15 ms) a breach is not within reach.
    breachAt: Number.isFinite(soonest) && Math.abs(at + soonest) <= MAX_DATE_MS ? at + soonest : null,
    breachedAt,
    burnLine: Number.isFinite(perMsBurn) && Number.isFinite(b) ? line(at, b, perMsBurn, horizon(exhaustionInMs), pts) : [],
    trendLine: Number.isFinite(slope) && Number.isFinite(b) ? line(at, b, slope, horizon(exhaustionByTrendInMs), pts) : [],
  };
}
