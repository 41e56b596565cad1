// Autocorrelation of a regular grid for period detection. Hand-written: the lagged dot products are
// the O(n·lags) hot loop, done f64x2 with four partial sums per lag.

@inline
function sq(xPtr: usize, i: i32): f64 {
  const x = load<f64>(xPtr + (<usize>i << 3));
  return x * x;
}

/** Σ x[i]·x[i + k] for i in [0, n - k): eight products per step into four f64x2 partial sums. */
function lagDot(xPtr: usize, n: i32, k: i32): f64 {
  const m = n - k;
  const b = xPtr + (<usize>k << 3);
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let s2 = f64x2.splat(0);
  let s3 = f64x2.splat(0);
  let i = 0;
  for (; i + 7 < m; i += 8) {
    const o = <usize>i << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(xPtr + o), v128.load(b + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(xPtr + o + 16), v128.load(b + o + 16)));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(xPtr + o + 32), v128.load(b + o + 32)));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(xPtr + o + 48), v128.load(b + o + 48)));
  }
  const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
  let tail: f64 = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < m; i++) {
    const o = <usize>i << 3;
    tail += load<f64>(xPtr + o) * load<f64>(b + o);
  }
  return tail;
}

/**
 * r[k] for k in [0, maxLag] of x[0, n) (the caller removed mean and trend): Σ_{i<n-k} x_i·x_{i+k} over
 * sqrt(Σ_{i<n-k} x_i² · Σ_{i>=k} x_i²), clamped to [-1, 1]. Works in place on x: non-finite values
 * become 0 and x is divided by max|x| (r does not depend on scale). r[k] is NaN when k >= n or when
 * either energy is 0.
 */
export function autocorrelation(xPtr: usize, n: i32, maxLag: i32, outPtr: usize): void {
  let peak: f64 = 0;
  for (let i = 0; i < n; i++) {
    const p = xPtr + (<usize>i << 3);
    const x = load<f64>(p);
    if (x - x != 0) store<f64>(p, 0);
    else peak = max(peak, Math.abs(x));
  }
  if (peak > 0) {
    for (let i = 0; i < n; i++) {
      const p = xPtr + (<usize>i << 3);
      store<f64>(p, load<f64>(p) / peak);
    }
  }
  // Energies per lag, accumulated from the longest lag down (additions only: no cancellation):
  // head(k) = Σ_{i<n-k} x_i², tail(k) = Σ_{i>=k} x_i²; out[k] holds sqrt(head)·sqrt(tail) until the dot products.
  const top = min(maxLag, n - 1);
  if (top >= 0) {
    let head: f64 = 0;
    let tail: f64 = 0;
    for (let i = 0; i < n - top; i++) head += sq(xPtr, i);
    for (let i = top; i < n; i++) tail += sq(xPtr, i);
    for (let k = top; k >= 0; k--) {
      store<f64>(outPtr + (<usize>k << 3), Math.sqrt(head) * Math.sqrt(tail));
      if (k > 0) {
        head += sq(xPtr, n - k);
        tail += sq(xPtr, k - 1);
      }
    }
  }
  for (let k = 0; k <= maxLag; k++) {
    const p = outPtr + (<usize>k << 3);
    const energy = k <= top ? load<f64>(p) : 0;
    store<f64>(p, energy > 0 ? min<f64>(1, max<f64>(-1, lagDot(xPtr, n, k) / energy)) : NaN);
  }
}
