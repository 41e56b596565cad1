// Random CSV time series (plain, quoted, spaced, empty cells, long mantissas, CRLF): the parse equals
// Number() / Date.parse of each cell, whatever the chunk size (fast one-pass rows and the general path).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/formats/registry';
import { bytesSource } from '../../src/formats/sources';
import { text } from './csv-helpers';

const cell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => ({ text: String(d), value: Number(String(d)) })),
  fc.integer({ min: -1e6, max: 1e6 }).map((i) => ({ text: String(i / 1000), value: i / 1000 })),
  fc.constantFrom({ text: '', value: NaN }, { text: 'null', value: NaN }, { text: 'NaN', value: NaN }),
  fc.integer({ min: 0, max: 99999 }).map((i) => ({ text: ` "${i}" `, value: i })),
);

describe('CSV parser on random files', () => {
  it('reads every cell as Number() would, at any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(',', ';', '\t'),
        fc.integer({ min: 1, max: 300 }),
        async (rows, eol, sep, chunk) => {
          const t0 = Date.UTC(2024, 4, 1);
          const lines = [`"time"${sep}a${sep}b`, ...rows.map((r, i) => `${new Date(t0 + i * 1000).toISOString()}${sep}${r[0].text}${sep}${r[1].text}`)];
          const bytes = text(lines.join(eol) + eol);
          const r = await parseSource(bytesSource(bytes, 'random.csv', chunk));
          if (!r.ok) throw new Error(r.error.message);
          const [a, b] = r.value.series;
          expect(Array.from(a.t)).toEqual(rows.map((_, i) => t0 + i * 1000));
          expect(Array.from(a.v)).toEqual(rows.map((x) => x[0].value));
          expect(Array.from(b.v)).toEqual(rows.map((x) => x[1].value));
        },
      ),
      { numRuns: 300 },
    );
  });
});
