import { describe, expect, it } from 'vitest';
import { hashName, Rng, rngFromState } from '../../src/chaos/rng';

/** xoshiro128** written independently with BigInt and 32-bit masks (the reference twin). */
function referenceXoshiro(state: bigint[], n: number): number[] {
  const M = 0xffffffffn;
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M;
  const s = [...state];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(Number((rotl((s[1] * 5n) & M, 7n) * 9n) & M));
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
  }
  return out;
}

describe('chaos rng', () => {
  it('matches a BigInt xoshiro128** on 1000 outputs from a known state, starting 11520', () => {
    const states = [[1, 2, 3, 4], [0xdeadbeef, 0x12345678, 0x9abcdef0, 0x0badf00d]];
    for (const st of states) {
      const r = rngFromState(st[0] | 0, st[1] | 0, st[2] | 0, st[3] | 0);
      const got = Array.from({ length: 1000 }, () => r.nextU32());
      expect(got).toEqual(referenceXoshiro(st.map(BigInt), 1000));
    }
    expect(rngFromState(1, 2, 3, 4).nextU32()).toBe(11520);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 50 }, () => a.uniform());
    expect(Array.from({ length: 50 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 50 }, () => c.uniform())).not.toEqual(xa);
  });

  it('derived streams are independent: drawing from one, or deriving another, does not shift a stream', () => {
    const root1 = new Rng(7);
    const s1 = root1.derive('fault:latency');
    const first = Array.from({ length: 20 }, () => s1.nextU32());
    const root2 = new Rng(7);
    const other = root2.derive('fault:crash');
    for (let i = 0; i < 100; i++) other.nextU32();
    root2.nextU32();
    const s2 = root2.derive('fault:latency');
    expect(Array.from({ length: 20 }, () => s2.nextU32())).toEqual(first);
    expect(root1.derive('edge:a>b').nextU32()).not.toBe(root1.derive('edge:a>c').nextU32());
    expect(hashName('a')).not.toBe(hashName('b'));
  });

  it('uniform, exponential and normal have the right moments', () => {
    const r = new Rng(1);
    const n = 100000;
    let su = 0, se = 0, sn = 0, sn2 = 0, lo = 1, hi = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      su += u;
      se += r.exponential(10);
      const z = r.normal(5, 2);
      sn += z;
      sn2 += z * z;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(se / n).toBeGreaterThan(9.8);
    expect(se / n).toBeLessThan(10.2);
    expect(sn / n).toBeCloseTo(5, 1);
    expect(Math.sqrt(sn2 / n - (sn / n) ** 2)).toBeCloseTo(2, 1);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
  });
});
