// Reference (obviously-correct, slow) rolling mean / population std and z-score: every window is
// recomputed from scratch, two-pass, shifted by its first finite value. Kernels are tested against it.
import type { ZScoreOptions } from '../../src/kernels/types';

export interface WindowStats {
  /** Finite points in the window. */
  count: number;
  mean: number;
  std: number;
}

/** Stats of the finite values among v[max(0, i - window), i): NaN mean/std when count < 2. */
export function windowStats(v: ArrayLike<number>, i: number, window: number): WindowStats {
  const values: number[] = [];
  for (let k = Math.max(0, i - window); k < i; k++) if (Number.isFinite(v[k])) values.push(v[k]);
  if (values.length < 2) return { count: values.length, mean: NaN, std: NaN };
  const shift = values[0];
  let sum = 0;
  for (const x of values) sum += x - shift;
  const mean = shift + sum / values.length;
  let sq = 0;
  for (const x of values) sq += (x - mean) * (x - mean);
  return { count: values.length, mean, std: Math.sqrt(sq / values.length) };
}

export function referenceMeanStd(v: ArrayLike<number>, window: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(v.length);
  const std = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const s = windowStats(v, i, window);
    mean[i] = s.mean;
    std[i] = s.std;
  }
  return { mean, std };
}

/** z of one point against its window stats, with the std == 0 and invalid rules of types.ts. */
export function zOf(x: number, s: WindowStats): number {
  if (!Number.isFinite(x) || s.count < 2) return NaN;
  if (s.std === 0) return x === s.mean ? 0 : x > s.mean ? Infinity : -Infinity;
  return (x - s.mean) / s.std;
}

export function referenceZScore(v: ArrayLike<number>, opts: ZScoreOptions): { score: Float64Array; flags: Uint8Array } {
  const score = new Float64Array(v.length);
  const flags = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    score[i] = zOf(v[i], windowStats(v, i, opts.window));
    flags[i] = Math.abs(score[i]) > opts.threshold ? 1 : 0;
  }
  return { score, flags };
}
