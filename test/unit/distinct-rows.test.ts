// distinctRows: LOF's training rows with repeats kept once (quantized metrics), finite rows only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctRows } from '../../src/analysis/detectors/distinct-rows';

const matrix = (rows: number[][]) => ({ data: Float64Array.from(rows.flat()), rows: rows.length, dims: rows[0]?.length ?? 2 });
const rowsOf = (m: { data: Float64Array; rows: number; dims: number }): number[][] =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.dims, (i + 1) * m.dims)));

describe('distinctRows', () => {
  it('keeps each row once, in the order of first occurrence; -0 equals 0 and is stored as 0; non-finite rows go', () => {
    const m = matrix([[1, 2], [3, 4], [1, 2], [-0, 5], [NaN, 1], [0, 5], [3, 4], [2, Infinity], [1, 3]]);
    const d = distinctRows(m);
    expect(rowsOf(d)).toEqual([[1, 2], [3, 4], [0, 5], [1, 3]]);
    expect(Object.is(d.data[4], 0)).toBe(true);
    expect(d.dims).toBe(2);
  });

  it('returns the matrix itself when no row repeats and every row is finite', () => {
    const m = matrix([[1, 2], [2, 1], [1, 1]]);
    expect(distinctRows(m)).toBe(m);
    expect(distinctRows(matrix([[0, 0], [0, 0]])).rows).toBe(1);
    expect(distinctRows({ data: new Float64Array(0), rows: 0, dims: 3 }).rows).toBe(0);
  });

  it('equals a set of row keys on random lattice rows (3 dims, many repeats)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 3, maxLength: 3 }), { maxLength: 200 }), (rows) => {
        const d = distinctRows({ data: Float64Array.from(rows.flat()), rows: rows.length, dims: 3 });
        const expected = [...new Set(rows.map((r) => r.join(',')))];
        expect(rowsOf(d).map((r) => r.join(','))).toEqual(expected);
      }),
    );
  });
});
