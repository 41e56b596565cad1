// Loading the kernels in Node: finding build/kernels.wasm by walking up, and the error when it is missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
});
