// Trace and span ids of every trace format → lower-case hex, left-padded to 16 or 32 characters;
// base64 ids (Grafana Tempo, protojson) are decoded to hex. Shared by the OTLP, Jaeger and Zipkin readers.

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** What became of an id: hex as written, decoded from base64, or kept as an opaque string. */
export type IdEncoding = 'hex' | 'base64' | 'opaque';

export interface NormalisedId {
  id: string;
  encoding: IdEncoding;
}

/** The common case, already normalised: 16 or 32 lower-case hex digits (never base64 of 8 / 16 bytes); a loop is faster than a regex here. */
function lowerHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x66 || c < 0x30 || (c > 0x39 && c < 0x61)) return false;
  }
  return true;
}

function pad(hex: string): string {
  const lower = hex.toLowerCase();
  return lower.length <= 16 ? lower.padStart(16, '0') : lower.padStart(32, '0');
}

function base64ToHex(s: string): string | undefined {
  if (s.length % 4 !== 0 || !BASE64.test(s)) return undefined;
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    return undefined;
  }
  if (bin.length !== 8 && bin.length !== 16) return undefined;
  let out = '';
  for (let i = 0; i < bin.length; i++) out += bin.charCodeAt(i).toString(16).padStart(2, '0');
  return out;
}

/**
 * Normalises an id: hex (any case, ≤ 32 digits, left-padded), or base64 of 8 / 16 bytes (a 12-char `…=`
 * or 24-char `…==` string, or any string that is not hex); an empty or non-string id is undefined.
 */
export function normaliseId(raw: unknown): NormalisedId | undefined {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return { id: pad(raw.toString(16)), encoding: 'hex' };
  if (typeof raw !== 'string' || raw === '') return undefined;
  if ((raw.length === 16 || raw.length === 32) && lowerHex(raw)) return { id: raw, encoding: 'hex' };
  const looksBase64 = (raw.length === 24 && raw.endsWith('==')) || (raw.length === 12 && raw.endsWith('='));
  if (!looksBase64 && HEX.test(raw) && raw.length <= 32) return { id: pad(raw), encoding: 'hex' };
  const hex = base64ToHex(raw);
  if (hex) return { id: hex, encoding: 'base64' };
  return { id: raw, encoding: 'opaque' };
}

/** Counts how ids were encoded, for one warning per file. */
export class IdStats {
  base64 = 0;
  /** Spans skipped because they have no usable trace or span id. */
  missing = 0;
  opaque: string[] = [];
  note(n: NormalisedId): string {
    if (n.encoding === 'base64') this.base64++;
    else if (n.encoding === 'opaque' && this.opaque.length < 3) this.opaque.push(n.id);
    else if (n.encoding === 'opaque') this.opaque.push('');
    return n.id;
  }
  /** Warnings; `fields` names the id fields for the skipped-spans note, e.g. "traceId / spanId". */
  warnings(fields: string): string[] {
    const out: string[] = [];
    const m = this.missing;
    if (m) out.push(`${m} span${m === 1 ? ' has' : 's have'} an empty or missing ${fields} and ${m === 1 ? 'was' : 'were'} skipped.`);
    if (this.base64) out.push(`${this.base64} id${this.base64 === 1 ? ' was' : 's were'} base64 (as Grafana Tempo writes them) and ${this.base64 === 1 ? 'was' : 'were'} decoded to hex.`);
    if (this.opaque.length) out.push(`${this.opaque.length} id${this.opaque.length === 1 ? ' is' : 's are'} neither hex nor base64 and kept as written: ${this.opaque.filter(Boolean).map((s) => JSON.stringify(s.slice(0, 40))).join(', ')}.`);
    return out;
  }
}

/** A tag / attribute value as display text: strings as is, other JSON values as their JSON literal. */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '…';
  }
}
