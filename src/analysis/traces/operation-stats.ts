// Per service and per operation: calls, errors, error rate, self time and latency percentiles (ms) from
// span rows grouped once; percentiles come from the QuantileFn (the percentile core in the app and CLI).

import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import { latencyPercentiles, type LatencyPercentiles, type QuantileFn } from './quantiles';
import { gatherByGroup, type SpanGroups } from './span-groups';

export interface LatencyStats {
  service: string;
  /** Absent for a service's row. */
  operation?: string;
  calls: number;
  errors: number;
  /** errors / calls (0 when no calls). */
  errorRate: number;
  /** Span durations, ms. */
  durationMs: LatencyPercentiles;
  /** Sum and median of the spans' self time, ms. */
  selfTimeMs: number;
  selfTimeP50Ms: number;
}

/** One LatencyStats per group of `groups`; `selfUs` is the self time per span row (µs). */
export function latencyStats(set: TraceSet, groups: SpanGroups, selfUs: Float64Array, quantiles: QuantileFn): LatencyStats[] {
  const durations = gatherByGroup(groups, set.duration);
  const selfs = gatherByGroup(groups, selfUs);
  for (let i = 0; i < durations.length; i++) {
    durations[i] /= 1000;
    selfs[i] /= 1000;
  }
  const out: LatencyStats[] = [];
  for (let g = 0; g < groups.count; g++) {
    const lo = groups.offsets[g];
    const hi = groups.offsets[g + 1];
    let errors = 0;
    let selfSum = 0;
    for (let i = lo; i < hi; i++) {
      if (set.status[groups.rows[i]] === SPAN_STATUS.error) errors++;
      selfSum += Number.isFinite(selfs[i]) ? selfs[i] : 0;
    }
    const calls = hi - lo;
    const op = groups.operation[g];
    out.push({
      service: set.services[groups.service[g]],
      ...(op >= 0 ? { operation: set.operations[op] } : {}),
      calls,
      errors,
      errorRate: calls ? errors / calls : 0,
      durationMs: latencyPercentiles(quantiles, durations.subarray(lo, hi)),
      selfTimeMs: selfSum,
      selfTimeP50Ms: calls ? quantiles(selfs.subarray(lo, hi), [0.5])[0] : NaN,
    });
  }
  return out;
}
