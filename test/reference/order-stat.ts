// Plain-TypeScript references of the rolling order-statistic kernels: from scratch per point (sort the
// window's finite values; the tests' oracle) and the sliding sorted-window twin (the benchmark's JS twin).
import type { OrderStatOptions } from '../../src/kernels/order-stat-types';

const MAD_TO_SIGMA = 1.4826;
const MEAN_AD_TO_SIGMA = 1.2533;
const SIGMA_TO_IQR = 1.349;

/** Type-7 quantile of ascending `s`, in the kernel's overflow-safe form. */
export function quantile7(s: ArrayLike<number>, n: number, p: number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  return frac === 0 ? s[lo] : s[lo] * (1 - frac) + s[lo + 1] * frac;
}

const inUnits = (d: number, scale: number): number => (scale === Infinity ? 0 : scale === 0 ? (d === 0 ? 0 : d / 0) : d / scale);

function meanAbsDeviation(s: ArrayLike<number>, n: number, center: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(s[i] - center);
  return sum / n;
}

function iqrRaw(s: ArrayLike<number>, n: number, x: number): number {
  const q1 = quantile7(s, n, 0.25);
  const q3 = quantile7(s, n, 0.75);
  let scale = q3 - q1;
  if (scale === 0) scale = SIGMA_TO_IQR * MEAN_AD_TO_SIGMA * meanAbsDeviation(s, n, quantile7(s, n, 0.5));
  return x > q3 ? inUnits(x - q3, scale) : x < q1 ? -inUnits(q1 - x, scale) : 0;
}

function madRaw(s: ArrayLike<number>, n: number, x: number): number {
  const med = quantile7(s, n, 0.5);
  const dev = Float64Array.from({ length: n }, (_, i) => Math.abs(s[i] - med)).sort();
  const k = (n - 1) >> 1;
  const mad = n % 2 === 1 ? dev[k] : dev[k] * 0.5 + dev[k + 1] * 0.5;
  let scale = MAD_TO_SIGMA * mad;
  if (scale === 0) scale = MEAN_AD_TO_SIGMA * meanAbsDeviation(s, n, med);
  return inUnits(x - med, scale);
}

/**
 * MAD of ascending `s` by the kernel's method: the deviations below and above the median are two
 * ascending runs; the middle order statistics of their union are found by binary search.
 */
function madRawSearch(s: ArrayLike<number>, n: number, x: number): number {
  const med = quantile7(s, n, 0.5);
  const split = lowerBound(s, n, med);
  const k = (n - 1) >> 1;
  const b = n - split;
  let lo = Math.max(0, k + 1 - b);
  let hi = Math.min(k + 1, split);
  while (lo < hi) {
    const i = (lo + hi) >>> 1;
    if (med - s[split - 1 - i] < s[split + k - i] - med) lo = i + 1;
    else hi = i;
  }
  const j = k + 1 - lo;
  const kth = Math.max(lo > 0 ? med - s[split - lo] : -Infinity, j > 0 ? s[split + j - 1] - med : -Infinity);
  const next = Math.min(lo < split ? med - s[split - 1 - lo] : Infinity, j < b ? s[split + j] - med : Infinity);
  const mad = n % 2 === 1 ? kth : kth * 0.5 + next * 0.5;
  let scale = MAD_TO_SIGMA * mad;
  if (scale === 0) scale = MEAN_AD_TO_SIGMA * meanAbsDeviation(s, n, med);
  return inUnits(x - med, scale);
}

export type OrderStatKind = 'iqr' | 'mad';
const rawOf = (kind: OrderStatKind) => (kind === 'iqr' ? iqrRaw : madRaw);

/** From scratch: every window collected and sorted again. */
export function referenceOrderStat(kind: OrderStatKind, v: ArrayLike<number>, opts: OrderStatOptions): { raw: Float64Array; flags: Uint8Array } {
  const raw = new Float64Array(v.length);
  const flags = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const s: number[] = [];
    for (let k = Math.max(0, i - opts.window); k < i; k++) if (Number.isFinite(v[k])) s.push(v[k] + 0);
    s.sort((a, b) => a - b);
    const x = v[i];
    raw[i] = Number.isNaN(x) || s.length < opts.minCount ? NaN : !Number.isFinite(x) ? x : rawOf(kind)(s, s.length, x);
    flags[i] = Math.abs(raw[i]) > opts.threshold ? 1 : 0;
  }
  return { raw, flags };
}

function lowerBound(s: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The sliding twin: a sorted Float64Array updated by binary search + copyWithin (remove the point
 * leaving, insert the one entering), the same algorithm as the kernel in plain JS (MAD included).
 */
export function twinOrderStat(kind: OrderStatKind, v: Float64Array, opts: OrderStatOptions, raw: Float64Array, flags: Uint8Array): void {
  const { window, minCount, threshold } = opts;
  const score = kind === 'iqr' ? iqrRaw : madRawSearch;
  const s = new Float64Array(window + 1);
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    if (i >= 1) {
      const y = i - 1 - window >= 0 ? v[i - 1 - window] : NaN;
      if (y - y === 0) {
        const p = lowerBound(s, n, y);
        s.copyWithin(p, p + 1, n);
        n--;
      }
      const x = v[i - 1] + 0;
      if (x - x === 0) {
        const q = lowerBound(s, n, x);
        s.copyWithin(q + 1, q, n);
        s[q] = x;
        n++;
      }
    }
    const x = v[i];
    const r = Number.isNaN(x) || n < minCount ? NaN : x - x !== 0 ? x : score(s, n, x);
    raw[i] = r;
    flags[i] = Math.abs(r) > threshold ? 1 : 0;
  }
}
