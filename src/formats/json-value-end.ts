// Finds where a JSON string or container value ends, across chunk boundaries: the string / escape state and
// the bracket depth carry from one chunk to the next. Hand-written hot loop (every captured byte passes here).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class ValueEnd {
  /** The previous chunk ended just after a backslash inside a string. */
  private escaped = false;
  /** Inside a string (of the value, or nested in the container). */
  private inString = false;
  /** Open brackets of the container being scanned. */
  private depth = 0;
  private slashBuf: Uint8Array | undefined;
  private slashAt = 0;

  /** Starts a string value (its opening quote read). */
  startString(): void {
    this.escaped = false;
    this.inString = true;
    this.depth = 0;
  }

  /** Starts a container value (its opening bracket read). */
  startContainer(): void {
    this.escaped = false;
    this.inString = false;
    this.depth = 1;
  }

  /** Index of the closing quote of the string being read from `i` (escape state carried), or -1. */
  stringEnd(b: Uint8Array, i: number): number {
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    const n = b.length;
    // Short strings (most keys and values): a plain loop is cheaper than two native searches.
    for (const short = Math.min(n, i + 24); i < short && b[i] !== BACKSLASH; i++) {
      if (b[i] === QUOTE) {
        this.inString = false;
        return i;
      }
    }
    if (i === n) return -1;
    for (;;) {
      const q = b.indexOf(QUOTE, i);
      const slash = this.nextSlash(b, i);
      if (slash < (q < 0 ? n : q)) {
        if (slash + 1 >= n) {
          this.escaped = true;
          return -1;
        }
        i = slash + 2;
        continue;
      }
      if (q < 0) return -1;
      this.inString = false;
      return q;
    }
  }

  /** Index of the first backslash at or after `i` in `b` (b.length when none), cached per chunk: one scan. */
  private nextSlash(b: Uint8Array, i: number): number {
    if (this.slashBuf !== b || this.slashAt < i) {
      this.slashBuf = b;
      const k = b.indexOf(BACKSLASH, i);
      this.slashAt = k < 0 ? b.length : k;
    }
    return this.slashAt;
  }

  /** Index of the bracket closing the container, scanning from `i`, or -1. */
  containerEnd(b: Uint8Array, i: number): number {
    const n = b.length;
    let depth = this.depth;
    if (this.inString) {
      const q = this.stringEnd(b, i);
      if (q < 0) return -1;
      i = q + 1;
    }
    while (i < n) {
      const c = b[i];
      if (c === QUOTE) {
        this.inString = true;
        const q = this.stringEnd(b, i + 1);
        if (q < 0) {
          this.depth = depth;
          return -1;
        }
        i = q + 1;
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if ((c === 0x7d || c === 0x5d) && --depth === 0) {
        this.depth = 0;
        return i;
      }
      i++;
    }
    this.depth = depth;
    return -1;
  }
}
