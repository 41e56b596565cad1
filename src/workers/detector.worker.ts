// A detector worker: runs single-series detector steps for the analysis worker's pool (detector-pool.ts)
// with its own kernels, so several detectors of one run compute at once.

import * as Comlink from 'comlink';
import { detectStep } from '../analysis/detectors/run-chunked';
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
      const { result, buffers } = await detectStep(name, series, params, kernels, async (fraction) => {
        const r: unknown = onFraction(fraction);
        if (r instanceof Promise) r.catch(() => undefined); // progress is advisory
      });
      return Comlink.transfer(result, buffers);
    } finally {
      releaseProxy(onFraction);
    }
  },
};

Comlink.expose(api);
