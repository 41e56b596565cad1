// Seeded pseudo-random numbers for the randomised kernels: xoshiro128** seeded by splitmix32, u32
// arithmetic only, so test/reference/prng.ts reproduces every draw bit for bit in plain JS.

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;
let mix: u32 = 0;

@inline
function splitmix32(): u32 {
  mix += 0x9e3779b9;
  let z = mix;
  z = (z ^ (z >>> 16)) * 0x85ebca6b;
  z = (z ^ (z >>> 13)) * 0xc2b2ae35;
  return z ^ (z >>> 16);
}

/** Restarts the generator from `seed` (the same seed always gives the same sequence). */
export function seedRandom(seed: u32): void {
  mix = seed;
  s0 = splitmix32();
  s1 = splitmix32();
  s2 = splitmix32();
  s3 = splitmix32();
}

/** Next 32 random bits (xoshiro128**). */
export function nextU32(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

/** Uniform in [0, 1): the next 32 bits divided by 2^32 (exact in f64). */
export function nextUniform(): f64 {
  return <f64>nextU32() * (1.0 / 4294967296.0);
}

/** Uniform integer in [0, n): floor(nextUniform() * n), the same IEEE operations as the JS twin. */
export function nextBelow(n: i32): i32 {
  return <i32>Math.floor(nextUniform() * <f64>n);
}
