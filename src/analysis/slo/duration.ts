// OpenSLO duration shorthand (integer + m h d w M Q Y; `s` also read for alert windows) to and from ms.
// M, Q and Y have no fixed length: they are accepted for calendar windows only (see definition.ts).

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const FIXED: Record<string, number> = { s: 1000, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };
const CALENDAR_UNITS = ['M', 'Q', 'Y'] as const;
export type CalendarUnit = (typeof CALENDAR_UNITS)[number];

export type ParsedDuration = { kind: 'fixed'; ms: number; text: string } | { kind: 'calendar'; count: number; unit: CalendarUnit; text: string };

/** Parses "5m", "28d", "1M"; a readable message when the text is not a duration shorthand. */
export function parseDuration(text: string, field: string): ParsedDuration | string {
  const m = /^(\d+)([smhdwMQY])$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) return `${field}: expected a duration such as 5m, 1h, 28d, 4w or 1M (a positive integer and one of s m h d w M Q Y), got ${JSON.stringify(text)}`;
  const count = Number(m[1]);
  const unit = m[2];
  if (unit in FIXED) return { kind: 'fixed', ms: count * FIXED[unit], text: `${count}${unit}` };
  return { kind: 'calendar', count, unit: unit as CalendarUnit, text: `${count}${unit}` };
}

/** A fixed-length duration in ms, or a message (M, Q and Y refused: their length depends on the calendar). */
export function parseFixedDuration(text: string | number, field: string): number | string {
  // OpenSLO timeSliceWindow: "Default interpretation of unit if specified as a number in minutes".
  if (typeof text === 'number') return Number.isInteger(text) && text > 0 ? text * MINUTE : `${field}: expected a positive whole number of minutes, got ${text}`;
  const d = parseDuration(text, field);
  if (typeof d === 'string') return d;
  if (d.kind === 'calendar') return `${field}: ${d.text} has no fixed length; use days (e.g. 30d) or a calendar window`;
  return d.ms;
}

/** Shortest shorthand for ms: "1h" not "60m"; whole seconds at least. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [['w', FIXED.w], ['d', DAY], ['h', HOUR], ['m', MINUTE], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
}

/** Human text of a span of time: "3d 4h", "17m", "45s". */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? 'never' : '-';
  const s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m`;
  return `${s}s`;
}
