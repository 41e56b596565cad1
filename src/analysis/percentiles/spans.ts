// Span durations as percentile input: per (service, operation) groups in ms, and a span set's
// durations as a time series ordered by span start (for rolling percentile series over spans).
import type { TraceSet } from '../../model/traces';

export interface SpanDurationGroup {
  service: string;
  operation: string;
  /** Durations in ms, in span order. */
  ms: Float64Array;
}

/** Span durations in ms grouped by (service, operation), groups in order of first appearance. */
export function spanDurationGroups(set: TraceSet): SpanDurationGroup[] {
  const groups = new Map<number, { service: string; operation: string; ms: number[] }>();
  for (let i = 0; i < set.spanCount; i++) {
    const key = set.serviceIdx[i] * set.operations.length + set.operationIdx[i];
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { service: set.services[set.serviceIdx[i]], operation: set.operations[set.operationIdx[i]], ms: [] }));
    g.ms.push(set.duration[i] / 1000);
  }
  return [...groups.values()].map((g) => ({ service: g.service, operation: g.operation, ms: Float64Array.from(g.ms) }));
}

/**
 * The durations (ms) of the spans `keep` accepts (all by default) as a series over their start time
 * (ms since the epoch), ascending; spans without a start time are left out.
 */
export function spanDurationSeries(set: TraceSet, keep: (row: number) => boolean = () => true): { t: Float64Array; v: Float64Array } {
  const rows: number[] = [];
  for (let i = 0; i < set.spanCount; i++) if (Number.isFinite(set.start[i]) && keep(i)) rows.push(i);
  rows.sort((a, b) => set.start[a] - set.start[b]);
  return { t: Float64Array.from(rows, (r) => set.start[r] / 1000), v: Float64Array.from(rows, (r) => set.duration[r] / 1000) };
}
