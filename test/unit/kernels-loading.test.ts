// Loading the kernels in Node: finding build/kernels.wasm by walking up, and the error when it is missing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { instantiateKernelsAsync } from '../../src/kernels/instantiate';
import { findKernelsWasm, loadKernelsNode } from '../../src/kernels/node';

describe('loadKernelsNode', () => {
  it('finds build/kernels.wasm from a directory below the checkout', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    expect(findKernelsWasm(here)).toBe(join(here, '..', '..', 'build', 'kernels.wasm'));
  });

  it('tells the user to run `npm run asbuild` when the file is nowhere above', () => {
    const empty = mkdtempSync(join(tmpdir(), 'faultline-no-wasm-'));
    try {
      expect(() => findKernelsWasm(empty)).toThrow(/npm run asbuild/);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('gives independent instances with the Kernels API', async () => {
    const a = await loadKernelsNode();
    const b = await loadKernelsNode();
    expect(a).not.toBe(b);
    const mean = new Float64Array(3);
    const std = new Float64Array(3);
    a.rollingMeanStd(Float64Array.of(1, 3, 5), 2, mean, std);
    expect([...mean]).toEqual([NaN, NaN, 2]);
    expect([...std]).toEqual([NaN, NaN, 1]);
  });

  it('instantiates asynchronously from a compiled module (main-thread path)', async () => {
    const kernels = await instantiateKernelsAsync(await WebAssembly.compile(readFileSync(findKernelsWasm())));
    const outT = new Float64Array(2);
    const outMin = new Float64Array(2);
    const outMax = new Float64Array(2);
    expect(kernels.downsampleMinMax(Float64Array.of(0, 1, 2, 3), Float64Array.of(4, 1, 9, 2), 0, 4, 2, outT, outMin, outMax)).toBe(2);
    expect([...outT, ...outMin, ...outMax]).toEqual([0, 2, 1, 2, 4, 9]);
  });
});
