// The kernels' shared WebAssembly context: the raw exports, the linear memory and the scratch area
// above the module's heap base that every kernel family lays its inputs and outputs out in.

/** What a kernel family needs from the instance (pointers are byte offsets into `memory`). */
export interface KernelContext {
  memory: WebAssembly.Memory;
  /** First usable byte above the module's static data (16-byte aligned). */
  base: number;
  /** Makes sure linear memory has `bytes` usable bytes above `base` (grows, never shrinks); returns the buffer. */
  reserve(bytes: number): ArrayBuffer;
  /** The raw export `name`, checked to be a function when the instance was created. */
  fn<F>(name: string): F;
}

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
  return {
    memory,
    base,
    fn,
    reserve(bytes) {
      const needed = base + bytes;
      const have = memory.buffer.byteLength;
      if (needed > have) memory.grow(Math.ceil((needed - have) / PAGE));
      return memory.buffer;
    },
  };
}
