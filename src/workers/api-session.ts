// The analysis worker's API for replay session export and import (.faultline files, share links) (plain data and transferable typed arrays only).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SessionWorkerApi {}
