// Owns the kernels' WebAssembly linear memory: instantiates the compiled module, lays inputs and
// outputs out above the module's heap base (growing memory once, reusing it), and exposes `Kernels`.
import type { Kernels, ZScoreOptions } from './types';

/** The raw exports of build/kernels.wasm (pointers are byte offsets into `memory`). */
interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  rollingMeanStd(vPtr: number, len: number, first: number, window: number, meanPtr: number, stdPtr: number): void;
  rollingZScore(
    vPtr: number, len: number, first: number, window: number, threshold: number, scorePtr: number, flagPtr: number,
  ): void;
  downsampleMinMax(
    tPtr: number, vPtr: number, len: number, t0: number, t1: number, buckets: number,
    outTPtr: number, outMinPtr: number, outMaxPtr: number,
  ): number;
}

/**
 * Points per kernel call: long series are processed in segments this long (or 4 windows, if more),
 * so the input, its outputs and the copies in and out stay in the CPU's L2 cache.
 */
export const SEGMENT_POINTS = 1 << 16;
const PAGE = 65536;

/** Outputs per rolling-kernel call for a series of `length` points. */
const rollingSegment = (length: number, window: number): number => Math.min(length, Math.max(SEGMENT_POINTS, 4 * window));

const align16 = (n: number): number => (n + 15) & ~15;

/** Bucket of time t, exactly as the kernel computes it (same IEEE operations). */
function bucketOf(t: number, t0: number, span: number, buckets: number): number {
  return Math.min(Math.floor(((t - t0) / span) * buckets), buckets - 1);
}

/** First index whose time is >= bound (t sorted ascending). */
function lowerBound(t: Float64Array, bound: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** NaN-as-missing min/max, used to merge a bucket split across two segments. */
const finiteMin = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b));
const finiteMax = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));

function checkWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1 || window > 2 ** 30) {
    throw new RangeError(`rolling window must be an integer between 1 and 2^30 points, got ${window}`);
  }
}

function checkOutput(name: string, out: { length: number }, needed: number): void {
  if (out.length < needed) {
    throw new RangeError(`output array '${name}' has length ${out.length}, needs at least ${needed}`);
  }
}

function asKernelExports(instance: WebAssembly.Instance): KernelExports {
  const e = instance.exports as Record<string, unknown>;
  for (const name of ['heapBase', 'rollingMeanStd', 'rollingZScore', 'downsampleMinMax']) {
    if (typeof e[name] !== 'function') {
      throw new Error(`kernels.wasm is missing export '${name}': rebuild it with \`npm run asbuild\``);
    }
  }
  if (!(e.memory instanceof WebAssembly.Memory)) {
    throw new Error('kernels.wasm does not export its memory: rebuild it with `npm run asbuild`');
  }
  return e as unknown as KernelExports;
}

/** `Kernels` plus what the benchmarks and diagnostics want to know about the instance. */
export interface KernelInstance extends Kernels {
  /** Current size of the instance's linear memory in bytes (it grows on demand, never shrinks). */
  linearMemoryBytes(): number;
}

/**
 * Instantiates the compiled kernels module synchronously (inside workers and in Node; Chrome
 * refuses synchronous instantiation of modules over 4 KB on the main thread: use
 * instantiateKernelsAsync there) and returns the typed `Kernels` over it. Each returned object
 * owns its own instance and memory.
 */
export function instantiateKernels(module: WebAssembly.Module): KernelInstance {
  return kernelsOver(new WebAssembly.Instance(module, {}));
}

/** instantiateKernels without blocking: usable on any thread. */
export async function instantiateKernelsAsync(module: WebAssembly.Module): Promise<KernelInstance> {
  return kernelsOver(await WebAssembly.instantiate(module, {}));
}

