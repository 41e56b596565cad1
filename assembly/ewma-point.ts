// EWMA deviation, one point at a time: the definition every path of the kernel computes (ewma.ts runs
// it directly on short inputs and in tails, ewma-lanes.ts on four lanes at once with the same operations).

/** Variances whose reciprocal square root is seeded in f32 (normal f32 range, with margin); others exact. */
export const RSQRT_LO: f64 = 7.52316384526264e-37; // 2^-120
export const RSQRT_HI: f64 = 1.329227995784916e36; // 2^120

// Parameters of the current call and the running state (module globals: no closures in the hot loops).
let alpha: f64 = 0;
let beta: f64 = 0; // 1 − α
let minCount: f64 = 0;
let threshold: f64 = 0;
let mean: f64 = 0;
let variance: f64 = 0;
let count: f64 = 0;

export function setParams(a: f64, warmUp: f64, thr: f64): void {
  alpha = a;
  beta = 1 - a;
  minCount = warmUp;
  threshold = thr;
}

@inline export function alphaParam(): f64 { return alpha; }
@inline export function betaParam(): f64 { return beta; }
@inline export function minCountParam(): f64 { return minCount; }
@inline export function thresholdParam(): f64 { return threshold; }

@inline
export function setState(m: f64, s: f64, c: f64): void {
  mean = m;
  variance = s;
  count = c;
}

@inline export function stateMean(): f64 { return mean; }
@inline export function stateVariance(): f64 { return variance; }
@inline export function stateCount(): f64 { return count; }

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
 * Runs n points from xPtr through the state, writing outputs at devPtr / flagPtr when `write`. Per
 * point: its deviation against the state (NaN while fewer than minCount finite points were absorbed and
 * for NaN, x itself for ±Infinity); then a finite point is absorbed exactly as the twin does (m += α·d,
 * S = β·(S + α·d·d), the first one sets the mean). The state lives in locals here (globals would put
 * a store and a load into the recurrence's latency chain).
 */
export function scalarRun(xPtr: usize, n: i32, devPtr: usize, flagPtr: usize, write: bool): void {
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
