// Reads NAB's CSV files as text: data files (timestamp,value) and results files (timestamp,value,
// anomaly_score,label,…), rows kept in file order (the generic CSV importer sorts, NAB scores by row).

import type { Result } from '../../model/errors';
import { nabTime } from './windows';

/** A NAB CSV's timestamps (ms, file order, duplicates kept) and the numeric columns asked for. */
export interface NabTable {
  t: Float64Array;
  columns: Map<string, Float64Array>;
}

/**
 * Parses a CSV whose first column is a NAB timestamp and whose header names the columns; `wanted`
 * columns must be present. Empty cells read as NaN; a bad timestamp or number is an error naming the line.
 */
export function parseNabCsv(text: string, file: string, wanted: readonly string[]): Result<NabTable, string> {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  if (!lines.length) return { ok: false, error: `${file}: empty file (expected a header like timestamp,${wanted.join(',')})` };
  const header = lines[0].replace(/^\uFEFF/, '').split(',').map((h) => h.trim());
  const index = wanted.map((name) => header.indexOf(name));
  const missing = wanted.filter((_, k) => index[k] < 0);
  if (header[0] !== 'timestamp' || missing.length) {
    return { ok: false, error: `${file}: line 1: expected a header starting with timestamp and naming ${wanted.join(', ')}; got "${lines[0]}"` };
  }
  const n = lines.length - 1;
  const t = new Float64Array(n);
  const columns = new Map(wanted.map((name) => [name, new Float64Array(n)] as const));
  const arrays = wanted.map((name) => columns.get(name) as Float64Array);
  for (let r = 0; r < n; r++) {
    const cells = lines[r + 1].split(',');
    t[r] = nabTime(cells[0]);
    if (Number.isNaN(t[r])) return { ok: false, error: `${file}: line ${r + 2}: "${cells[0]}" is not a YYYY-MM-DD HH:MM:SS timestamp` };
    for (let k = 0; k < index.length; k++) {
      const cell = (cells[index[k]] ?? '').trim();
      const x = cell === '' ? NaN : Number(cell);
      if (cell !== '' && Number.isNaN(x) && cell.toLowerCase() !== 'nan') {
        return { ok: false, error: `${file}: line ${r + 2}: ${wanted[k]} "${cell}" is not a number` };
      }
      arrays[k][r] = x;
    }
  }
  return { ok: true, value: { t, columns } };
}
