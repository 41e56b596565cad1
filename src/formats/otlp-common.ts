// Shared OTLP/JSON pieces for metrics and traces: int64 nanosecond timestamps → ms / µs without a float
// in between, AnyValue → text, attributes / resource / scope → labels, and typed field access.

import type { JsonObject, JsonValue } from './json-stream';

export function asObject(v: JsonValue | undefined): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

export function asArray(v: JsonValue | undefined): JsonValue[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** The first present field of `o` among `names` (current name first, then pre-0.15 names). */
export function field(o: JsonObject, ...names: string[]): JsonValue | undefined {
  for (const n of names) if (o[n] !== undefined) return o[n];
  return undefined;
}

const DIGITS = /^\d{1,20}$/;

/**
 * Splits an unsigned decimal integer (int64 as a JSON string, or a JSON number) into the integer part of
 * `value / 10^shift` and the `shift` fractional digits, as strings; undefined when it is not one.
 */
function shifted(v: JsonValue | undefined, shift: number): string | undefined {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && Number.isInteger(v)) s = BigInt(v).toString();
  else return undefined;
  if (!DIGITS.test(s)) return undefined;
  const p = s.padStart(shift + 1, '0');
  return `${p.slice(0, p.length - shift)}.${p.slice(p.length - shift)}`;
}

/**
 * OTLP `…UnixNano` (a decimal string of nanoseconds, or a JSON number) → ms since the epoch, rounded once
 * (the decimal text "ms.ffffff" is parsed by Number, never ns as a float). A JSON *number* of nanoseconds
 * above 2^53 was already rounded by JSON itself (to 256 ns at today's epoch); it is used as given.
 * Undefined when absent or not a non-negative integer.
 */
export function nanosToMs(v: JsonValue | undefined): number | undefined {
  // Fast path for today's 19-digit strings: "ssssssssssmmm" + "." + "ffffff", one Number().
  if (typeof v === 'string' && v.length === 19 && DIGITS.test(v)) return Number(`${v.slice(0, 13)}.${v.slice(13)}`);
  const d = shifted(v, 6);
  return d === undefined ? undefined : Number(d);
}

/** OTLP `…UnixNano` → µs since the epoch, rounded once (exact for whole µs below 2^53). */
export function nanosToMicros(v: JsonValue | undefined): number | undefined {
  const d = shifted(v, 3);
  return d === undefined ? undefined : Number(d);
}

/** OTLP `…UnixNano` as an exact BigInt (durations as end − start without rounding). */
export function nanosBig(v: JsonValue | undefined): bigint | undefined {
  if (typeof v === 'string' && DIGITS.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  return undefined;
}

/**
 * OTLP `…UnixNano` as [whole µs, remaining ns 0–999]: decimal strings of up to 19 digits are split as text
 * (no BigInt, same values as BigInt division); anything else goes through nanosBig. Undefined when not one.
 */
export function nanosParts(v: JsonValue | undefined): [number, number] | undefined {
  if (typeof v === 'string' && v.length > 3 && v.length <= 19) {
    // Summed from the char codes (exact up to 2^53; beyond, Number() of the text rounds once, as before).
    const n = v.length;
    const us = decimal(v, 0, n - 3);
    const ns = decimal(v, n - 3, n);
    if (Number.isNaN(us) || Number.isNaN(ns)) return undefined;
    return [us <= Number.MAX_SAFE_INTEGER ? us : Number(v.slice(0, n - 3)), ns];
  }
  const big = nanosBig(v);
  return big === undefined ? undefined : [Number(big / 1000n), Number(big % 1000n)];
}

/** The decimal digits `s[from…to)` as a number summed from the char codes (exact below 2^53); NaN if one is not a digit. */
function decimal(s: string, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    x = x * 10 + d;
  }
  return x;
}

/** An int64 / uint64 / fixed64 field (decimal string or number) as a Number (counts, asInt); NaN if not one. */
export function int64(v: JsonValue | undefined): number {
  if (typeof v === 'number') return Number.isInteger(v) ? v : NaN;
  if (typeof v !== 'string') return NaN;
  // Up to 15 digits (every count in practice): summed from the char codes, exact, no regex.
  const n = v.length;
  const minus = n > 1 && v.charCodeAt(0) === 45 ? 1 : 0;
  if (n > minus && n <= 15) {
    const x = decimal(v, minus, n);
    return minus ? -x : x;
  }
  if (/^-?\d{1,20}$/.test(v)) return Number(v);
  return NaN;
}

