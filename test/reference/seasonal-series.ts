// Seeded synthetic seasonal telemetry for the seasonal and correlation tests and benchmarks: a daily
// shape (low nights, a midday peak), optional weekend damping, noise, and injected seasonal breaks.
import { gaussian, seededRandom } from './synthetic-anomalies';

export const MINUTE = 60_000;
export const DAY = 1440 * MINUTE;
export const T0 = Date.UTC(2026, 0, 5); // a Monday

/** Noise-free daily shape at time-of-day d in [0, 1): 10 at night, rising to 40 around 13:00. */
export function dailyShape(d: number): number {
  return 10 + 30 * Math.exp(-(((d - 0.55) / 0.12) ** 2));
}

export interface SeasonalSeriesOptions {
  days: number;
  stepMs: number;
  seed: number;
  /** Weekend days scaled to this fraction of the weekday shape (1 = no weekly pattern). */
  weekend?: number;
  /** Noise σ (default 1). */
  noise?: number;
  /** Relative jitter of the sampling times (0 = regular). */
  jitter?: number;
}

export interface SeasonalSeries {
  t: Float64Array;
  v: Float64Array;
  /** The noise-free expected value per point. */
  expected: Float64Array;
}

export function seasonalSeries(o: SeasonalSeriesOptions): SeasonalSeries {
  const n = Math.floor((o.days * DAY) / o.stepMs);
  const rand = seededRandom(o.seed);
  const normal = gaussian(rand);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const expected = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = T0 + i * o.stepMs + (o.jitter ? (rand() - 0.5) * o.jitter * o.stepMs : 0);
    const days = (t[i] - T0) / DAY;
    const weekday = Math.floor(days) % 7;
    const f = weekday >= 5 ? (o.weekend ?? 1) : 1;
    expected[i] = dailyShape(days - Math.floor(days)) * f;
    v[i] = expected[i] + (o.noise ?? 1) * normal();
  }
  return { t, v, expected };
}

/** Replaces day `day`'s values by the shape shifted by `hours` (a phase shift), plus the same noise. */
export function shiftPhase(s: SeasonalSeries, day: number, hours: number): void {
  for (let i = 0; i < s.t.length; i++) {
    const days = (s.t[i] - T0) / DAY;
    if (Math.floor(days) !== day) continue;
    const moved = dailyShape(days - day - hours / 24);
    s.v[i] += moved - s.expected[i];
  }
}

/** Flattens day `day`'s peak to the night level (values that look normal for the series overall). */
export function dropPeak(s: SeasonalSeries, day: number): void {
  for (let i = 0; i < s.t.length; i++) {
    const days = (s.t[i] - T0) / DAY;
    if (Math.floor(days) === day) s.v[i] += 10 - s.expected[i];
  }
}
