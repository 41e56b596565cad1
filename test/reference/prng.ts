// Plain-JS twin of assembly/prng.ts: xoshiro128** seeded by splitmix32 in u32 arithmetic
// (Math.imul, >>> 0), so every draw equals the kernel's bit for bit.

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

export class Xoshiro128 {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private mix = 0;

  constructor(seed: number) {
    this.mix = seed >>> 0;
    this.s0 = this.splitmix32();
    this.s1 = this.splitmix32();
    this.s2 = this.splitmix32();
    this.s3 = this.splitmix32();
  }

  private splitmix32(): number {
    this.mix = (this.mix + 0x9e3779b9) >>> 0;
    let z = this.mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  nextUniform(): number {
    return this.nextU32() * (1 / 4294967296);
  }

  /** Uniform integer in [0, n). */
  nextBelow(n: number): number {
    return Math.floor(this.nextUniform() * n);
  }
}
