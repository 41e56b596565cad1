// The analysis worker: the in-process AnalysisEngine over series read from IndexedDB by this worker
// itself (cached here); exposes AnalysisWorkerApi with Comlink and transfers the chart arrays.

import * as Comlink from 'comlink';
import { InProcessEngine, type AnalysisEngine } from '../analysis/engine';
import { instantiateKernels } from '../kernels/instantiate';
import { readSeries } from '../store/datasets';
import type { AnalysisWorkerApi, ChartData } from './api';
import { listenForChaos } from './chaos';

let engine: AnalysisEngine | undefined;

const api: AnalysisWorkerApi = {
  async init(module) {
    const kernels = await instantiateKernels(module);
    engine = new InProcessEngine(readSeries, kernels);
  },

  async chart(req) {
    if (!engine) throw new Error('The analysis worker was asked for a chart before init(module).');
    const data: ChartData = await engine.chart(req);
    const arrays = [data.t, data.min, data.max, data.score, data.flagT, data.flagV, data.flagScore];
    return Comlink.transfer(data, arrays.map((a) => a.buffer as ArrayBuffer));
  },

  forget(datasetId) {
    engine?.forget(datasetId);
  },
};

listenForChaos();
Comlink.expose(api);
