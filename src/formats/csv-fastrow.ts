// The CSV hot path: one pass over a plain row (no quotes, no spaces, short decimals) that finds the
// fields and parses them in the same loop. Anything unusual returns FALLBACK for the general path.

import type { TimeEncoding } from '../model/series';
import { parseTimestamp } from './csv-time';

/** The row needs the general path (quotes, spaces, exponents, long mantissas, missing cells, errors). */
export const FALLBACK = -1;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const LF = 10;
const CR = 13;

/**
 * Parses the row at bytes[pos] into times[n] and values[*][n]; returns where the next row starts, or
 * FALLBACK (nothing is committed: the caller increments n only on success).
 */
export function parseRowFast(
  bytes: Uint8Array,
  pos: number,
  end: number,
  eof: boolean,
  delim: number,
  width: number,
  timeColumn: number,
  encoding: TimeEncoding,
  times: Float64Array,
  values: Float64Array[],
  n: number,
): number {
  let i = pos;
  let series = 0;
  for (let k = 0; k < width; k++) {
    if (k === timeColumn) {
      const s = i;
      while (i < end) {
        const c = bytes[i];
        if (c === delim || c === LF || c === CR || c === 34 || c === 32) break;
        i++;
      }
      if (i === s) return FALLBACK;
      const t = parseTimestamp(bytes, s, i, encoding);
      if (t !== t) return FALLBACK;
      times[n] = t;
    } else {
      let negative = false;
      if (i < end && bytes[i] === 45) {
        negative = true;
        i++;
      }
      let mantissa = 0;
      const s = i;
      let c = 0;
      while (i < end && (c = bytes[i] - 48) >= 0 && c <= 9) {
        mantissa = mantissa * 10 + c;
        i++;
      }
      let digits = i - s;
      let fraction = 0;
      if (i < end && bytes[i] === 46) {
        const f = ++i;
        while (i < end && (c = bytes[i] - 48) >= 0 && c <= 9) {
          mantissa = mantissa * 10 + c;
          i++;
        }
        fraction = i - f;
        digits += fraction;
      }
      if (digits === 0 || digits > 15) return FALLBACK;
      const x = fraction === 0 ? mantissa : mantissa / POW10[fraction];
      values[series++][n] = negative ? -x : x;
    }
    if (i >= end) return eof && k === width - 1 ? end : FALLBACK;
    const c = bytes[i];
    if (k < width - 1) {
      if (c !== delim) return FALLBACK;
      i++;
    } else if (c === LF) {
      return i + 1;
    } else if (c === CR) {
      if (i + 1 >= end) return eof ? end : FALLBACK;
      return bytes[i + 1] === LF ? i + 2 : i + 1;
    } else {
      return FALLBACK;
    }
  }
  return FALLBACK;
}