/** A proto3 JSON double: a number, or "NaN" / "Infinity" / "-Infinity" (or a numeric string); NaN if not one. */
export function double(v: JsonValue | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    const x = v.trim() === '' ? NaN : Number(v);
    return x;
  }
  return NaN;
}

/** Deepest arrayValue / kvlistValue nesting rendered; deeper values are written as "…". */
const MAX_ANY_DEPTH = 16;

/**
 * An OTLP AnyValue as text: strings as is, bool/int/double as their literal, bytes as their base64,
 * arrays as `[a,b]` and kvlists as `{k=v,…}` (nesting capped at 16 levels); "" for an empty AnyValue.
 */
export function anyValueText(v: JsonValue | undefined, depth = 0): string {
  const o = asObject(v);
  if (!o) return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (typeof o.stringValue === 'string') return o.stringValue;
  if (o.boolValue !== undefined) return String(o.boolValue === true || o.boolValue === 'true');
  if (o.intValue !== undefined) return String(o.intValue);
  if (o.doubleValue !== undefined) {
    const x = double(o.doubleValue);
    return Number.isNaN(x) && typeof o.doubleValue === 'string' ? o.doubleValue : String(x);
  }
  if (typeof o.bytesValue === 'string') return o.bytesValue;
  if (depth >= MAX_ANY_DEPTH) return '…';
  const arr = asObject(o.arrayValue);
  if (arr) return `[${(asArray(arr.values) ?? []).map((x) => anyValueText(x, depth + 1)).join(',')}]`;
  const kv = asObject(o.kvlistValue);
  if (kv) {
    const parts = (asArray(kv.values) ?? []).map((x) => {
      const e = asObject(x);
      return e ? `${typeof e.key === 'string' ? e.key : ''}=${anyValueText(e.value, depth + 1)}` : '';
    });
    return `{${parts.join(',')}}`;
  }
  return '';
}

/**
 * Adds OTLP `attributes` (KeyValue[]) to `labels` as key → text. A key already present with another value
 * is kept and the new one is stored as `<prefix><key>` when a prefix is given. Returns how many
 * attributes were not KeyValue objects (skipped).
 */
export function addAttributes(labels: Record<string, string>, attributes: JsonValue | undefined, clashPrefix = ''): number {
  const list = asArray(attributes);
  if (!list) return 0;
  let skipped = 0;
  for (const item of list) {
    const kv = asObject(item);
    if (!kv || typeof kv.key !== 'string') {
      skipped++;
      continue;
    }
    const text = anyValueText(kv.value);
    const key = kv.key;
    if (key in labels && labels[key] !== text) {
      if (clashPrefix) labels[clashPrefix + key] = text;
    } else labels[key] = text;
  }
  return skipped;
}

/** Labels of an OTLP resource (its attributes, e.g. service.name). */
export function resourceLabels(resource: JsonValue | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  addAttributes(labels, asObject(resource)?.attributes);
  return labels;
}

/** Labels naming an instrumentation scope like the Prometheus exporter: otel_scope_name / _version. */
export function scopeLabels(scope: JsonValue | undefined): Record<string, string> {
  const o = asObject(scope);
  const labels: Record<string, string> = {};
  if (o && typeof o.name === 'string' && o.name) labels.otel_scope_name = o.name;
  if (o && typeof o.version === 'string' && o.version) labels.otel_scope_version = o.version;
  return labels;
}

/** The `service.name` of a resource, or undefined. */
export function serviceName(resource: JsonValue | undefined): string | undefined {
  const name = resourceLabels(resource)['service.name'];
  return name ? name : undefined;
}

/** An OTLP enum given as an integer or as its name (protojson): the integer, or undefined. */
export function enumValue(v: JsonValue | undefined, names: readonly string[]): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') {
    const i = names.indexOf(v);
    if (i >= 0) return i;
    if (/^\d+$/.test(v)) return Number(v);
  }
  return undefined;
}

export const AGGREGATION_TEMPORALITY = ['AGGREGATION_TEMPORALITY_UNSPECIFIED', 'AGGREGATION_TEMPORALITY_DELTA', 'AGGREGATION_TEMPORALITY_CUMULATIVE'] as const;
