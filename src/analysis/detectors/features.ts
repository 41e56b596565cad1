// Per-point feature vectors of one series for the ML detectors (Isolation Forest, LOF): deviation from
// the trailing median and the trailing MAD. Only the point and the `window` points before it are read
// (no look-ahead), so a row does not depend on chunking.
import type { FeatureMatrix } from '../../kernels/iforest-types';
import type { OrderStatKernels } from '../../kernels/order-stat-types';

/**
 * Names of the features, in column order. Robust statistics on purpose: after a spike the median and
 * MAD of the window barely move, so the points after it (whose first difference or trailing std would
 * be extreme) are not flagged too; a level shift stands out until the median has caught up.
 */
export const SERIES_FEATURES = ['deviation from trailing median', 'trailing MAD'] as const;

/**
 * Feature rows for the points v[from, to) (indices into v). Row i: v[i] - median(v[i-window .. i-1]);
 * median of |v[k] - that median| over the same window (MAD). A row is all NaN (not fitted, not scored)
 * when i < window or a value in v[i-window .. i] is not finite. A sorted sliding window in the
 * kernels (trailingMedianMad), bit-identical to sorting each window (test/reference/series-features.ts).
 */
export function seriesFeatures(v: Float64Array, window: number, from: number, to: number, kernels: OrderStatKernels): FeatureMatrix {
  const dims = SERIES_FEATURES.length;
  const data = new Float64Array((to - from) * dims);
  kernels.trailingMedianMad(v, window, from, to, data);
  return { data, rows: to - from, dims };
}

/** Rows of aligned series as one matrix: row i holds columns[c][i] for every series c. */
export function alignedRows(columns: readonly Float64Array[]): FeatureMatrix {
  const dims = columns.length;
  const rows = Math.min(...columns.map((c) => c.length));
  const data = new Float64Array(rows * dims);
  columns.forEach((c, j) => {
    for (let i = 0; i < rows; i++) data[i * dims + j] = c[i];
  });
  return { data, rows, dims };
}
