// How the ML detectors fit their model without look-ahead and with stream() == detect(): the point at
// absolute index a is scored by a model fitted on the `train` rows before its fit boundary
// b = train + ⌊(a - train) / refit⌋ · refit (a refit every `refit` points on the trailing window);
// points before the first boundary are not judged. Features are standardised by the training rows.
import type { FeatureMatrix } from '../../kernels/iforest-types';

export interface RefitPlan {
  /** Rows each model is fitted on (the trailing window before its boundary). */
  train: number;
  /** Points between refits. */
  refit: number;
}

/**
 * Fits on `train` and writes the model's raw output for each `query` row into out (NaN: not judged).
 * `model` numbers the fit (0 for the first boundary), e.g. to derive a per-fit seed. train and query
 * are only valid during the call (their buffers are reused for the next fit).
 */
export type FitScore = (train: FeatureMatrix, query: FeatureMatrix, model: number, out: Float64Array) => void;

/** Fit boundary of the model scoring absolute index a (-1: before the first fit). */
export function fitBoundary(a: number, plan: RefitPlan): number {
  if (a < plan.train) return -1;
  return plan.train + Math.floor((a - plan.train) / plan.refit) * plan.refit;
}

/** First absolute index whose features the point at absolute index `pos` (or any later one) needs. */
export function firstNeeded(pos: number, plan: RefitPlan, window: number): number {
  const b = fitBoundary(pos, plan);
  return b < 0 ? 0 : Math.max(0, b - plan.train - window);
}

/**
 * Standardises the columns of train and query by the mean and population std of train's finite rows
 * (a std of 0 or undefined leaves the column unscaled) into trainOut and queryOut (which must hold
 * their rows); non-finite rows stay non-finite.
 */
export function standardise(
  train: FeatureMatrix, query: FeatureMatrix, trainOut: Float64Array, queryOut: Float64Array,
): { train: FeatureMatrix; query: FeatureMatrix } {
  const d = train.dims;
  const x = train.data;
  const finite = new Uint8Array(train.rows);
  let n = 0;
  for (let i = 0; i < train.rows; i++) {
    let ok = 1;
    for (let j = 0; j < d && ok; j++) if (!Number.isFinite(x[i * d + j])) ok = 0;
    finite[i] = ok;
    n += ok;
  }
  const mean = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  for (let j = 0; j < d && n > 0; j++) {
    let s = 0;
    for (let i = 0; i < train.rows; i++) if (finite[i]) s += x[i * d + j];
    const m = s / n;
    let sq = 0;
    for (let i = 0; i < train.rows; i++) if (finite[i]) sq += (x[i * d + j] - m) ** 2;
    const sd = Math.sqrt(sq / n);
    mean[j] = Number.isFinite(m) ? m : 0;
    if (sd > 0 && Number.isFinite(sd)) scale[j] = 1 / sd;
  }
  const apply = (m: FeatureMatrix, out: Float64Array): FeatureMatrix => {
    for (let i = 0, k = 0; i < m.rows; i++) {
      for (let j = 0; j < d; j++, k++) out[k] = (m.data[k] - mean[j]) * scale[j];
    }
    return { data: out.subarray(0, m.rows * d), rows: m.rows, dims: d };
  };
  return { train: apply(train, trainOut), query: apply(query, queryOut) };
}

/**
 * Raw model outputs for rows [first, rows.rows) of a feature matrix whose row 0 is absolute index
 * `origin` (it must hold every row those points need: from firstNeeded(origin + first, ...)).
 */
export function scoreRefitted(rows: FeatureMatrix, first: number, origin: number, plan: RefitPlan, fitScore: FitScore): Float64Array {
  const d = rows.dims;
  const out = new Float64Array(rows.rows - first).fill(NaN);
  const view = (from: number, to: number): FeatureMatrix => ({ data: rows.data.subarray(from * d, to * d), rows: to - from, dims: d });
  const trainOut = new Float64Array(plan.train * d);
  const queryOut = new Float64Array(Math.min(plan.refit, rows.rows) * d);
  let r = Math.max(first, plan.train - origin);
  while (r < rows.rows) {
    const b = fitBoundary(origin + r, plan);
    const end = Math.min(rows.rows, b + plan.refit - origin);
    const fit = standardise(view(b - plan.train - origin, b - origin), view(r, end), trainOut, queryOut);
    fitScore(fit.train, fit.query, (b - plan.train) / plan.refit, out.subarray(r - first, end - first));
    r = end;
  }
  return out;
}
