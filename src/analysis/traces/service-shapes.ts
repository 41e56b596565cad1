// Every service's spans over one shared time range, for the Overview's Services table: the services' rows
// (trace insights) and, per service and bucket, the spans that start in it (its span rate's sparkline).

import type { TraceSet } from '../../model/traces';
import { MAX_BUCKETS, nextUp } from '../chart';
import { bucketOf } from '../chart-summary';
import type { ShapesRequest } from '../series-shapes';
import type { LatencyRow } from './insights';

export interface ServiceShapes {
  /** The services' rows, most spans first (as in the trace insights). */
  services: LatencyRow[];
  buckets: number;
  /** Spans of services[j] starting in bucket b, at j * buckets + b. */
  spans: Uint32Array;
}

/**
 * Counts the spans of each service of `services` (rows kept as given) per equal-width bucket of
 * [range.start, range.end] (ms, both included), by their starts in `start` (µs; spans without a start, or
 * outside the range, are left out).
 */
export function serviceShapesOf(set: TraceSet, start: Float64Array, services: LatencyRow[], range: Omit<ShapesRequest, 'datasetId'>): ServiceShapes {
  const buckets = Math.floor(range.buckets);
  if (!(buckets >= 1 && buckets <= MAX_BUCKETS)) throw new RangeError(`Service shapes need 1 to ${MAX_BUCKETS} buckets, not ${range.buckets}.`);
  const spans = new Uint32Array(services.length * buckets);
  const t0 = range.start;
  const span = nextUp(range.end) - t0;
  if (!(span > 0)) return { services, buckets, spans };
  // Row of each of the set's services in `services` (-1: not among them).
  const rowOf = set.services.map((name) => services.findIndex((r) => r.service === name));
  for (let r = 0; r < set.spanCount; r++) {
    const j = rowOf[set.serviceIdx[r]];
    const t = start[r] / 1000;
    if (j < 0 || !(t >= t0 && t <= range.end)) continue;
    spans[j * buckets + bucketOf(t, t0, span, buckets)]++;
  }
  return { services, buckets, spans };
}
