// Strings, each once, with their index (the trace builder's ids and names): an open-addressing hash table
// of indexes in an Int32Array, not a Map (a Map of 300 k span ids holds ~10 MB of heap, and each of its
// growths leaves the old table behind as garbage until a full GC; this table is ~4 bytes a slot).

/** Slots of a new or forgotten table. */
const FIRST_SLOTS = 256;

/** FNV-1a over the UTF-16 code units, then mixed so the low bits (the slot) depend on every character. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

export class StringTable {
  readonly values: string[] = [];
  /** Per slot, 1 + the index of its string; 0 = empty. At most half the slots are used. */
  private slots = new Int32Array(FIRST_SLOTS);
  /** The first value in the index (values before a forget() are not). */
  private from = 0;

  /** Drops the index (the values stay); interning afterwards rebuilds nothing: call only when done. */
  forget(): void {
    this.slots = new Int32Array(FIRST_SLOTS);
    this.from = this.values.length;
  }

  intern(s: string): number {
    const mask = this.slots.length - 1;
    let at = hashString(s) & mask;
    for (let slot = this.slots[at]; slot !== 0; slot = this.slots[at]) {
      if (this.values[slot - 1] === s) return slot - 1;
      at = (at + 1) & mask;
    }
    const i = this.values.length;
    this.values.push(s);
    this.slots[at] = i + 1;
    if (2 * (i + 1 - this.from) > this.slots.length) this.grow();
    return i;
  }

  /** Twice the slots, every indexed value placed again. */
  private grow(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const mask = slots.length - 1;
    for (let i = this.from; i < this.values.length; i++) {
      let at = hashString(this.values[i]) & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = i + 1;
    }
    this.slots = slots;
  }
}
