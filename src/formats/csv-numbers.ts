// Hand-written decimal parsing straight from UTF-8 bytes for the CSV hot loop (no substring per cell):
// an exact fast path (Clinger: mantissa < 2^53, power of ten <= 22) and a validated Number() fallback.

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT = 9007199254740991; // 2^53 - 1

/**
 * Set by parseNumberField: ok is false when the last cell was not a number (and not a missing marker);
 * overflow is true when it was a decimal number beyond the float64 range (1e400), which is refused too.
 */
export const numberState = { ok: true, overflow: false };

/** Latin-1 view of bytes[start, end) for messages and the slow path (cells are ASCII when valid). */
export function bytesToText(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** True for an empty cell or a missing-value marker (null, NaN, nan, NULL, N/A). */
function isMissingMarker(bytes: Uint8Array, start: number, end: number): boolean {
  const n = end - start;
  if (n === 0) return true;
  if (n > 4) return false;
  const word = bytesToText(bytes, start, end).toLowerCase();
  return word === 'null' || word === 'nan' || word === 'n/a' || word === 'none';
}

/** Slow path: exponents, > 15 significant digits, Infinity. Only [0-9+-.eE] or (+|-)Infinity accepted. */
function parseSlow(bytes: Uint8Array, start: number, end: number): number {
  if (isMissingMarker(bytes, start, end)) return NaN;
  const text = bytesToText(bytes, start, end);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || /^[+-]?(Infinity|inf)$/i.test(text)) {
    const lower = text.toLowerCase();
    if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
    const x = Number(text);
    if (Number.isFinite(x)) return x;
    numberState.overflow = true;
  }
  numberState.ok = false;
  return NaN;
}

/**
 * The number in bytes[start, end) (already trimmed). Missing cells (empty, null, NaN) give NaN with
 * numberState.ok = true; anything else that is not a decimal number gives NaN with numberState.ok = false.
 */
export function parseNumberField(bytes: Uint8Array, start: number, end: number): number {
  numberState.ok = true;
  numberState.overflow = false;
  let i = start;
  if (i === end) return NaN;
  let negative = false;
  let c = bytes[i];
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let intStart = i;
  while (i < end) {
    c = bytes[i] - 48;
    if (c < 0 || c > 9) break;
    mantissa = mantissa * 10 + c;
    i++;
  }
  digits = i - intStart;
  if (i < end && bytes[i] === 46 /* . */) {
    i++;
    intStart = i;
    while (i < end) {
      c = bytes[i] - 48;
      if (c < 0 || c > 9) break;
      mantissa = mantissa * 10 + c;
      i++;
    }
    fraction = i - intStart;
    digits += fraction;
  }
  if (i !== end || digits === 0 || mantissa > MAX_EXACT || fraction > 22 || digits > 19) {
    return parseSlow(bytes, start, end);
  }
  const value = fraction === 0 ? mantissa : mantissa / POW10[fraction];
  return negative ? -value : value;
}

/** Parses a plain integer or decimal epoch number; NaN when it is not one. */
export function parseEpochNumber(bytes: Uint8Array, start: number, end: number): number {
  const x = parseNumberField(bytes, start, end);
  return numberState.ok ? x : NaN;
}

/**
 * A decimal-comma number (`-1234,5`, European exports with `;` or tab delimiters); NaN with
 * numberState.ok = false when it is not one. Thousands separators are not accepted.
 */
export function parseDecimalComma(bytes: Uint8Array, start: number, end: number): number {
  const text = bytesToText(bytes, start, end);
  if (!/^[+-]?\d+,\d+$/.test(text)) {
    numberState.ok = false;
    return NaN;
  }
  numberState.ok = true;
  return Number(text.replace(',', '.'));
}
