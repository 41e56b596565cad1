// The analysis worker's handlers for percentile series (p50–p99.9) of a series or a span set.

import * as Comlink from 'comlink';
import { computePercentiles } from '../analysis/percentiles/view-compute';
import { percentileSources } from '../analysis/percentiles/view-sources';
import type { DatasetMeta } from '../model/series';
import { getDataset, readSeries } from '../store/datasets';
import type { PercentilesWorkerApi } from './api-percentiles';
import { loadTraces } from './trace-cache';
import type { WorkerContext } from './worker-context';

async function datasetOf(datasetId: string): Promise<DatasetMeta> {
  const meta = await getDataset(datasetId);
  if (!meta) throw new RangeError(`No dataset ${datasetId} in this browser's storage (deleted?).`);
  return meta;
}

const hasSpans = (meta: DatasetMeta): boolean => (meta.spanCount ?? 0) > 0;

export function percentilesHandlers(ctx: WorkerContext): PercentilesWorkerApi {
  return {
    async percentileSources(datasetId) {
      const meta = await datasetOf(datasetId);
      return percentileSources(meta.series, hasSpans(meta) ? await loadTraces(datasetId) : undefined);
    },

    async percentileSeries(req) {
      const meta = await datasetOf(req.datasetId);
      const data = {
        series: meta.series,
        readSeries: (index: number) => readSeries(req.datasetId, index),
        readTraces: () => {
          if (!hasSpans(meta)) return Promise.reject(new RangeError(`${meta.name} holds no spans.`));
          return loadTraces(req.datasetId);
        },
      };
      const result = await computePercentiles(ctx.kernels(), data, req.source, req.bucket, req.method);
      const buffers = new Set<ArrayBuffer>([result.t.buffer as ArrayBuffer, result.count.buffer as ArrayBuffer, ...result.lines.map((l) => l.v.buffer as ArrayBuffer)]);
      return Comlink.transfer(result, [...buffers]);
    },
  };
}
