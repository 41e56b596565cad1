// One row per trace: time span (earliest start to latest end), span and error counts, root span. What
// sampling, slow-trace detection and a trace list read.

import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import type { SpanForest } from './span-forest';

export interface TraceTable {
  count: number;
  /** Index into set.traceIds of each forest trace. */
  traceId: Uint32Array;
  /** Earliest span start and latest span end, µs (NaN when no span has a time). */
  start: Float64Array;
  end: Float64Array;
  /** end − start, µs: the trace duration OTel's latency policy uses. */
  duration: Float64Array;
  spans: Uint32Array;
  errorSpans: Uint32Array;
  /** The earliest root span row, -1 when every span hangs under a placeholder. */
  rootSpan: Int32Array;
}

export function traceTable(set: TraceSet, forest: SpanForest): TraceTable {
  const T = forest.traceCount;
  const n = set.spanCount;
  const start = new Float64Array(T).fill(Infinity);
  const end = new Float64Array(T).fill(-Infinity);
  const spans = new Uint32Array(T);
  const errorSpans = new Uint32Array(T);
  for (let r = 0; r < n; r++) {
    const t = forest.traceOf[r];
    spans[t]++;
    if (set.status[r] === SPAN_STATUS.error) errorSpans[t]++;
    const s = set.start[r];
    if (!Number.isFinite(s)) continue;
    if (s < start[t]) start[t] = s;
    const e = s + Math.max(0, set.duration[r] || 0);
    if (e > end[t]) end[t] = e;
  }
  const duration = new Float64Array(T);
  const rootSpan = new Int32Array(T).fill(-1);
  for (let t = 0; t < T; t++) {
    if (start[t] === Infinity) start[t] = end[t] = NaN;
    duration[t] = end[t] - start[t];
    for (let i = forest.rootOffsets[t]; i < forest.rootOffsets[t + 1]; i++) {
      if (forest.roots[i] < n) {
        rootSpan[t] = forest.roots[i];
        break;
      }
    }
  }
  return { count: T, traceId: forest.traceId, start, end, duration, spans, errorSpans, rootSpan };
}
