// EWMA deviation kernel: drives the exports of assembly/ewma.ts over a call. Every output depends only on
// the state before its point, so the kernel may split the call as it likes: long calls walk four lanes
// over four quarters of it at once (assembly/ewma-lanes.ts), short ones run one point at a time.
import { checkOutput, type KernelContext } from './context';
import { EWMA_STATE_LENGTH, type EwmaKernels } from './ewma-types';

/**
 * Points per lane and segment on the copying path: each segment copies this many points of each of
 * the four quarters in, runs the lanes over them and copies their outputs out, the lanes carrying their
 * states from segment to segment. The scratch held 4 × 17 bytes per point (1.1 MB at 2^14; 4 × 9 since
 * outputs overwrite inputs, see BEHIND), inside a 2 MB L2, so the copies and the lanes meet in L2 and
 * only the caller's arrays go further out. On the bench's 10 M points (2026-11-27, Xeon with 2 MB
 * L2) 2^13 and 2^14 ran 7–9 % faster than 2^16 (4.5 MB of scratch): 33.0 against 35.8 ms in one process, 297–307 against 279–282 M points/s in
 * the bench. An earlier VM had measured the other way (2^16 about 4 % ahead of 2^15, which was 6–9 %
 * ahead of 2^13); 2^14 keeps the scratch at half of L2 with half the calls of 2^13.
 */
export const EWMA_LANE_POINTS = 1 << 14;
/** Points per segment when the points run one at a time (short calls, before `first`, lane reruns). */
const SCALAR_POINTS = 4 * EWMA_LANE_POINTS;
/**
 * On the copying path each lane writes a point's output over its input BEHIND points back, so inputs
 * and outputs share one region per lane and the scratch the copies pass through is half as large.
 * BEHIND is at least one of the kernel's blocks (BLOCK in assembly/ewma-point.ts), so a block it redoes
 * one point at a time still has its inputs (the EWMA tests fail with 8); the regions lie BEHIND points
 * apart, which keeps lane k's first outputs off lane k − 1's last inputs. 2026-11-28, 10 M points, three
 * runs each: 31.3–31.9 ms against 32.4–32.7 with separate output regions.
 */
const BEHIND = 32;
const LANE_STRIDE = EWMA_LANE_POINTS + BEHIND;

type BeginFn = (alpha: number, warmUp: number, threshold: number, statePtr: number, len: number) => number;
type ScalarFn = (vPtr: number, n: number, devPtr: number, flagPtr: number, write: boolean, statePtr: number) => void;
type StepFn = (vPtr: number, devPtr: number, flagPtr: number, gap: number, from: number, to: number, warm: number) => void;
type JoinFn = (k: number) => number;

