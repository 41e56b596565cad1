// Timestamp cells of CSV time series, parsed from bytes: ISO-8601 / RFC3339 and naive
// `YYYY-MM-DD HH:MM:SS` via a days-from-civil computation, and epoch numbers in s/ms/µs/ns by magnitude.

import type { TimeEncoding } from '../model/series';
import { parseEpochNumber } from './csv-numbers';

const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Set by parseDateTime: whether the last parsed timestamp carried a zone (Z or an offset). */
export const dateState = { hasZone: false };

function digitsAt(bytes: Uint8Array, at: number, count: number, end: number): number {
  if (at + count > end) return -1;
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = bytes[i] - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The last date seen and its ms: rows of a file mostly share the date of the row before. */
let cachedDateKey = -1;
let cachedDateMs = 0;

/** Ms of the UTC midnight of year-month-day (validated), or NaN for an impossible date. */
function dateMs(year: number, month: number, day: number): number {
  const key = year * 10000 + month * 100 + day;
  if (key === cachedDateKey) return cachedDateMs;
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]) return NaN;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return NaN;
  cachedDateKey = key;
  cachedDateMs = daysFromCivil(year, month, day) * MS_PER_DAY;
  return cachedDateMs;
}

/**
 * Milliseconds since the epoch of `YYYY-MM-DD[(T| )HH:MM[:SS[.fff…]]][Z|±HH[:]MM]` in bytes[start, end);
 * a timestamp without zone is read as UTC. NaN when the text is not such a timestamp.
 */
export function parseDateTime(bytes: Uint8Array, start: number, end: number): number {
  dateState.hasZone = false;
  const year = digitsAt(bytes, start, 4, end);
  if (year < 0 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return NaN;
  const month = digitsAt(bytes, start + 5, 2, end);
  const day = digitsAt(bytes, start + 8, 2, end);
  let ms = dateMs(year, month, day);
  if (ms !== ms) return NaN;
  let i = start + 10;
  if (i === end) return ms;
  const sep = bytes[i];
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return NaN;
  const hour = digitsAt(bytes, i + 1, 2, end);
  const minute = digitsAt(bytes, i + 4, 2, end);
  if (hour < 0 || hour > 23 || bytes[i + 3] !== 58 || minute < 0 || minute > 59) return NaN;
  ms += hour * 3_600_000 + minute * 60_000;
  i += 6;
  if (i < end && bytes[i] === 58 /* : */) {
    const second = digitsAt(bytes, i + 1, 2, end);
    if (second < 0 || second > 60) return NaN;
    ms += second * 1000;
    i += 3;
    if (i < end && (bytes[i] === 46 /* . */ || bytes[i] === 44 /* , */)) {
      i++;
      let frac = 0;
      let scale = 1;
      const fracStart = i;
      while (i < end) {
        const c = bytes[i] - 48;
        if (c < 0 || c > 9) break;
        if (i - fracStart < 9) {
          frac = frac * 10 + c;
          scale *= 10;
        }
        i++;
      }
      if (i === fracStart) return NaN;
      ms += (frac * 1000) / scale;
    }
  }
  if (i === end) return ms;
  const z = bytes[i];
  if ((z === 90 /* Z */ || z === 122) && i + 1 === end) {
    dateState.hasZone = true;
    return ms;
  }
  if (z !== 43 /* + */ && z !== 45 /* - */) return NaN;
  const offH = digitsAt(bytes, i + 1, 2, end);
  let j = i + 3;
  if (j < end && bytes[j] === 58) j++;
  const offM = j === end ? 0 : digitsAt(bytes, j, 2, end);
  if (offH < 0 || offH > 23 || offM < 0 || offM > 59 || (j !== end && j + 2 !== end)) return NaN;
  dateState.hasZone = true;
  const offset = (offH * 60 + offM) * 60_000;
  return z === 43 ? ms - offset : ms + offset;
}

type EpochEncoding = 'epoch-s' | 'epoch-ms' | 'epoch-us' | 'epoch-ns';

/** An epoch number in its unit, converted to ms (dividing, not multiplying by 1e-3, to stay exact). */
export function epochToMs(x: number, unit: EpochEncoding): number {
  switch (unit) {
    case 'epoch-s':
      return x * 1000;
    case 'epoch-ms':
      return x;
    case 'epoch-us':
      return x / 1000;
    case 'epoch-ns':
      return x / 1e6;
  }
}

/** Epoch unit by magnitude: < 1e11 seconds (until year 5138), < 1e14 ms, < 1e17 µs, else ns. */
export function epochUnitOf(x: number): EpochEncoding {
  const a = Math.abs(x);
  if (a < 1e11) return 'epoch-s';
  if (a < 1e14) return 'epoch-ms';
  if (a < 1e17) return 'epoch-us';
  return 'epoch-ns';
}

/** The encoding of one timestamp cell, or undefined when it is no timestamp we read. */
export function detectTimeEncoding(bytes: Uint8Array, start: number, end: number): TimeEncoding | undefined {
  const epoch = parseEpochNumber(bytes, start, end);
  if (Number.isFinite(epoch)) return epochUnitOf(epoch);
  const ms = parseDateTime(bytes, start, end);
  if (Number.isNaN(ms)) return undefined;
  return dateState.hasZone ? 'iso8601' : 'naive-datetime-utc';
}

/** Parses one timestamp cell in the file's encoding to ms since the epoch; NaN when unparseable. */
export function parseTimestamp(bytes: Uint8Array, start: number, end: number, encoding: TimeEncoding): number {
  if (encoding === 'iso8601' || encoding === 'naive-datetime-utc') return parseDateTime(bytes, start, end);
  return epochToMs(parseEpochNumber(bytes, start, end), encoding);
}

/** What a timestamp of this encoding looks like, for error messages. */
export function describeEncoding(encoding: TimeEncoding): string {
  switch (encoding) {
    case 'iso8601':
      return 'an ISO-8601 timestamp like 2024-05-01T12:00:00Z';
    case 'naive-datetime-utc':
      return 'a timestamp like 2024-05-01 12:00:00';
    default:
      return `an epoch number in ${encoding.slice(6)}`;
  }
}
