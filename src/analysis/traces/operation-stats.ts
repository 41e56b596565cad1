// Per service and per operation: calls, errors, error rate, self time and latency percentiles (ms) from
// span rows grouped once; percentiles come from the QuantileFn (the percentile core in the app and CLI).

import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import { latencyPercentiles, type LatencyPercentiles, type QuantileFn } from './quantiles';
import type { SpanGroups } from './span-groups';

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
  /** Sum and median of the spans' self time, ms (NaN when not computed). */
  selfTimeMs: number;
  selfTimeP50Ms: number;
}

/** One LatencyStats per group of `groups`; `selfUs` is the self time per span row (µs; without it the self-time figures are NaN). */
export function latencyStats(set: TraceSet, groups: SpanGroups, quantiles: QuantileFn, selfUs?: Float64Array): LatencyStats[] {
  // One scratch column the size of the largest group, reused for every group (warm memory).
  let largest = 0;
  for (let g = 0; g < groups.count; g++) largest = Math.max(largest, groups.offsets[g + 1] - groups.offsets[g]);
  const scratch = new Float64Array(largest);
  const rows = groups.rows;
  const status = set.status;
  const duration = set.duration;
  const out: LatencyStats[] = [];
  for (let g = 0; g < groups.count; g++) {
    const lo = groups.offsets[g];
    const calls = groups.offsets[g + 1] - lo;
    const column = scratch.subarray(0, calls);
    let errors = 0;
    let selfSum = selfUs ? 0 : NaN;
    let selfTimeP50Ms = NaN;
    if (selfUs) {
      for (let i = 0; i < calls; i++) {
        const self = selfUs[rows[lo + i]] / 1000;
        selfSum += Number.isFinite(self) ? self : 0;
        column[i] = self;
      }
      if (calls) selfTimeP50Ms = quantiles(column, [0.5])[0];
    }
    for (let i = 0; i < calls; i++) {
      const r = rows[lo + i];
      if (status[r] === SPAN_STATUS.error) errors++;
      column[i] = duration[r] / 1000;
    }
    const op = groups.operation[g];
    out.push({
      service: set.services[groups.service[g]],
      ...(op >= 0 ? { operation: set.operations[op] } : {}),
      calls,
      errors,
      errorRate: calls ? errors / calls : 0,
      durationMs: latencyPercentiles(quantiles, column),
      selfTimeMs: selfSum,
      selfTimeP50Ms,
    });
  }
  return out;
}
