// The analysis worker's handlers for the trace list and one trace's waterfall (spans, critical path, root cause).

import * as Comlink from 'comlink';
import { TraceExplorerState } from '../analysis/traces/trace-explorer-state';
import { waterfallBuffers } from '../analysis/traces/waterfall-rows';
import type { TracesWorkerApi } from './api-traces';
import { loadTraces } from './trace-cache';
import type { WorkerContext } from './worker-context';

const KEEP = 2;

export function tracesHandlers(_ctx: WorkerContext): TracesWorkerApi {
  // One explorer state per dataset, dropped when the trace cache hands back a different set (re-read).
  const states = new Map<string, TraceExplorerState>();
  async function state(datasetId: string): Promise<TraceExplorerState> {
    const set = await loadTraces(datasetId);
    let s = states.get(datasetId);
    if (!s || s.set !== set) {
      s = new TraceExplorerState(set);
      states.delete(datasetId);
      states.set(datasetId, s);
      while (states.size > KEEP) states.delete(states.keys().next().value as string);
    }
    return s;
  }
  return {
    async traceList(datasetId, query) {
      return (await state(datasetId)).list(query);
    },
    async traceDetail(datasetId, traceId, opts) {
      const rows = (await state(datasetId)).detail(traceId, opts.clockSkew);
      return rows ? Comlink.transfer(rows, waterfallBuffers(rows)) : undefined;
    },
    async spanDetail(datasetId, traceId, spanRow, opts) {
      return (await state(datasetId)).span(traceId, spanRow, opts?.clockSkew ?? false);
    },
    async findInTrace(datasetId, traceId, text) {
      const rows = (await state(datasetId)).find(traceId, text);
      return Comlink.transfer(rows, [rows.buffer]);
    },
  };
}
