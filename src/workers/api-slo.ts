// The analysis worker's API for SLO definitions, evaluation series, alerts, forecast and reports (plain data and transferable typed arrays only).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SloWorkerApi {}
