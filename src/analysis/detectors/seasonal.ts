// The `seasonal` detector: residuals against a per-phase seasonal baseline (kernel). The period is given,
// or decided once on a learning prefix of fixed duration, so streaming gives exactly the batch result.
import { newSeasonalState } from '../../kernels/seasonal-state';
import type { SeasonalBaseline } from '../../kernels/seasonal-types';
import type { Kernels } from '../../kernels/types';
import { detectPeriods, type DetectedPeriod } from './periods';
import { PhaseHistory } from './seasonal-recurrence';
import type { Detector, DetectorParams, DetectorResult, DetectorStream, ParamSpec, SeriesPoints } from './types';

export { detectPeriods } from './periods';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** learnHours = 0: the learning prefix is this share of the series' span… */
export const AUTO_LEARN_SHARE = 0.25;
/** …and at most this long (two weeks: a weekly period shows twice); also what a stream not sized to a series takes. */
export const AUTO_LEARN_MAX_HOURS = 336;
/** The shortest prefix auto gives (the parameter's own lower bound before auto existed). */
const AUTO_LEARN_MIN_HOURS = 0.01;

/** The learning prefix (hours) of resolved parameters: learnHours, or the longest auto prefix when 0. */
const learnHoursOf = (p: DetectorParams): number => (p.learnHours > 0 ? p.learnHours : AUTO_LEARN_MAX_HOURS);

/**
 * learnHours = 0 sized to a series: a quarter of its span (first to last finite timestamp), within
 * [0.01 h, two weeks]. A three-day export learns on its first 18 h, a 14-day NAB file on 3.5 days, and
 * a month on two weeks, where a stream with the fixed default would learn on two weeks of each and never
 * score the shorter ones.
 */
export function seasonalParamsFor(series: SeriesPoints, p: DetectorParams): DetectorParams {
  if (p.periodMinutes > 0 || p.learnHours > 0) return p;
  const first = series.t.findIndex((x) => Number.isFinite(x));
  const last = series.t.findLastIndex((x) => Number.isFinite(x));
  const span = first < 0 ? 0 : (series.t[last] - series.t[first]) / HOUR;
  return { ...p, learnHours: Math.min(AUTO_LEARN_MAX_HOURS, Math.max(AUTO_LEARN_MIN_HOURS, span * AUTO_LEARN_SHARE)) };
}

const params: readonly ParamSpec[] = [
  {
    name: 'periodMinutes', label: 'Period (minutes, 0 = detect)', default: 0, min: 0, max: 4 * 10_080,
    help: 'Length of one cycle. 0: the strongest period found in the learning prefix (minutes to a week).',
  },
  {
    name: 'learnHours', label: 'Learning prefix (hours, 0 = auto)', default: 0, min: 0, max: 8760,
    help: "With period 0: the first this many hours decide the period and are not scored. 0: a quarter of the series' span, at most two weeks.",
  },
  {
    name: 'bins', label: 'Phase bins per cycle', default: 288, min: 1, max: 4096, integer: true,
    help: 'At most this many phase bins (a detected period gets at most one bin per sampling step).',
  },
  {
    name: 'cycles', label: 'Baseline cycles', default: 4, min: 1, max: 32, integer: true,
    help: 'Past cycles whose per-bin median is the baseline level (and whose residuals give the scale).',
  },
  {
    name: 'threshold', label: 'Threshold (σ)', default: 4, min: 0.5, max: 50,
    help: 'A residual this many robust σ from the seasonal level scores 0.5 and is flagged beyond.',
  },
  {
    name: 'phaseRepeats', label: 'Recurring at its phase', default: 2, min: 0, max: 64, integer: true,
    help: 'A flag is cleared when this many earlier cycles showed an alike value (within 5 % of their range there) at its phase (±2 bins): a misfit that comes back, such as a quantized metric\'s other level. 0 keeps every flag.',
  },
];

/** The period a run of the detector uses and where it came from. */
export interface SeasonalPlan {
  periodMs: number;
  bins: number;
  /** Periods found on the learning prefix (empty when the period was given). */
  found: DetectedPeriod[];
}

/** Points gathered before the period is decided (copies of earlier chunks, in order). */
class Prefix {
  private parts: SeriesPoints[] = [];

  add(t: Float64Array, v: Float64Array): void {
    if (t.length > 0) this.parts.push({ t: t.slice(), v: v.slice() });
  }

