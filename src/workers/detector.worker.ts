// A detector worker: runs single-series detector steps for the analysis worker's pool (detector-pool.ts)
// with its own kernels, so several detectors of one run compute at once.

import * as Comlink from 'comlink';
import { detectInChunks } from '../analysis/detectors/run-chunked';
import { findDetector } from '../analysis/detectors/registry';
import { instantiateKernels } from '../kernels/instantiate';
import type { Kernels } from '../kernels/types';
import type { DetectorWorkerApi } from './api-detector';
import { releaseProxy } from './release-proxy';

let kernels: Kernels | undefined;

const api: DetectorWorkerApi = {
  async init(module) {
    kernels = instantiateKernels(module);
  },

  async run(name, series, params, onFraction) {
    try {
      if (!kernels) throw new Error('The detector worker was used before init(module).');
      const detector = findDetector(name);
      if (!detector || 'detectMany' in detector) throw new RangeError(`${name} is not a single-series detector.`);
      const result = await detectInChunks(detector, series, params, kernels, async (fraction) => {
        const r: unknown = onFraction(fraction);
        if (r instanceof Promise) r.catch(() => undefined); // progress is advisory
      });
      const buffers = new Set([result.score, result.flag, ...(result.raw ? [result.raw] : [])].map((a) => a.buffer as ArrayBuffer));
      return Comlink.transfer(result, [...buffers]);
    } finally {
      releaseProxy(onFraction);
    }
  },
};

Comlink.expose(api);
