// Splitting CSV bytes into records and field bounds (RFC 4180 quoting with "" escapes, CRLF / LF / CR),
// resumable at chunk ends: a record cut by the end of the buffer is reported incomplete, never guessed.

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;

/** Field bounds of one record, reused from row to row (no allocation per row). */
export class RecordBounds {
  count = 0;
  /** Newlines inside quoted fields of this record (the record spans 1 + newlines lines). */
  newlines = 0;
  /** A quoted field had no closing quote before the end of the file. */
  unterminated = false;
  /** Text followed a closing quote before the delimiter. */
  strayQuote = false;
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  /** 1 when the field was quoted and contains "" escapes (needs unescaping to read as text). */
  escaped = new Uint8Array(16);

  grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const x = new Uint8Array(n);
    x.set(this.escaped);
    this.starts = s;
    this.ends = e;
    this.escaped = x;
  }

  /** True when the record is a blank line. */
  isBlank(): boolean {
    return this.count === 1 && this.starts[0] === this.ends[0] && !this.escaped[0];
  }
}

/**
 * Reads one record of bytes[pos, end) split by `delim` into `rec`. Returns where the next record starts,
 * or -1 when the record is not complete in this buffer and more bytes may follow (`eof` false).
 * Unquoted fields are trimmed of spaces; quoted fields are bounded inside their quotes.
 */
export function scanRecord(bytes: Uint8Array, pos: number, end: number, eof: boolean, delim: number, rec: RecordBounds): number {
  rec.count = 0;
  rec.newlines = 0;
  rec.unterminated = false;
  rec.strayQuote = false;
  let i = pos;
  for (;;) {
    if (rec.count === rec.starts.length) rec.grow();
    let s: number;
    let e: number;
    let escaped = 0;
    while (i < end && bytes[i] === SPACE) i++;
    if (i < end && bytes[i] === QUOTE) {
      s = ++i;
      for (;;) {
        if (i >= end) {
          if (!eof) return -1;
          rec.unterminated = true;
          break;
        }
        const c = bytes[i];
        if (c === QUOTE) {
          if (i + 1 >= end && !eof) return -1;
          if (bytes[i + 1] === QUOTE && i + 1 < end) {
            escaped = 1;
            i += 2;
            continue;
          }
          break;
        }
        if (c === LF) rec.newlines++;
        i++;
      }
      e = i;
      if (i < end) i++;
      while (i < end && bytes[i] === SPACE) i++;
      if (i >= end && !eof) return -1;
      if (i < end && bytes[i] !== delim && bytes[i] !== LF && bytes[i] !== CR) {
        rec.strayQuote = true;
        while (i < end && bytes[i] !== delim && bytes[i] !== LF && bytes[i] !== CR) i++;
      }
    } else {
      s = i;
      while (i < end) {
        const c = bytes[i];
        if (c === delim || c === LF || c === CR) break;
        i++;
      }
      if (i >= end && !eof) return -1;
      e = i;
      while (e > s && bytes[e - 1] === SPACE) e--;
    }
    const k = rec.count++;
    rec.starts[k] = s;
    rec.ends[k] = e;
    rec.escaped[k] = escaped;
    if (i >= end) return end;
    const c = bytes[i];
    if (c === delim) {
      i++;
      continue;
    }
    if (c === LF) return i + 1;
    // CR: a CRLF pair needs the next byte to decide.
    if (i + 1 >= end) return eof ? end : -1;
    return bytes[i + 1] === LF ? i + 2 : i + 1;
  }
}

const utf8 = new TextDecoder('utf-8');

/** The text of field k (UTF-8 decoded, "" unescaped). */
export function fieldText(bytes: Uint8Array, rec: RecordBounds, k: number): string {
  const text = utf8.decode(bytes.subarray(rec.starts[k], rec.ends[k]));
  return rec.escaped[k] ? text.replaceAll('""', '"') : text;
}

/** The whole record's text (for messages), without its line end. */
export function recordText(bytes: Uint8Array, start: number, next: number): string {
  let e = next;
  while (e > start && (bytes[e - 1] === LF || bytes[e - 1] === CR)) e--;
  return utf8.decode(bytes.subarray(start, Math.min(e, start + 200)));
}

/** The delimiter of a header line: the most frequent of `,` `;` tab outside quotes (ties in that order). */
export function detectDelimiter(bytes: Uint8Array, start: number, end: number): number {
  const counts = [0, 0, 0];
  const delims = [44, 59, 9];
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === LF || (c === CR && !quoted)) break;
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted) {
      if (c === 44) counts[0]++;
      else if (c === 59) counts[1]++;
      else if (c === 9) counts[2]++;
    }
  }
  let best = 0;
  for (let k = 1; k < 3; k++) if (counts[k] > counts[best]) best = k;
  return counts[best] > 0 ? delims[best] : 44;
}

/** Index just after the first line end at or after pos; -1 when none is in [pos, end) and more may follow. */
export function lineEnd(bytes: Uint8Array, pos: number, end: number, eof: boolean): number {
  for (let i = pos; i < end; i++) {
    if (bytes[i] === LF) return i + 1;
    if (bytes[i] === CR) {
      if (i + 1 < end) return bytes[i + 1] === LF ? i + 2 : i + 1;
      return eof ? end : -1;
    }
  }
  return eof ? end : -1;
}
