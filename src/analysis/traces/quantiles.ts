// The percentile function trace analysis takes (so it can be tested apart from the kernels), and its
// implementation by the percentile core: exact type-7 quantiles by selection in WebAssembly.

import { exactQuantiles } from '../percentiles/exact';
import type { PercentileKernels } from '../../kernels/percentile-types';

/** Quantiles qs (each in [0, 1]) of the values that are not NaN; NaN each when there are none. */
export type QuantileFn = (values: Float64Array, qs: readonly number[]) => number[];

/** The percentile core's exact quantiles as a QuantileFn. */
export function kernelQuantiles(kernels: PercentileKernels): QuantileFn {
  return (values, qs) => exactQuantiles(kernels, values, qs).values;
}

/** The percentiles trace views and the CLI report, by name. */
export const LATENCY_QS = [0.5, 0.9, 0.99, 0.999] as const;

export interface LatencyPercentiles {
  p50: number;
  p90: number;
  p99: number;
  'p99.9': number;
}

export function latencyPercentiles(quantiles: QuantileFn, values: Float64Array): LatencyPercentiles {
  const [p50, p90, p99, p999] = values.length ? quantiles(values, LATENCY_QS) : [NaN, NaN, NaN, NaN];
  return { p50, p90, p99, 'p99.9': p999 };
}
