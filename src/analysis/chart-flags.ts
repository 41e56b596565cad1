// Which flagged points a chart sends: those of the visible range, or the maxFlags with the largest |score|.
// Long flag lists keep each 16 Ki-flag chunk's top maxFlags (best first) once: a request merges those.

/** Flags per chunk of the cached per-chunk top lists. */
export const FLAG_CHUNK = 1 << 14;

/**
 * The `k` indices with the largest |score| (ties: the earlier point wins), returned in ascending
 * index order. A bounded min-heap, O(n log k), since a low threshold can flag millions of points.
 */
export function largestScores(indices: Uint32Array, score: Float64Array, k: number): Uint32Array {
  if (k <= 0) return new Uint32Array(0);
  const heap = new Uint32Array(k);
  let size = 0;
  // "a is worse than b": smaller |score|, or equal |score| and later.
  const worse = (a: number, b: number): boolean => {
    const sa = Math.abs(score[a]);
    const sb = Math.abs(score[b]);
    return sa < sb || (sa === sb && a > b);
  };
  const siftDown = (at: number): void => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let w = at;
      if (l < size && worse(heap[l], heap[w])) w = l;
      if (r < size && worse(heap[r], heap[w])) w = r;
      if (w === at) return;
      const tmp = heap[at];
      heap[at] = heap[w];
      heap[w] = tmp;
      at = w;
    }
  };
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    if (size < k) {
      let at = size++;
      heap[at] = i;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at], heap[parent])) break;
        const tmp = heap[at];
        heap[at] = heap[parent];
        heap[parent] = tmp;
        at = parent;
      }
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.subarray(0, size).sort();
}

/** Per whole chunk c of a flag list (positions [c * FLAG_CHUNK, (c + 1) * FLAG_CHUNK)), its top k, best first. */
interface ChunkTops {
  k: number;
  score: Float64Array;
  tops: Uint32Array[];
}

// Built on the first request that needs them, dropped with the flag list (never written after scoring).
const chunkTops = new WeakMap<Uint32Array, ChunkTops>();

/** "Index a ranks before index b": larger |score|, or equal |score| and earlier. A strict total order. */
function better(score: Float64Array, a: number, b: number): boolean {
  const sa = Math.abs(score[a]);
  const sb = Math.abs(score[b]);
  return sa > sb || (sa === sb && a < b);
}

/** The top k of `indices`, best first. */
function bestFirst(indices: Uint32Array, score: Float64Array, k: number): Uint32Array {
  const top = Array.from(largestScores(indices, score, k));
  top.sort((a, b) => (better(score, a, b) ? -1 : better(score, b, a) ? 1 : 0));
  return Uint32Array.from(top);
}

function topsOf(flagged: Uint32Array, score: Float64Array, k: number): ChunkTops {
  const hit = chunkTops.get(flagged);
  if (hit && hit.k === k && hit.score === score) return hit;
  const tops: Uint32Array[] = [];
  for (let from = 0; from + FLAG_CHUNK <= flagged.length; from += FLAG_CHUNK) {
    tops.push(bestFirst(flagged.subarray(from, from + FLAG_CHUNK), score, k));
  }
  const built = { k, score, tops };
  chunkTops.set(flagged, built);
  return built;
}

/** The first k of the union of lists each sorted best first (k-way merge), in ascending index order. */
function mergeBest(lists: Uint32Array[], score: Float64Array, k: number): Uint32Array {
  const out = new Uint32Array(k);
  const at = new Uint32Array(lists.length);
  // Binary heap of list numbers, the list whose next index ranks first on top.
  const heap: number[] = [];
  const head = (l: number): number => lists[l][at[l]];
  const above = (x: number, y: number): boolean => better(score, head(x), head(y));
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && above(heap[l], heap[w])) w = l;
      if (r < heap.length && above(heap[r], heap[w])) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w], heap[i]];
      i = w;
    }
  };
  for (let l = 0; l < lists.length; l++) if (lists[l].length > 0) heap.push(l);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  let n = 0;
  while (n < k && heap.length > 0) {
    const l = heap[0];
    out[n++] = head(l);
    if (++at[l] < lists[l].length) siftDown(0);
    else {
      heap[0] = heap[heap.length - 1];
      heap.pop();
      siftDown(0);
    }
  }
  return out.subarray(0, n).sort();
}

/**
 * The indices among flagged[lo, hi) to send: all of them when at most k, else the k with the largest
 * |score| (ascending). Exact either way: a flag in a whole chunk's range that is not in the chunk's top k
 * has k better flags in the range, so the top k of (chunk tops + flags of the partial chunks) is the answer.
 */
export function selectFlags(
  flagged: Uint32Array,
  score: Float64Array,
  lo: number,
  hi: number,
  k: number,
  useChunks: boolean,
): Uint32Array {
  if (hi - lo <= k) return flagged.subarray(lo, hi);
  const first = Math.ceil(lo / FLAG_CHUNK);
  const end = Math.floor(hi / FLAG_CHUNK);
  // Fewer than 4 whole chunks: the heap over the range is already cheap.
  if (!useChunks || end - first < 4 || k > FLAG_CHUNK / 4) return largestScores(flagged.subarray(lo, hi), score, k);
  const { tops } = topsOf(flagged, score, k);
  const partial = new Uint32Array(first * FLAG_CHUNK - lo + (hi - end * FLAG_CHUNK));
  partial.set(flagged.subarray(lo, first * FLAG_CHUNK), 0);
  partial.set(flagged.subarray(end * FLAG_CHUNK, hi), first * FLAG_CHUNK - lo);
  return mergeBest([bestFirst(partial, score, k), ...tops.slice(first, end)], score, k);
}
