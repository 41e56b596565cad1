// The seasonal detector's rule for misfits that recur at a phase: a flagged point whose value the same
// phase (its bin and SPREAD bins on each side) already showed in earlier cycles is cleared. A quantized
// metric's other level, or a phase that is bimodal, comes back cycle after cycle; a missed peak or a
// phase shift is new at its phase, however long it lasts (points of the current cycle never count).
import type { DetectorResult } from './types';

/** Phase bins on each side whose earlier residuals also count (the kernel pools its scale the same way). */
const SPREAD = 2;
/** Values kept per bin from earlier cycles (the most recent), with their cycles. */
const KEPT = 32;

/** Two values are alike within this share of the range of the values the phase kept. */
const NEAR_SHARE = 0.05;

export class PhaseHistory {
  /** Per bin, a ring of the values of its earlier cycles, and the cycle of each. */
  private readonly kept: Float64Array;
  private readonly keptCycle: Float64Array;
  private readonly keptN: Int32Array;
  private readonly keptHead: Int32Array;
  /** Per bin, the values of the cycle it is in (committed when a later cycle reaches the bin). */
  private readonly open: Float64Array;
  private readonly openN: Int32Array;
  private readonly openCycle: Float64Array;

  /**
   * `repeats`: earlier cycles with an alike value that make a flagged one recurring (0: keep every
   * flag). The phase bins are the kernel's: bin index g = ⌊(t − anchor) · invWidth⌋, cycle ⌊g / bins⌋.
   */
  constructor(private readonly bins: number, private readonly anchor: number, private readonly invWidth: number, private readonly repeats: number) {
    this.kept = new Float64Array(bins * KEPT);
    this.keptCycle = new Float64Array(bins * KEPT);
    this.keptN = new Int32Array(bins);
    this.keptHead = new Int32Array(bins);
    this.open = new Float64Array(bins * KEPT);
    this.openN = new Int32Array(bins);
    this.openCycle = new Float64Array(bins).fill(NaN);
  }

  /**
   * Clears the recurring flags of out[from..] for the points (t, v) (score 0.5, the flag line) and
   * records the values the baseline judged, point by point in time order, so calls over consecutive
   * chunks equal one call.
   */
  apply(t: Float64Array, v: Float64Array, out: Required<DetectorResult>, from: number): void {
    if (!(this.repeats > 0)) return;
    for (let i = from; i < t.length; i++) {
      if (!Number.isFinite(out.raw[i])) continue;
      this.point(t[i], v[i], out.flag[i] === 1, (bin, cycle, x) => {
        if (!this.recurring(bin, cycle, x)) return;
        out.flag[i] = 0;
        out.score[i] = 0.5;
      });
    }
  }

  /** Records the finite values of the learning prefix (earlier cycles for the first scored ones). */
  record(t: Float64Array, v: Float64Array): void {
    if (!(this.repeats > 0)) return;
    for (let i = 0; i < t.length; i++) this.point(t[i], v[i], false, () => undefined);
  }

  /** Files the point (t, x) in its bin, calling `judge` first when it is flagged. */
  private point(t: number, x: number, flagged: boolean, judge: (bin: number, cycle: number, x: number) => void): void {
    if (!Number.isFinite(x) || !Number.isFinite(t)) return;
    const g = Math.floor((t - this.anchor) * this.invWidth);
    const cycle = Math.floor(g / this.bins);
    const bin = g - cycle * this.bins;
    this.settle(bin, cycle);
    if (flagged) judge(bin, cycle, x);
    const n = this.openN[bin];
    if (n < KEPT) {
      this.open[bin * KEPT + n] = x;
      this.openN[bin] = n + 1;
    }
  }

  /** Moves the bin's open values into its ring once `cycle` is past theirs. */
  private settle(bin: number, cycle: number): void {
    const openCycle = this.openCycle[bin];
    if (openCycle === cycle) return;
    if (openCycle < cycle) this.commit(bin);
    this.openCycle[bin] = cycle;
  }

  private commit(bin: number): void {
    for (let k = 0; k < this.openN[bin]; k++) {
      this.keptCycle[bin * KEPT + this.keptHead[bin]] = this.openCycle[bin];
      this.kept[bin * KEPT + this.keptHead[bin]] = this.open[bin * KEPT + k];
      this.keptHead[bin] = (this.keptHead[bin] + 1) % KEPT;
      this.keptN[bin] = Math.min(KEPT, this.keptN[bin] + 1);
    }
    this.openN[bin] = 0;
  }

  /**
   * At least `repeats` earlier cycles hold, at the phase (bin ± SPREAD), a value within NEAR_SHARE of
   * the range of the values kept there of x: a misfit seen again, not one earlier anomaly (a missed
   * peak leaves several alike values in one cycle).
   */
  private recurring(bin: number, cycle: number, x: number): boolean {
    let lo = Infinity;
    let hi = -Infinity;
    this.earlier(bin, cycle, (y) => {
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    });
    if (!(hi >= lo)) return false;
    const near = NEAR_SHARE * (hi - lo);
    const cycles = new Set<number>();
    this.earlier(bin, cycle, (y, c) => {
      if (Math.abs(y - x) <= near) cycles.add(c);
    });
    return cycles.size >= this.repeats;
  }

  /** Calls `f` with every value of earlier cycles kept at the phase of `bin` (bin ± SPREAD) and its cycle. */
  private earlier(bin: number, cycle: number, f: (y: number, c: number) => void): void {
    for (let d = -SPREAD; d <= SPREAD; d++) {
      const b = (((bin + d) % this.bins) + this.bins) % this.bins;
      for (let k = 0; k < this.keptN[b]; k++) f(this.kept[b * KEPT + k], this.keptCycle[b * KEPT + k]);
      // A neighbour this cycle has not reached yet still holds an earlier cycle's values as open.
      if (d !== 0 && this.openCycle[b] < cycle) for (let k = 0; k < this.openN[b]; k++) f(this.open[b * KEPT + k], this.openCycle[b]);
    }
  }
}
