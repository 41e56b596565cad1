// Typed surface of the rolling order-statistic kernels: IQR fences (assembly/rolling-iqr.ts: a sorted
// window, sorted blocks past 512 points), the median/MAD robust z-score and the ML detectors' trailing
// median and MAD (assembly/order-stat.ts, a sorted window); joins `Kernels` in types.ts.

export interface OrderStatOptions {
  /** Points before each index in the window (>= 1). */
  window: number;
  /** Points are judged once the window holds this many finite values (>= 1). */
  minCount: number;
  /** flag = |raw| > threshold (k of the IQR fences, or the robust-z threshold). */
  threshold: number;
}

export interface OrderStatKernels {
  /**
   * raw[i − first] for i in [first, v.length): distance beyond the quartiles of the finite values
   * among the `window` points before i, in IQR units ((v − Q3)/IQR above Q3, −(Q1 − v)/IQR below
   * Q1, 0 between; quartiles type 7). NaN while fewer than minCount finite values are in the window
   * and for NaN; ±Infinity for ±Infinity (non-finite values never join a window). IQR 0 falls back to
   * 1.349 × 1.2533 × the mean absolute deviation around the median; that 0 too: ±Infinity off [Q1, Q3].
   */
  rollingIqr(v: Float64Array, first: number, opts: OrderStatOptions, raw: Float64Array, flags: Uint8Array): void;

  /**
   * raw = (v − median) / (1.4826 · MAD) over the same window (median and MAD type 7). MAD 0 falls
   * back to 1.2533 × the mean absolute deviation around the median; that 0 too: ±Infinity off the
   * median. NaN / ±Infinity / warm-up as rollingIqr.
   */
  rollingMad(v: Float64Array, first: number, opts: OrderStatOptions, raw: Float64Array, flags: Uint8Array): void;

  /**
   * The ML detectors' series features of the points v[from, to), row i − from at out[2(i − from)]:
   * v[i] − median and the median absolute deviation of the `window` points before i (a median of an
   * even count: (a + b) / 2 of the middle two values); both NaN when i < window or a value among
   * v[i − window .. i] is not finite. out holds at least 2 (to − from) values.
   */
  trailingMedianMad(v: Float64Array, window: number, from: number, to: number, out: Float64Array): void;
}
