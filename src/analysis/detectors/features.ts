// Per-point feature vectors of one series for the ML detectors (Isolation Forest, LOF): deviation from
// the trailing median and the trailing MAD. Only the point and the `window` points before it are read
// (no look-ahead), each row from scratch, so a row does not depend on chunking.
import type { FeatureMatrix } from '../../kernels/iforest-types';

/**
 * Names of the features, in column order. Robust statistics on purpose: after a spike the median and
 * MAD of the window barely move, so the points after it (whose first difference or trailing std would
 * be extreme) are not flagged too; a level shift stands out until the median has caught up.
 */
export const SERIES_FEATURES = ['deviation from trailing median', 'trailing MAD'] as const;

/** Median of the sorted values a[0, n). */
const medianOf = (a: Float64Array, n: number): number => (n % 2 === 1 ? a[n >> 1] : (a[(n >> 1) - 1] + a[n >> 1]) / 2);

function insertionSort(a: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

/**
 * Feature rows for the points v[from, to) (indices into v). Row i: v[i] - median(v[i-window .. i-1]);
 * median of |v[k] - that median| over the same window (MAD). A row is all NaN (not fitted, not scored)
 * when i < window or a value in v[i-window .. i] is not finite.
 */
export function seriesFeatures(v: Float64Array, window: number, from: number, to: number): FeatureMatrix {
  const dims = SERIES_FEATURES.length;
  const data = new Float64Array((to - from) * dims).fill(NaN);
  const sorted = new Float64Array(window);
  for (let i = Math.max(from, window); i < to; i++) {
    let finite = Number.isFinite(v[i]);
    for (let k = 0; k < window && finite; k++) {
      sorted[k] = v[i - window + k];
      finite = Number.isFinite(sorted[k]);
    }
    if (!finite) continue;
    insertionSort(sorted, window);
    const median = medianOf(sorted, window);
    for (let k = 0; k < window; k++) sorted[k] = Math.abs(v[i - window + k] - median);
    insertionSort(sorted, window);
    const o = (i - from) * dims;
    data[o] = v[i] - median;
    data[o + 1] = medianOf(sorted, window);
  }
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