  /**
   * The whole prefix: the parts gathered so far followed by `last` (the piece of the current chunk).
   * With no earlier parts it is `last` itself, uncopied (the prefix is used before push returns).
   */
  take(last: SeriesPoints): SeriesPoints {
    if (this.parts.length === 0) return last;
    const n = this.parts.reduce((a, p) => a + p.t.length, last.t.length);
    const out = { t: new Float64Array(n), v: new Float64Array(n) };
    let at = 0;
    for (const p of [...this.parts, last]) {
      out.t.set(p.t, at);
      out.v.set(p.v, at);
      at += p.t.length;
    }
    this.parts = [];
    return out;
  }
}

/** Index of the first time at or after `end` (t.length if none): the points before it are the prefix. */
function prefixEnd(t: Float64Array, end: number): number {
  let i = 0;
  while (i < t.length && !(t[i] >= end)) i++;
  return i;
}

/** Points per seasonalScore call while learning: the discarded scores go to one small scratch. */
const LEARN_SEGMENT = 1 << 16;

/** Score 0, flag 0; raw NaN only before `scored` (the rest is written by the kernel, or by unscored()). */
function emptyResult(n: number, scored = n): Required<DetectorResult> {
  return { score: new Float64Array(n), flag: new Uint8Array(n), raw: new Float64Array(n).fill(NaN, 0, scored) };
}

/**
 * The plan for a learned prefix: the strongest period that shows at least twice in it (a longer lag
 * matched once is as often a slow drift as a cycle: 84-hour NAB prefixes gave "periods" of 48–50 h),
 * bins capped at one per sampling step.
 */
function planFrom(prefix: SeriesPoints, p: DetectorParams, kernels: Kernels): SeasonalPlan | null {
  const first = prefix.t.findIndex((x) => Number.isFinite(x));
  const last = prefix.t.findLastIndex((x) => Number.isFinite(x));
  if (first < 0) return null;
  const report = detectPeriods(prefix, kernels);
  const duration = prefix.t[last] - prefix.t[first] + report.stepMs; // n points of one step each
  const best = report.periods.find((x) => x.periodMs <= duration / 2);
  if (!best) return null;
  const bins = Math.max(1, Math.min(p.bins, Math.round(best.periodMs / report.stepMs)));
  return { periodMs: best.periodMs, bins, found: report.periods };
}

class SeasonalStream implements DetectorStream {
  private t0 = NaN;
  private baseline: SeasonalBaseline | null = null;
  private decided: boolean;
  private readonly prefix = new Prefix();
  private history: PhaseHistory | null = null;

  constructor(private readonly p: DetectorParams, private readonly kernels: Kernels) {
    this.decided = p.periodMinutes > 0;
  }

  private start(plan: SeasonalPlan | null): void {
    this.decided = true;
    if (!plan) return;
    this.baseline = {
      bins: plan.bins, cycles: this.p.cycles, anchor: this.t0, invWidth: plan.bins / plan.periodMs,
      state: newSeasonalState(plan.bins, this.p.cycles),
    };
    this.history = new PhaseHistory(plan.bins, this.t0, plan.bins / plan.periodMs, this.p.phaseRepeats);
  }

  /** Feeds points to the baseline, discarding their scores (the learning prefix). */
  private learn(s: SeriesPoints): void {
    if (!this.baseline) return;
    const scratch = emptyResult(Math.min(LEARN_SEGMENT, s.t.length), 0);
    for (let from = 0; from < s.t.length; from += LEARN_SEGMENT) {
      const to = Math.min(s.t.length, from + LEARN_SEGMENT);
      const n = to - from;
      const out = { raw: scratch.raw.subarray(0, n), score: scratch.score.subarray(0, n), flag: scratch.flag.subarray(0, n) };
      this.run({ t: s.t.subarray(from, to), v: s.v.subarray(from, to) }, out);
    }
  }

  /** Scores into out (raw NaN where there is no baseline: out.raw is not pre-filled there). */
  private run(s: SeriesPoints, out: Required<DetectorResult>): void {
    if (this.baseline) this.kernels.seasonalScore(s.t, s.v, this.baseline, this.p.threshold, out.raw, out.score, out.flag);
    else out.raw.fill(NaN);
  }

