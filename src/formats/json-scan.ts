// Streams big JSON documents fast: a hand-written byte scanner (hand-written because a token-by-token parser
// is 4–8× slower) walks only the levels above the selected values, finds each value's bytes across chunk
// boundaries (json-value-end.ts), and hands just those bytes to JSON.parse. Errors name byte offsets.

import type { ImportError } from '../model/errors';
import { corruptAt, extendsPath, matchSelector, selectInside, type JsonValue, type JsonValueHandler, type Segment } from './json-select';
import { ItemGuess } from './json-item-guess';
import { ValueEnd } from './json-value-end';
import { concat, decodeUtf8, diagnose, invalidUtf8, isSpace, jsonError, TRUNCATED, utf8Sequence } from './json-bytes';

/** An unselected value longer than this is checked for balance only (not parsed) while it is skipped. */
const SKIP_PARSE_BYTES = 16 * 1024 * 1024;

const enum State {
  /** Expecting a value (top level, after ":" or after "," in an array). */
  Value,
  /** After "[": a value or "]". */
  ArrayFirst,
  /** After "{": a key or "}". */
  ObjectFirst,
  /** After "," in an object: a key. */
  ObjectKey,
  /** Inside a key string. */
  Key,
  /** After a key: ":". */
  Colon,
  /** After a value in a container: "," or the closing bracket. */
  After,
  /** Inside a value being captured (its bytes are collected until it ends). */
  Capture,
}

const enum Kind {
  Container,
  String,
  Scalar,
}

interface Frame {
  array: boolean;
  path: (string | number)[];
  /** Next array index. */
  index: number;
  /** Byte offset of the opening bracket. */
  start: number;
  /** Byte offset just after the last item captured in this array (-1 before one). */
  after: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A character that ends a number or literal (true, false, null). */
function endsScalar(c: number): boolean {
  return c === 0x2c || c === 0x5d || c === 0x7d || isSpace(c);
}

/** Scans documents chunk by chunk; each value at a selector is parsed on its own and passed to `onValue`. */
export class JsonItemScanner {
  private readonly frames: Frame[] = [];
  private state = State.Value;
  /** Absolute offset of the chunk being scanned. */
  private base: number;
  private key: Uint8Array[] = [];
  private keyBytes = 0;
  private keyName: string | number = '';
  /** Inside a key: the chunk ended just after a backslash. */
  private escaped = false;
  // The value being captured.
  private kind = Kind.Scalar;
  private readonly ends = new ValueEnd();
  private readonly guess = new ItemGuess();
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  private start = 0;
  private path: (string | number)[] = [];
  private selector = -1;
  private keep = true;
  /** Index of the document being read. */
  private current = 0;
  /** Documents completed. */
  documents = 0;
  failure: ImportError | undefined;

  constructor(private readonly file: string, private readonly selectors: Segment[][], private readonly onValue: JsonValueHandler, base: number) {
    this.base = base;
  }

  private syntax(at: number, c: number, expected: string): ImportError {
    const found = c < 0x20 || c > 0x7e ? `byte 0x${c.toString(16).padStart(2, '0')}` : `"${String.fromCharCode(c)}"`;
    return corruptAt(this.file, 'valid JSON', { offset: at }, `unexpected ${found}, expected ${expected}`);
  }

  /** A syntax error at a non-ASCII byte whose UTF-8 sequence the chunk cut: decided by the next bytes. */
  private cut: { bytes: Uint8Array; at: number; error: ImportError } | undefined;

  /** A syntax error at non-ASCII byte `b[0]` is invalid UTF-8 when it is (a sequence cut by the chunk waits). */
  private nonAscii(b: Uint8Array, at: number, error: ImportError): void {
    const seq = utf8Sequence(b);
    this.failure = seq === 'invalid' ? invalidUtf8(this.file, { offset: at }) : seq === 'valid' ? error : undefined;
    this.cut = seq === 'cut' ? { bytes: b.slice(), at, error } : undefined;
  }

