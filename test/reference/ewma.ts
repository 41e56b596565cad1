// Plain-TypeScript twin of the EWMA deviation kernel: the recurrence one point at a time (the kernel
// re-associates it per 4-point block, so the two agree to rounding). Also the benchmark's JS twin.
import type { EwmaOptions } from '../../src/kernels/ewma-types';

export function twinEwmaDeviation(v: Float64Array, opts: EwmaOptions, dev: Float64Array, flags: Uint8Array): void {
  const { alpha, warmUp, threshold } = opts;
  const beta = 1 - alpha;
  let mean = 0;
  let variance = 0;
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    let d = NaN;
    if (x - x === 0) {
      if (count >= warmUp) {
        const diff = x - mean;
        d = variance === 0 ? (diff === 0 ? 0 : diff / 0) : diff / Math.sqrt(variance);
      }
      if (count === 0) mean = x;
      else {
        const diff = x - mean;
        mean += alpha * diff;
        variance = beta * (variance + alpha * diff * diff);
      }
      count++;
    } else if (x === x && count >= warmUp) d = x; // ±Infinity, not absorbed
    dev[i] = d;
    flags[i] = Math.abs(d) > threshold ? 1 : 0;
  }
}
