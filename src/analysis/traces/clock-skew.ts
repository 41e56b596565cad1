// Clock-skew adjustment as Jaeger's query adjuster does it: a child from another host that does not fit in
// its (already adjusted) parent is shifted into it, and the shift carries to its same-host descendants.

import type { TraceSet } from '../../model/traces';
import type { SpanForest } from './span-forest';

export interface SkewAdjustment {
  /** Adjusted start per span row, µs. */
  start: Float64Array;
  /** Shift applied per span row, µs (0 when none). */
  shift: Float64Array;
  /** 1 for the spans that were moved (for the waterfall to mark). */
  adjusted: Uint8Array;
  adjustedCount: number;
}

/**
 * Jaeger's calculateSkew on µs: 0 when the child fits; when it outlasted its parent, only a start before
 * the parent is corrected; otherwise the child is centred in its parent (network latency split evenly).
 */
export function skewOf(parentStart: number, parentDuration: number, childStart: number, childDuration: number): number {
  if (childDuration > parentDuration) return childStart < parentStart ? parentStart - childStart : 0;
  if (childStart >= parentStart && childStart + childDuration <= parentStart + parentDuration) return 0;
  return parentStart + (parentDuration - childDuration) / 2 - childStart;
}

/**
 * Shifts children into their parents (Jaeger's ClockSkew adjuster), walking each trace in pre-order. The
 * host of a span is its service (the model keeps no host address): a child of the same service inherits
 * its parent's shift, a child of another service gets its own. Roots, orphans and async children of
 * another service are not moved.
 */
export function adjustClockSkew(set: TraceSet, forest: SpanForest): SkewAdjustment {
  const n = set.spanCount;
  const start = set.start.slice();
  const shift = new Float64Array(n);
  const adjusted = new Uint8Array(n);
  let adjustedCount = 0;
  for (let i = 0; i < forest.order.length; i++) {
    const v = forest.order[i];
    if (v >= n) continue;
    const p = forest.parent[v];
    if (p < 0 || p >= n) continue;
    let delta = shift[p];
    if (set.serviceIdx[v] !== set.serviceIdx[p]) {
      // An async child (FOLLOWS_FROM, producer → consumer) may rightly run outside its parent: not moved.
      const d = forest.async[v] ? 0 : skewOf(start[p], set.duration[p], set.start[v], set.duration[v]);
      delta = Number.isFinite(d) ? d : 0;
    }
    if (delta !== 0) {
      shift[v] = delta;
      start[v] = set.start[v] + delta;
      adjusted[v] = 1;
      adjustedCount++;
    }
  }
  return { start, shift, adjusted, adjustedCount };
}
