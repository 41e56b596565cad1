// Byte-level lexing shared by the Prometheus text and OpenMetrics parsers: series keys (name + labels)
// hashed in one pass, values, ms / float-second timestamps. Hand-written: it runs once per sample line.

import { numberState, parseNumberField } from './csv-numbers';

/** Results of the last scan (module state, so the hot loop allocates nothing). */
export const lexState = { hash: 0, error: '' };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58;
}

/** First byte of a metric name (letter, `_`, `:`) or `{` (labels first, name quoted inside). */
export function startsSeriesKey(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c === 123;
}

/**
 * Scans the series key (`name`, `name{…}` or `{…}`) starting at `pos`; returns the offset after it, or -1
 * (lexState.error says why). lexState.hash gets an FNV-1a hash of the key bytes.
 */
export function scanSeriesKey(bytes: Uint8Array, pos: number, end: number): number {
  if (pos >= end || !startsSeriesKey(bytes[pos])) {
    lexState.error = 'a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) or "{"';
    return -1;
  }
  let h = FNV_OFFSET;
  let i = pos;
  while (i < end) {
    const c = bytes[i];
    if (!isNameChar(c)) break;
    h = Math.imul(h ^ c, FNV_PRIME);
    i++;
  }
  let j = i;
  while (j < end && isBlank(bytes[j])) j++;
  if (j >= end || bytes[j] !== 123 /* { */) {
    if (i === pos) {
      lexState.error = 'a metric name';
      return -1;
    }
    lexState.hash = h >>> 0;
    return i;
  }
  for (; i <= j; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  let quoted = false;
  while (i < end) {
    const c = bytes[i];
    h = Math.imul(h ^ c, FNV_PRIME);
    i++;
    if (quoted) {
      if (c === 92 /* \ */ && i < end) {
        h = Math.imul(h ^ bytes[i], FNV_PRIME);
        i++;
      } else if (c === 34 /* " */) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 125 /* } */) {
      lexState.hash = h >>> 0;
      return i;
    }
  }
  lexState.error = quoted ? 'a closing quote (") for the label value' : 'a closing brace (}) after the labels';
  return -1;
}

/** Offset of the first blank (space / tab) at or after pos, or end. */
export function tokenEnd(bytes: Uint8Array, pos: number, end: number): number {
  while (pos < end && !isBlank(bytes[pos])) pos++;
  return pos;
}

export function skipBlanks(bytes: Uint8Array, pos: number, end: number): number {
  while (pos < end && isBlank(bytes[pos])) pos++;
  return pos;
}

/** True when bytes[start, end) is `nan` in any case. */
function isNaNWord(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start === 3 && (bytes[start] | 32) === 110 && (bytes[start + 1] | 32) === 97 && (bytes[start + 2] | 32) === 110;
}

/** True when the token holds an `inf` / `infinity` word (so an infinite result was written, not overflowed). */
function hasInfWord(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((bytes[i] | 32) === 105 /* i */) return true;
  return false;
}

/**
 * A sample value: a decimal / exponent number, NaN, ±Inf (Go ParseFloat words). NaN with
 * lexState.error set when the token is not one (including numbers beyond float64 like 1e400).
 */
export function parseSampleValue(bytes: Uint8Array, start: number, end: number): number {
  lexState.error = '';
  const x = parseNumberField(bytes, start, end);
  if (numberState.overflow) {
    lexState.error = 'a value within the float64 range (about ±1.8e308)';
    return NaN;
  }
  if (!numberState.ok || start === end) {
    lexState.error = 'a sample value (a number, NaN, +Inf or -Inf)';
    return NaN;
  }
  if (x !== x) {
    if (!isNaNWord(bytes, start, end)) lexState.error = 'a sample value (a number, NaN, +Inf or -Inf)';
    return NaN;
  }
  if ((x === Infinity || x === -Infinity) && !hasInfWord(bytes, start, end)) {
    lexState.error = 'a value within the float64 range (about ±1.8e308)';
  }
  return x;
}

const MAX_EXACT = 9007199254740991;

/** A Prometheus text timestamp: int64 milliseconds. NaN when the token is not an integer. */
export function parseMillis(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
    negative = bytes[i] === 45;
    i++;
  }
  if (i === end || end - i > 19) return NaN;
  let n = 0;
  for (; i < end; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  if (n > MAX_EXACT && n > 9223372036854775807) return NaN;
  return negative ? -n : n;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * An OpenMetrics timestamp (float seconds, `realnumber`: no NaN / Inf) as milliseconds, rounded once
 * from the decimal text (1700215884.373 → 1700215884373 exactly). NaN when the token is not one.
 */
export function parseSecondsAsMillis(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
    if (bytes[i] === 45) sign = -1;
    i++;
  }
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let exp10 = 3;
  let c = 0;
  for (; i < end && (c = bytes[i] - 48) >= 0 && c <= 9; i++) {
    digits++;
    if (significant > 0 || c !== 0) mantissa = mantissa * 10 + c * (++significant <= 15 ? 1 : 0);
  }
  if (i < end && bytes[i] === 46) {
    for (i++; i < end && (c = bytes[i] - 48) >= 0 && c <= 9; i++) {
      digits++;
      exp10--;
      if (significant > 0 || c !== 0) mantissa = mantissa * 10 + c * (++significant <= 15 ? 1 : 0);
    }
  }
  if (digits === 0) return NaN;
  const mantissaEnd = i;
  if (i < end && (bytes[i] | 32) === 101 /* e */) {
    i++;
    let expSign = 1;
    if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
      if (bytes[i] === 45) expSign = -1;
      i++;
    }
    const from = i;
    let e = 0;
    for (; i < end && bytes[i] >= 48 && bytes[i] <= 57; i++) e = Math.min(e * 10 + bytes[i] - 48, 1e6);
    if (i === from) return NaN;
    exp10 += expSign * e;
  }
  if (i !== end) return NaN;
  if (significant === 0) return 0;
  if (significant <= 15) {
    if (exp10 >= 0 && exp10 <= 22) return sign * mantissa * POW10[exp10];
    if (exp10 < 0 && exp10 >= -22) return (sign * mantissa) / POW10[-exp10];
  }
  // Long mantissas: let Number() round the shifted decimal once (digits without the point, exponent + 3).
  let text = '';
  for (let k = start; k < mantissaEnd; k++) if (bytes[k] >= 48 && bytes[k] <= 57) text += String.fromCharCode(bytes[k]);
  return sign * Number(`${text}e${exp10}`);
}
