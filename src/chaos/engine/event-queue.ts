// The replay's event queue: a binary min-heap on parallel typed arrays (time, insertion sequence, kind,
// two integer operands) — no objects or closures per event; ties break by insertion order (deterministic).

export class EventQueue {
  private time = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private kindCol = new Uint8Array(1024);
  private aCol = new Int32Array(1024);
  private bCol = new Int32Array(1024);
  size = 0;
  private nextSeq = 0;
  /** Fields of the event last returned by pop(). */
  kind = 0;
  a = 0;
  b = 0;
  t = 0;

  private grow(): void {
    const n = this.time.length * 2;
    const g = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const c = make(n);
      c.set(old);
      return c;
    };
    this.time = g(this.time, (k) => new Float64Array(k));
    this.seq = g(this.seq, (k) => new Float64Array(k));
    this.kindCol = g(this.kindCol, (k) => new Uint8Array(k));
    this.aCol = g(this.aCol, (k) => new Int32Array(k));
    this.bCol = g(this.bCol, (k) => new Int32Array(k));
  }

  private less(i: number, j: number): boolean {
    const ti = this.time[i];
    const tj = this.time[j];
    return ti < tj || (ti === tj && this.seq[i] < this.seq[j]);
  }

  private swap(i: number, j: number): void {
    let x = this.time[i]; this.time[i] = this.time[j]; this.time[j] = x;
    x = this.seq[i]; this.seq[i] = this.seq[j]; this.seq[j] = x;
    x = this.kindCol[i]; this.kindCol[i] = this.kindCol[j]; this.kindCol[j] = x;
    x = this.aCol[i]; this.aCol[i] = this.aCol[j]; this.aCol[j] = x;
    x = this.bCol[i]; this.bCol[i] = this.bCol[j]; this.bCol[j] = x;
  }

  push(t: number, kind: number, a: number, b: number): void {
    if (this.size === this.time.length) this.grow();
    let i = this.size++;
    this.time[i] = t;
    this.seq[i] = this.nextSeq++;
    this.kindCol[i] = kind;
    this.aCol[i] = a;
    this.bCol[i] = b;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Removes the earliest event into t / kind / a / b; false when empty. */
  pop(): boolean {
    if (!this.size) return false;
    this.t = this.time[0];
    this.kind = this.kindCol[0];
    this.a = this.aCol[0];
    this.b = this.bCol[0];
    const last = --this.size;
    if (last > 0) {
      this.time[0] = this.time[last];
      this.seq[0] = this.seq[last];
      this.kindCol[0] = this.kindCol[last];
      this.aCol[0] = this.aCol[last];
      this.bCol[0] = this.bCol[last];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        const m = r < last && this.less(r, l) ? r : l;
        if (!this.less(m, i)) break;
        this.swap(i, m);
        i = m;
      }
    }
    return true;
  }
}
