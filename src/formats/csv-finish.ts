// The end of a CSV parse: trim the growable columns (view or copy), sort rows that were out of time order (stable),
// count duplicate timestamps, and state in warnings what was assumed or changed.

import { trimColumn } from '../model/column-trim';
import type { Series, TimeEncoding } from '../model/series';
import type { ParsedFile } from './types';

export interface OrderStats {
  /** Rows whose timestamp was earlier than the previous row's. */
  outOfOrder: number;
  firstOutOfOrderLine: number;
  /** Cells read with a decimal comma. */
  decimalCommas: number;
}

/** Stable order of row indices by time. */
function stableTimeOrder(t: Float64Array): Uint32Array {
  const order = Array.from({ length: t.length }, (_, i) => i);
  order.sort((a, b) => t[a] - t[b] || a - b);
  return Uint32Array.from(order);
}

function permute(x: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = x[order[i]];
  return out;
}

export function finishColumns(
  tAll: Float64Array,
  vAll: Float64Array[],
  length: number,
  names: string[],
  timeEncoding: TimeEncoding,
  order: OrderStats,
): ParsedFile {
  const warnings: string[] = [];
  if (timeEncoding === 'naive-datetime-utc') {
    warnings.push('Timestamps have no time zone (like 2014-07-01 00:00:00); they were read as UTC.');
  }
  if (order.decimalCommas > 0) {
    warnings.push(`${order.decimalCommas} value${order.decimalCommas === 1 ? '' : 's'} had a decimal comma (like 0,25) and ${order.decimalCommas === 1 ? 'was' : 'were'} read as 0.25.`);
  }
  // The capacity was estimated from the file size, so at most ~10% is unused: usually a view.
  let t: Float64Array = trimColumn(tAll, length);
  let values: Float64Array[] = vAll.map((v) => trimColumn(v, length));
  if (order.outOfOrder > 0) {
    const perm = stableTimeOrder(t);
    t = permute(t, perm);
    values = values.map((v) => permute(v, perm));
    warnings.push(
      `${order.outOfOrder} row${order.outOfOrder === 1 ? ' was' : 's were'} earlier than the row before (first at line ${order.firstOutOfOrderLine}); rows were sorted by time, keeping file order for equal times.`,
    );
  }
  let duplicates = 0;
  for (let i = 1; i < t.length; i++) if (t[i] === t[i - 1]) duplicates++;
  if (duplicates > 0) {
    warnings.push(`${duplicates} duplicate timestamp${duplicates === 1 ? '' : 's'} (same time as the row before); all rows were kept.`);
  }
  const series: Series[] = values.map((v, k) => ({
    name: names[k],
    labels: {},
    // The series of one file share one time column (read-only by convention): copying it per series
    // would cost a large allocation per column for nothing. Copy before transferring or mutating.
    t,
    v,
  }));
  return { format: 'csv', timeEncoding, series, warnings };
}
