// EWMA deviation: each point against the exponentially weighted mean and variance of the points before
// it (no look-ahead), state carried in and out. Hand-written: 4-point blocks in f64x2 (see ewmaDeviation).

/**
 * State layout (f64 at statePtr): [mean, variance, count]. count is the number of finite points
 * absorbed; mean and variance are undefined while it is 0.
 */
const MEAN: usize = 0;
const VAR: usize = 8;
const COUNT: usize = 16;

// Parameters of the current call (module globals: no closures in the hot loop).
let alpha: f64 = 0;
let beta: f64 = 0; // 1 - alpha
let betaAlpha: f64 = 0; // beta · alpha
let minCount: f64 = 0;
let threshold: f64 = 0;
let mean: f64 = 0;
let variance: f64 = 0;
let count: f64 = 0;

/** Deviation of x from the state in σ; NaN when x is NaN or the state is not warm; ±Infinity for ±Infinity. */
@inline
function deviationOf(x: f64, m: f64, s: f64, c: f64): f64 {
  if (x != x || c < minCount) return NaN;
  if (x - x != 0) return x;
  const d = x - m;
  return s == 0 ? (d == 0 ? 0 : d / 0) : d / Math.sqrt(s);
}

/** One point by the per-point rule: write its deviation, then absorb it when finite. */
@inline
function scalarStep(x: f64, devPtr: usize, flagPtr: usize, write: bool): void {
  const dev = deviationOf(x, mean, variance, count);
  if (write) {
    store<f64>(devPtr, dev);
    store<u8>(flagPtr, u8(Math.abs(dev) > threshold));
  }
  if (x - x != 0) return;
  if (count == 0) {
    mean = x;
    variance = 0;
  } else {
    const d = x - mean;
    mean = mean + alpha * d;
    variance = beta * variance + betaAlpha * (d * d);
  }
  count += 1;
}

/**
 * Block of 4 points x0..x3 from state (m, S) whose first `q` points are finite (q >= 1): means before
 * each point m_j = m + α·Σ_{l<j} β^{j-1-l}(x_l − m), variances S_j = β^j·S + Σ_{l<j} β^{j-l}·α·d_l²
 * with d_l = x_l − m_l, evaluated as pair prefix sums (the recurrence, re-associated per block; an
 * output depends only on the block's state and the points before it in the block). Absorbs x0..x_{q-1}.
 */
@inline
function blockStep(xPtr: usize, q: i32, devPtr: usize, flagPtr: usize, from: i32, to: i32): void {
  const mv = f64x2.splat(mean);
  const a = f64x2.splat(alpha);
  const b = f64x2.splat(beta);
  const bb = f64x2.replace_lane(f64x2.splat(beta), 1, beta * beta); // (β, β²)
  const x01 = v128.load(xPtr);
  const x23 = v128.load(xPtr + 16);
  // Mean increments: P01 = (v0, βv0 + v1), P23 = (v2, βv2 + v3), v = α(x − m).
  const v01 = f64x2.mul(a, f64x2.sub(x01, mv));
  const v23 = f64x2.mul(a, f64x2.sub(x23, mv));
  const p01 = f64x2.add(v01, v128.shuffle<f64>(f64x2.splat(0), f64x2.mul(b, v01), 0, 2));
  const p23 = f64x2.add(v23, v128.shuffle<f64>(f64x2.splat(0), f64x2.mul(b, v23), 0, 2));
  const r = f64x2.add(p23, f64x2.mul(bb, v128.shuffle<f64>(p01, p01, 1, 1))); // (m3 − m, m4 − m)
  const m01 = f64x2.add(mv, v128.shuffle<f64>(f64x2.splat(0), p01, 0, 2)); // (m, m1)
  const m23 = f64x2.add(mv, v128.shuffle<f64>(p01, r, 1, 2)); // (m2, m3)
  const d01 = f64x2.sub(x01, m01);
  const d23 = f64x2.sub(x23, m23);
  // Variance: g = βα·d², G01 = (g0, βg0 + g1), G23 likewise; (S1, S2) = (β, β²)S + G01,
  // (S3, S4) = (β³, β⁴)S + (β, β²)·G01.hi + G23.
  const ba = f64x2.splat(betaAlpha);
  const g01 = f64x2.mul(ba, f64x2.mul(d01, d01));
  const g23 = f64x2.mul(ba, f64x2.mul(d23, d23));
  const G01 = f64x2.add(g01, v128.shuffle<f64>(f64x2.splat(0), f64x2.mul(b, g01), 0, 2));
  const G23 = f64x2.add(g23, v128.shuffle<f64>(f64x2.splat(0), f64x2.mul(b, g23), 0, 2));
  const sv = f64x2.splat(variance);
  const bb2 = f64x2.mul(bb, bb); // (β², β⁴)
  const b34 = f64x2.replace_lane(bb2, 0, beta * beta * beta); // (β³, β⁴)
  const s12 = f64x2.add(f64x2.mul(bb, sv), G01);
  const s34 = f64x2.add(f64x2.add(f64x2.mul(b34, sv), f64x2.mul(bb, v128.shuffle<f64>(G01, G01, 1, 1))), G23);
  const s01 = v128.shuffle<f64>(sv, s12, 0, 2); // (S0, S1)
  const s23 = v128.shuffle<f64>(s12, s34, 1, 2); // (S2, S3)
  // Deviations d / sqrt(S); 0 / 0 (constant so far, x on the mean) is 0.
  const zero = f64x2.splat(0);
  let z01 = f64x2.div(d01, f64x2.sqrt(s01));
  let z23 = f64x2.div(d23, f64x2.sqrt(s23));
  z01 = v128.bitselect(zero, z01, v128.and(f64x2.eq(d01, zero), f64x2.eq(s01, zero)));
  z23 = v128.bitselect(zero, z23, v128.and(f64x2.eq(d23, zero), f64x2.eq(s23, zero)));
  if (to - from == 4 && q == 4 && count >= minCount) {
    v128.store(devPtr, z01);
    v128.store(devPtr + 16, z23);
    const thr = f64x2.splat(threshold);
    const bits = i64x2.bitmask(f64x2.gt(f64x2.abs(z01), thr)) | (i64x2.bitmask(f64x2.gt(f64x2.abs(z23), thr)) << 2);
    store<u32>(flagPtr, (<u32>bits * 0x00204081) & 0x01010101);
  } else {
    for (let j = from; j < min(to, q + 1); j++) {
      const x = load<f64>(xPtr + (<usize>j << 3));
      const c = count + <f64>j;
      const dev = x - x != 0 || c < minCount ? deviationOf(x, 0, 0, c) : laneOf(z01, z23, j);
      store<f64>(devPtr + (<usize>j << 3), dev);
      store<u8>(flagPtr + <usize>j, u8(Math.abs(dev) > threshold));
    }
  }
  // State after the finite prefix x0..x_{q-1}: (m_q, S_q).
  mean = q == 4 ? mean + f64x2.extract_lane(r, 1) : laneOf(m01, m23, q);
  variance = q == 4 ? f64x2.extract_lane(s34, 1) : laneOf(s01, s23, q);
  count += <f64>q;
}