export function ewmaKernels(ctx: KernelContext): EwmaKernels {
  const begin = ctx.fn<BeginFn>('ewmaBegin');
  const scalar = ctx.fn<ScalarFn>('ewmaScalar');
  const step = ctx.fn<StepFn>('ewmaLanesStep');
  const join = ctx.fn<JoinFn>('ewmaLanesJoin');
  const statePtr = ctx.base;
  // Scratch on the copying path: the state, then inputs, outputs and flags of points run one at a time;
  // the lanes' regions (BEHIND + 4 · LANE_STRIDE points, see BEHIND) overlay the first two.
  const stateBytes = Math.ceil((EWMA_STATE_LENGTH * 8) / 16) * 16; // the state, padded to keep vPtr 16-aligned
  const vPtr = statePtr + stateBytes;
  const devPtr = vPtr + SCALAR_POINTS * 8;
  const flagPtr = devPtr + SCALAR_POINTS * 8;
  const laneInPtr = vPtr + BEHIND * 8; // lane k's inputs at laneInPtr + k · LANE_STRIDE · 8, its outputs BEHIND points earlier
  const scratchBytes = flagPtr + 4 * LANE_STRIDE - statePtr;
  // Views of the whole memory, made again only when it grew (the buffer then changes).
  let f64 = new Float64Array(0);
  let u8 = new Uint8Array(0);
  const viewsOf = (buffer: ArrayBuffer): void => {
    if (f64.buffer !== buffer) {
      f64 = new Float64Array(buffer);
      u8 = new Uint8Array(buffer);
    }
  };

  /**
   * Points [from, to) of v one at a time (outputs at dev[i − first] when `write`), through copies unless
   * resident; at least one kernel call, which stores the state.
   */
  function runScalar(v: Float64Array, first: number, dev: Float64Array, flags: Uint8Array, resident: boolean, from: number, to: number, write: boolean): void {
    if (resident) {
      scalar(v.byteOffset + from * 8, to - from, dev.byteOffset + (from - first) * 8, flags.byteOffset + from - first, write, statePtr);
      return;
    }
    for (let at = from; ; ) {
      const n = Math.min(SCALAR_POINTS, to - at);
      f64.set(n === v.length ? v : v.subarray(at, at + n), vPtr >> 3); // n = v.length: the whole of v
      scalar(vPtr, n, devPtr, flagPtr, write, statePtr);
      if (write && n > 0) {
        dev.set(f64.subarray(devPtr >> 3, (devPtr >> 3) + n), at - first);
        flags.set(u8.subarray(flagPtr, flagPtr + n), at - first);
      }
      at += n;
      if (at >= to) return;
    }
  }

  /**
   * The lanes' walk through copies: lane k runs points first + k·own + [0, lane) (own = lane − warm), in
   * segments of EWMA_LANE_POINTS steps; its first `warm` outputs (lane k − 1's last ones) stay behind.
   */
  function copiedLanes(v: Float64Array, first: number, dev: Float64Array, flags: Uint8Array, lane: number, warm: number): void {
    const own = lane - warm;
    for (let from = 0; from < lane; from += EWMA_LANE_POINTS) {
      const to = Math.min(lane, from + EWMA_LANE_POINTS);
      for (let k = 0; k < 4; k++) {
        const at = first + k * own + from;
        f64.set(v.subarray(at, at + to - from), (laneInPtr >> 3) + k * LANE_STRIDE);
      }
      step(laneInPtr, laneInPtr - BEHIND * 8, flagPtr, LANE_STRIDE * 8, from, to, warm);
      for (let k = 0; k < 4; k++) {
        const skip = k === 0 ? 0 : Math.max(0, Math.min(to, warm) - from);
        if (skip === to - from) continue;
        const d = (vPtr >> 3) + k * LANE_STRIDE + skip;
        const f = flagPtr + k * LANE_STRIDE + skip;
        const n = to - from - skip;
        dev.set(f64.subarray(d, d + n), k * own + from + skip);
        flags.set(u8.subarray(f, f + n), k * own + from + skip);
      }
    }
  }

  return {
    ewmaDeviation(v, first, opts, state, dev, flags) {
      const { alpha, warmUp, threshold } = opts;
      if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
      if (!(warmUp >= 1)) throw new RangeError(`warmUp must be >= 1, got ${warmUp}`);
      if (state.length !== EWMA_STATE_LENGTH) throw new RangeError(`EWMA state has ${state.length} slots, needs ${EWMA_STATE_LENGTH}`);
      if (!Number.isInteger(first) || first < 0 || first > v.length) throw new RangeError(`first must be an integer in [0, ${v.length}], got ${first}`);
      checkOutput('dev', dev, v.length - first);
      checkOutput('flags', flags, v.length - first);
      // Resident arrays (context.ts) are read and written in place; others go through the scratch area.
      const resident = ctx.isResident(v) && ctx.isResident(dev) && ctx.isResident(flags);
      viewsOf(ctx.reserve(resident ? stateBytes : scratchBytes));
      const s = statePtr >> 3;
      for (let i = 0; i < EWMA_STATE_LENGTH; i++) f64[s + i] = state[i];
      const n = v.length;
      const warm = begin(alpha, warmUp, threshold, statePtr, n - first);
      if (first > 0) runScalar(v, first, dev, flags, resident, 0, first, false);
      let done = first;
      if (warm >= 0) {
        const lane = (n - first + 3 * warm) >> 2;
        const own = lane - warm;
        if (!resident) copiedLanes(v, first, dev, flags, lane, warm);
        else step(v.byteOffset + first * 8, dev.byteOffset, flags.byteOffset, own * 8, 0, lane, warm);
        join(0);
        for (let k = 1; k < 4; k++) {
          if (!join(k)) runScalar(v, first, dev, flags, resident, first + k * own + warm, first + k * own + lane, true);
        }
        done = first + 4 * lane - 3 * warm;
      }
      runScalar(v, first, dev, flags, resident, done, n, true);
      for (let i = 0; i < EWMA_STATE_LENGTH; i++) state[i] = f64[s + i];
      return n;
    },
  };
}
