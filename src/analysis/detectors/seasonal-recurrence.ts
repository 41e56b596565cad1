// The seasonal detector's rule for misfits that recur at a phase: a flagged point whose value the same
// phase (its bin and SPREAD bins on each side) already showed in earlier cycles is cleared. A quantized
// metric's other level, or a phase that is bimodal, comes back cycle after cycle; a missed peak or a
// phase shift is new at its phase, however long it lasts (points of the current cycle never count).
import type { DetectorResult } from './types';

/** Phase bins on each side whose earlier values also count (the kernel pools its scale the same way). */
const SPREAD = 2;
/** Values a bin keeps per cycle (its first ones)… */
const PER_CYCLE = 2;
/** …and in all (the most recent): sixteen cycles or more. */
const KEPT = 32;
/** Two values are alike within this share of the range of the values the phase kept. */
const NEAR_SHARE = 0.05;

export class PhaseHistory {
  /** Per bin, a ring of KEPT values and the cycle of each. */
  private readonly kept: Float64Array;
  private readonly keptCycle: Float64Array;
  private readonly keptN: Int32Array;
  private readonly keptHead: Int32Array;
  /** Per bin, the cycle it last filed a value in and how many it filed there. */
  private readonly lastCycle: Float64Array;
  private readonly filed: Int32Array;

  /**
   * `repeats`: earlier cycles with an alike value that make a flagged one recurring (0: keep every
   * flag). The phase bins are the kernel's: bin index g = ⌊(t − anchor) · invWidth⌋, cycle ⌊g / bins⌋.
   */
  constructor(private readonly bins: number, private readonly anchor: number, private readonly invWidth: number, private readonly repeats: number) {
    this.kept = new Float64Array(bins * KEPT);
    this.keptCycle = new Float64Array(bins * KEPT);
    this.keptN = new Int32Array(bins);
    this.keptHead = new Int32Array(bins);
    this.lastCycle = new Float64Array(bins).fill(NaN);
    this.filed = new Int32Array(bins);
  }

  /**
   * Clears the recurring flags of out[from..] for the points (t, v) (score 0.5, the flag line) and
   * files the values the baseline judged, point by point in time order, so calls over consecutive
   * chunks equal one call.
   */
  apply(t: Float64Array, v: Float64Array, out: Required<DetectorResult>, from: number): void {
    if (this.repeats > 0) this.walk(t, v, from, out);
  }

  /** Files the finite values of the learning prefix (earlier cycles for the first scored ones). */
  record(t: Float64Array, v: Float64Array): void {
    if (this.repeats > 0) this.walk(t, v, 0, null);
  }

  /**
   * Files the points from `from` in their bins, judging the flagged ones first; without `out`, every
   * finite value is filed (the learning prefix), else those the baseline judged. The hot loop of the
   * rule: fields in locals, a bin's index and cycle kept while consecutive points share it.
   */
  private walk(t: Float64Array, v: Float64Array, from: number, out: Required<DetectorResult> | null): void {
    const { anchor, invWidth, bins, kept, keptCycle, keptN, keptHead, lastCycle, filed } = this;
    const raw = out?.raw ?? v;
    let lastG = NaN;
    let bin = 0;
    let cycle = 0;
    for (let i = from; i < t.length; i++) {
      const x = v[i];
      const r = raw[i];
      if (x - x !== 0 || r - r !== 0) continue; // not finite, or not judged
      const g = Math.floor((t[i] - anchor) * invWidth);
      if (g !== lastG) {
        if (g - g !== 0) continue;
        lastG = g;
        cycle = Math.floor(g / bins);
        bin = g - cycle * bins;
        if (lastCycle[bin] !== cycle) {
          lastCycle[bin] = cycle;
          filed[bin] = 0;
        }
      }
      if (out !== null && out.flag[i] === 1 && this.recurring(bin, cycle, x)) {
        out.flag[i] = 0;
        out.score[i] = 0.5;
      }
      if (filed[bin] < PER_CYCLE) {
        filed[bin]++;
        const at = bin * KEPT + keptHead[bin];
        kept[at] = x;
        keptCycle[at] = cycle;
        keptHead[bin] = keptHead[bin] === KEPT - 1 ? 0 : keptHead[bin] + 1;
        if (keptN[bin] < KEPT) keptN[bin]++;
      }
    }
  }

  /**
   * At least `repeats` earlier cycles hold, at the phase (bin ± SPREAD), a value within NEAR_SHARE of
   * the range of the earlier values kept there of x: a misfit seen again, not one earlier anomaly (a
   * missed peak leaves several alike values in one cycle).
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

  /**
   * Calls `f` with every value kept at the phase of `bin` (bin ± SPREAD, around the cycle) from a cycle
   * before `cycle`, and that cycle. Across the cycle's end the neighbours' cycles are one apart: the
   * bins just before bin 0 belong to the previous cycle, so their values of that cycle are the current
   * excursion's and do not count, the ones before it do.
   */
  private earlier(bin: number, cycle: number, f: (y: number, c: number) => void): void {
    for (let d = -SPREAD; d <= SPREAD; d++) {
      const raw = bin + d;
      const b = ((raw % this.bins) + this.bins) % this.bins;
      const shift = Math.floor(raw / this.bins); // −1 before bin 0, +1 past the last bin
      const before = cycle + shift; // cycles before this one are earlier at this phase
      for (let k = 0; k < this.keptN[b]; k++) {
        const c = this.keptCycle[b * KEPT + k];
        if (c < before) f(this.kept[b * KEPT + k], c - shift);
      }
    }
  }
}
