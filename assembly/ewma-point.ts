// EWMA deviation, one point at a time: the definition every path of the kernel computes (ewma.ts runs
// it on short inputs and in tails, in blocks without per-point checks where they apply; ewma-lanes.ts
// on four lanes at once with the same operations). Also the call's parameters and their vector forms.

/** Variances whose reciprocal square root is seeded in f32 (normal f32 range, with margin); others exact. */
export const RSQRT_LO: f64 = 7.52316384526264e-37; // 2^-120
export const RSQRT_HI: f64 = 1.329227995784916e36; // 2^120

/** Points per block: a block runs without per-point checks when its state is warm and its variances in range. */
export const BLOCK: i32 = 32;

/** Vector forms of the parameters and constants, stored per call and loaded per block (V8 re-creates v128 constants at every use). */
export const CONSTS: usize = memory.data(176, 16);
export const C_HALF: usize = 0;
export const C_ONE_HALF: usize = 16;
export const C_ONE_F32: usize = 32; // 48: free (flagsOf's ones are static: ONES_I8)
export const C_ABS: usize = 64;
export const C_ALPHA: usize = 80;
export const C_BETA: usize = 96;
export const C_THRESHOLD: usize = 112;
export const C_HI: usize = 128;
export const C_LO: usize = 144;

// Parameters of the current call and the running state (module globals: no closures in the hot loops).
let alpha: f64 = 0;
let beta: f64 = 0; // 1 − α
let minCount: f64 = 0;
let threshold: f64 = 0;
// The lowest starting variance and highest ending one for which every variance inside a block lies
// in [RSQRT_LO, RSQRT_HI] (S shrinks by at most the factor β per point).
let blockLo: f64 = 0;
let blockHi: f64 = 0;
let mean: f64 = 0;
let variance: f64 = 0;
let count: f64 = 0;

export function setParams(a: f64, warmUp: f64, thr: f64): void {
  alpha = a;
  beta = 1 - a;
  minCount = warmUp;
  threshold = thr;
  const decay = Math.pow(beta, <f64>BLOCK);
  blockLo = decay > 0 ? (RSQRT_LO / decay) * 2 : Infinity;
  blockHi = RSQRT_HI * decay * 0.5;
  v128.store(CONSTS + C_HALF, f64x2.splat(0.5));
  v128.store(CONSTS + C_ONE_HALF, f64x2.splat(1.5));
  v128.store(CONSTS + C_ONE_F32, f32x4.splat(1));
  v128.store(CONSTS + C_ABS, i64x2.splat(0x7fffffffffffffff));
  v128.store(CONSTS + C_ALPHA, f64x2.splat(alpha));
  v128.store(CONSTS + C_BETA, f64x2.splat(beta));
  v128.store(CONSTS + C_THRESHOLD, f64x2.splat(threshold));
  v128.store(CONSTS + C_HI, f64x2.splat(blockHi));
  v128.store(CONSTS + C_LO, f64x2.splat(blockLo));
}

@inline export function betaParam(): f64 { return beta; }
@inline export function minCountParam(): f64 { return minCount; }

@inline
export function setState(m: f64, s: f64, c: f64): void {
  mean = m;
  variance = s;
  count = c;
}

@inline export function stateMean(): f64 { return mean; }
@inline export function stateVariance(): f64 { return variance; }
@inline export function stateCount(): f64 { return count; }

/** Sixteen bytes of 1, static so flagsOf serves kernels that never call setParams (the rolling z-score). */
const ONES_I8: usize = memory.data<u8>([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 16);

/**
 * flags[j] = |dev[j]| > threshold for j < n (n a multiple of 16): sixteen compares narrowed to bytes
 * (the i64 masks pack to i16, then i8, twice; all single instructions).
 */
@inline
export function flagsOf(dev: usize, flags: usize, n: i32, absMask: v128, thr: v128): void {
  const one = v128.load(ONES_I8);
  for (let j: usize = 0; j < <usize>n; j += 16) {
    const at = dev + (j << 3);
    const g0 = f64x2.gt(v128.and(v128.load(at), absMask), thr);
    const g1 = f64x2.gt(v128.and(v128.load(at, 16), absMask), thr);
    const g2 = f64x2.gt(v128.and(v128.load(at, 32), absMask), thr);
    const g3 = f64x2.gt(v128.and(v128.load(at, 48), absMask), thr);
    const g4 = f64x2.gt(v128.and(v128.load(at, 64), absMask), thr);
    const g5 = f64x2.gt(v128.and(v128.load(at, 80), absMask), thr);
    const g6 = f64x2.gt(v128.and(v128.load(at, 96), absMask), thr);
    const g7 = f64x2.gt(v128.and(v128.load(at, 112), absMask), thr);
    const lo = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(g0, g1), i16x8.narrow_i32x4_s(g2, g3));
    const hi = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(g4, g5), i16x8.narrow_i32x4_s(g6, g7));
    v128.store(flags + j, v128.and(i8x16.narrow_i16x8_s(lo, hi), one));
  }
}

/**
 * Deviation d·rsqrt(s): for s in [RSQRT_LO, RSQRT_HI] the reciprocal square root is seeded in f32 and
 * refined by one Newton–Raphson step in f64 (relative error ~1e-14); otherwise exactly d / sqrt(s), with
 * 0 for 0 / 0. The lanes evaluate the same operations in the same order, so both give the same bits.
 */
