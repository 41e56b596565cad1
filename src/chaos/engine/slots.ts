// Storage helpers of the replay: Slots, a pool of ids over named growable typed columns with a free list,
// FifoQueue, an integer FIFO (with one tag per entry) on typed arrays, and TimerLane, a FIFO of timers
// that all share one duration (so they come due in push order).

type Ctor = Int32ArrayConstructor | Uint8ArrayConstructor | Float64ArrayConstructor;
type Col<C extends Ctor> = InstanceType<C>;

export class Slots<K extends string> {
  cols: { [k in K]: Col<Ctor> };
  private readonly ctors: Record<K, Ctor>;
  private capacity = 256;
  private used = 0;
  private freeList = new Int32Array(256);
  private freeCount = 0;

  constructor(columns: Record<K, Ctor>) {
    this.ctors = columns;
    const cols = {} as { [k in K]: Col<Ctor> };
    for (const k of Object.keys(columns) as K[]) cols[k] = new columns[k](this.capacity);
    this.cols = cols;
  }

  alloc(): number {
    if (this.freeCount) return this.freeList[--this.freeCount];
    if (this.used === this.capacity) {
      this.capacity *= 2;
      for (const k of Object.keys(this.ctors) as K[]) {
        const next = new this.ctors[k](this.capacity);
        next.set(this.cols[k] as never);
        this.cols[k] = next;
      }
    }
    return this.used++;
  }

  free(id: number): void {
    if (this.freeCount === this.freeList.length) {
      const next = new Int32Array(this.freeList.length * 2);
      next.set(this.freeList);
      this.freeList = next;
    }
    this.freeList[this.freeCount++] = id;
  }
}

export class FifoQueue {
  private items = new Int32Array(16);
  private tags = new Int32Array(16);
  private head = 0;
  private tail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  push(item: number, tag: number): void {
    if (this.tail === this.items.length) {
      const n = this.length;
      const size = n * 2 > this.items.length ? this.items.length * 2 : this.items.length;
      const items = new Int32Array(size);
      const tags = new Int32Array(size);
      items.set(this.items.subarray(this.head, this.tail));
      tags.set(this.tags.subarray(this.head, this.tail));
      this.items = items;
      this.tags = tags;
      this.head = 0;
      this.tail = n;
    }
    this.items[this.tail] = item;
    this.tags[this.tail++] = tag;
  }

  /** Tag of the first entry (read before shift()). */
  headTag(): number {
    return this.tags[this.head];
  }

  shift(): number {
    return this.items[this.head++];
  }
}

/** Timers of one edge (one timeout, pushed at non-decreasing times): due time, event sequence, call, generation. */
export class TimerLane {
  due = new Float64Array(16);
  seq = new Float64Array(16);
  call = new Int32Array(16);
  gen = new Int32Array(16);
  head = 0;
  tail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  push(due: number, seq: number, call: number, gen: number): void {
    if (this.tail === this.due.length) {
      const n = this.length;
      const size = n * 2 > this.due.length ? this.due.length * 2 : this.due.length;
      const move = <T extends Float64Array | Int32Array>(from: T, into: T): T => {
        into.set(from.subarray(this.head, this.tail));
        return into;
      };
      this.due = move(this.due, new Float64Array(size));
      this.seq = move(this.seq, new Float64Array(size));
      this.call = move(this.call, new Int32Array(size));
      this.gen = move(this.gen, new Int32Array(size));
      this.head = 0;
      this.tail = n;
    }
    const i = this.tail++;
    this.due[i] = due;
    this.seq[i] = seq;
    this.call[i] = call;
    this.gen[i] = gen;
  }
}
