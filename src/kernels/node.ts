// Loads build/kernels.wasm from disk for Node (CLI, benchmarks, unit tests), from source or bundled.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instantiateKernels, type KernelInstance } from './instantiate';

const WASM_PATH = join('build', 'kernels.wasm');

/**
 * Finds build/kernels.wasm by walking up from this file's directory (src/kernels/ when run from
 * source, dist-cli/ when bundled) until a directory holding it is found.
 */
export function findKernelsWasm(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, WASM_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `Cannot find ${WASM_PATH} in ${start} or any directory above it. ` +
      'Build the WebAssembly kernels first: run `npm run asbuild` in the Faultline checkout.',
  );
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** build/kernels.wasm compiled once per process (cached), e.g. to hand to worker threads. */
export function compileKernelsNode(): Promise<WebAssembly.Module> {
  compiled ??= readFile(findKernelsWasm()).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

/** Compiles build/kernels.wasm once per process (cached) and returns a fresh `Kernels` instance. */
export async function loadKernelsNode(): Promise<KernelInstance> {
  try {
    return instantiateKernels(await compileKernelsNode());
  } catch (err) {
    compiled = undefined;
    throw err;
  }
}
