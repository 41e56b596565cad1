// Which operations dominate the critical path across traces: each (service, operation)'s total time on
// the critical paths, its share of all critical-path time, and in how many traces it appears there.

import type { TraceSet } from '../../model/traces';
import type { CriticalPaths } from './critical-path';
import type { SpanGroups } from './span-groups';

export interface CriticalPathShare {
  service: string;
  operation: string;
  /** Time on the critical path, ms. */
  timeMs: number;
  /** timeMs over all critical-path time. */
  share: number;
  /** Traces whose critical path passes through this operation. */
  traces: number;
}

/** Shares per operation group (`groups` from groupByOperation), most critical-path time first. */
export function criticalPathShares(set: TraceSet, groups: SpanGroups, paths: CriticalPaths): CriticalPathShare[] {
  const time = new Float64Array(groups.count);
  const traces = new Uint32Array(groups.count);
  const lastTrace = new Int32Array(groups.count).fill(-1);
  let total = 0;
  for (let t = 0; t + 1 < paths.offsets.length; t++) {
    for (let i = paths.offsets[t]; i < paths.offsets[t + 1]; i++) {
      const g = groups.groupOf[paths.span[i]];
      const d = paths.end[i] - paths.start[i];
      time[g] += d;
      total += d;
      if (lastTrace[g] !== t) {
        lastTrace[g] = t;
        traces[g]++;
      }
    }
  }
  const out: CriticalPathShare[] = [];
  for (let g = 0; g < groups.count; g++) {
    if (!traces[g]) continue;
    out.push({
      service: set.services[groups.service[g]],
      operation: set.operations[groups.operation[g]],
      timeMs: time[g] / 1000,
      share: total > 0 ? time[g] / total : 0,
      traces: traces[g],
    });
  }
  return out.sort((a, b) => b.timeMs - a.timeMs || b.traces - a.traces);
}
