// The SLO editor's form as plain text fields (SloDraft) and its conversion to and from an SloDefinition,
// with each problem tied to the field it is about, so the form can show it inline.

import { BUDGETING_METHODS, COMPARISONS, validateSlo, type BudgetingMethod, type BurnRateCondition, type Comparison, type SloDefinition, type SloWindow } from './definition';
import { formatDuration, parseFixedDuration } from './duration';
import { formatSelector, parseSelector } from './selector';

export type DraftSliKind = 'counters' | 'histogram' | 'spans' | 'threshold';
/** Rolling durations offered by the form, and the two calendar windows. */
export const DRAFT_WINDOWS = ['1h', '24h', '7d', '28d', '30d', 'week', 'month'] as const;
export type DraftWindow = (typeof DRAFT_WINDOWS)[number] | string;

export interface SloDraft {
  name: string;
  displayName: string;
  description: string;
  service: string;
  sliKind: DraftSliKind;
  /** Counters: the numerator names good or bad events. */
  ratio: 'good' | 'bad';
  numerator: string;
  total: string;
  /** Histogram: the _bucket selector and the latency threshold (in the histogram's unit). */
  histogram: string;
  latencyThreshold: string;
  /** Spans: service and operation ('' = every one) and the slowest good span, ms ('' = no bound). */
  spanService: string;
  spanOperation: string;
  maxDurationMs: string;
  /** Threshold SLI: the series, the comparison and the value. */
  series: string;
  op: Comparison;
  threshold: string;
  /** Objective in percent, e.g. "99.9". */
  objectivePercent: string;
  /** A rolling duration ("30d", "24h", or another fixed duration) or "week" / "month" (calendar, UTC). */
  window: DraftWindow;
  budgetingMethod: BudgetingMethod;
  /** Timeslices: the share of good events a slice needs, percent; both timeslice methods: the slice length. */
  timeSliceTargetPercent: string;
  timeSliceWindow: string;
  /** Carried unchanged (OpenSLO alert policies and a calendar window's start and zone have no form fields). */
  alertConditions: BurnRateCondition[];
  calendar: { startTime?: string; timeZone?: string };
}

export interface DraftProblem {
  /** The form field the problem is about ('' when it is about the whole SLO). */
  field: keyof SloDraft | '';
  message: string;
}

export function emptyDraft(): SloDraft {
  return {
    name: '', displayName: '', description: '', service: '', sliKind: 'threshold', ratio: 'bad', numerator: '', total: '', histogram: '', latencyThreshold: '',
    spanService: '', spanOperation: '', maxDurationMs: '', series: '', op: '<=', threshold: '', objectivePercent: '99', window: '30d',
    budgetingMethod: 'Occurrences', timeSliceTargetPercent: '95', timeSliceWindow: '1m', alertConditions: [], calendar: {},
  };
}

const pct = (x: number): string => String(Number((x * 100).toPrecision(10)));

export function draftOf(slo: SloDefinition): SloDraft {
  const d: SloDraft = { ...emptyDraft(), name: slo.name, displayName: slo.displayName ?? '', description: slo.description ?? '', service: slo.service ?? '' };
  const sli = slo.sli;
  if (sli.kind === 'threshold') Object.assign(d, { sliKind: 'threshold', series: formatSelector(sli.series), op: sli.op, threshold: String(sli.threshold) });
  else if (sli.events.from === 'counters') {
    const e = sli.events;
    Object.assign(d, { sliKind: 'counters', ratio: e.good ? 'good' : 'bad', numerator: formatSelector(e.good ?? e.bad ?? { metric: '', matchers: [] }), total: formatSelector(e.total) });
  } else if (sli.events.from === 'histogram') Object.assign(d, { sliKind: 'histogram', histogram: formatSelector(sli.events.buckets), latencyThreshold: String(sli.events.threshold) });
  else {
    const e = sli.events;
    Object.assign(d, { sliKind: 'spans', spanService: e.service ?? '', spanOperation: e.operation ?? '', maxDurationMs: e.maxDurationMs === undefined ? '' : String(e.maxDurationMs) });
  }
  d.objectivePercent = pct(slo.objective);
  const w = slo.timeWindow;
  d.window = w.kind === 'calendar' ? w.unit : formatDuration(w.ms).replace(/^1d$/, '24h');
  if (w.kind === 'calendar') d.calendar = { ...(w.startTime !== undefined ? { startTime: w.startTime } : {}), ...(w.timeZone !== undefined ? { timeZone: w.timeZone } : {}) };
  d.budgetingMethod = slo.budgetingMethod;
  if (slo.timeSliceTarget !== undefined) d.timeSliceTargetPercent = pct(slo.timeSliceTarget);
  if (slo.timeSliceWindowMs !== undefined) d.timeSliceWindow = formatDuration(slo.timeSliceWindowMs);
  d.alertConditions = slo.alertConditions ?? [];
  return d;
}

