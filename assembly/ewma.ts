// EWMA deviation: each point against the exponentially weighted mean and variance of the points before
// it (no look-ahead), state carried in and out. Hand-written: four lanes in f64x2 (see ewma-lanes.ts).
import { runLanes } from './ewma-lanes';
import { betaParam, minCountParam, scalarRun, setParams, setState, stateCount, stateMean, stateVariance } from './ewma-point';

/** State layout (f64 at statePtr): [mean, variance, count]; count is the number of finite points absorbed. */
const MEAN: usize = 0;
const VAR: usize = 8;
const COUNT: usize = 16;

/**
 * Lanes start this many bits of forgetting ahead of their range: β^W < 2^-FORGET_BITS, so a guessed
 * starting state has decayed far below the last bit by the time the lane's own outputs begin. 80 bits
 * already matched on random walks, noise around 0, small counts and 1e-12 scales, but not always on
 * mostly-zero series with rare spikes (the mean and variance decay along with the difference between
 * lanes, so only the spikes make them forget); 128 matched on all of them (48 checks each).
 */
const FORGET_BITS: f64 = 128;
/**
 * Lanes pay off once their warm-ups (3 of W points) cost less than they save: the lanes run a point
 * ~3× faster than one point at a time, so n ≥ 4·W (W ≈ 2.7 k points at half-life 20) is a clear win.
 */
const LANES_MIN_SHARE: f64 = 4;
const LANES_MIN_POINTS: i32 = 4096;

/** Points a lane runs ahead of its range (see FORGET_BITS), or -1 when lanes do not pay off for n points. */
function laneWarmUp(n: i32): i32 {
  const beta = betaParam();
  const forget = beta > 0 ? (FORGET_BITS * Math.LN2) / -Math.log(beta) : 0;
  const w = Math.ceil(forget) + Math.ceil(minCountParam()) + 64;
  if (n < LANES_MIN_POINTS || !(w * LANES_MIN_SHARE <= <f64>n)) return -1;
  return <i32>w;
}

/**
 * EWMA deviation of v[i] for outputs i in [first, len) (earlier points only feed the state):
 * dev[i - first] = (v[i] − mean)·rsqrt(variance) over the points before i (see devOf in
 * ewma-point.ts), flag = |dev| > threshold. The state at statePtr is the state before v[0] on entry
 * and the state after v[len - 1] on exit; every output is a function of the state before its point
 * and the point alone, so calls over any split of a series give the same results as one call.
 */
export function ewmaDeviation(
  vPtr: usize, len: i32, first: i32, a: f64, warmUp: f64, thr: f64, statePtr: usize, devPtr: usize, flagPtr: usize,
): void {
  setParams(a, warmUp, thr);
  setState(load<f64>(statePtr + MEAN), load<f64>(statePtr + VAR), load<f64>(statePtr + COUNT));
  scalarRun(vPtr, first, 0, 0, false);
  let done = first;
  const w = laneWarmUp(len - first);
  if (w >= 0) {
    // Four lanes of length L from `first`: lane 0 covers [first, first + L), lane k its own L − W points
    // after W warm-up points that lane k − 1 also covers.
    const lane = (len - first + 3 * w) >> 2;
    runLanes(vPtr, first, lane, w, devPtr - (<usize>first << 3), flagPtr - <usize>first);
    done = first + 4 * lane - 3 * w;
  }
  const off = <usize>(done - first);
  scalarRun(vPtr + (<usize>done << 3), len - done, devPtr + (off << 3), flagPtr + off, true);
  store<f64>(statePtr + MEAN, stateMean());
  store<f64>(statePtr + VAR, stateVariance());
  store<f64>(statePtr + COUNT, stateCount());
}
