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
      z = std === 0 ? (dx === 0 ? 0 : dx / 0) : dx / std;
    }
    score[i] = z;
    flags[i] = Math.abs(z) > threshold ? 1 : 0;
  }
}
