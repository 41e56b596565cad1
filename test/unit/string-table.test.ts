// The trace builder's string table: indexes in first-seen order through its growths (checked against a Map),
// ids that differ in one character, empty and non-ASCII strings, and forget().

import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/model/string-table';

describe('StringTable', () => {
  it('gives each string one index, in first-seen order, as a Map would', () => {
    const table = new StringTable();
    const reference = new Map<string, number>();
    // Hex span ids, ids one character apart, decimal numbers, and a few odd strings, each seen several times.
    const words = ['', 'é', '\u{1F600}', 'a'.repeat(1000), ...Array.from({ length: 30000 }, (_, i) => (i * 2654435761).toString(16).padStart(16, '0')), ...Array.from({ length: 20000 }, (_, i) => `00000000000${String(i).padStart(5, '0')}`), ...Array.from({ length: 5000 }, (_, i) => String(i))];
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < words.length; k++) {
        const s = words[(k * 7919 + round) % words.length];
        if (!reference.has(s)) reference.set(s, reference.size);
        expect(table.intern(s)).toBe(reference.get(s));
      }
    }
    expect(table.values).toEqual([...reference.keys()]);
  });

  it('keeps its values after forget(), and adds what is interned afterwards', () => {
    const table = new StringTable();
    for (const s of ['a', 'b', 'a']) table.intern(s);
    table.forget();
    expect(table.values).toEqual(['a', 'b']);
    expect([table.intern('c'), table.intern('a'), table.intern('c')]).toEqual([2, 3, 2]);
    expect(table.values).toEqual(['a', 'b', 'c', 'a']);
  });
});
