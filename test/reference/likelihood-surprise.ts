// The likelihood twin's raw surprise of a value: its error against simple forecasters (the
// recent level; the same time a day and a week ago plus the recent offset), in units of the usual error.

/** Tracks one forecaster's error: surprise = |error| / (cap × typical |error|), capped at 1. */
export class ErrorScale {
  private scale = NaN;
  constructor(private readonly alpha: number, private readonly cap: number) {}
  /** Surprise of this absolute error in [0, 1], then learns it. */
  surprise(err: number): number {
    const scale = Number.isNaN(this.scale) ? err : this.scale;
    const raw = scale > 0 ? Math.min(1, err / (this.cap * scale)) : err > 0 ? 1 : 0;
    this.scale = Number.isNaN(this.scale) ? err : this.scale + this.alpha * (err - this.scale);
    return raw;
  }
}

/** Forecasts the next value as the EWMA of the values so far. */
export class LevelSurprise {
  /** The current forecast (NaN before the first value). */
  level = NaN;
  constructor(private readonly alpha: number, private readonly errors: ErrorScale) {}
  /** Surprise of x (NaN for the first value, which has no forecast), then learns x. */
  next(x: number): number {
    if (Number.isNaN(this.level)) {
      this.level = x;
      return NaN;
    }
    const s = this.errors.surprise(Math.abs(x - this.level));
    this.level += this.alpha * (x - this.level);
    return s;
  }
}

/**
 * Forecasts x(t) as x(t − lag) plus the recent offset between the two (an EWMA of x − x(t − lag)), so
 * a daily or weekly shape is expected and a level shift that lasts stops surprising. NaN until the
 * history reaches back one lag.
 */
export class LaggedSurprise {
  private t: number[] = [];
  private v: number[] = [];
  private at = 0;
  /** The offset x − x(t − lag) forecast by its own recent level. */
  readonly offset: LevelSurprise;
  constructor(private readonly lagMs: number, alpha: number, errors: ErrorScale) {
    this.offset = new LevelSurprise(alpha, errors);
  }
  next(t: number, x: number): number {
    this.t.push(t);
    this.v.push(x);
    const target = t - this.lagMs;
    if (!(this.t[0] <= target)) return NaN;
    while (this.at + 1 < this.t.length && this.t[this.at + 1] <= target) this.at++;
    if (this.at > 4096 && this.at > this.t.length / 2) {
      this.t = this.t.slice(this.at);
      this.v = this.v.slice(this.at);
      this.at = 0;
    }
    return this.offset.next(x - this.v[this.at]);
  }
}

/** The range of the values seen so far; a value beyond it by more than `tolerance` × its width is novel. */
export class RangeWatch {
  private min = Infinity;
  private max = -Infinity;
  private seen = 0;
  /** `warmUp`: values that only build the range before any is judged. */
  constructor(private readonly tolerance: number, private readonly warmUp = 0) {}
  /** Whether x is beyond the range so far (judged before x widens it); NaN is never outside. */
  outside(x: number): boolean {
    if (Number.isNaN(x)) return false;
    const margin = this.tolerance * (this.max - this.min);
    const out = ++this.seen > this.warmUp && this.max > this.min && (x > this.max + margin || x < this.min - margin);
    if (x > this.max) this.max = x;
    if (x < this.min) this.min = x;
    return out;
  }
}
