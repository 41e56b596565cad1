// The hand-written number and date parsing of the CSV hot loop against the platform (Number, Date.UTC,
// Date.parse) on random inputs, plus epoch unit detection by magnitude.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberState, parseNumberField } from '../../src/formats/csv-numbers';
import { daysFromCivil, epochUnitOf, parseDateTime, dateState } from '../../src/formats/csv-time';
import { text } from './csv-helpers';

function num(s: string): { x: number; ok: boolean } {
  const b = text(s);
  const x = parseNumberField(b, 0, b.length);
  return { x, ok: numberState.ok };
}

function date(s: string): number {
  const b = text(s);
  return parseDateTime(b, 0, b.length);
}

describe('parseNumberField', () => {
  it('equals Number() on random doubles printed by JS (shortest round-trip)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        const s = String(d);
        expect(num(s)).toEqual({ x: Number(s), ok: true });
      }),
      { numRuns: 5000 },
    );
  });

  it('equals Number() on random fixed-point decimals up to 17 significant digits', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^[0-9]{1,10}$/), fc.stringMatching(/^[0-9]{0,9}$/), (neg, i, f) => {
        const s = `${neg ? '-' : ''}${i}${f ? '.' + f : ''}`;
        expect(num(s)).toEqual({ x: Number(s), ok: true });
      }),
      { numRuns: 5000 },
    );
  });

  it('reads missing markers as NaN and rejects non-numbers', () => {
    for (const s of ['', 'null', 'NaN', 'nan', 'NULL']) expect(num(s)).toEqual({ x: NaN, ok: true });
    for (const s of ['abc', '0x1A', '1,5', '1.2.3', '-', '1e', '12 3']) expect(num(s).ok).toBe(false);
    expect(num('1.5e3')).toEqual({ x: 1500, ok: true });
    expect(num('-Infinity')).toEqual({ x: -Infinity, ok: true });
  });
});

describe('timestamps', () => {
  it('daysFromCivil equals the platform day number on random dates from year 1 to 9999', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const days = daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
        // (Date.UTC maps years 0-99 to 1900+, so compare with the date's own midnight instead.)
        expect(days * 86400000).toBe(Math.floor(d.getTime() / 86400000) * 86400000);
      }),
      { numRuns: 3000 },
    );
  });

  it('parseDateTime equals Date.parse on random ISO strings (Z, offsets, no zone read as UTC)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (d, offsetMin) => {
          const iso = d.toISOString();
          expect(date(iso)).toBe(d.getTime());
          expect(dateState.hasZone).toBe(true);
          expect(date(iso.slice(0, 19).replace('T', ' '))).toBe(Math.floor(d.getTime() / 1000) * 1000);
          expect(dateState.hasZone).toBe(false);
          const sign = offsetMin < 0 ? '-' : '+';
          const a = Math.abs(offsetMin);
          const withOffset = `${iso.slice(0, 23)}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
          expect(date(withOffset)).toBe(Date.parse(withOffset));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('rejects impossible dates and malformed text', () => {
    for (const s of ['2023-02-29 00:00:00', '2024-04-31', '2024-05-01 24:00:00', '2024-05-01T12:00:00Q', '05/01/2024', '2024-05-01T12']) {
      expect(date(s)).toBeNaN();
    }
    expect(date('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(date('2024-05-01T12:00:00.123456789Z')).toBeCloseTo(Date.UTC(2024, 4, 1, 12) + 123.456789, 6);
  });

  it('picks the epoch unit by magnitude', () => {
    expect(epochUnitOf(1714564800)).toBe('epoch-s');
    expect(epochUnitOf(1714564800000)).toBe('epoch-ms');
    expect(epochUnitOf(1714564800000000)).toBe('epoch-us');
    expect(epochUnitOf(1714564800000000000)).toBe('epoch-ns');
    expect(epochUnitOf(0)).toBe('epoch-s');
  });
});
