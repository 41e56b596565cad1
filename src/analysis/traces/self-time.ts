// Self time of every span: its duration minus the union of its children's intervals clipped to it (the
// time no child was running), in one sweep over each span's start-ordered children.

import type { TraceSet } from '../../model/traces';
import type { SpanForest } from './span-forest';

/** Self time per span row, µs; `start` is the start column to use (clock-skew adjusted or the set's). */
export function selfTimes(set: TraceSet, forest: SpanForest, start: Float64Array = set.start): Float64Array {
  const n = set.spanCount;
  const out = new Float64Array(n);
  const { childOffsets, children } = forest;
  let scratch: number[] | undefined;
  for (let v = 0; v < n; v++) {
    const s = start[v];
    const e = s + set.duration[v];
    const lo = childOffsets[v];
    const hi = childOffsets[v + 1];
    let list: ArrayLike<number> = children;
    let from = lo;
    let to = hi;
    for (let i = lo + 1; i < hi; i++) {
      if (start[children[i]] < start[children[i - 1]]) {
        // Children are ordered by the set's start; an adjusted start column can reorder them.
        scratch = Array.from(children.subarray(lo, hi)).sort((a, b) => start[a] - start[b]);
        list = scratch;
        from = 0;
        to = scratch.length;
        break;
      }
    }
    let covered = 0;
    let runStart = NaN;
    let runEnd = NaN;
    for (let i = from; i < to; i++) {
      const c = list[i];
      const cs = Math.max(s, start[c]);
      const ce = Math.min(e, start[c] + set.duration[c]);
      if (!(ce > cs)) continue;
      if (runEnd !== runEnd || cs > runEnd) {
        if (runEnd === runEnd) covered += runEnd - runStart;
        runStart = cs;
        runEnd = ce;
      } else if (ce > runEnd) {
        runEnd = ce;
      }
    }
    if (runEnd === runEnd) covered += runEnd - runStart;
    out[v] = Math.max(0, set.duration[v] - covered);
  }
  return out;
}
