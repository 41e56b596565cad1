// The typed surface of the rolling Pearson correlation kernel (correlation breaks between series).

export interface PearsonKernels {
  /**
   * Rolling Pearson r of two aligned columns over the `window` points ending at each index
   * ((i - window, i], only pairs where both values are finite): out[i] in [-1, 1], NaN where fewer than
   * 2 such pairs or either side has zero variance. Deviations from the window mean must stay below
   * ~1e75 (their squared product must not overflow). out needs length >= x.length.
   */
  rollingPearson(x: Float64Array, y: Float64Array, window: number, out: Float64Array): void;
}
