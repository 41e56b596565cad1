// The replay's seeded PRNG: xoshiro128** seeded through splitmix32, 32-bit integer arithmetic with
// Math.imul only, so every draw is bit-identical in Node and Chromium; named streams derive independently.

/** FNV-1a over the UTF-16 code units of a name: the key of a derived stream. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One splitmix32 step from `x`; returns the mixed value (state advances by the golden gamma outside). */
function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The 32-bit seed this stream was built from (derive() mixes names into it). */
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    let x = this.seed;
    x = (x + 0x9e3779b9) >>> 0;
    this.s0 = mix32(x);
    x = (x + 0x9e3779b9) >>> 0;
    this.s1 = mix32(x);
    x = (x + 0x9e3779b9) >>> 0;
    this.s2 = mix32(x);
    x = (x + 0x9e3779b9) >>> 0;
    this.s3 = mix32(x);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** An independent stream keyed by `name` (e.g. "fault:3", "edge:checkout>payment"): draws from one stream never shift another's. */
  derive(name: string): Rng {
    return new Rng(mix32((this.seed ^ hashName(name)) + 0x6a09e667));
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextU32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const m = Math.imul(s1, 5);
    const rot = (m << 7) | (m >>> 25);
    const result = Math.imul(rot, 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = (n3 << 11) | (n3 >>> 21);
    this.s0 = n0 | 0;
    this.s1 = n1 | 0;
    this.s2 = n2 | 0;
    this.s3 = n3 | 0;
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits (two draws). */
  uniform(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) / TWO_POW_53;
  }

  /** Uniform in [0, 1) from one 32-bit draw (the hot loop's cheap variant). */
  uniform32(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Integer in [0, n) (n ≤ 2^32), by multiply-shift. */
  int(n: number): number {
    return Math.floor(this.uniform32() * n);
  }

  /** Exponential with the given mean (inverse CDF). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Normal by Box–Muller (one pair per call, the second value discarded so the stream position is simple). */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p >= 1 || (p > 0 && this.uniform32() < p);
  }
}

/** A stream started from an explicit xoshiro128** state (reference-vector tests). */
export function rngFromState(s0: number, s1: number, s2: number, s3: number): Rng {
  const r = new Rng(0);
  Object.assign(r, { s0, s1, s2, s3 });
  return r;
}
