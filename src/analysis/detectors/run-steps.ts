// The single-series steps of a detection run (one detector over one series each): one after another
// in the caller's thread, or, given a DetectorPool (other workers with their own kernels), several at
// once: the caller runs steps itself while the pool runs others. Either way every step's result lands
// where the sequential order puts it, so the run's output does not depend on which step finished first.

import type { Series } from '../../model/series';
import { isCancelled, type StepProgress } from './run-types';
import type { Detector, DetectorName, DetectorParams, DetectorResult } from './types';

/** Runs steps in other workers (src/workers/detector-pool.ts in the app). */
export interface DetectorPool {
  /** Steps it can run at once. */
  readonly size: number;
  /**
   * Runs `detector` over `series` elsewhere; `onFraction` hears how far a long series is. Rejects with
   * the detector's own error, or with a DetectorPoolError when the pool could not run it (the caller
   * then runs the step itself).
   */
  run(detector: DetectorName, series: Series, params: DetectorParams, onFraction: (fraction: number) => void): Promise<DetectorResult>;
  /** Stops the steps in flight (a cancelled run): they reject with DetectorPoolError. */
  abort?(): void;
}

/** The pool failed to run a step (a worker crashed or could not start), not the detector. */
export class DetectorPoolError extends Error {
  override name = 'DetectorPoolError';
}

export const isPoolError = (e: unknown): boolean => e instanceof Error && e.name === 'DetectorPoolError';

export interface Step {
  series: Series;
  detector: Detector;
  params: DetectorParams;
}

export interface StepHooks {
  /** The step's cached result, if any. */
  cached(step: Step): DetectorResult | undefined;
  /** Runs the step in this thread; `between(fraction)` after each chunk of a long series (may throw to stop). */
  local(step: Step, between: (fraction: number) => Promise<void>): Promise<DetectorResult>;
  /** A step finished with a result computed now (to cache it). */
  computed(step: Step, result: DetectorResult): void;
  /**
   * Progress: `within` is the least advanced long step in flight. Awaited between steps and chunks; it
   * lets queued messages through and throws to stop the run (a cancel).
   */
  progress(done: number, within?: StepProgress): Promise<void>;
}

/** A step's outcome: its result, or the error it failed with (the run notes it and goes on). */
export type StepOutcome = { result: DetectorResult } | { error: unknown };

/** Heavy detectors first, so a pool's workers are not left waiting on one long step at the end. */
const heavy = (s: Step): number => (s.detector.family === 'ml' ? 0 : s.detector.name === 'seasonal' ? 1 : 2);

/**
 * Runs the steps (in order without a pool; heaviest first with one) and returns their outcomes in
 * the order of `steps`. A thrown cancel (from hooks.progress) stops the run and is rethrown once
 * every step in flight has settled.
 */
export async function runSteps(steps: readonly Step[], hooks: StepHooks, pool?: DetectorPool): Promise<StepOutcome[]> {
  const outcomes: (StepOutcome | undefined)[] = steps.map(() => undefined);
  const order = steps.map((_, i) => i);
  if (pool && pool.size > 0) order.sort((a, b) => heavy(steps[a]) - heavy(steps[b]) || a - b);
  const inFlight = new Map<number, StepProgress>();
  let done = 0;
  let next = 0;
  let stop: { error: unknown } | undefined;

  const slowest = (): StepProgress | undefined => {
    let w: StepProgress | undefined;
    for (const p of inFlight.values()) if (!w || p.fraction < w.fraction) w = p;
    return w;
  };
  const report = (): Promise<void> => hooks.progress(done, slowest());
  const withinOf = (i: number, fraction: number): StepProgress => ({ fraction, detector: steps[i].detector.name, series: steps[i].series.name });

  const runOne = async (i: number, remote: boolean): Promise<DetectorResult> => {
    const step = steps[i];
    const local = (): Promise<DetectorResult> =>
      hooks.local(step, async (fraction) => {
        inFlight.set(i, withinOf(i, fraction));
        await report();
      });
    if (!remote || !pool) return local();
    try {
      return await pool.run(step.detector.name, step.series, step.params, (fraction) => {
        inFlight.set(i, withinOf(i, fraction));
        void report().catch(() => undefined); // a cancel is seen by the steps' own checks
      });
    } catch (e) {
      if (!isPoolError(e)) throw e;
      await report(); // throws if the run was cancelled (a cancel also stops the pool's workers)
      return local(); // the pool could not run it: run it here
    }
  };

  const lane = async (remote: boolean): Promise<void> => {
    while (!stop && next < order.length) {
      const i = order[next++];
      try {
        await report();
        const hit = hooks.cached(steps[i]);
        if (hit) {
          outcomes[i] = { result: hit };
        } else {
          const result = await runOne(i, remote);
          hooks.computed(steps[i], result);
          outcomes[i] = { result };
        }
      } catch (e) {
        if (isCancelled(e)) {
          stop ??= { error: e };
          return;
        }
        outcomes[i] = { error: e };
      } finally {
        inFlight.delete(i);
      }
      done++;
    }
  };

  // The pool's lanes take the first (heaviest) steps: this thread, which also hears the pool's progress
  // and a cancel, keeps the lighter ones.
  const lanes = [...Array.from({ length: pool?.size ?? 0 }, () => lane(true)), lane(false)];
  await Promise.all(lanes);
  if (stop) throw stop.error;
  return outcomes.map((o) => o ?? { error: new Error('the step did not run') });
}
