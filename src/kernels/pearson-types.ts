// The typed surface of the rolling Pearson correlation kernels (correlation breaks between series).

/** How a pair's correlation baseline is kept (the correlation detector's parameters). */
export interface PairBaselineOptions {
  /** Points of each rolling correlation (>= 4); the baseline lags this many bins. */
  window: number;
  /** Span of the baseline's EWMA in windows (alpha = 1 / (baselineWindows · window)); also the warm-up. */
  baselineWindows: number;
  /** Departures beyond this many σ no longer teach the spread (after the warm-up). */
  threshold: number;
  /** Pairs whose baseline |r| is below this get deviation 0. */
  minBaseline: number;
}

/** Called for each bin where a pair's deviation exceeds the threshold (its r and baseline Fisher z there). */
export type PairExcessFn = (a: number, b: number, bin: number, dev: number, r: number, baseZ: number) => void;

export interface PearsonKernels {
  /**
   * Rolling Pearson r of two aligned columns over the `window` points ending at each index
   * ((i - window, i], only pairs where both values are finite): out[i] in [-1, 1], NaN where fewer than
   * 2 such pairs or either side has zero variance. Deviations from the window mean must stay below
   * ~1e75 (their squared product must not overflow). out needs length >= x.length.
   */
  rollingPearson(x: Float64Array, y: Float64Array, window: number, out: Float64Array): void;

  /**
   * Every pair's departure from its own correlation baseline, per bin of the aligned columns: r as
   * rollingPearson; Fisher z of r (|r| capped at 0.9999, z = 0.5 · ln((1 + r) / (1 - r))); the baseline
   * an EWMA of z lagged one window (bias-corrected; departures clipped at 2 σ before they move it), σ the
   * bias-corrected EWMA of ordinary |z - baseline| times sqrt(pi / 2), floored at 1 / sqrt(window - 3);
   * after the warm-up (baselineWindows · window finite z folded in) departures beyond threshold σ do not
   * teach σ. A pair is judged at bin i after the warm-up, where |baseline| >= Fisher z of minBaseline and
   * z[i] is finite: dev = |z[i] - baseline| / σ. Writes deviation[k][i] = the largest dev of the pairs
   * holding series k (0 if none), and calls onExcess(a, b, i, dev, r, baseline z) (a < b) for every
   * dev > threshold, in bin order within a pair (pairs may interleave); onExcess must not call the
   * kernels (it runs while their memory holds this call's state).
   */
  pairDeviations(columns: readonly Float64Array[], opts: PairBaselineOptions, deviation: readonly Float64Array[], onExcess: PairExcessFn): void;
}
