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
   * dev[i - first] = (v[i] − mean) / sqrt(variance) of the EWMA mean and EWM variance of the finite
   * points before i (each absorbed as m += α·d, S = (1 − α)(S + α·d²), d = x − m), flag = |dev| >
   * threshold; outputs for i in [first, v.length). NaN while fewer than warmUp points were absorbed
   * and for NaN; ±Infinity for ±Infinity (neither absorbed); variance 0: 0 on the mean, else
   * ±Infinity. `state` is the state before v[0] on entry; on return it holds the state before
   * index `resume` (returned, a multiple of 4 at or below v.length): resume from v[resume] with it.
   * Points are evaluated in 4-point blocks from v[0] (the recurrence re-associated per block), so
   * results depend on the block alignment: callers that resume must resume at `resume`.
   */
  ewmaDeviation(v: Float64Array, first: number, opts: EwmaOptions, state: Float64Array, dev: Float64Array, flags: Uint8Array): number;
}
