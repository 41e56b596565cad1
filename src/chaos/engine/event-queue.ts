// The replay's event queue: a binary min-heap of (time, payload slot) on typed arrays, with each event's
// insertion sequence, kind and two integer operands kept in slot columns (free list) — no objects or
// closures per event. Sifting moves a hole instead of swapping, so one sift step writes two numbers.
// Ties break by insertion order, so (time, sequence) is a strict order and the pop order is deterministic.
// Events pushed for the current time (a response, a call with no network delay) skip the heap: they wait in a
// FIFO that pop() merges by sequence with heap entries of the same time.

/** `into` holding `from`'s values at the start. */
function grown<T extends Float64Array | Int32Array | Uint8Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

export class EventQueue {
  // heap order: time and slot of the entry at each heap position
  private time = new Float64Array(1024);
  private slot = new Int32Array(1024);
  // by slot: insertion sequence, kind, operands
  private seq = new Float64Array(1024);
  private kindCol = new Uint8Array(1024);
  private aCol = new Int32Array(1024);
  private bCol = new Int32Array(1024);
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  // events at the current time t, in push order
  private nowSeq = new Float64Array(256);
  private nowKind = new Uint8Array(256);
  private nowA = new Int32Array(256);
  private nowB = new Int32Array(256);
  private nowHead = 0;
  private nowTail = 0;
  private started = false;
  size = 0;
  private nextSeq = 0;
  /** Fields of the event last returned by pop(). */
  kind = 0;
  a = 0;
  b = 0;
  t = 0;

  private grow(): void {
    const n = this.time.length * 2;
    this.time = grown(this.time, new Float64Array(n));
    this.slot = grown(this.slot, new Int32Array(n));
    this.seq = grown(this.seq, new Float64Array(n));
    this.kindCol = grown(this.kindCol, new Uint8Array(n));
    this.aCol = grown(this.aCol, new Int32Array(n));
    this.bCol = grown(this.bCol, new Int32Array(n));
    this.freeSlots = new Int32Array(n); // only grown when full, that is with no free slot
  }

  push(t: number, kind: number, a: number, b: number): void {
    if (t !== this.t || !this.started) {
      this.pushAt(t, kind, a, b, this.nextSeq++);
      return;
    }
    if (this.nowTail === this.nowSeq.length) this.growNow();
    const i = this.nowTail++;
    this.nowSeq[i] = this.nextSeq++;
    this.nowKind[i] = kind;
    this.nowA[i] = a;
    this.nowB[i] = b;
  }

  private growNow(): void {
    const n = this.nowSeq.length * 2;
    this.nowSeq = grown(this.nowSeq, new Float64Array(n));
    this.nowKind = grown(this.nowKind, new Uint8Array(n));
    this.nowA = grown(this.nowA, new Int32Array(n));
    this.nowB = grown(this.nowB, new Int32Array(n));
  }

  /** Takes the next insertion sequence for an event pushed later with pushAt (it orders as if pushed now). */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  /** Pushes an event with a sequence from reserveSeq(). */
  pushAt(t: number, kind: number, a: number, b: number, sq: number): void {
    if (this.size === this.time.length) this.grow();
    // every allocated slot is live when the free list is empty, so the next one is `size`
    const s = this.freeCount ? this.freeSlots[--this.freeCount] : this.size;
    const seq = this.seq;
    seq[s] = sq;
    this.kindCol[s] = kind;
    this.aCol[s] = a;
    this.bCol[s] = b;
    const time = this.time;
    const slot = this.slot;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p];
      if (!(t < pt || (t === pt && sq < seq[slot[p]]))) break;
      time[i] = pt;
      slot[i] = slot[p];
      i = p;
    }
    time[i] = t;
    slot[i] = s;
  }

  /** Removes the earliest event into t / kind / a / b; false when empty. */
  pop(): boolean {
    const h = this.nowHead;
    if (h < this.nowTail) {
      // heap entries are never earlier than t; one of the same time goes first only with a smaller sequence
      if (!this.size || !(this.time[0] === this.t && this.seq[this.slot[0]] < this.nowSeq[h])) {
        this.kind = this.nowKind[h];
        this.a = this.nowA[h];
        this.b = this.nowB[h];
        if (++this.nowHead === this.nowTail) this.nowHead = this.nowTail = 0;
        return true;
      }
    }
    if (!this.size) return false;
    this.started = true;
    const time = this.time;
    const slot = this.slot;
    const seq = this.seq;
    const top = slot[0];
    this.t = time[0];
    this.kind = this.kindCol[top];
    this.a = this.aCol[top];
    this.b = this.bCol[top];
    this.freeSlots[this.freeCount++] = top;
    const n = --this.size;
    if (n > 0) {
      const lt = time[n];
      const ls = slot[n];
      const lseq = seq[ls];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        let m = l;
        let mt = time[l];
        const r = l + 1;
        if (r < n) {
          const rt = time[r];
          if (rt < mt || (rt === mt && seq[slot[r]] < seq[slot[l]])) {
            m = r;
            mt = rt;
          }
        }
        if (lt < mt || (lt === mt && lseq < seq[slot[m]])) break;
        time[i] = mt;
        slot[i] = slot[m];
        i = m;
      }
      time[i] = lt;
      slot[i] = ls;
    }
    return true;
  }
}
