// The plain-JS twin of the WebAssembly rolling z-score, for the benchmark's WASM-vs-JS comparison:
// a straightforward sliding Welford (add the point entering, remove the one leaving), one pass.
import type { ZScoreOptions } from '../../src/kernels/types';

export function twinZScore(v: Float64Array, opts: ZScoreOptions, score: Float64Array, flags: Uint8Array): void {
  const { window, threshold } = opts;
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < v.length; i++) {
    if (i >= 1) {
      const x = v[i - 1];
      if (x - x === 0) {
        count++;
        const d = x - mean;
        mean += d / count;
        m2 += d * (x - mean);
      }
    }
    if (i - 1 - window >= 0) {
      const y = v[i - 1 - window];
      if (y - y === 0) {
        count--;
        if (count === 0) {
          mean = 0;
          m2 = 0;
        } else {
          const d = y - mean;
          mean -= d / count;
          m2 -= d * (y - mean);
        }
      }
    }
    const x = v[i];
    let z = NaN;
    if (count >= 2 && x - x === 0) {
      const std = Math.sqrt(Math.max(m2 / count, 0));
      const dx = x - mean;
      z = std === 0 ? (dx === 0 || x === v[i - 1] ? 0 : dx / 0) : dx / std;
    }
    score[i] = z;
    flags[i] = Math.abs(z) > threshold ? 1 : 0;
  }
}

/**
 * The same algorithm as the WebAssembly kernel, in plain JS: sliding sums of values shifted by the
 * window mean, re-derived exactly (two passes) every max(16384, 4·window) points; scalar, one pass.
 */
export function twinZScoreShifted(v: Float64Array, opts: ZScoreOptions, score: Float64Array, flags: Uint8Array): void {
  const { window, threshold } = opts;
  const rebaseEvery = Math.max(16384, 4 * window);
  let shift = 0;
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    if (i % rebaseEvery === 0) {
      // Exact state for the window v[i - window, i), shifted by its mean (or the next finite value).
      const lo = Math.max(0, i - window);
      let first = NaN;
      let n = 0;
      let s = 0;
      for (let k = lo; k < i; k++) {
        const x = v[k];
        if (x - x !== 0) continue;
        if (n === 0) first = x;
        n++;
        s += x - first;
      }
      for (let k = i; n === 0 && Number.isNaN(first) && k < Math.min(v.length, i + rebaseEvery); k++) if (v[k] - v[k] === 0) first = v[k];
      shift = n > 0 ? first + s / n : Number.isNaN(first) ? 0 : first;
      sum = 0;
      sumSq = 0;
      for (let k = lo; k < i; k++) {
        const d = v[k] - shift;
        if (d - d !== 0) continue;
        sum += d;
        sumSq += d * d;
      }
      count = n;
    } else {
      const x = v[i - 1];
      if (x - x === 0) {
        const d = x - shift;
        sum += d;
        sumSq += d * d;
        count++;
      }
      if (i - 1 - window >= 0) {
        const y = v[i - 1 - window];
        if (y - y === 0) {
          const d = y - shift;
          sum -= d;
          sumSq -= d * d;
          count--;
        }
      }
    }
    const x = v[i];
    let z = NaN;
    if (count >= 2 && x - x === 0) {
      const m = sum / count;
      const std = Math.sqrt(Math.max(sumSq / count - m * m, 0));
      const dx = x - shift - m;
      z = std === 0 && (dx === 0 || x === v[i - 1]) ? 0 : dx / std;
    }
    score[i] = z;
    flags[i] = Math.abs(z) > threshold ? 1 : 0;
  }
}
