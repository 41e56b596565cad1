// Deterministic sampling by trace id: OTel's ratio rule on the 56 rightmost bits (keep iff R ≥ (1 − p)·2^56)
// and the collector's tail `probabilistic` rule (FNV-1a 64 of salt ‖ the 16 id bytes ≤ ratio · (2^64 − 1)).

const TWO28 = 2 ** 28;
const HEX = /^[0-9a-f]+$/;

/** The 16 bytes of a trace id written in hex (shorter ids left-padded with zeros); FNV-1a of the text when not hex. */
export function traceIdBytes(id: string): Uint8Array {
  const out = new Uint8Array(16);
  if (id.length <= 32 && HEX.test(id)) {
    const hex = id.padStart(32, '0');
    for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  const [hi, lo] = fnv1a64([new TextEncoder().encode(id)]);
  for (let i = 0; i < 4; i++) {
    out[8 + i] = (hi >>> (24 - 8 * i)) & 0xff;
    out[12 + i] = (lo >>> (24 - 8 * i)) & 0xff;
  }
  return out;
}

/** The randomness R of a trace id: its 7 rightmost bytes as two 28-bit halves [high, low]. */
export function traceRandomness(bytes: Uint8Array): [number, number] {
  const hi = (bytes[9] << 20) | (bytes[10] << 12) | (bytes[11] << 4) | (bytes[12] >>> 4);
  const lo = ((bytes[12] & 0x0f) << 24) | (bytes[13] << 16) | (bytes[14] << 8) | bytes[15];
  return [hi, lo];
}

/**
 * OTel's ProbabilitySampler rule (the reference for TraceIdRatioBased): keep iff R ≥ T with the rejection
 * threshold T = (1 − p)·2^56, compared exactly on 28-bit halves. p ≥ 1 keeps all, p ≤ 0 none.
 */
export function keepByRatio(r: [number, number], p: number): boolean {
  if (p >= 1) return true;
  if (!(p > 0)) return false;
  const t = (1 - p) * 2 ** 56; // exact: a double times a power of two
  const tHi = Math.floor(t / TWO28);
  const tLo = t - tHi * TWO28;
  return r[0] > tHi || (r[0] === tHi && r[1] >= tLo);
}

/** FNV-1a 64 over the byte arrays in turn, as [high 32 bits, low 32 bits] (16-bit limbs, no BigInt). */
export function fnv1a64(parts: readonly Uint8Array[]): [number, number] {
  // Offset basis 0xcbf29ce484222325, limbs low first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const bytes of parts) {
    for (let i = 0; i < bytes.length; i++) {
      h0 ^= bytes[i];
      // × 0x100000001b3 (limbs 0x01b3, 0, 0x0100, 0) mod 2^64.
      const r0 = h0 * 0x1b3;
      const r1 = h1 * 0x1b3 + (r0 >>> 16);
      const r2 = h2 * 0x1b3 + h0 * 0x100 + Math.floor(r1 / 65536);
      const r3 = h3 * 0x1b3 + h1 * 0x100 + Math.floor(r2 / 65536);
      h0 = r0 & 0xffff;
      h1 = r1 % 65536;
      h2 = r2 % 65536;
      h3 = r3 % 65536;
    }
  }
  return [h3 * 65536 + h2, h1 * 65536 + h0];
}

/** The collector's threshold for a sampling percentage: ratio · (2^64 − 1), as a BigInt. */
export function probabilisticThreshold(percent: number): bigint {
  const ratio = percent / 100;
  if (ratio >= 1) return (1n << 64n) - 1n;
  if (!(ratio > 0)) return -1n;
  const scaled = BigInt(Math.floor(ratio * 2 ** 53));
  return (scaled * ((1n << 64n) - 1n)) >> 53n;
}

const encoder = new TextEncoder();

/** Tail `probabilistic`: FNV-1a 64 of salt ‖ id bytes ≤ threshold (percentages ≥ 100 keep all). */
export function keepByHash(idBytes: Uint8Array, salt: string, threshold: bigint): boolean {
  const [hi, lo] = fnv1a64(salt ? [encoder.encode(salt), idBytes] : [idBytes]);
  return (BigInt(hi) << 32n) + BigInt(lo) <= threshold;
}
