// The analysis worker's API for service graph, per-operation latency table and the sampling lab (plain data and transferable typed arrays only).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TraceInsightsWorkerApi {}
