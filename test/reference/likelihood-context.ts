// The likelihood twin's pattern novelty (after CAD OSE's contexts): values quantised on a grid,
// the last 1..depth of them as contexts in a set; novelty = the share of the current contexts never seen.

/** Mixes one quantised level into a context hash (two 32-bit multiplicative hashes make one < 2^53 key). */
function mix(h: number, level: number, salt: number): number {
  let x = Math.imul(h ^ level, 0x9e3779b1) ^ salt;
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca77);
  return (x ^ (x >>> 13)) >>> 0;
}

/**
 * Learns the contexts of a series and scores how new the latest ones are. The grid is CAD OSE's:
 * `levels` steps over the value range, here the range of the first `warmUp` values (the learning
 * period, no look-ahead), replayed into the memory once the grid is known. Beyond the range levels go
 * on counting (a value never reached makes new contexts).
 */
export class ContextNovelty {
  private readonly pending: number[] = [];
  private min = Infinity;
  private max = -Infinity;
  private step = NaN;
  private readonly recent: Int32Array;
  private filled = 0;
  private readonly seen = new Set<number>();
  constructor(private readonly levels: number, private readonly depth: number, private readonly warmUp: number) {
    this.recent = new Int32Array(depth);
  }

  /** Novelty of x in [0, 1] (0 until the grid is fixed at the end of the warm-up), then learns x. */
  next(x: number): number {
    if (Number.isNaN(this.step)) {
      this.pending.push(x);
      if (x < this.min) this.min = x;
      if (x > this.max) this.max = x;
      if (this.pending.length < this.warmUp) return 0;
      const range = this.max - this.min;
      this.step = range > 0 ? range / (this.levels - 1) : Math.max(Math.abs(this.max), 1) / (this.levels - 1);
      for (const v of this.pending) this.learn(v);
      this.pending.length = 0;
      return 0;
    }
    return this.learn(x);
  }

  /** Shifts x's level into the recent window, counts its unseen suffix contexts and remembers them. */
  private learn(x: number): number {
    const level = Math.floor((x - this.min) / this.step);
    this.recent.copyWithin(1, 0, this.depth - 1);
    this.recent[0] = level;
    if (this.filled < this.depth) this.filled++;
    let lo = 0;
    let hi = 0x2545f491;
    let unseen = 0;
    for (let k = 0; k < this.filled; k++) {
      lo = mix(lo, this.recent[k], k);
      hi = mix(hi, this.recent[k], k + 0x6a09e667);
      const key = (hi & 0x1fffff) * 4294967296 + lo;
      if (!this.seen.has(key)) {
        unseen++;
        this.seen.add(key);
      }
    }
    return unseen / this.filled;
  }
}
