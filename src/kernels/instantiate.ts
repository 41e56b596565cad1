// Instantiates the compiled kernels module and assembles the typed `Kernels` from one file per
// kernel family (each lays its arrays out in the shared scratch area of src/kernels/context.ts).
import { adaptiveZKernels } from './adaptive-z';
import { contextOf, type ResidentArrays } from './context';
import { downsampleKernels } from './downsample';
import { ewmaKernels } from './ewma';
import { iforestKernels } from './iforest';
import { likelihoodKernels } from './likelihood';
import { lofKernels } from './lof';
import { orderStatKernels } from './order-stat';
import { pearsonKernels } from './pearson';
import { percentileKernels } from './percentile';
import { rollingKernels } from './rolling';
import { seasonalKernels } from './seasonal';
import type { Kernels } from './types';

export { SEGMENT_POINTS } from './context';

/** `Kernels` plus what the benchmarks and diagnostics want to know about the instance. */
export interface KernelInstance extends Kernels {
  /** Current size of the instance's linear memory in bytes (it grows on demand, never shrinks). */
  linearMemoryBytes(): number;
  /** Arrays inside the instance's linear memory that kernels use in place (see ResidentArrays; once per instance). */
  residentArrays(capacityBytes: number, scratchBytes?: number): ResidentArrays;
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
  const ctx = contextOf(instance);
  // Each kernel family adds its line here (its interface joins `Kernels` in types.ts).
  return {
    linearMemoryBytes: () => ctx.memory.buffer.byteLength,
    residentArrays: (capacityBytes, scratchBytes) => ctx.residentArrays(capacityBytes, scratchBytes),
    ...rollingKernels(ctx),
    ...adaptiveZKernels(ctx),
    ...downsampleKernels(ctx),
    ...seasonalKernels(ctx),
    ...pearsonKernels(ctx),
    ...iforestKernels(ctx),
    ...lofKernels(ctx),
    ...ewmaKernels(ctx),
    ...orderStatKernels(ctx),
    ...percentileKernels(ctx),
    ...likelihoodKernels(ctx),
  };
}
