// Counter increases between consecutive samples, reset-corrected as Prometheus does (a drop means the
// counter restarted from 0, so the increase is the new value), as metrics/rate.ts counts resets. Windows
// sum these per-step increases: additive, so no extrapolation to the window edges (Prometheus increase()
// extrapolates per range, which does not add up across steps).

/** Calls `emit(t, increase)` for each sample after the first with the increase since the previous sample. */
export type CounterDeltas = (t: Float64Array, v: Float64Array, emit: (t: number, increase: number) => void) => void;

export const resetCorrectedDeltas: CounterDeltas = (t, v, emit) => {
  let prev = NaN;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isFinite(x)) continue;
    if (Number.isFinite(prev)) emit(t[i], x >= prev ? x - prev : x);
    prev = x;
  }
};