  push(chunk: SeriesPoints): DetectorResult {
    const n = chunk.t.length;
    let i = 0;
    if (Number.isNaN(this.t0)) {
      const first = chunk.t.findIndex((x) => Number.isFinite(x));
      if (first < 0) return emptyResult(n);
      this.t0 = chunk.t[first];
      if (this.decided) this.start({ periodMs: this.p.periodMinutes * MINUTE, bins: this.p.bins, found: [] });
    }
    if (!this.decided) {
      i = prefixEnd(chunk.t, this.t0 + learnHoursOf(this.p) * HOUR);
      if (i === n) {
        this.prefix.add(chunk.t, chunk.v);
        return emptyResult(n);
      }
      const prefix = this.prefix.take({ t: chunk.t.subarray(0, i), v: chunk.v.subarray(0, i) });
      this.start(planFrom(prefix, this.p, this.kernels));
      this.learn(prefix);
      this.history?.record(prefix.t, prefix.v);
    }
    const out = emptyResult(n, i);
    const rest = { t: chunk.t.subarray(i), v: chunk.v.subarray(i) };
    this.run(rest, { raw: out.raw.subarray(i), score: out.score.subarray(i), flag: out.flag.subarray(i) });
    this.history?.apply(chunk.t, chunk.v, out, i);
    return out;
  }
}

/**
 * Seasonal residuals: each point against the median of its phase bin over the last `cycles` cycles
 * (no look-ahead), in robust σ of past residuals. With periodMinutes = 0 the period is the strongest one
 * detectPeriods finds in the first learnHours of the series (those points score 0; no period found:
 * every point scores 0), so stream() and detect() decide it on the same points. A flag whose value its
 * phase showed in earlier cycles is cleared (seasonal-recurrence.ts).
 */
export const seasonalDetector: Detector = {
  name: 'seasonal',
  label: 'Seasonal baseline (per-phase median)',
  family: 'statistical',
  params,
  detect(series, p, kernels) {
    return new SeasonalStream(p, kernels).push(series);
  },
  stream(p, kernels) {
    return new SeasonalStream(p, kernels);
  },
  paramsFor: seasonalParamsFor,
  note: seasonalNote,
};

/**
 * The period and bins the detector uses on this series, without scoring it: the given period, or the
 * plan learned on the prefix (null while the series does not reach past the learning prefix, or when
 * no period is found there).
 */
export function seasonalPlan(series: SeriesPoints, p: DetectorParams, kernels: Kernels): SeasonalPlan | null {
  const first = series.t.findIndex((x) => Number.isFinite(x));
  if (first < 0) return null;
  if (p.periodMinutes > 0) return { periodMs: p.periodMinutes * MINUTE, bins: p.bins, found: [] };
  const i = prefixEnd(series.t, series.t[first] + learnHoursOf(p) * HOUR);
  if (i === series.t.length) return null;
  return planFrom({ t: series.t.subarray(0, i), v: series.v.subarray(0, i) }, p, kernels);
}

/** Hours as a short text: "18 h", "3.5 h", "45 min". */
function hoursText(h: number): string {
  if (h < 1) return `${Math.round(h * 60)} min`;
  return `${Number(h.toFixed(h < 10 ? 1 : 0))} h`;
}

/**
 * Why the detector scored none of `series` with resolved parameters `p` (paramsFor applied), for the
 * run's notes; undefined when it had a period to score against. The learning prefix decides the period
 * without look-ahead, so a series whose prefix shows no cycle is not scored, even where the whole series
 * has one (the run's periods report looks at all of it).
 */
export function seasonalNote(series: SeriesPoints, p: DetectorParams, kernels: Kernels): string | undefined {
  if (p.periodMinutes > 0 || series.t.length === 0) return undefined;
  if (seasonalPlan(series, p, kernels)) return undefined;
  const hours = learnHoursOf(p);
  const first = series.t.findIndex((x) => Number.isFinite(x));
  const prefix = `its learning prefix, the first ${hoursText(hours)}`;
  const fix = 'set its period to score against one';
  if (first < 0 || prefixEnd(series.t, series.t[first] + hours * HOUR) === series.t.length) {
    return `seasonal scored nothing: the series ends within ${prefix}; ${fix}, or a shorter prefix`;
  }
  return `seasonal scored nothing: ${prefix}, shows no repeating cycle; ${fix}, or a longer prefix`;
}