  write(b: Uint8Array): ImportError | undefined {
    if (this.failure || b.length === 0) return this.failure;
    if (this.cut) {
      const { bytes, at, error } = this.cut;
      this.nonAscii(concat([bytes, b.subarray(0, 4)], bytes.length + Math.min(4, b.length)), at, error);
      this.base += b.length;
      return this.failure;
    }
    let i = 0;
    // A byte-order mark opens the file: skipped.
    if (this.base === 0 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
    const n = b.length;
    while (i < n && !this.failure) {
      if (this.state === State.Capture) {
        i = this.capture(b, i);
        continue;
      }
      if (this.state === State.Key) {
        i = this.readKey(b, i);
        continue;
      }
      const c = b[i];
      if (isSpace(c)) {
        i++;
        continue;
      }
      i = this.structure(b, i, c);
      if (this.failure && c >= 0x80) this.nonAscii(b.subarray(i - 1, i + 3), this.base + i - 1, this.failure);
      if (this.cut) break;
    }
    this.guess.release();
    this.base += n;
    return this.failure;
  }

  /**
   * One structural character `c` at index `i`; returns the next index to scan (`i` itself when a captured
   * value starts there). Value starts switch to capture or push a frame.
   */
  private structure(b: Uint8Array, i: number, c: number): number {
    const at = this.base + i;
    const frame = this.frames.length ? this.frames[this.frames.length - 1] : undefined;
    switch (this.state) {
      case State.ObjectFirst:
      case State.ObjectKey:
        if (c === QUOTE) {
          this.state = State.Key;
          this.key = [];
          this.keyBytes = 0;
          this.escaped = false;
          this.start = at;
          return i + 1;
        }
        if (c === 0x7d && this.state === State.ObjectFirst) this.close();
        else this.failure = this.syntax(at, c, this.state === State.ObjectFirst ? 'a key string or "}"' : 'a key string');
        return i + 1;
      case State.Colon:
        if (c === 0x3a) this.state = State.Value;
        else this.failure = this.syntax(at, c, '":" after the key');
        return i + 1;
      case State.After:
        if (c === 0x2c) this.state = frame!.array ? State.Value : State.ObjectKey;
        else if (c === (frame!.array ? 0x5d : 0x7d)) {
          if (frame!.array && frame!.after >= this.base && this.selector >= 0) this.guess.learnEnd(this.selector, b, frame!.after - this.base);
          this.close();
        }
        else this.failure = this.syntax(at, c, `"," or "${frame!.array ? ']' : '}'}"`);
        return i + 1;
      case State.ArrayFirst:
        if (c === 0x5d) {
          this.close();
          return i + 1;
        }
        break;
    }
    // A value starts here.
    let path: (string | number)[];
    if (!frame) {
      path = [];
      this.current = this.documents;
    } else path = [...frame.path, frame.array ? frame.index++ : this.keyName];
    const selector = matchSelector(this.selectors, path);
    if ((c === 0x7b || c === 0x5b) && selector < 0 && extendsPath(this.selectors, path)) {
      this.frames.push({ array: c === 0x5b, path, index: 0, start: at, after: -1 });
      this.state = c === 0x5b ? State.ArrayFirst : State.ObjectFirst;
      return i + 1;
    }
    if (c === 0x7b || c === 0x5b) this.kind = Kind.Container;
    else if (c === QUOTE) this.kind = Kind.String;
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) this.kind = Kind.Scalar;
    else {
      this.failure = this.syntax(at, c, 'a value');
      return i + 1;
    }
    this.start = at;
    this.path = path;
    this.selector = selector;
    if (this.kind === Kind.Container && selector >= 0 && frame?.array && this.guessed(b, i, frame)) return this.guessEnd;
    this.state = State.Capture;
    this.parts = [];
    this.partBytes = 0;
    this.keep = true;
    // Captures start at the value's first byte: capture() sees it again.
    this.pendingFirst = true;
    return i;
  }

  private pendingFirst = false;
  /** Where the item guessed by guessed() ends (the index to scan on from). */
  private guessEnd = 0;

  /** A selected container item at `b[i]` whose end was guessed (json-item-guess.ts) is emitted; false when not guessed. */
  private guessed(b: Uint8Array, i: number, frame: Frame): boolean {
    if (!this.guess.wanted(this.selector)) return false;
    if (frame.index > 1 && frame.after >= this.base) this.guess.learn(this.selector, b, frame.after - this.base, i);
    const g = this.guess.guess(this.selector, b, i);
    if (!g) return false;
    this.guessEnd = g[1];
    frame.after = this.base + g[1];
    this.valueDone();
    this.emit(g[0] as JsonValue);
    return true;
  }

  private close(): void {
    this.frames.pop();
    this.valueDone();
  }

  /** After a value: the container continues, or a top-level document is complete. */
  private valueDone(): void {
    if (this.frames.length) this.state = State.After;
    else {
      this.state = State.Value;
      this.documents++;
    }
  }

