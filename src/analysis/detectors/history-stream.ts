// Streaming for detectors whose score at a point depends only on the values before it (a window) and
// on the point's absolute index: the stream carries the history the next point needs, so chunks equal batch.
import type { DetectorResult, DetectorStream, SeriesPoints } from './types';

/** A window detector's batch core: scores v[first..] where v[0] sits at absolute index `origin`. */
export interface HistoryCore {
  score(v: Float64Array, first: number, origin: number): DetectorResult;
  /** First absolute index the point at absolute index `pos` (and every later one) may read. */
  historyStart(pos: number): number;
}

/** An empty result of n points (score 0, flag 0, raw NaN). */
export function emptyResult(n: number): DetectorResult {
  return { score: new Float64Array(n), flag: new Uint8Array(n), raw: new Float64Array(n).fill(NaN) };
}

/** Pushes of consecutive chunks; each push scores the chunk with the carried history in front. */
export function historyStream(core: HistoryCore): DetectorStream {
  let history = new Float64Array(0);
  let historyOrigin = 0;
  let pos = 0;
  return {
    push(chunk: SeriesPoints): DetectorResult {
      const n = chunk.v.length;
      if (n === 0) return emptyResult(0);
      const all = new Float64Array(history.length + n);
      all.set(history);
      all.set(chunk.v, history.length);
      const result = core.score(all, history.length, historyOrigin);
      pos += n;
      const keep = Math.max(historyOrigin, Math.min(pos, core.historyStart(pos)));
      history = all.slice(keep - historyOrigin);
      historyOrigin = keep;
      return result;
    },
  };
}