function kernelsOver(instance: WebAssembly.Instance): KernelInstance {
  const wasm = asKernelExports(instance);
  const base = align16(wasm.heapBase());

  /** Makes sure linear memory has `bytes` usable bytes above the heap base (grows, never shrinks). */
  function reserve(bytes: number): ArrayBuffer {
    const needed = base + bytes;
    const have = wasm.memory.buffer.byteLength;
    if (needed > have) wasm.memory.grow(Math.ceil((needed - have) / PAGE));
    return wasm.memory.buffer;
  }

  /** Runs a rolling kernel over v in segments; `call` gets the segment layout and copies out. */
  function rollingSegments(
    v: Float64Array, window: number, outBytesPerPoint: number,
    call: (vPtr: number, len: number, first: number, outPtr: number, buffer: ArrayBuffer, from: number, to: number) => void,
  ): void {
    const history = Math.min(window, v.length);
    const segment = rollingSegment(v.length, window);
    const vPtr = base;
    const outPtr = align16(vPtr + (history + segment) * 8);
    const buffer = reserve(outPtr - base + segment * outBytesPerPoint);
    for (let from = 0; from < v.length; from += segment) {
      const to = Math.min(v.length, from + segment);
      const inFrom = Math.max(0, from - window);
      new Float64Array(buffer, vPtr, to - inFrom).set(v.subarray(inFrom, to));
      call(vPtr, to - inFrom, from - inFrom, outPtr, buffer, from, to);
    }
  }

  return {
    linearMemoryBytes: () => wasm.memory.buffer.byteLength,

    rollingMeanStd(v, window, mean, std) {
      checkWindow(window);
      checkOutput('mean', mean, v.length);
      checkOutput('std', std, v.length);
      const segment = rollingSegment(v.length, window);
      rollingSegments(v, window, 16, (vPtr, len, first, outPtr, buffer, from, to) => {
        const stdPtr = outPtr + segment * 8;
        wasm.rollingMeanStd(vPtr, len, first, window, outPtr, stdPtr);
        mean.set(new Float64Array(buffer, outPtr, to - from), from);
        std.set(new Float64Array(buffer, stdPtr, to - from), from);
      });
    },

    rollingZScore(v, opts: ZScoreOptions, score, flags) {
      const { window, threshold } = opts;
      checkWindow(window);
      checkOutput('score', score, v.length);
      checkOutput('flags', flags, v.length);
      const segment = rollingSegment(v.length, window);
      rollingSegments(v, window, 9, (vPtr, len, first, outPtr, buffer, from, to) => {
        const flagPtr = outPtr + segment * 8;
        wasm.rollingZScore(vPtr, len, first, window, threshold, outPtr, flagPtr);
        score.set(new Float64Array(buffer, outPtr, to - from), from);
        flags.set(new Uint8Array(buffer, flagPtr, to - from), from);
      });
    },

    downsampleMinMax(t, v, t0, t1, buckets, outT, outMin, outMax) {
      if (t.length !== v.length) throw new RangeError(`t has ${t.length} points but v has ${v.length}`);
      if (!Number.isInteger(buckets) || buckets < 0) throw new RangeError(`buckets must be a non-negative integer, got ${buckets}`);
      checkOutput('outT', outT, buckets);
      checkOutput('outMin', outMin, buckets);
      checkOutput('outMax', outMax, buckets);
      if (buckets === 0 || !(t1 > t0)) return 0;
      const lo = lowerBound(t, t0);
      const hi = lowerBound(t, t1);
      if (hi <= lo) return 0;
      const span = t1 - t0;
      const segment = Math.min(SEGMENT_POINTS, hi - lo);
      const tPtr = base;
      const vPtr = tPtr + segment * 8;
      const outTPtr = vPtr + segment * 8;
      const outMinPtr = outTPtr + buckets * 8;
      const outMaxPtr = outMinPtr + buckets * 8;
      const buffer = reserve(outMaxPtr + buckets * 8 - base);
      let written = 0;
      for (let from = lo; from < hi; from += segment) {
        const to = Math.min(hi, from + segment);
        new Float64Array(buffer, tPtr, to - from).set(t.subarray(from, to));
        new Float64Array(buffer, vPtr, to - from).set(v.subarray(from, to));
        let n = wasm.downsampleMinMax(tPtr, vPtr, to - from, t0, t1, buckets, outTPtr, outMinPtr, outMaxPtr);
        const segT = new Float64Array(buffer, outTPtr, n);
        const segMin = new Float64Array(buffer, outMinPtr, n);
        const segMax = new Float64Array(buffer, outMaxPtr, n);
        let k = 0;
        // A bucket cut by the segment edge continues the last bucket already written: merge it.
        if (written > 0 && bucketOf(t[from - 1], t0, span, buckets) === bucketOf(t[from], t0, span, buckets)) {
          outMin[written - 1] = finiteMin(outMin[written - 1], segMin[0]);
          outMax[written - 1] = finiteMax(outMax[written - 1], segMax[0]);
          k = 1;
        }
        n -= k;
        outT.set(segT.subarray(k, k + n), written);
        outMin.set(segMin.subarray(k, k + n), written);
        outMax.set(segMax.subarray(k, k + n), written);
        written += n;
      }
      return written;
    },
  };
}
