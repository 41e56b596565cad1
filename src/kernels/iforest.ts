// Isolation Forest kernel family: lays the training matrix, the c(size) table, the forest and the
// query rows out in the shared scratch area, fits once and scores the queries in segments.
import { align16, checkOutput, SEGMENT_POINTS, type KernelContext } from './context';
import type { FeatureMatrix, IsolationForestKernels, IsolationForestOptions } from './iforest-types';

type FiniteRowsFn = (xPtr: number, n: number, d: number, rowsPtr: number) => number;
type FitFn = (
  xPtr: number, d: number, rowsPtr: number, m: number, psi: number, h: number, trees: number, seed: number,
  cPtr: number, workPtr: number, forestPtr: number,
) => void;
type ScoreFn = (xPtr: number, n: number, d: number, forestPtr: number, trees: number, h: number, cPsi: number, outPtr: number) => void;

const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n): the average path length of an unsuccessful binary-search-tree search among n points
 * (Liu et al., eq. 1): 2 H(n - 1) - 2 (n - 1) / n with H(i) ≈ ln(i) + γ; c(2) = 1, c(n <= 1) = 0.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** c(0..psi), computed once in JS so the kernel and its twin add exactly the same values. */
export function pathLengthTable(psi: number): Float64Array {
  return Float64Array.from({ length: psi + 1 }, (_, i) => averagePathLength(i));
}

/** Height limit ceil(log2 psi). */
export function heightLimit(psi: number): number {
  let h = 0;
  while (2 ** h < psi) h++;
  return h;
}

/** Bytes of one stored tree of height h (2^h - 1 internal nodes of 16 bytes, 2^h leaves of 8). */
export const treeBytes = (h: number): number => 2 ** h * 24 - 16;

export function checkMatrix(name: string, m: FeatureMatrix): void {
  if (!Number.isInteger(m.dims) || m.dims < 1 || m.dims > 1024) {
    throw new RangeError(`${name}: dims must be an integer between 1 and 1024, got ${m.dims}`);
  }
  if (!Number.isInteger(m.rows) || m.rows < 0 || m.data.length < m.rows * m.dims) {
    throw new RangeError(`${name}: ${m.rows} rows × ${m.dims} features need ${m.rows * m.dims} values, data has ${m.data.length}`);
  }
}

/** Checks a training and a query matrix of the same width and an output for every query row. */
export function checkTrainQuery(train: FeatureMatrix, query: FeatureMatrix, out: Float64Array): void {
  checkMatrix('train', train);
  checkMatrix('query', query);
  checkOutput('out', out, query.rows);
  if (train.dims !== query.dims) {
    throw new RangeError(`query has ${query.dims} features per row but train has ${train.dims}`);
  }
}

function checkForestOptions(opts: IsolationForestOptions): void {
  const { trees, sampleSize, seed } = opts;
  if (!Number.isInteger(trees) || trees < 1 || trees > 10_000) throw new RangeError(`trees must be an integer between 1 and 10000, got ${trees}`);
  if (!Number.isInteger(sampleSize) || sampleSize < 2 || sampleSize > 4096) {
    throw new RangeError(`sampleSize must be an integer between 2 and 4096, got ${sampleSize}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
}

/** Rows of `query` per scoring call (bounds the scratch area for long inputs). */
const QUERY_ROWS = SEGMENT_POINTS;

export function iforestKernels(ctx: KernelContext): IsolationForestKernels {
  const finiteRows = ctx.fn<FiniteRowsFn>('finiteRows');
  const fit = ctx.fn<FitFn>('iforestFit');
  const score = ctx.fn<ScoreFn>('iforestScore');
  let lengths = pathLengthTable(0); // c(0..psi) of the last fit: refits mostly keep ψ
  return {
    isolationForest(train, query, opts, out) {
      checkTrainQuery(train, query, out);
      checkForestOptions(opts);
      const d = train.dims;
      const xPtr = ctx.base;
      const rowsPtr = align16(xPtr + train.rows * d * 8);
      const cPtr = align16(rowsPtr + train.rows * 4);
      let buffer = ctx.reserve(cPtr - ctx.base);
      new Float64Array(buffer, xPtr, train.rows * d).set(train.data.subarray(0, train.rows * d));
      const m = finiteRows(xPtr, train.rows, d, rowsPtr);
      const psi = Math.min(opts.sampleSize, m);
      if (psi < 2) {
        out.fill(NaN, 0, query.rows);
        return;
      }
      const h = heightLimit(psi);
      const workPtr = align16(cPtr + (psi + 1) * 8);
      const forestPtr = align16(workPtr + psi * 8 + 16 + 2 ** (h + 5));
      const queryPtr = align16(forestPtr + opts.trees * treeBytes(h));
      const segment = Math.min(QUERY_ROWS, query.rows);
      const outPtr = align16(queryPtr + segment * d * 8);
      buffer = ctx.reserve(outPtr + segment * 8 - ctx.base);
      if (lengths.length !== psi + 1) lengths = pathLengthTable(psi);
      new Float64Array(buffer, cPtr, psi + 1).set(lengths);
      fit(xPtr, d, rowsPtr, m, psi, h, opts.trees, opts.seed, cPtr, workPtr, forestPtr);
      const cPsi = lengths[psi];
      for (let from = 0; from < query.rows; from += segment) {
        const rows = Math.min(segment, query.rows - from);
        new Float64Array(buffer, queryPtr, rows * d).set(query.data.subarray(from * d, (from + rows) * d));
        score(queryPtr, rows, d, forestPtr, opts.trees, h, cPsi, outPtr);
        out.set(new Float64Array(buffer, outPtr, rows), from);
      }
    },
  };
}
