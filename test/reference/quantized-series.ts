// A seeded CPU-like quantized metric with rare spikes, for the detectors' quantized-data tests.
import { Xoshiro128 } from './prng';

export interface QuantizedSeries {
  v: Float64Array;
  /** Indices of the injected spikes (1.3–1.6). */
  spikes: number[];
}

/**
 * A CPU-like metric read at 0.002 resolution: 0.066 or 0.068 most of the time, visits of 1–3 points
 * to 0.132–0.136 (about 15% of points), and 12 spikes to 1.3–1.6 (6000 points by default).
 */
export function quantizedCpuSeries(seed = 21, n = 6000): QuantizedSeries {
  const rng = new Xoshiro128(seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.nextUniform() < 0.85 ? 0.066 : 0.068;
  for (let i = 0; i < n; i += 1 + rng.nextBelow(12)) {
    const len = 1 + rng.nextBelow(3);
    for (let j = i; j < Math.min(n, i + len); j++) v[j] = [0.132, 0.134, 0.136][rng.nextBelow(3)];
    i += len;
  }
  const spikes = Array.from({ length: 12 }, (_, k) => 300 + k * Math.floor(n / 12.5) + rng.nextBelow(100));
  for (const at of spikes) v[at] = 1.3 + rng.nextUniform() * 0.3;
  return { v, spikes };
}
