// Flag scans: every non-zero flag visited once, in order, whatever the length and the array's offset
// in its buffer (word-aligned or not), as a plain loop visits them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countFlags, forEachFlag } from '../../src/analysis/detectors/flag-scan';

describe('flag scans', () => {
  it('visit the indices a plain loop visits, at any offset and length', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0, 0, 1, 2, 255), { maxLength: 70 }), fc.integer({ min: 0, max: 7 }), (values, offset) => {
        const buffer = new Uint8Array(values.length + offset);
        buffer.set(values, offset);
        const flags = buffer.subarray(offset);
        const seen: number[] = [];
        forEachFlag(flags, (i) => seen.push(i));
        expect(seen).toEqual(values.flatMap((x, i) => (x ? [i] : [])));
        expect(countFlags(flags)).toBe(seen.length);
      }),
      { numRuns: 500 },
    );
  });

  it('count a long sparse array', () => {
    const flags = new Uint8Array(1_000_003);
    for (const i of [0, 3, 4, 99_999, 1_000_000, 1_000_002]) flags[i] = 1;
    expect(countFlags(flags)).toBe(6);
  });
});