/** Which draft field a definition problem (validateSlo's sentence) is about. */
function fieldOf(message: string, d: SloDraft): DraftProblem['field'] {
  if (/name must/.test(message)) return 'name';
  if (/objective/.test(message)) return 'objectivePercent';
  if (/rolling window/.test(message)) return 'window';
  if (/timeSliceTarget/.test(message)) return 'timeSliceTargetPercent';
  if (/timeSliceWindow/.test(message)) return 'timeSliceWindow';
  if (/latency threshold/.test(message)) return 'latencyThreshold';
  if (/maxDurationMs/.test(message)) return 'maxDurationMs';
  if (/threshold/.test(message)) return d.sliKind === 'threshold' ? 'threshold' : '';
  return '';
}

/** The definition the draft describes, or every problem tied to its field. */
export function sloOfDraft(d: SloDraft): { ok: true; slo: SloDefinition } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const num = (field: keyof SloDraft, text: string, what: string): number => {
    const x = Number(text.trim());
    if (!text.trim() || !Number.isFinite(x)) problems.push({ field, message: `${what}: expected a number, got ${JSON.stringify(text)}` });
    return x;
  };
  const sel = (field: keyof SloDraft, text: string, what: string) => {
    const s = parseSelector(text, what);
    if (typeof s === 'string') problems.push({ field, message: s });
    return typeof s === 'string' ? { metric: '', matchers: [] } : s;
  };
  let sli: SloDefinition['sli'];
  if (d.sliKind === 'threshold') {
    if (!COMPARISONS.includes(d.op)) problems.push({ field: 'op', message: `operator must be one of ${COMPARISONS.join(' ')}` });
    sli = { kind: 'threshold', series: sel('series', d.series, 'series'), op: d.op, threshold: num('threshold', d.threshold, 'threshold') };
  } else if (d.sliKind === 'counters') {
    const numerator = sel('numerator', d.numerator, `${d.ratio} events`);
    const total = sel('total', d.total, 'total events');
    sli = { kind: 'ratio', events: d.ratio === 'good' ? { from: 'counters', good: numerator, total } : { from: 'counters', bad: numerator, total } };
  } else if (d.sliKind === 'histogram') {
    sli = { kind: 'ratio', events: { from: 'histogram', buckets: sel('histogram', d.histogram, 'histogram buckets'), threshold: num('latencyThreshold', d.latencyThreshold, 'latency threshold') } };
  } else {
    const max = d.maxDurationMs.trim() ? num('maxDurationMs', d.maxDurationMs, 'slowest good span (ms)') : undefined;
    sli = { kind: 'ratio', events: { from: 'spans', ...(d.spanService.trim() ? { service: d.spanService.trim() } : {}), ...(d.spanOperation.trim() ? { operation: d.spanOperation.trim() } : {}), ...(max !== undefined ? { maxDurationMs: max } : {}) } };
  }
  const percent = (x: number) => Number((x / 100).toPrecision(12)); // 99.9 → 0.999, not 0.9990000000000001
  const objective = percent(num('objectivePercent', d.objectivePercent, 'objective (%)'));
  let timeWindow: SloWindow = { kind: 'rolling', ms: NaN };
  if (d.window === 'week' || d.window === 'month') timeWindow = { kind: 'calendar', unit: d.window, ...d.calendar };
  else {
    const ms = parseFixedDuration(d.window, 'window');
    if (typeof ms === 'string') problems.push({ field: 'window', message: ms });
    else timeWindow = { kind: 'rolling', ms };
  }
  if (!BUDGETING_METHODS.includes(d.budgetingMethod)) problems.push({ field: 'budgetingMethod', message: `budgeting method must be one of ${BUDGETING_METHODS.join(', ')}` });
  const slices = d.budgetingMethod !== 'Occurrences';
  let sliceMs: number | undefined;
  if (slices) {
    const ms = parseFixedDuration(d.timeSliceWindow, 'time slice');
    if (typeof ms === 'string') problems.push({ field: 'timeSliceWindow', message: ms });
    else sliceMs = ms;
  }
  const sliceTarget = d.budgetingMethod === 'Timeslices' ? percent(num('timeSliceTargetPercent', d.timeSliceTargetPercent, 'slice target (%)')) : undefined;
  const slo: SloDefinition = {
    name: d.name.trim(),
    ...(d.displayName.trim() ? { displayName: d.displayName.trim() } : {}),
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    ...(d.service.trim() ? { service: d.service.trim() } : {}),
    sli,
    objective,
    timeWindow,
    budgetingMethod: d.budgetingMethod,
    ...(sliceTarget !== undefined ? { timeSliceTarget: sliceTarget } : {}),
    ...(sliceMs !== undefined ? { timeSliceWindowMs: sliceMs } : {}),
    ...(d.alertConditions.length ? { alertConditions: d.alertConditions } : {}),
  };
  if (problems.length) return { ok: false, problems };
  const invalid = validateSlo(slo).map((m) => ({ field: fieldOf(m, d), message: m.replace(/^slo "[^"]*": /, '') }));
  return invalid.length ? { ok: false, problems: invalid } : { ok: true, slo };
}
