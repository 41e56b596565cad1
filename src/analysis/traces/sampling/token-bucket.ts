// A token bucket with golang.org/x/time/rate semantics (what the collector's rate_limiting and
// bytes_limiting policies use): starts full, refills continuously, AllowN takes n tokens or none.

export class TokenBucket {
  private tokens: number;
  private last = -Infinity;

  /** `perSecond` tokens a second, at most `burst` held. */
  constructor(private readonly perSecond: number, private readonly burst: number) {
    this.tokens = burst;
  }

  /** Takes n tokens at time `nowUs` (µs) when the bucket holds them; n above the burst never passes. */
  allow(nowUs: number, n: number): boolean {
    if (n > this.burst) return false;
    // Refill as (µs × rate) / 1e6: exact for whole µs and whole rates.
    const refill = this.last === -Infinity ? Infinity : (Math.max(0, nowUs - this.last) * this.perSecond) / 1e6;
    const tokens = Math.min(this.burst, this.tokens + refill);
    if (tokens < n) return false;
    this.tokens = tokens - n;
    this.last = Math.max(this.last, nowUs);
    return true;
  }
}
