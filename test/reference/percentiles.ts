// Plain-TypeScript twins of the percentile kernels: sort-based type-7 quantiles (the reference), a JS
// Floyd–Rivest quickselect (the benchmark's JS baseline) and an unbounded sketch with the kernel's mapping.
import { multiplierOf } from '../../src/kernels/sketch-layout';

/** Type-7 quantile of ascending finite-or-infinite values, with the kernel's interpolation formula. */
function type7(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const k = Math.floor(h);
  const x = sorted[k];
  const frac = h - k;
  if (!(frac > 0) || k + 1 >= n) return x;
  const y = sorted[k + 1];
  let value = x === y ? x : x + (y - x) * frac;
  if (value - value !== 0) value = x * (1 - frac) + y * frac;
  return value;
}

/** Sort-based exact quantiles of the values that are not NaN. */
export function sortedQuantiles(v: Float64Array, qs: readonly number[]): number[] {
  const sorted = v.filter((x) => !Number.isNaN(x)).sort();
  return qs.map((q) => type7(sorted, q));
}

function swap(a: Float64Array, i: number, j: number): void {
  const x = a[i];
  a[i] = a[j];
  a[j] = x;
}

/** Floyd–Rivest selection in JS (as the kernel): a[k] gets rank k, smaller before, larger after. */
export function jsSelect(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      jsSelect(a, Math.max(left, Math.floor(k - (i * s) / n + sd)), Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)), k);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, right, left);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/** Type-7 quantiles by JS selection on a NaN-free copy (ascending qs reuse the partitions). */
export function jsQuickselectQuantiles(v: Float64Array, qs: readonly number[]): number[] {
  const all = new Float64Array(v.length);
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    all[n] = v[i] + 0; // −0 as 0, as the kernel
    n += v[i] === v[i] ? 1 : 0;
  }
  const a = all.subarray(0, n);
  let lo = -1;
  return [...qs].map((q) => {
    if (n === 0) return NaN;
    const h = (n - 1) * q;
    const k = Math.floor(h);
    if (k !== lo) jsSelect(a, Math.max(lo, 0), n - 1, k);
    lo = k;
    if (h === k || k + 1 >= n) return a[k];
    let y = Infinity;
    for (let i = k + 1; i < n; i++) if (a[i] < y) y = a[i];
    const x = a[k];
    const value = x === y ? x : x + (y - x) * (h - k);
    return value - value !== 0 ? x * (1 - (h - k)) + y * (h - k) : value;
  });
}

const bits = new DataView(new ArrayBuffer(8));

/** The kernel's bucket index of a normal, finite, non-zero x (ceil of m · log2-approximation of |x|). */
export function twinIndex(x: number, alpha: number): number {
  const m = multiplierOf(alpha);
  bits.setFloat64(0, Math.abs(x));
  const mag = bits.getUint32(0) * 2 ** 32 + bits.getUint32(4); // rounded once, as f64.convert_i64_s
  return Math.ceil(mag * (m * 2.220446049250313e-16) - m * 1023);
}

/** An unbounded twin sketch: bins by index in maps (no collapse), and the counters. */
export interface TwinSketch {
  pos: Map<number, number>;
  neg: Map<number, number>;
  zero: number;
  posInf: number;
  negInf: number;
  count: number;
}

export function twinSketch(values: Float64Array, alpha: number): TwinSketch {
  const s: TwinSketch = { pos: new Map(), neg: new Map(), zero: 0, posInf: 0, negInf: 0, count: 0 };
  for (const x of values) {
    if (Number.isNaN(x)) continue;
    s.count++;
    if (x === Infinity) s.posInf++;
    else if (x === -Infinity) s.negInf++;
    else if (Math.abs(x) < 2 ** -1022) s.zero++;
    else {
      const store = x > 0 ? s.pos : s.neg;
      const i = twinIndex(x, alpha);
      store.set(i, (store.get(i) ?? 0) + 1);
    }
  }
  return s;
}
