// The analysis worker: the in-process AnalysisEngine over series read from IndexedDB by this worker
// itself (cached here); exposes AnalysisWorkerApi with Comlink (detector list, charts, detection runs, cancel).

import * as Comlink from 'comlink';
import { describeDetectors } from '../analysis/detectors/detector-info';
import { InProcessEngine, type AnalysisEngine } from '../analysis/engine';
import { instantiateKernels } from '../kernels/instantiate';
import { getDataset, readSeries } from '../store/datasets';
import type { AnalysisWorkerApi, ChartData } from './api';
import { chaosHandlers } from './chaos-handlers';
import { poolSize, WorkerDetectorPool } from './detector-pool';
import { listenForChaos } from './chaos';
import { percentilesHandlers } from './percentiles-handlers';
import { sessionHandlers } from './session-handlers';
import { sloHandlers, sloHealthFor } from './slo-handlers';
import { forgetTraces } from './trace-cache';
import { traceInsightsHandlers } from './trace-insights-handlers';
import { tracesHandlers } from './traces-handlers';
import type { WorkerContext } from './worker-context';
import type { Kernels } from '../kernels/types';

let engine: AnalysisEngine | undefined;
let kernels: Kernels | undefined;

const ctx: WorkerContext = {
  kernels() {
    if (!kernels) throw new Error('The analysis worker was used before init(module).');
    return kernels;
  },
  engine() {
    if (!engine) throw new Error('The analysis worker was used before init(module).');
    return engine;
  },
};

async function seriesCount(datasetId: string): Promise<number> {
  const meta = await getDataset(datasetId);
  if (!meta) throw new RangeError(`No dataset ${datasetId} in this browser's storage (deleted?).`);
  return meta.seriesCount;
}

const api: AnalysisWorkerApi = {
  async init(module, cores) {
    kernels = await instantiateKernels(module);
    // Detector steps also run in other workers, one per spare core (detector-pool.ts).
    const size = poolSize(cores ?? self.navigator.hardwareConcurrency);
    engine = new InProcessEngine(readSeries, kernels, { seriesCount, ...(size > 0 ? { pool: new WorkerDetectorPool(module, size) } : {}) });
  },

  async detectors() {
    return describeDetectors();
  },

  async chart(req) {
    if (!engine) throw new Error('The analysis worker was asked for a chart before init(module).');
    const data: ChartData = await engine.chart(req);
    const arrays = [data.t, data.min, data.max, data.score, data.flagT, data.flagV, data.flagScore, ...(data.flagSeverity ? [data.flagSeverity] : [])];
    return Comlink.transfer(data, arrays.map((a) => a.buffer as ArrayBuffer));
  },

  async shapes(req) {
    if (!engine) throw new Error('The analysis worker was asked for series shapes before init(module).');
    const data = await engine.shapes(req);
    return Comlink.transfer(data, [data.min, data.max, data.last, data.points].map((a) => a.buffer as ArrayBuffer));
  },

  async detect(req, onProgress) {
    if (!engine) throw new Error('The analysis worker was asked to detect before init(module).');
    // The dataset's SLO burn rates lower the health score (named in its reasons).
    const health = req.health ?? (await sloHealthFor(req.datasetId));
    return engine.detect(health ? { ...req, health } : req, onProgress);
  },

  cancelDetect(runId) {
    engine?.cancel(runId);
  },

  async nabScore(req) {
    if (!engine) throw new Error('The analysis worker was asked for a NAB score before init(module).');
    return engine.nabScore(req);
  },

  forget(datasetId) {
    engine?.forget(datasetId);
    forgetTraces(datasetId);
  },

  ...tracesHandlers(ctx),
  ...traceInsightsHandlers(ctx),
  ...sloHandlers(ctx),
  ...percentilesHandlers(ctx),
  ...chaosHandlers(ctx),
  ...sessionHandlers(ctx),
};

listenForChaos();
Comlink.expose(api);
