// The analysis worker's API for percentile series (p50–p99.9) of a series or a span set (plain data and transferable typed arrays only).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PercentilesWorkerApi {}