/** All-ones lanes where the value is finite (x − x is 0 only for finite x). */
@inline
function finiteLanes(x: v128): v128 {
  return f64x2.eq(f64x2.sub(x, x), f64x2.splat(0));
}

/** Lane j (0..3) of the pair of vectors (a = lanes 0, 1; b = lanes 2, 3). */
@inline
function laneOf(a: v128, b: v128, j: i32): f64 {
  const v = j < 2 ? a : b;
  return (j & 1) == 0 ? f64x2.extract_lane(v, 0) : f64x2.extract_lane(v, 1);
}

/** Zero-padded copy of a trailing partial block (the padding only feeds lanes that are not written). */
const PAD: usize = memory.data(32, 16);

/**
 * EWMA deviation of v[i] for outputs i in [first, len) (earlier points only feed the state):
 * dev[i - first] = (v[i] − mean) / sqrt(variance) over the points before i, flag = |dev| > threshold.
 * The state at statePtr is the state before v[0] on entry; on exit it is the state before the last
 * 4-point block boundary at or below len (index len & ~3), so a caller resumes there. Outputs are NaN
 * while fewer than minCount finite points were absorbed, NaN for NaN, ±Infinity for ±Infinity
 * (neither is absorbed); variance 0: 0 on the mean, else ±Infinity.
 */
export function ewmaDeviation(
  vPtr: usize, len: i32, first: i32, a: f64, warmUp: f64, thr: f64, statePtr: usize, devPtr: usize, flagPtr: usize,
): void {
  alpha = a;
  beta = 1 - a;
  betaAlpha = beta * a;
  minCount = warmUp;
  threshold = thr;
  mean = load<f64>(statePtr + MEAN);
  variance = load<f64>(statePtr + VAR);
  count = load<f64>(statePtr + COUNT);
  for (let i = 0; i < len; i += 4) {
    const n = min(4, len - i);
    if (n < 4) {
      store<f64>(statePtr + MEAN, mean);
      store<f64>(statePtr + VAR, variance);
      store<f64>(statePtr + COUNT, count);
    }
    let xPtr = vPtr + (<usize>i << 3);
    let q = 0;
    if (n == 4 && count >= 1 && i64x2.all_true(v128.and(finiteLanes(v128.load(xPtr)), finiteLanes(v128.load(xPtr + 16))))) q = 4;
    else {
      while (q < n && count >= 1) {
        const x = load<f64>(xPtr + (<usize>q << 3));
        if (x - x != 0) break;
        q++;
      }
    }
    const from = max(0, first - i);
    const out = <usize>(i + from - first);
    if (q == 0) {
      for (let j = 0; j < n; j++) {
        const o = <usize>(i + j - first);
        scalarStep(load<f64>(xPtr + (<usize>j << 3)), devPtr + (o << 3), flagPtr + o, j >= from);
      }
      continue;
    }
    if (n < 4) {
      v128.store(PAD, f64x2.splat(0));
      v128.store(PAD + 16, f64x2.splat(0));
      memory.copy(PAD, xPtr, <usize>n << 3);
      xPtr = PAD;
    }
    blockStep(xPtr, q, devPtr + ((out - <usize>from) << 3), flagPtr + out - <usize>from, from, n);
    for (let j = q + 1; j < n; j++) {
      const o = <usize>(i + j - first);
      scalarStep(load<f64>(xPtr + (<usize>j << 3)), devPtr + (o << 3), flagPtr + o, j >= from);
    }
  }
  if ((len & 3) == 0) {
    store<f64>(statePtr + MEAN, mean);
    store<f64>(statePtr + VAR, variance);
    store<f64>(statePtr + COUNT, count);
  }
}
