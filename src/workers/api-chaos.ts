// The analysis worker's API for chaos lab replays: run, progress, cancel, scorecard (plain data and transferable typed arrays only).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChaosWorkerApi {}
