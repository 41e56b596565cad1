// EWMA deviation: each point against the exponentially weighted mean and variance of the points before
// it (no look-ahead), state carried in and out. Hand-written: four lanes in f64x2 (see ewma-lanes.ts),
// driven by src/kernels/ewma.ts: ewmaBegin, then ewmaScalar for points before the first output and for
// short calls, or a walk of ewmaLanesStep over the call with ewmaLanesJoin (ewma-lanes.ts) at its end.
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
 * Lanes pay off once their warm-ups (3 of W points) cost less than they save: at half-life 20
 * (W ≈ 2.7 k points) and through copies, short calls in blocks ran 260–265 M points/s at 6 k and 10 k
 * points against 212 and 255 for the lanes, and 4·W and 6·W measured the same from 12 k to 24 k.
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
 * Starts a call: sets its parameters and takes the state at statePtr (before the call's first point).
 * Returns the lanes' warm-up W for a walk over len points (lane length (len + 3·W) / 4, see
 * ewmaLanesStep), or -1 when lanes do not pay off and the points run one at a time.
 */
export function ewmaBegin(a: f64, warmUp: f64, thr: f64, statePtr: usize, len: i32): i32 {
  setParams(a, warmUp, thr);
  setState(load<f64>(statePtr + MEAN), load<f64>(statePtr + VAR), load<f64>(statePtr + COUNT));
  return laneWarmUp(len);
}

/**
 * EWMA deviation of n points at vPtr one at a time from the current state, which is then stored at
 * statePtr: dev = (x − mean)·rsqrt(variance) over the points before x (see devOf in ewma-point.ts),
 * flag = |dev| > threshold, written at devPtr / flagPtr when `write` (otherwise the points only feed
 * the state). Every output is a function of the state before its point and the point alone, so any
 * split of a series into calls and lanes gives the same results as one pass.
 */
export function ewmaScalar(vPtr: usize, n: i32, devPtr: usize, flagPtr: usize, write: bool, statePtr: usize): void {
  scalarRun(vPtr, n, devPtr, flagPtr, write);
  store<f64>(statePtr + MEAN, stateMean());
  store<f64>(statePtr + VAR, stateVariance());
  store<f64>(statePtr + COUNT, stateCount());
}
