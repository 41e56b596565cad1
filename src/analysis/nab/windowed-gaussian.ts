// NAB's weak baseline, windowedGaussian (nab/detectors/gaussian): a point's score is 1 − its two-sided
// Gaussian tail under the mean/std of the last 6400 values, the window moving in steps of 100.

import type { DetectorResult, DetectorStream, SeriesPoints } from '../detectors/types';
import { normalTail } from './gaussian-tail';

const WINDOW = 6400;
const STEP = 100;

/** A fresh stream of NAB's windowed-Gaussian baseline (no look-ahead; NaN values score 0 and are skipped). */
export function windowedGaussianStream(): DetectorStream {
  const data: number[] = [];
  let buffer: number[] = [];
  let mean = 0;
  let std = 1;
  let m2 = 0;
  /** Welford's update while the window fills (the same mean/std as a refit, in O(1)). */
  const grow = (x: number): void => {
    data.push(x);
    const d = x - mean;
    mean += d / data.length;
    m2 += d * (x - mean);
    std = Math.sqrt(m2 / data.length);
    if (std === 0) std = 0.000001;
  };
  const refit = (): void => {
    let sum = 0;
    for (const x of data) sum += x;
    mean = sum / data.length;
    let ss = 0;
    for (const x of data) ss += (x - mean) * (x - mean);
    std = Math.sqrt(ss / data.length);
    if (std === 0) std = 0.000001;
  };
  return {
    push(chunk: SeriesPoints): DetectorResult {
      const n = chunk.v.length;
      const out: DetectorResult = { score: new Float64Array(n), flag: new Uint8Array(n) };
      for (let i = 0; i < n; i++) {
        const x = chunk.v[i];
        if (!Number.isFinite(x)) continue;
        if (data.length > 0) out.score[i] = 1 - normalTail(Math.abs(x - mean) / std);
        if (data.length < WINDOW) {
          grow(x);
        } else {
          buffer.push(x);
          if (buffer.length === STEP) {
            data.splice(0, STEP);
            data.push(...buffer);
            buffer = [];
            refit();
          }
        }
        out.flag[i] = out.score[i] > 0.5 ? 1 : 0;
      }
      return out;
    },
  };
}
