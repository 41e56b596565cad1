// The analysis worker's API for the trace list and one trace's waterfall (spans, critical path, root cause) (plain data and transferable typed arrays only).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TracesWorkerApi {}
