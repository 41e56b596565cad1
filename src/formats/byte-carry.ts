// A growable byte buffer for the unfinished line or record a chunk ends with: appends are amortised
// (capacity doubles), so a line spread over many small chunks costs linear time, not quadratic.

export class ByteCarry {
  bytes = new Uint8Array(256);
  length = 0;

  append(data: Uint8Array): void {
    if (this.length + data.length > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + data.length));
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  /** The bytes held so far (a view, valid until the next append). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}
