// Whole-range correlation between the series of a dataset on their common grid (for the heatmap) and the
// groups of series that move together (average-linkage clustering over |r|).
import type { Kernels } from '../../kernels/types';
import { alignSeries, type AlignedGrid } from './align';
import type { SeriesPoints } from './types';

/** |r| at or above which series are grouped by default. */
export const DEFAULT_GROUP_R = 0.7;

/**
 * Pearson r of every pair over the whole common grid (bins where both have a value), matrix[i][j];
 * 1 on the diagonal, NaN where undefined (fewer than 2 shared bins, or a constant series).
 */
export function correlationMatrix(series: readonly SeriesPoints[], kernels: Kernels, grid: AlignedGrid = alignSeries(series)): number[][] {
  const n = series.length;
  const bins = grid.columns[0]?.length ?? 0;
  const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : NaN)));
  if (bins === 0) return matrix;
  const out = new Float64Array(bins);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      // A window as long as the grid: the last output is the correlation over all of it.
      kernels.rollingPearson(grid.columns[a], grid.columns[b], bins, out);
      matrix[a][b] = matrix[b][a] = out[bins - 1];
    }
  }
  return matrix;
}

/** Mean |r| between two clusters (undefined r counts as 0). */
function linkage(matrix: readonly number[][], a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (const i of a) for (const j of b) sum += Number.isNaN(matrix[i][j]) ? 0 : Math.abs(matrix[i][j]);
  return sum / (a.length * b.length);
}

/**
 * Groups of series that move together: average-linkage agglomerative clustering, merging the two
 * clusters with the highest mean |r| while it is >= minR (so one bridging series does not chain
 * unrelated groups). Groups of 2 or more, members ascending, ordered by their first member.
 */
export function correlationGroups(matrix: readonly number[][], minR = DEFAULT_GROUP_R): number[][] {
  const clusters = matrix.map((_, i) => [i]);
  for (;;) {
    let best = -1;
    let pair: [number, number] = [0, 0];
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        const l = linkage(matrix, clusters[a], clusters[b]);
        if (l > best) [best, pair] = [l, [a, b]];
      }
    }
    if (!(best >= minR)) break;
    const [a, b] = pair;
    clusters[a] = [...clusters[a], ...clusters[b]].sort((x, y) => x - y);
    clusters.splice(b, 1);
  }
  return clusters.filter((c) => c.length > 1).sort((x, y) => x[0] - y[0]);
}