@inline
export function devOf(d: f64, s: f64): f64 {
  if (s >= RSQRT_LO && s <= RSQRT_HI) {
    const y = <f64>(<f32>1 / Mathf.sqrt(<f32>s));
    return d * (y * (1.5 - (0.5 * s) * (y * y)));
  }
  return s == 0 ? (d == 0 ? 0 : d / 0) : d / Math.sqrt(s);
}

/**
 * Runs n points from xPtr through the state, writing outputs at devPtr / flagPtr when `write`: blocks
 * of BLOCK points through fastBlock where it applies, the rest through pointRun.
 */
export function scalarRun(xPtr: usize, n: i32, devPtr: usize, flagPtr: usize, write: bool): void {
  let j = 0;
  if (write) {
    while (j + BLOCK <= n) {
      const o = <usize>j;
      if (!(count >= minCount && variance >= blockLo && fastBlock(xPtr + (o << 3), devPtr + (o << 3), flagPtr + o))) {
        pointRun(xPtr + (o << 3), BLOCK, devPtr + (o << 3), flagPtr + o, true);
      }
      j += BLOCK;
    }
  }
  const o = <usize>j;
  pointRun(xPtr + (o << 3), n - j, devPtr + (o << 3), flagPtr + o, write);
}

/** A block's variances and differences d = x − mean before each point (fastBlock's first pass). */
const BLOCK_S: usize = memory.data(BLOCK << 3, 16);
const BLOCK_D: usize = memory.data(BLOCK << 3, 16);

/**
 * BLOCK points of pointRun for a warm state whose variances stay in [RSQRT_LO, RSQRT_HI], without its
 * per-point checks: first the recurrence alone, keeping each point's variance and difference, then
 * devOf's operations four points at a time (one f32x4 reciprocal square root, the Newton step in f64x2)
 * and the flags. False (state untouched, outputs to be rewritten) when the end state shows a non-finite
 * input (it leaves a non-finite mean) or a variance out of range (blockHi bounds them all).
 */
function fastBlock(xPtr: usize, devPtr: usize, flagPtr: usize): bool {
  let m = mean;
  let s = variance;
  const a = alpha;
  const b = beta;
  for (let j: usize = 0; j < <usize>BLOCK << 3; j += 8) {
    const d = load<f64>(xPtr + j) - m;
    store<f64>(BLOCK_S + j, s);
    store<f64>(BLOCK_D + j, d);
    const ad = a * d;
    m = m + ad;
    s = b * (s + ad * d);
  }
  if (!(m - m == 0 && s <= blockHi)) return false;
  const half = v128.load(CONSTS + C_HALF);
  const oneHalf = v128.load(CONSTS + C_ONE_HALF);
  const one = v128.load(CONSTS + C_ONE_F32);
  for (let j: usize = 0; j < <usize>BLOCK << 3; j += 32) {
    const sA = v128.load(BLOCK_S + j);
    const sB = v128.load(BLOCK_S + j, 16);
    const y = f32x4.div(one, f32x4.sqrt(v128.shuffle<i32>(f32x4.demote_f64x2_zero(sA), f32x4.demote_f64x2_zero(sB), 0, 1, 4, 5)));
    const yA = f64x2.promote_low_f32x4(y);
    const yB = f64x2.promote_low_f32x4(v128.shuffle<i32>(y, y, 2, 3, 2, 3));
    v128.store(devPtr + j, f64x2.mul(v128.load(BLOCK_D + j), f64x2.mul(yA, f64x2.sub(oneHalf, f64x2.mul(f64x2.mul(half, sA), f64x2.mul(yA, yA))))));
    v128.store(devPtr + j, f64x2.mul(v128.load(BLOCK_D + j, 16), f64x2.mul(yB, f64x2.sub(oneHalf, f64x2.mul(f64x2.mul(half, sB), f64x2.mul(yB, yB))))), 16);
  }
  flagsOf(devPtr, flagPtr, BLOCK, v128.load(CONSTS + C_ABS), v128.load(CONSTS + C_THRESHOLD));
  mean = m;
  variance = s;
  count += <f64>BLOCK;
  return true;
}

/**
 * Runs n points from xPtr through the state one at a time, writing outputs at devPtr / flagPtr when
 * `write`. Per point: its deviation against the state (NaN while fewer than minCount finite points were
 * absorbed and for NaN, x itself for ±Infinity); then a finite point is absorbed exactly as the twin
 * does (m += α·d, S = β·(S + α·d·d), the first one sets the mean). The state lives in locals here
 * (globals would put a store and a load into the recurrence's latency chain).
 */
function pointRun(xPtr: usize, n: i32, devPtr: usize, flagPtr: usize, write: bool): void {
  let m = mean;
  let s = variance;
  let c = count;
  const a = alpha;
  const b = beta;
  const warm = minCount;
  const thr = threshold;
  for (let j = 0; j < n; j++) {
    const x = load<f64>(xPtr + (<usize>j << 3));
    let dev: f64 = NaN;
    if (x - x == 0) {
      const d = x - m;
      if (c >= warm) dev = devOf(d, s);
      if (c == 0) {
        m = x;
        s = 0;
      } else {
        const ad = a * d;
        m = m + ad;
        s = b * (s + ad * d);
      }
      c += 1;
    } else if (x == x && c >= warm) dev = x;
    if (write) {
      store<f64>(devPtr + (<usize>j << 3), dev);
      store<u8>(flagPtr + <usize>j, u8(Math.abs(dev) > thr));
    }
  }
  mean = m;
  variance = s;
  count = c;
}
