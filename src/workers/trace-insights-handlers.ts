// The analysis worker's handlers for service graph, per-operation latency table and the sampling lab.
// The analysis and the sampling context of a dataset are computed once and kept (re-opening a tab reuses them).

import * as Comlink from 'comlink';
import { analyzeTraces, type TraceAnalysis } from '../analysis/traces/analyze';
import { serviceRed, traceInsights, type TraceInsights } from '../analysis/traces/insights';
import { kernelQuantiles, type QuantileFn } from '../analysis/traces/quantiles';
import { adviseWithReason, runPolicies } from '../analysis/traces/sampling-lab';
import { serviceShapesOf } from '../analysis/traces/service-shapes';
import { samplingContext, type SamplingContext } from '../analysis/traces/sampling/context';
import type { TraceSet } from '../model/traces';
import type { PolicyOutcome, SamplingAdviceResult, TraceInsightsWorkerApi, TraceSummaryOptions } from './api-trace-insights';
import { promiseLru } from './promise-lru';
import { loadTraces } from './trace-cache';
import type { WorkerContext } from './worker-context';

/** How many datasets' analyses are kept (and how many replays and advice results). */
const KEEP = 2;
const KEEP_RESULTS = 64;

interface Analysed {
  set: TraceSet;
  analysis: TraceAnalysis;
  insights: TraceInsights;
}

export function traceInsightsHandlers(ctx: WorkerContext): TraceInsightsWorkerApi {
  const analyses = promiseLru<Analysed>(KEEP);
  const contexts = promiseLru<SamplingContext>(KEEP);
  // Replays and advice are kept too (a tab opened again asks the same questions), keyed by their inputs.
  const outcomes = promiseLru<PolicyOutcome>(KEEP_RESULTS);
  const advice = promiseLru<SamplingAdviceResult>(8);
  let quantilesFn: QuantileFn | undefined;
  const quantiles = (): QuantileFn => (quantilesFn ??= kernelQuantiles(ctx.kernels()));

  const analysed = (datasetId: string, opts: TraceSummaryOptions = {}): Promise<Analysed> =>
    analyses(`${datasetId}|${opts.clockSkew ? 'skew' : 'raw'}`, async () => {
      const set = await loadTraces(datasetId);
      const analysis = analyzeTraces(set, quantiles(), { adjustClockSkew: !!opts.clockSkew });
      return { set, analysis, insights: traceInsights(analysis) };
    });

  const sampling = (datasetId: string): Promise<SamplingContext> =>
    contexts(datasetId, async () => {
      const set = await loadTraces(datasetId);
      return samplingContext(set, quantiles());
    });

  return {
    async traceSummary(datasetId, opts) {
      const { insights } = await analysed(datasetId, opts);
      return { datasetId, ...insights };
    },

    async serviceRed(datasetId, service, opts) {
      const { set, analysis } = await analysed(datasetId, opts);
      const red = serviceRed(set, analysis.start, service, quantiles());
      return Comlink.transfer(red, [red.t.buffer, red.rate.buffer, red.errors.buffer, red.p99.buffer] as ArrayBuffer[]);
    },

    async serviceShapes(req) {
      const { set, analysis, insights } = await analysed(req.datasetId);
      const shapes = serviceShapesOf(set, analysis.start, insights.services, req);
      return Comlink.transfer(shapes, [shapes.spans.buffer as ArrayBuffer]);
    },

    async simulateSampling(datasetId, policies) {
      return Promise.all(policies.map((p) => outcomes(`${datasetId}|${JSON.stringify(p)}`, async () => runPolicies(await sampling(datasetId), [p])[0])));
    },

    async adviseSampling(datasetId, goals, extra) {
      return advice(`${datasetId}|${JSON.stringify([goals, extra ?? []])}`, async () => adviseWithReason(await sampling(datasetId), goals, extra ?? []));
    },
  };
}
