// Plain-TypeScript twin of the ML detectors' series features (assembly/order-stat.ts: trailingMedianMad):
// each row from scratch, the window copied and insertion-sorted twice (median, then MAD). The tests'
// oracle and the benchmark's JS twin; the app's seriesFeatures (src/analysis/detectors/features.ts) calls the kernel.
import type { FeatureMatrix } from '../../src/kernels/iforest-types';

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
export function twinSeriesFeatures(v: Float64Array, window: number, from: number, to: number): FeatureMatrix {
  const dims = 2;
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
