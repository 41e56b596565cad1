// Samples accumulated into one growable (t, v) column pair per distinct series, found by the raw bytes
// of the sample's key through an open-addressing hash table (no string per line: the hot path).

import type { SeriesKey } from './prom-labels';

/** Sample time not written in the file: resolved to the scrape's time in finish. */
export const UNTIMED = 1;
export const TIMED = 2;

const INITIAL_POINTS = 8;

/** One distinct series being filled. */
export class SeriesBuffer {
  t: Float64Array = new Float64Array(INITIAL_POINTS);
  v: Float64Array = new Float64Array(INITIAL_POINTS);
  length = 0;
  /** TIMED | UNTIMED bits of the points seen. */
  timing = 0;
  /** Per point 1 = untimed (t holds the scrape number); only once a series mixes both. */
  untimedMask: Uint8Array | undefined;
  /** The scrape its last untimed point belongs to (-1: none yet). */
  lastScrape = -1;
  /** Format-specific role of the sample name (OpenMetrics rules); 0 when unused. */
  role = 0;
  /** The metric family the series belongs to (OpenMetrics grouping rules); '' when unused. */
  family = '';
  /** False for samples read but not kept as series (OpenMetrics `_created`). */
  kept = true;
  constructor(
    readonly name: string,
    readonly key: SeriesKey,
    /** 1-based line of the first sample. */
    readonly firstLine: number,
  ) {}

  private grow(): void {
    const n = this.t.length * 2;
    const t = new Float64Array(n);
    t.set(this.t);
    this.t = t;
    const v = new Float64Array(n);
    v.set(this.v);
    this.v = v;
    if (this.untimedMask) {
      const m = new Uint8Array(n);
      m.set(this.untimedMask);
      this.untimedMask = m;
    }
  }

  push(t: number, v: number, timing: number): void {
    if (this.length === this.t.length) this.grow();
    const i = this.length++;
    this.t[i] = t;
    this.v[i] = v;
    if (this.timing !== (this.timing | timing)) {
      this.timing |= timing;
      if (this.timing === (TIMED | UNTIMED) && !this.untimedMask) {
        this.untimedMask = new Uint8Array(this.t.length);
        if (timing === TIMED) this.untimedMask.fill(1, 0, i);
      }
    }
    if (this.untimedMask && timing === UNTIMED) this.untimedMask[i] = 1;
  }
}

/** Series by raw key bytes (hash + byte compare), several raw spellings may alias one series. */
export class SeriesTable {
  readonly series: SeriesBuffer[] = [];
  private readonly byName = new Map<string, number>();
  private slots = new Int32Array(1024).fill(-1);
  private aliasHash = new Uint32Array(512);
  private aliasStart = new Int32Array(512);
  private aliasLength = new Int32Array(512);
  private aliasSeries = new Int32Array(512);
  private aliases = 0;
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  /** The scrape untimed samples currently belong to; a repeated series starts the next one. */
  scrape = 0;
  /** Latest written timestamp (ms), -Infinity when none. */
  latestTime = -Infinity;
  timedPoints = 0;
  untimedPoints = 0;

  get aliasCount(): number {
    return this.aliases;
  }

  seriesOfAlias(alias: number): number {
    return this.aliasSeries[alias];
  }

  /**
   * When the line at `start` begins with the raw key of `alias` (and the key ends there), the offset after
   * it, else -1. Concatenated scrapes repeat their lines in order, so the caller tries the alias after the
   * previous line's first: a byte compare instead of scanning and hashing the key.
   */
  matchAlias(alias: number, bytes: Uint8Array, start: number, end: number): number {
    const len = this.aliasLength[alias];
    const after = start + len;
    if (after > end) return -1;
    const arena = this.arena;
    const from = this.aliasStart[alias];
    for (let k = 0; k < len; k++) if (arena[from + k] !== bytes[start + k]) return -1;
    if (arena[from + len - 1] === 125 /* } */) return after;
    // A bare name: the key ends only if neither name characters nor labels follow.
    let j = after;
    while (j < end && (bytes[j] === 32 || bytes[j] === 9)) j++;
    return j > after && bytes[j] !== 123 ? after : -1;
  }

  /** The alias index for the raw key bytes[start, end) with this hash, or -1. */
  lookup(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    const arena = this.arena;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const a = this.slots[slot];
      if (a < 0) return -1;
      if (this.aliasHash[a] !== hash || this.aliasLength[a] !== len) continue;
      const from = this.aliasStart[a];
      let k = 0;
      while (k < len && arena[from + k] === bytes[start + k]) k++;
      if (k === len) return a;
    }
  }

  /** The series index of a canonical name, creating the series when new. */
  seriesFor(name: string, key: SeriesKey, line: number): number {
    let index = this.byName.get(name);
    if (index === undefined) {
      index = this.series.length;
      this.series.push(new SeriesBuffer(name, key, line));
      this.byName.set(name, index);
    }
    return index;
  }

  /** Remembers that the raw key bytes[start, end) spells series `index`; returns the alias index. */
  addAlias(bytes: Uint8Array, start: number, end: number, hash: number, index: number): number {
    const len = end - start;
    if (this.arenaUsed + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      bigger.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = bigger;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    if (this.aliases === this.aliasHash.length) this.growAliases();
    const a = this.aliases++;
    this.aliasHash[a] = hash;
    this.aliasStart[a] = this.arenaUsed;
    this.aliasLength[a] = len;
    this.aliasSeries[a] = index;
    this.arenaUsed += len;
    if (this.aliases * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(a);
    return a;
  }

  private place(a: number): void {
    const mask = this.slots.length - 1;
    let slot = this.aliasHash[a] & mask;
    while (this.slots[slot] >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = a;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let a = 0; a < this.aliases; a++) this.place(a);
  }

  private growAliases(): void {
    const n = this.aliasHash.length * 2;
    const grow = <T extends Uint32Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(n);
      next.set(old);
      return next;
    };
    this.aliasHash = grow(this.aliasHash, (k) => new Uint32Array(k));
    this.aliasStart = grow(this.aliasStart, (k) => new Int32Array(k));
    this.aliasLength = grow(this.aliasLength, (k) => new Int32Array(k));
    this.aliasSeries = grow(this.aliasSeries, (k) => new Int32Array(k));
  }

  /** Adds a sample; `timeMs` NaN means the file gave no timestamp (the scrape's time is used). */
  add(index: number, timeMs: number, value: number): void {
    const s = this.series[index];
    if (timeMs === timeMs) {
      if (timeMs > this.latestTime) this.latestTime = timeMs;
      this.timedPoints++;
      s.push(timeMs, value, TIMED);
      return;
    }
    if (s.lastScrape === this.scrape) this.scrape++;
    s.lastScrape = this.scrape;
    this.untimedPoints++;
    s.push(this.scrape, value, UNTIMED);
  }
}
