// Plain-TypeScript twin of the anomaly-likelihood kernel (assembly/likelihood.ts), the detector as it
// was before the port: recent mean surprise (prediction error, optionally pattern novelty) vs its
// long-run Gaussian; a value, level or seasonal offset beyond its range scores 1; alarms rest.

import { normalTail } from '../../src/analysis/nab/gaussian-tail';
import type { LikelihoodConfig } from '../../src/kernels/likelihood-types';
import { ContextNovelty } from './likelihood-context';
import { ErrorScale, LaggedSurprise, LevelSurprise, RangeWatch } from './likelihood-surprise';
import { pairwiseSum } from './pairwise-sum';

/** HTM's bounds on the fitted distribution of averaged surprises (mean >= 0.03, variance >= 0.0003). */
const MIN_MEAN = 0.03;
const MIN_VARIANCE = 0.0003;
/** Refit the distribution every this many points (HTM's re-estimation period). */
const REFIT_EVERY = 100;
/** A value further than this fraction of the range seen outside it is a spatial anomaly (HTM in NAB). */
const SPATIAL_TOLERANCE = 0.05;
const LN_TINY = Math.log(1 - 0.9999999999);

/** HTM's log scale of a likelihood: 0.5 at 1 − 1e-5, 1 at 1 − 1e-10. */
export function logLikelihood(likelihood: number): number {
  return Math.log(1.0000000001 - likelihood) / LN_TINY;
}

/** A circular window of the last `size` numbers. */
class Ring {
  readonly data: Float64Array;
  count = 0;
  private next = 0;
  constructor(size: number) {
    this.data = new Float64Array(size);
  }
  /** Adds x and returns the number it replaced (0 while filling). */
  push(x: number): number {
    const old = this.data[this.next];
    this.data[this.next] = x;
    this.next = (this.next + 1) % this.data.length;
    if (this.count < this.data.length) this.count++;
    return old;
  }
}

/** HTM's likelihood of a surprise stream: the recent mean against the long-run Gaussian of such means. */
class SurpriseLikelihood {
  private readonly recent: Ring;
  private recentSum = 0;
  private readonly past: Ring;
  /** The squared deviations of the history from its mean (numpy.var's temporary). */
  private readonly squares: Float64Array;
  private mean = MIN_MEAN;
  private std = Math.sqrt(MIN_VARIANCE);
  private seen = 0;
  constructor(private readonly p: LikelihoodConfig) {
    this.recent = new Ring(p.averaging);
    this.past = new Ring(p.history);
    this.squares = new Float64Array(p.history);
  }
  /**
   * HTM's estimateNormal: numpy.mean and numpy.var of the history as the ring holds it (mean = sum / n,
   * variance = sum of the squared deviations / n, each sum in numpy's pairwise order), with the bounds.
   */
  private refit(): void {
    const n = this.past.count;
    const d = this.past.data;
    const mean = pairwiseSum(d, 0, n) / n;
    for (let i = 0; i < n; i++) this.squares[i] = (d[i] - mean) * (d[i] - mean);
    this.mean = Math.max(mean, MIN_MEAN);
    this.std = Math.sqrt(Math.max(pairwiseSum(this.squares, 0, n) / n, MIN_VARIANCE));
  }
  /** Learns the surprise and returns the log-likelihood score (0 while learning or below the mean). */
  score(surprise: number): number {
    this.seen++;
    this.recentSum += surprise - this.recent.push(surprise);
    const averaged = this.recentSum / this.recent.count;
    this.past.push(averaged);
    if (this.seen <= this.p.learning) {
      if (this.seen === this.p.learning) this.refit();
      return 0;
    }
    if (this.seen % REFIT_EVERY === 0) this.refit();
    const z = (averaged - this.mean) / this.std;
    return z > 0 ? logLikelihood(1 - normalTail(z)) : 0;
  }
}

const DAY_MS = 86_400_000;

/** The detector's state for one series; `step` scores a value from what came before it only. */
export class LikelihoodModel {
  private seen = 0;
  private lastAlarm = -Infinity;
  /** A value, the forecast level or a seasonal offset beyond its range so far is novel (HTM's spatial rule). */
  private readonly valueRange = new RangeWatch(SPATIAL_TOLERANCE);
  private readonly levelRange = new RangeWatch(SPATIAL_TOLERANCE);
  private readonly offsetRanges: RangeWatch[];
  private readonly likelihood: SurpriseLikelihood;
  private readonly level: LevelSurprise;
  private readonly lagged: LaggedSurprise[];
  private readonly context: ContextNovelty | null;
  private readonly rest: number;
  constructor(private readonly p: LikelihoodConfig) {
    this.likelihood = new SurpriseLikelihood(p);
    this.context = p.novelty > 0 ? new ContextNovelty(p.levels, p.depth, p.learning) : null;
    this.rest = p.rest;
    const errors = (): ErrorScale => new ErrorScale(p.scaleAlpha, p.errorCap);
    this.level = new LevelSurprise(p.alpha, errors());
    this.lagged = p.seasonal ? [DAY_MS, 7 * DAY_MS].map((lag) => new LaggedSurprise(lag, p.alpha, errors())) : [];
    this.offsetRanges = this.lagged.map(() => new RangeWatch(SPATIAL_TOLERANCE, p.learning));
  }

  /**
   * Surprise of x in [0, 1]: the smallest over the forecasters that can judge it (the best available
   * explanation of x), 0 when none can yet.
   */
  private surprise(t: number, x: number): number {
    let s = this.level.next(x);
    for (const f of this.lagged) {
      const e = f.next(t, x);
      if (!(e >= s)) s = Number.isNaN(e) ? s : e;
    }
    return Number.isNaN(s) ? 0 : s;
  }

  /** Scores x at time t (ms) in [0, 1]; a non-finite value is missing (score 0, state unchanged). */
  step(t: number, x: number): number {
    if (!Number.isFinite(x)) return 0;
    this.seen++;
    const spatial = this.valueRange.outside(x);
    const w = this.p.novelty;
    const surprise = this.surprise(t, x);
    const score = this.likelihood.score(this.context ? (1 - w) * surprise + w * this.context.next(x) : surprise);
    let shifted = this.levelRange.outside(this.level.level);
    this.lagged.forEach((f, k) => {
      if (this.offsetRanges[k].outside(f.offset.level)) shifted = true;
    });
    if (this.seen <= this.p.learning) return 0;
    const out = spatial || shifted ? 1 : score;
    if (this.seen - this.lastAlarm <= this.rest) return 0.5 * out;
    if (out > 0.5) this.lastAlarm = this.seen;
    return out;
  }
}

/** Scores t / v with the model, as the kernel's likelihoodScore does (score, and flag = score > 0.5). */
export function twinLikelihoodScore(model: LikelihoodModel, t: Float64Array, v: Float64Array, score: Float64Array, flag: Uint8Array): void {
  for (let i = 0; i < v.length; i++) {
    score[i] = model.step(t[i], v[i]);
    flag[i] = score[i] > 0.5 ? 1 : 0;
  }
}