  /** Reads key bytes from `i`; returns the index after what was consumed. */
  private readKey(b: Uint8Array, i: number): number {
    const from = i;
    const n = b.length;
    for (; i < n; i++) {
      const c = b[i];
      if (this.escaped) this.escaped = false;
      else if (c === BACKSLASH) this.escaped = true;
      else if (c === QUOTE) break;
    }
    if (i > from) {
      this.key.push(b.subarray(from, i));
      this.keyBytes += i - from;
    }
    if (i === n) return n;
    const bytes = concat(this.key, this.keyBytes);
    this.key = [];
    let ascii = true;
    for (let k = 0; k < bytes.length && ascii; k++) if (bytes[k] >= 0x80 || bytes[k] === BACKSLASH || bytes[k] < 0x20) ascii = false;
    if (ascii && bytes.length <= 256) this.keyName = String.fromCharCode.apply(null, bytes as unknown as number[]);
    else {
      const text = decodeUtf8(this.file, bytes, { offset: this.start + 1 });
      if (typeof text !== 'string') {
        this.failure = text;
        return n;
      }
      try {
        this.keyName = JSON.parse(`"${text}"`) as string;
      } catch (e) {
        this.failure = corruptAt(this.file, 'valid JSON', { offset: this.start }, `a key string: ${jsonError(e)}`);
        return n;
      }
    }
    this.state = State.Colon;
    return i + 1;
  }

  /** Scans the captured value from `i`; returns the index after its last byte, or `b.length`. */
  private capture(b: Uint8Array, i: number): number {
    const from = i;
    const n = b.length;
    let end = -1;
    if (this.kind === Kind.Scalar) {
      while (i < n && !endsScalar(b[i])) i++;
      if (i < n) end = i;
    } else {
      if (this.pendingFirst) {
        this.pendingFirst = false;
        if (this.kind === Kind.String) this.ends.startString();
        else this.ends.startContainer();
        i++;
      }
      end = this.kind === Kind.String ? this.ends.stringEnd(b, i) : this.ends.containerEnd(b, i);
      if (end >= 0) end++;
      if (end >= 0 && this.frames.length) this.frames[this.frames.length - 1].after = this.base + end;
    }
    this.pendingFirst = false;
    const stop = end < 0 ? n : end;
    if (this.keep) {
      this.parts.push(b.subarray(from, stop));
      this.partBytes += stop - from;
      if (this.selector < 0 && this.partBytes > SKIP_PARSE_BYTES) {
        this.keep = false;
        this.parts = [];
      }
    }
    if (end < 0) return n;
    this.finishCapture();
    return end;
  }

  /** Parses the captured bytes; a selected value (and values inside it at longer selectors) is emitted. */
  private finishCapture(): void {
    const parts = this.parts;
    this.parts = [];
    this.valueDone();
    if (!this.keep) return;
    const bytes = concat(parts, this.partBytes);
    const text = decodeUtf8(this.file, bytes, { offset: this.start });
    if (typeof text !== 'string') {
      this.failure = text;
      return;
    }
    let value: JsonValue;
    try {
      value = JSON.parse(text) as JsonValue;
    } catch (e) {
      this.failure = diagnose(this.file, bytes, this.start, jsonError(e));
      return;
    }
    this.emit(value);
  }

  /** Hands a parsed value to onValue when selected, and values inside it at longer selectors. */
  private emit(value: JsonValue): void {
    const path = this.path;
    const at = { path, selector: this.selector, document: this.current, offset: this.start };
    if (this.selector >= 0) {
      const stop = this.onValue(value, at);
      if (stop) {
        this.failure = stop;
        return;
      }
    }
    if (value !== null && typeof value === 'object' && extendsPath(this.selectors, path)) this.failure = selectInside(value, this.selectors, at, this.onValue) || undefined;
  }

  /** At the end of the input: a scalar still open is complete; anything else open is a truncated file. */
  end(): ImportError | undefined {
    // A UTF-8 sequence cut by the end of the file is invalid.
    if (this.cut) this.failure = invalidUtf8(this.file, { offset: this.cut.at });
    if (this.failure) return this.failure;
    if (this.state === State.Capture && this.kind === Kind.Scalar) this.finishCapture();
    if (this.failure) return this.failure;
    if (this.state === State.Capture || this.state === State.Key || this.frames.length > 0) {
      const offset = this.state === State.Capture || this.state === State.Key ? this.start : this.frames[this.frames.length - 1].start;
      return corruptAt(this.file, TRUNCATED, { offset });
    }
    return undefined;
  }
}
