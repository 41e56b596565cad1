// Rolling percentile series: exact type-7 quantiles (p50/p90/p99/p99.9 or any list) of the values in
// each time bucket of a series, by selection on a copy of the bucket (assembly/select.ts).
import { dropNaN, quantilesOfFinite } from './select';

/**
 * Buckets [t0 + b·bucketMs, t0 + (b+1)·bucketMs) over points with ascending t (points with NaN t
 * or t < t0 are skipped). For each bucket holding points: outT[r] = its start, outCount[r] = its
 * values that are not NaN, and outQ[r·nq + j] = quantile qs[j] of them (NaN when none). The
 * bucket's values are copied to workPtr (room for the largest bucket). Returns the rows written.
 */
export function percentileBuckets(
  tPtr: usize, vPtr: usize, len: i32, t0: f64, bucketMs: f64, qsPtr: usize, nq: i32, workPtr: usize, outT: usize, outQ: usize, outCount: usize,
): i32 {
  let rows = 0;
  let i = 0;
  while (i < len && !(load<f64>(tPtr + (<usize>i << 3)) >= t0)) i++;
  while (i < len) {
    const b = Math.floor((load<f64>(tPtr + (<usize>i << 3)) - t0) / bucketMs);
    const end = t0 + (b + 1) * bucketMs;
    let j = i;
    while (j < len && load<f64>(tPtr + (<usize>j << 3)) < end) j++;
    const m = j - i;
    memory.copy(workPtr, vPtr + (<usize>i << 3), <usize>m << 3);
    const n = dropNaN(workPtr, m);
    store<f64>(outT + (<usize>rows << 3), t0 + b * bucketMs);
    store<f64>(outCount + (<usize>rows << 3), <f64>n);
    quantilesOfFinite(workPtr, n, qsPtr, nq, outQ + (<usize>(rows * nq) << 3));
    rows++;
    i = j;
    while (i < len && !(load<f64>(tPtr + (<usize>i << 3)) >= t0)) i++;
  }
  return rows;
}
