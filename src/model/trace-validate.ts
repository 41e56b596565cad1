// Validation of a TraceSet as readable warnings: negative durations, out-of-range times, duplicate span
// ids, orphans, parent cycles (broken in place, iteratively) and children that start before their parent.

import { SPAN_KIND, type TraceSet } from './traces';

/** Span starts outside [1990-01-01, 2100-01-01) in µs are out of range (usually a wrong unit). */
export const MIN_START_MICROS = 631_152_000_000_000;
export const MAX_START_MICROS = 4_102_444_800_000_000;

/** Up to three examples in a message. */
function examples(list: string[]): string {
  return list.slice(0, 3).join(', ') + (list.length > 3 ? ', …' : '');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Breaks parent cycles in place (the span closing a cycle loses its parent); returns the rows changed. */
export function breakParentCycles(set: TraceSet): number[] {
  const n = set.spanCount;
  const state = new Uint8Array(n); // 0 new, 1 on the current path, 2 done
  const broken: number[] = [];
  const path: number[] = [];
  for (let i = 0; i < n; i++) {
    if (state[i]) continue;
    let r = i;
    while (r >= 0 && state[r] === 0) {
      state[r] = 1;
      path.push(r);
      const p = set.parentIdx[r];
      if (p >= 0 && state[p] === 1) {
        set.parentIdx[r] = -1;
        broken.push(r);
        break;
      }
      r = p;
    }
    for (const x of path) state[x] = 2;
    path.length = 0;
  }
  return broken;
}

/** Checks `set` (breaking parent cycles); each kind of problem is one warning with counts and examples. */
export function validateTraces(set: TraceSet): string[] {
  const warnings: string[] = [];
  const n = set.spanCount;
  const id = (r: number): string => `${set.spanIds[set.spanIdx[r]]} (trace ${set.traceIds[set.traceIdx[r]]})`;
  const negative: string[] = [];
  const noTime: string[] = [];
  const outOfRange: string[] = [];
  for (let r = 0; r < n; r++) {
    const s = set.start[r];
    const d = set.duration[r];
    if (!Number.isFinite(s)) noTime.push(id(r));
    else if (s < MIN_START_MICROS || s >= MAX_START_MICROS) outOfRange.push(`${id(r)} at ${s} µs`);
    if (d < 0) negative.push(`${id(r)}: ${d} µs`);
  }
  if (negative.length) warnings.push(`${plural(negative.length, 'span has', 'spans have')} a negative duration (end before start), kept as given: ${examples(negative)}.`);
  if (noTime.length) warnings.push(`${plural(noTime.length, 'span has', 'spans have')} no start time (incomplete spans): ${examples(noTime)}.`);
  if (outOfRange.length) warnings.push(`${plural(outOfRange.length, 'span starts', 'spans start')} before 1990 or after 2100 (a wrong time unit?): ${examples(outOfRange)}.`);

  // Duplicate span ids in one trace; a Zipkin client/server pair sharing an id is not a duplicate.
  // First row of each span id (typed: no key string per span); the same id in another trace is rare: a Map.
  const firstBySpan = new Int32Array(set.spanIds.length).fill(-1);
  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  for (let r = 0; r < n; r++) {
    let first: number | undefined = firstBySpan[set.spanIdx[r]];
    if (first < 0) {
      firstBySpan[set.spanIdx[r]] = r;
      continue;
    }
    if (set.traceIdx[first] !== set.traceIdx[r]) {
      const key = `${set.traceIdx[r]}:${set.spanIdx[r]}`;
      first = seen.get(key);
      if (first === undefined) {
        seen.set(key, r);
        continue;
      }
    }
    const pair = [set.kind[first], set.kind[r]].sort().join();
    const shared = pair === [SPAN_KIND.server, SPAN_KIND.client].sort().join();
    if (!shared) duplicates.push(id(r));
  }
  if (duplicates.length) warnings.push(`${plural(duplicates.length, 'span repeats', 'spans repeat')} a span id already seen in its trace (kept as separate spans): ${examples(duplicates)}.`);

  const orphans: string[] = [];
  for (let r = 0; r < n; r++) {
    if (set.parentSpanIdx[r] >= 0 && set.parentIdx[r] < 0) orphans.push(`${id(r)} → parent ${set.spanIds[set.parentSpanIdx[r]]}`);
  }
  const cycles = breakParentCycles(set);
  if (cycles.length) warnings.push(`${plural(cycles.length, 'parent cycle was', 'parent cycles were')} broken (the span closing each cycle is treated as a root): ${examples(cycles.map(id))}.`);
  if (orphans.length) warnings.push(`${plural(orphans.length, 'span has its', 'spans have their')} parent missing from the file (imported as roots of their subtree): ${examples(orphans)}.`);

  const skewed: string[] = [];
  for (let r = 0; r < n; r++) {
    const p = set.parentIdx[r];
    if (p >= 0 && set.start[r] < set.start[p]) skewed.push(`${id(r)} starts ${set.start[p] - set.start[r]} µs before its parent`);
  }
  if (skewed.length) warnings.push(`${plural(skewed.length, 'span starts', 'spans start')} before ${skewed.length === 1 ? 'its' : 'their'} parent (clock skew between hosts; not corrected): ${examples(skewed)}.`);
  return warnings;
}
