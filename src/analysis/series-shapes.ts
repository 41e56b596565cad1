// The shape of every series of a dataset over one shared time range, for the Overview's sparklines: per
// series and bucket its finite min/max (bucketed as the charts are: kernel, or cached pyramids for long
// series), its last finite value and its number of points; series after series in one array each.

import type { Kernels } from '../kernels/types';
import type { Series } from '../model/series';
import { bucketMinMax, lowerBound, MAX_BUCKETS, nextUp } from './chart';
import { bucketEnd, bucketOf } from './chart-summary';

export interface ShapesRequest {
  datasetId: string;
  /** The range shared by every series, first and last instant included (ms): the dataset's. */
  start: number;
  end: number;
  /** Equal-width buckets per series (about one per pixel column of a sparkline). */
  buckets: number;
}

/** Series s, bucket b at index s * buckets + b of every array (each with its own, transferable buffer). */
export interface SeriesShapes {
  buckets: number;
  /** Finite min / max of the bucket's values; NaN when it has none (no point, or only non-finite ones). */
  min: Float64Array;
  max: Float64Array;
  /** The bucket's last finite value; NaN when it has none. */
  last: Float64Array;
  /** Points in the bucket, finite or not (0: no point falls in it). */
  points: Uint32Array;
}

/**
 * Buckets every series over [start, end]: O(buckets · log points) per series once its pyramid exists
 * (built on first use, shared with its charts), the min/max-per-bucket kernel for shorter series.
 */
export function shapesOf(kernels: Kernels, series: readonly Series[], range: Omit<ShapesRequest, 'datasetId'>): SeriesShapes {
  const buckets = Math.floor(range.buckets);
  if (!(buckets >= 1 && buckets <= MAX_BUCKETS)) throw new RangeError(`Series shapes need 1 to ${MAX_BUCKETS} buckets, not ${range.buckets}.`);
  const size = series.length * buckets;
  const shapes: SeriesShapes = {
    buckets,
    min: new Float64Array(size).fill(NaN),
    max: new Float64Array(size).fill(NaN),
    last: new Float64Array(size).fill(NaN),
    points: new Uint32Array(size),
  };
  const t0 = range.start;
  const t1 = nextUp(range.end);
  if (!(t1 > t0)) return shapes;
  const span = t1 - t0;
  const outT = new Float64Array(buckets);
  const outMin = new Float64Array(buckets);
  const outMax = new Float64Array(buckets);
  series.forEach(({ t, v }, j) => {
    const i0 = lowerBound(t, t0, 0, t.length);
    const i1 = lowerBound(t, t1, i0, t.length);
    const m = bucketMinMax(kernels, t, i0, i1, { t0, t1, buckets }, outT, [{ x: v, outMin, outMax }]);
    // The kernel wrote the non-empty buckets in order: walk their point ranges alongside.
    let i = i0;
    let length = 1;
    for (let k = 0; k < m; k++) {
      const b = bucketOf(t[i], t0, span, buckets);
      const next = bucketEnd(t, i + 1, i1, i + length, b, t0, span, buckets);
      length = next - i;
      const at = j * buckets + b;
      shapes.min[at] = outMin[k];
      shapes.max[at] = outMax[k];
      shapes.points[at] = length;
      let p = next - 1;
      while (p >= i && !(v[p] - v[p] === 0)) p--;
      if (p >= i) shapes.last[at] = v[p];
      i = next;
    }
  });
  return shapes;
}
