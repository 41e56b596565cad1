// NAB ground truth: the labelled windows of combined_windows.json (per file, inclusive start and end
// timestamps), NAB's timestamp text as ms since the epoch, and the probationary period of a file.

import type { Result } from '../../model/errors';

/** One labelled window as ms since the epoch (UTC), inclusive at both ends. */
export interface NabWindow {
  start: number;
  end: number;
}

/** Windows per data file, keyed by `<category>/<file>.csv` as in combined_windows.json. */
export type NabWindows = ReadonlyMap<string, readonly NabWindow[]>;

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?$/;

/**
 * ms since the epoch of NAB's `YYYY-MM-DD HH:MM:SS[.ffffff]` (taken as UTC; `T` and a final `Z` are
 * accepted too); NaN when the text is not such a timestamp. Fractions keep whole milliseconds.
 */
export function nabTime(text: string): number {
  const m = STAMP.exec(text.trim());
  if (!m) return NaN;
  const frac = m[7] ? Math.floor(Number(m[7].padEnd(3, '0').slice(0, 3))) : 0;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], frac);
  return Number.isFinite(ms) ? ms : NaN;
}

/** NAB's probationary length: min(floor(0.15 n), 0.15 × 5000); row i is scored iff i >= it. */
export function probationLength(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
}

/** Reads combined_windows.json's parsed content; an error names the key and what was expected. */
export function parseWindows(json: unknown, source = 'combined_windows.json'): Result<NabWindows, string> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, error: `${source}: expected an object mapping "<category>/<file>.csv" to window lists` };
  }
  const out = new Map<string, NabWindow[]>();
  for (const [key, list] of Object.entries(json)) {
    if (!Array.isArray(list)) return { ok: false, error: `${source}: "${key}" should be a list of [start, end] pairs` };
    const windows: NabWindow[] = [];
    for (const [k, pair] of list.entries()) {
      const ok = Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string';
      const start = ok ? nabTime(pair[0]) : NaN;
      const end = ok ? nabTime(pair[1]) : NaN;
      if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
        return { ok: false, error: `${source}: "${key}" window ${k + 1} should be ["YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM:SS"] with start <= end` };
      }
      windows.push({ start, end });
    }
    out.set(key, windows);
  }
  return { ok: true, value: out };
}
