// Typed surface of the EWMA deviation kernel (assembly/ewma.ts); joins `Kernels` in types.ts.

export interface EwmaOptions {
  /** Smoothing factor in (0, 1]: weight of the newest point in the mean and variance. */
  alpha: number;
  /** Points are judged (dev not NaN) once this many finite points were absorbed (>= 1). */
  warmUp: number;
  /** flag = |dev| > threshold. */
  threshold: number;
}

/** EWMA state: [mean, variance, count of absorbed finite points]; a fresh state is all zeros. */
export const EWMA_STATE_LENGTH = 3;

export interface EwmaKernels {
  /**
   * dev[i - first] = (v[i] − mean)·rsqrt(variance) of the EWMA mean and EWM variance of the finite
   * points before i (each absorbed as m += α·d, S = (1 − α)(S + α·d·d), d = x − m, exactly as the
   * twin), flag = |dev| > threshold; outputs for i in [first, v.length). rsqrt is an f32 seed refined
   * by one Newton step in f64 (relative error ~1e-14 against d / sqrt(S)) for S in [2^-120, 2^120],
   * exact outside. NaN while fewer than warmUp points were absorbed and for NaN; ±Infinity for
   * ±Infinity (neither absorbed); variance 0: 0 on the mean, else ±Infinity. `state` is the state
   * before v[0] on entry and after the last point on return; every output depends only on the state
   * before its point and the point, so any split of a series into calls gives the same bits. Returns
   * v.length (the index to resume at). When v, dev and flags are all resident arrays
   * (KernelInstance.residentArrays), the kernel reads and writes them in place instead of copying.
   */
  ewmaDeviation(v: Float64Array, first: number, opts: EwmaOptions, state: Float64Array, dev: Float64Array, flags: Uint8Array): number;
}
