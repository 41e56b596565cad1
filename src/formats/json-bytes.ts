// Bytes-level helpers of the JSON readers: blank test, chunk joining, strict UTF-8 decoding that names the
// offending byte, and locating a syntax error with a token-by-token parser (only after JSON.parse refused).

import Tokenizer from '@streamparser/json/tokenizer.js';
import TokenParser from '@streamparser/json/tokenparser.js';
import type { ImportError } from '../model/errors';
import { corruptAt } from './json-select';

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Byte offset of the first invalid UTF-8 sequence in `b`, or -1 (a truncated sequence at the end counts). */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    const c1 = b[i + 1];
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    i += n;
  }
  return -1;
}

/**
 * Whether the bytes from a non-ASCII byte on (`b[0]` ≥ 0x80, possibly cut by a chunk end) are an invalid
 * UTF-8 sequence, a valid one, or too short to tell yet.
 */
export function utf8Sequence(b: Uint8Array): 'valid' | 'invalid' | 'cut' {
  const c = b[0];
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0) return 'invalid';
  if (b.length >= n) return firstInvalidUtf8(b.subarray(0, n)) < 0 ? 'valid' : 'invalid';
  // Cut: the continuation bytes present (and the second byte's narrower range) must already fit.
  for (let k = 1; k < b.length; k++) if ((b[k] & 0xc0) !== 0x80) return 'invalid';
  const c1 = b[1];
  if (b.length > 1 && ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f))) return 'invalid';
  return 'cut';
}

/** The error for an invalid UTF-8 sequence at byte `offset`. */
export function invalidUtf8(file: string, where: { line?: number; offset: number }): ImportError {
  return corruptAt(file, 'UTF-8 text', where, 'invalid byte sequence');
}

/** Decodes bytes as strict UTF-8, or says where they are not UTF-8. */
export function decodeUtf8(file: string, b: Uint8Array, where: { line?: number; offset: number }): string | ImportError {
  try {
    return utf8.decode(b);
  } catch {
    const bad = firstInvalidUtf8(b);
    return invalidUtf8(file, { line: where.line, offset: where.offset + Math.max(0, bad) });
  }
}

export function jsonError(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^SyntaxError: /, '').slice(0, 200);
}

export const TRUNCATED = 'the rest of the JSON document (the file ends inside a value)';

/**
 * Finds where and why `bytes` (starting at byte `base` of the file) are not one JSON value, with a
 * token-by-token parser (slow, so only after JSON.parse refused them); `fallback` is JSON.parse's reason.
 */
export function diagnose(file: string, bytes: Uint8Array, base: number, fallback: string): ImportError {
  const tokenizer = new Tokenizer({ separator: '' });
  const parser = new TokenParser({ paths: ['$.\u0000'], keepStack: false, separator: '' });
  let last = base;
  let depth = 0;
  let values = 0;
  tokenizer.onToken = (t) => {
    last = base + t.offset;
    const k = t.token as number;
    // 0 { 1 } 2 [ 3 ]; other tokens are scalars, colons and commas.
    if (depth === 0 && values > 0) throw new Error(`Unexpected data after the value at absolute position "${last}"`);
    if (k === 0 || k === 2) depth++;
    else if (k === 1 || k === 3) {
      if (--depth === 0) values++;
    } else if (depth === 0 && k >= 6) values++;
    parser.write(t);
  };
  try {
    tokenizer.write(bytes);
    tokenizer.end();
    if (depth > 0) throw new Error('ended in the middle');
  } catch (e) {
    const msg = jsonError(e);
    const abs = /absolute position "(\d+)"/.exec(msg);
    const offset = abs ? (msg.startsWith('Unexpected data') ? Number(abs[1]) : base + Number(abs[1])) : last;
    const truncated = /ended in the middle|ended in mid-parsing/.test(msg);
    return corruptAt(file, truncated ? TRUNCATED : 'valid JSON', { offset }, truncated ? undefined : msg.replace(/ at chunk position.*? in state/, ' in state'));
  }
  return corruptAt(file, 'valid JSON', { offset: base }, fallback);
}

/** JSON nested deeper than this is refused before it is read (telemetry documents nest about ten levels). */
export const MAX_JSON_DEPTH = 1000;

/**
 * The byte offset in `head` (the start of a file) where JSON text opens its (MAX_JSON_DEPTH + 1)th nested
 * level, or -1: strings are skipped; a head that is not JSON simply never gets that deep.
 */
export function tooDeep(head: Uint8Array): number {
  let depth = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === 0x22) {
      for (i++; i < head.length && head[i] !== 0x22; i++) if (head[i] === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}
