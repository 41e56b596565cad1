// OTLP shared helpers: nanoseconds → ms / µs rounded once (never through a float of ns), AnyValue text,
// attributes → labels, enum names or numbers.

import { describe, expect, it } from 'vitest';
import { addAttributes, anyValueText, double, enumValue, int64, nanosBig, nanosToMicros, nanosToMs, AGGREGATION_TEMPORALITY } from '../../src/formats/otlp-common';
import type { JsonValue } from '../../src/formats/json-stream';

describe('OTLP nanoseconds', () => {
  it('converts decimal-string nanos to ms and µs exactly (one rounding of the decimal value)', () => {
    // 1581452773000000789 ns = 1581452773000.000789 ms: Number of that decimal, not 1581452773000000789 / 1e6.
    expect(nanosToMs('1581452773000000789')).toBe(Number('1581452773000.000789'));
    expect(nanosToMs('1544712660300000000')).toBe(1544712660300);
    expect(nanosToMs('0')).toBe(0);
    expect(nanosToMs('999')).toBe(0.000999);
    // A float path would round 1700000000123456789 to ...456768 first; the µs result must still be exact.
    expect(nanosToMicros('1700000000123456789')).toBe(1700000000123456.8);
    expect(nanosToMicros('1700000000123456000')).toBe(1700000000123456);
    expect(nanosBig('1700000000123456789')).toBe(1700000000123456789n);
    expect(nanosToMs(1544712660300000000)).toBe(1544712660300);
  });

  it('rejects what is not an unsigned integer', () => {
    for (const bad of ['', '-5', '1.5', '1e18', 'abc', '123456789012345678901', null, true, -1, 1.5]) {
      expect(nanosToMs(bad as JsonValue)).toBeUndefined();
    }
    expect(nanosToMs(undefined)).toBeUndefined();
    expect(nanosBig(2 ** 60)).toBeUndefined();
  });
});

describe('OTLP values', () => {
  it('reads int64 strings, proto3 doubles and enums', () => {
    expect(int64('9223372036854775807')).toBe(9223372036854775807);
    expect(int64('-3')).toBe(-3);
    expect(int64('x')).toBeNaN();
    expect(double('NaN')).toBeNaN();
    expect(double('-Infinity')).toBe(-Infinity);
    expect(double(2.5)).toBe(2.5);
    expect(double('')).toBeNaN();
    expect(enumValue('AGGREGATION_TEMPORALITY_DELTA', AGGREGATION_TEMPORALITY)).toBe(1);
    expect(enumValue(2, AGGREGATION_TEMPORALITY)).toBe(2);
    expect(enumValue('nope', AGGREGATION_TEMPORALITY)).toBeUndefined();
  });

  it('renders AnyValue as text, nested arrays and kvlists capped in depth', () => {
    expect(anyValueText({ stringValue: 'a' })).toBe('a');
    expect(anyValueText({ boolValue: true })).toBe('true');
    expect(anyValueText({ intValue: '9223372036854775807' })).toBe('9223372036854775807');
    expect(anyValueText({ doubleValue: 1.5 })).toBe('1.5');
    expect(anyValueText({ bytesValue: 'AQI=' })).toBe('AQI=');
    expect(anyValueText({ arrayValue: { values: [{ stringValue: 'x' }, { intValue: 2 }] } })).toBe('[x,2]');
    expect(anyValueText({ kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }] } })).toBe('{k=false}');
    expect(anyValueText({})).toBe('');
    let deep: JsonValue = { stringValue: 'leaf' };
    for (let i = 0; i < 10_000; i++) deep = { arrayValue: { values: [deep] } };
    expect(anyValueText(deep)).toBe('['.repeat(16) + '…' + ']'.repeat(16));
  });

  it('adds attributes as labels, keeping the first value of a clashing key under a prefix', () => {
    const labels: Record<string, string> = { 'service.name': 'a' };
    const skipped = addAttributes(labels, [{ key: 'service.name', value: { stringValue: 'b' } }, { key: 'x', value: { intValue: '1' } }, 7], 'attr.');
    expect(labels).toEqual({ 'service.name': 'a', 'attr.service.name': 'b', x: '1' });
    expect(skipped).toBe(1);
  });
});
