// Finds where a selected array item ends without scanning its bytes: the text that separated two items of
// a selector and opened the second (e.g. `,{"resource"`) is learned once, then each later item is guessed
// to end where that text next occurs in the chunk and JSON.parse checks the guess. A container's text is
// valid JSON only up to its own closing bracket (a shorter text leaves it open, a longer one has data after
// it), so a guess that parses is the item; one that does not falls back to the scanner.

/** Longest separator + item opening learned (bytes). */
const MAX_PATTERN = 64;

/** Guesses that failed before a selector stops guessing (when they are also over a quarter of its guesses). */
const MAX_MISSES = 16;

/**
 * Items shorter than this on average are scanned, not guessed, once 64 were guessed: below it the search and
 * the window's decoding cost about what the scan saves (Jaeger spans of ~700 bytes measured 2 % slower).
 */
const MIN_ITEM_BYTES = 2048;

/** Bytes decoded at a time: 64 KiB (TextDecoder is many times slower per byte on much larger inputs). */
const WINDOW = 64 * 1024;

interface Learned {
  pattern: string;
  /** What follows the last item of an array (e.g. `],"processes"`), once an array of the selector closed. */
  end?: string | null;
  hits: number;
  /** Bytes of the items guessed. */
  bytes: number;
  misses: number;
}

/** The learned pattern of each selector and a window of the chunk as text (when it is ASCII: offsets are bytes). */
export class ItemGuess {
  private readonly learned = new Map<number, Learned | null>();
  private readonly ascii = new TextDecoder('utf-8', { fatal: true });
  private chunk: Uint8Array | undefined;
  private text: string | undefined;
  /** Index in the chunk of the text's first character. */
  private from = 0;
  /** The last search for an array end in the text: its pattern, where it started, and the index found (-1 none). */
  private endPattern: string | undefined;
  private endFrom = 0;
  private endAt = -1;

  /** Whether items of `selector` may be guessed. */
  wanted(selector: number): boolean {
    const l = this.learned.get(selector);
    if (l === null) return false;
    return l === undefined || ((l.misses < MAX_MISSES || l.misses * 4 < l.hits) && (l.hits < 64 || l.bytes >= l.hits * MIN_ITEM_BYTES));
  }

  /**
   * Learns from the second item of an array: `b[sep..item)` separated it from the first, and its opening
   * runs from `item` to the end of its first key. Nothing is learned from bytes that are not plain ASCII.
   */
  learn(selector: number, b: Uint8Array, sep: number, item: number): void {
    if (this.learned.has(selector)) return;
    const pattern = keyed(b, sep, item, '{[');
    this.learned.set(selector, pattern === undefined ? null : { pattern, hits: 0, bytes: 0, misses: 0 });
  }

  /** Learns what follows the last item of an array of `selector`: `b[after…]` up to the end of the next key. */
  learnEnd(selector: number, b: Uint8Array, after: number): void {
    const l = this.learned.get(selector);
    if (l && l.end === undefined) l.end = keyed(b, after, after, ']},') ?? null;
  }

  /**
   * The item of `selector` that opens at `b[i]` when its end can be guessed and the guess parses:
   * [value, index after the item]; undefined otherwise (the caller scans the item).
   */
  guess(selector: number, b: Uint8Array, i: number): [unknown, number] | undefined {
    const l = this.learned.get(selector);
    if (!l) return undefined;
    let q = this.find(l, b, i, false);
    // Perhaps cut by the window's end: once more in a window that starts at the item (when past the middle of
    // the window, so slides are rare: a pattern not found at all, after an array's last item, is common).
    if (q < 0 && i - this.from > WINDOW / 2) q = this.find(l, b, i, true);
    if (q < 0) return undefined;
    try {
      const value: unknown = JSON.parse(this.ascii.decode(b.subarray(i, q)));
      l.hits++;
      l.bytes += q - i;
      return [value, q];
    } catch {
      l.misses++;
      return undefined;
    }
  }

  /** Index in `b` of the first separator or array end of `l` after `b[i]` in a window of ASCII text holding `b[i]`; -1 when none. */
  private find(l: Learned, b: Uint8Array, i: number, fresh: boolean): number {
    if (fresh || this.chunk !== b || i < this.from || i >= this.from + WINDOW) {
      this.chunk = b;
      this.endPattern = undefined;
      this.from = i;
      const bytes = b.subarray(i, i + WINDOW);
      try {
        const text = this.ascii.decode(bytes);
        this.text = text.length === bytes.length ? text : undefined;
      } catch {
        this.text = undefined;
      }
    }
    if (this.text === undefined) return -1;
    let q = this.text.indexOf(l.pattern, i - this.from + 1);
    // The array's end is searched for once per window and array (not again from every item before it).
    const at = i - this.from + 1;
    if (l.end && (this.endPattern !== l.end || (this.endAt >= 0 ? this.endAt < at : this.endFrom > at))) {
      this.endPattern = l.end;
      this.endFrom = at;
      this.endAt = this.text.indexOf(l.end, at);
    }
    const e = l.end ? this.endAt : -1;
    if (e >= 0 && (q < 0 || e < q)) q = e;
    return q < 0 ? -1 : q + this.from;
  }

  /** Lets go of the chunk's text (call when the chunk is done). */
  release(): void {
    this.chunk = undefined;
    this.text = undefined;
  }
}

/**
 * `b[from…]` through the closing quote of the first key after `open` as a string (only blanks and commas
 * before `open`, blanks and the bytes of `lead` from there to the key); undefined when not found within
 * MAX_PATTERN or not ASCII.
 */
function keyed(b: Uint8Array, from: number, open: number, lead: string): string | undefined {
  let quotes = 0;
  let end = from;
  for (; end < b.length && end - from < MAX_PATTERN && quotes < 2; end++) {
    const c = b[end];
    if (c >= 0x80 || c === 0x5c) return undefined;
    if (c === 0x22) quotes++;
    else if (quotes === 0 && !(end < open ? ',' : lead).includes(String.fromCharCode(c)) && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return undefined;
  }
  return quotes === 2 ? String.fromCharCode.apply(null, b.subarray(from, end) as unknown as number[]) : undefined;
}
