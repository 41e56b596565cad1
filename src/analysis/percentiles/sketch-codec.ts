// The quantile sketch's byte format: "FLQS", version 1, three reserved bytes, the f64 slot count (u32
// LE), then the compact state (header + non-empty bins) as f64 LE; decoding checks every field.
import { compactSketch, emptySketchState, HEADER_SLOTS, multiplierOf, SLOT } from '../../kernels/sketch-layout';

export const SKETCH_FORMAT_VERSION = 1;
const MAGIC = [0x46, 0x4c, 0x51, 0x53]; // "FLQS"
const PREFIX = 12;
/** Largest bins per sign a decoded sketch may declare (guards memory against a corrupt header). */
export const MAX_SKETCH_BINS = 1 << 20;

export type Decoded = { ok: true; state: Float64Array } | { ok: false; error: string };

/** The sketch state as bytes (only its non-empty bins). */
export function encodeSketch(state: Float64Array): Uint8Array {
  const compact = compactSketch(state);
  const bytes = new Uint8Array(PREFIX + compact.length * 8);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  bytes[4] = SKETCH_FORMAT_VERSION;
  view.setUint32(8, compact.length, true);
  for (let k = 0; k < compact.length; k++) view.setFloat64(PREFIX + k * 8, compact[k], true);
  return bytes;
}

const fail = (error: string): Decoded => ({ ok: false, error: `not a Faultline quantile sketch: ${error}` });

function checkStore(lo: number, hi: number, cap: number, name: string): string | undefined {
  if (!Number.isInteger(lo) || !Number.isInteger(hi)) return `${name} bin range [${lo}, ${hi}] is not integer`;
  if (hi - lo + 1 > cap) return `${name} bins span ${hi - lo + 1} indexes, more than its ${cap} bins`;
  return undefined;
}

/** The full sketch state from bytes, or what is wrong with them (short, wrong magic/version, bad field). */
export function decodeSketch(bytes: Uint8Array): Decoded {
  if (bytes.length < PREFIX) return fail(`${bytes.length} bytes, shorter than the ${PREFIX}-byte prefix`);
  if (MAGIC.some((b, k) => bytes[k] !== b)) return fail('the first 4 bytes are not "FLQS"');
  if (bytes[4] !== SKETCH_FORMAT_VERSION) return fail(`format version ${bytes[4]}, this build reads version ${SKETCH_FORMAT_VERSION}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const slots = view.getUint32(8, true);
  if (slots < HEADER_SLOTS || bytes.length !== PREFIX + slots * 8) {
    return fail(`${bytes.length} bytes where the prefix announces ${slots} slots (${PREFIX + slots * 8} bytes, at least ${HEADER_SLOTS} slots)`);
  }
  const c = new Float64Array(slots);
  for (let k = 0; k < slots; k++) c[k] = view.getFloat64(PREFIX + k * 8, true);
  const alpha = c[SLOT.alpha];
  const cap = c[SLOT.cap];
  if (!(alpha > 0 && alpha < 1) || c[SLOT.mult] !== multiplierOf(alpha)) return fail(`relative accuracy ${alpha} does not match its index multiplier`);
  if (!Number.isInteger(cap) || cap < 1 || cap > MAX_SKETCH_BINS) return fail(`bins per sign ${cap}, expected an integer from 1 to ${MAX_SKETCH_BINS}`);
  const [posLo, posHi, negLo, negHi] = [c[SLOT.posLo], c[SLOT.posHi], c[SLOT.negLo], c[SLOT.negHi]];
  const problem = checkStore(posLo, posHi, cap, 'positive') ?? checkStore(negLo, negHi, cap, 'negative');
  if (problem) return fail(problem);
  const posN = Math.max(0, posHi - posLo + 1);
  const negN = Math.max(0, negHi - negLo + 1);
  if (slots !== HEADER_SLOTS + posN + negN) return fail(`${slots} slots, the header's bin ranges need ${HEADER_SLOTS + posN + negN}`);
  for (let k = SLOT.count; k < slots; k++) {
    const counter = k === SLOT.count || k === SLOT.zero || k === SLOT.posInf || k === SLOT.negInf || k >= HEADER_SLOTS;
    if (counter && !(c[k] >= 0 && c[k] < Infinity)) return fail(`slot ${k} holds ${c[k]}, expected a count >= 0`);
  }
  const state = emptySketchState(alpha, cap);
  state.set(c.subarray(0, HEADER_SLOTS));
  state[SLOT.posOff] = posN ? posLo : 0;
  state[SLOT.negOff] = negN ? negLo : 0;
  state.set(c.subarray(HEADER_SLOTS, HEADER_SLOTS + posN), HEADER_SLOTS);
  state.set(c.subarray(HEADER_SLOTS + posN, slots), HEADER_SLOTS + cap);
  return { ok: true, state };
}
