// The kernels' shared WebAssembly context: the raw exports, the linear memory, the scratch area above
// the module's heap base that every kernel family lays its inputs and outputs out in, and resident arrays.

/** What a kernel family needs from the instance (pointers are byte offsets into `memory`). */
export interface KernelContext {
  memory: WebAssembly.Memory;
  /** First usable byte above the module's static data (16-byte aligned). */
  base: number;
  /** Makes sure linear memory has `bytes` usable bytes above `base` (grows, never shrinks); returns the buffer. */
  reserve(bytes: number): ArrayBuffer;
  /**
   * Counts reserve() calls. Every kernel call reserves before it writes to the scratch area, so a family
   * that left data there knows it is intact as long as this has not moved since its own last reserve.
   */
  readonly generation: number;
  /** The raw export `name`, checked to be a function when the instance was created. */
  fn<F>(name: string): F;
  /** Creates the instance's resident arrays (once): see ResidentArrays. */
  residentArrays(capacityBytes: number, scratchBytes?: number): ResidentArrays;
  /** True when `arr` is a view of the current linear memory (a resident array): kernels use it in place. */
  isResident(arr: ArrayBufferView): boolean;
}

/**
 * Typed arrays that live inside the kernels' linear memory, so kernels that support it read and write
 * them in place instead of copying in and out. They are carved from an arena placed above a scratch
 * window of `scratchBytes` (the kernels' scratch area keeps its place at `base`); creating the arena
 * grows the memory once to hold both, and from then on the memory never grows again (a kernel that
 * would need more scratch than the window throws instead), so the views stay valid: memory.grow would
 * detach every view of the old buffer.
 */
export interface ResidentArrays {
  float64(length: number): Float64Array;
  uint8(length: number): Uint8Array;
  /** Bytes still free in the arena. */
  freeBytes(): number;
}

/** Default scratch window kept below resident arrays (the largest scratch use is an 8-byte copy per point). */
export const RESIDENT_SCRATCH_BYTES = 64 << 20;

const PAGE = 65536;

export const align16 = (n: number): number => (n + 15) & ~15;

/**
 * Points per kernel call: long series are processed in segments this long (or 4 windows, if more),
 * so the input, its outputs and the copies in and out stay in the CPU's L2 cache.
 */
export const SEGMENT_POINTS = 1 << 16;

export function checkOutput(name: string, out: { length: number }, needed: number): void {
  if (out.length < needed) {
    throw new RangeError(`output array '${name}' has length ${out.length}, needs at least ${needed}`);
  }
}

export function contextOf(instance: WebAssembly.Instance): KernelContext {
  const e = instance.exports as Record<string, unknown>;
  if (!(e.memory instanceof WebAssembly.Memory)) {
    throw new Error('kernels.wasm does not export its memory: rebuild it with `npm run asbuild`');
  }
  const memory = e.memory;
  const fn = <F>(name: string): F => {
    if (typeof e[name] !== 'function') {
      throw new Error(`kernels.wasm is missing export '${name}': rebuild it with \`npm run asbuild\``);
    }
    return e[name] as F;
  };
  const base = align16(fn<() => number>('heapBase')());
  let scratchEnd = Infinity; // the arena's start, once there is one
  // memory.buffer costs a call into the engine (~40 ns), so the current buffer is kept: growing the
  // memory (here or inside the module) detaches it, and a detached buffer has byteLength 0.
  let buffer = memory.buffer;
  const current = (): ArrayBuffer => (buffer.byteLength === 0 ? (buffer = memory.buffer) : buffer);
  const grow = (needed: number): void => {
    const have = current().byteLength;
    if (needed > have) {
      memory.grow(Math.ceil((needed - have) / PAGE));
      buffer = memory.buffer;
    }
  };
  let arena: ResidentArrays | undefined;
  let generation = 0;
  return {
    memory,
    base,
    fn,
    get generation() {
      return generation;
    },
    reserve(bytes) {
      generation++;
      if (base + bytes > scratchEnd) {
        throw new RangeError(`a kernel needs ${bytes} bytes of scratch, more than the ${scratchEnd - base} kept below resident arrays`);
      }
      grow(base + bytes);
      return buffer;
    },
    residentArrays(capacityBytes, scratchBytes = RESIDENT_SCRATCH_BYTES) {
      if (arena) throw new Error('this kernel instance already has its resident arrays');
      const start = Math.ceil(Math.max(memory.buffer.byteLength, base + scratchBytes) / PAGE) * PAGE;
      const end = start + align16(capacityBytes);
      grow(end);
      scratchEnd = start;
      let next = start;
      const carve = (bytes: number): number => {
        const at = next;
        if (at + bytes > end) throw new RangeError(`resident arrays: ${bytes} bytes asked, ${end - at} free`);
        next = align16(at + bytes);
        return at;
      };
      arena = {
        float64: (length) => new Float64Array(memory.buffer, carve(length * 8), length),
        uint8: (length) => new Uint8Array(memory.buffer, carve(length), length),
        freeBytes: () => end - next,
      };
      return arena;
    },
    isResident: (arr) => arr.buffer === current(),
  };
}
