// Plain-TypeScript twin of the adaptive z-score kernel (assembly/adaptive-z.ts): the same state, the
// same shifted window sums (re-derived by two passes at multiples of the period, carried point by point
// in between) and the same scoring, one point at a time, so its outputs equal the kernel's bit for bit.
import type { AdaptiveZOptions } from '../../src/kernels/adaptive-z-types';

const isFinite = (x: number): boolean => x - x === 0;

/** One window's carried sums (rollingMeanStdCarry's state: shift, sum, sumSq, count, used). */
class WindowSums {
  constructor(private readonly s: Float64Array, private readonly at: number, private readonly window: number) {}

  /** The sums of the window before v[i], from scratch: the shift is its mean (or the first finite value ahead). */
  rebase(v: Float64Array, i: number): void {
    const lo = Math.max(0, i - this.window);
    let first = 0;
    let found = false;
    let n = 0;
    let sum = 0;
    for (let k = lo; k < i; k++) {
      const x = v[k];
      if (!isFinite(x)) continue;
      if (!found) {
        first = x;
        found = true;
      }
      n += 1;
      sum += x - first;
    }
    for (let k = i; !found && k < v.length; k++) {
      if (!isFinite(v[k])) continue;
      first = v[k];
      found = true;
    }
    const k0 = n > 0 ? first + sum / n : first;
    let s1 = 0;
    let s2 = 0;
    for (let k = lo; k < i; k++) {
      const x = v[k];
      if (!isFinite(x)) continue;
      const d = x - k0;
      s1 += d;
      s2 += d * d;
    }
    this.s.set([k0, s1, s2, n, found ? 1 : 0], this.at);
  }

  /** Moves the window from before v[i − 1] to before v[i]. */
  slide(v: Float64Array, i: number): void {
    const s = this.s;
    const o = this.at;
    const k = s[o];
    const x = v[i - 1];
    const y = i - 1 - this.window >= 0 ? v[i - 1 - this.window] : NaN;
    const din = isFinite(x) ? x - k : 0;
    const dout = isFinite(y) ? y - k : 0;
    s[o + 1] += din - dout;
    s[o + 2] += din * din - dout * dout;
    s[o + 3] += (isFinite(x) ? 1 : 0) - (isFinite(y) ? 1 : 0);
  }

  used(): boolean {
    return this.s[this.at + 4] !== 0;
  }

  /** Finite values in the window. */
  count(): number {
    return this.s[this.at + 3];
  }

  /** Mean and std of the window (NaN with fewer than 2 finite values), through one reciprocal of the count. */
  stats(): [number, number] {
    const s = this.s;
    const c = s[this.at + 3];
    const r = 1 / c;
    const m = s[this.at + 1] * r;
    const variance = Math.max(s[this.at + 2] * r - m * m, 0);
    return c >= 2 ? [s[this.at] + m, Math.sqrt(variance)] : [NaN, NaN];
  }
}

/** The adaptive z-score detector's threshold (rule in src/analysis/detectors/zscore.ts). */
export function adaptiveThreshold(threshold: number, limit: number, stdRecent: number, stdWindow: number): number {
  if (!(stdWindow > 0) || Number.isNaN(stdRecent)) return threshold;
  const factor = Math.sqrt(stdRecent / stdWindow);
  return threshold * Math.min(limit, Math.max(1, factor));
}

/** AdaptiveZKernels.adaptiveZScore in plain TypeScript (state layout as the kernel's). */
export function twinAdaptiveZScore(
  v: Float64Array, first: number, opts: AdaptiveZOptions, state: Float64Array, raw: Float64Array, score: Float64Array, flag: Uint8Array,
): void {
  const { window, threshold, adaptLimit, period, warmUp } = opts;
  const long = new WindowSums(state, 0, window);
  const short = new WindowSums(state, 5, opts.shortWindow);
  const base = state[10] - first;
  for (let i = first; i < v.length; i++) {
    const at = base + i;
    if (at === Math.floor(at / period) * period) {
      state.fill(0, 0, 10);
    }
    for (const w of [long, short]) {
      if (w.used()) w.slide(v, i);
      else w.rebase(v, i);
    }
    const x = v[i];
    let z = NaN;
    let s = 0;
    if (long.count() >= warmUp) {
      const [mean, sd] = long.stats();
      if (!Number.isNaN(x) && !Number.isNaN(mean)) {
        const thr = adaptiveThreshold(threshold, adaptLimit, short.stats()[1], sd);
        const dx = x - mean;
        z = isFinite(x) ? (sd === 0 ? (dx === 0 || x === v[i - 1] ? 0 : dx / 0) : dx / sd) : x;
        const dev = Math.abs(z);
        s = !(dev > 0) ? 0 : dev === Infinity ? 1 : dev / (dev + thr);
      }
    }
    raw[i - first] = z;
    score[i - first] = s;
    flag[i - first] = s > 0.5 ? 1 : 0;
  }
  state[10] = base + v.length;
}
