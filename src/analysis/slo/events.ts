// Good and total events per evaluation step, from a dataset's series or spans, for every SLI kind:
// counters and histogram buckets by reset-corrected increase, spans by status and duration, threshold
// samples by comparison. Step k covers (start + k·step, start + (k+1)·step], like a Prometheus range.

import type { Series } from '../../model/series';
import { parseLe } from '../metrics/histogram-quantile';
import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import { resetCorrectedDeltas, type CounterDeltas } from './counter-deltas';
import type { Comparison, EventSource, SliDefinition } from './definition';
import { selectSeries, type SeriesSelector } from './selector';

export interface StepGrid {
  /** ms since the epoch, a multiple of step (and of the time slice). */
  start: number;
  step: number;
  steps: number;
}

export interface StepEvents {
  good: Float64Array;
  total: Float64Array;
  /** What was matched and chosen, for the report (e.g. the `le` bucket used). */
  notes: string[];
  /** Set when nothing in the dataset matched: a readable reason. */
  missing?: string;
}

export interface EventInput {
  series: readonly Series[];
  /** Span sets (one per trace file). */
  traces?: readonly TraceSet[];
  /** Counter semantics; defaults to reset-corrected increases. */
  counterDeltas?: CounterDeltas;
}

export function compare(x: number, op: Comparison, y: number): boolean {
  switch (op) {
    case '>=': return x >= y;
    case '<=': return x <= y;
    case '==': return x === y;
    case '>': return x > y;
    case '<': return x < y;
  }
}

function makeAdder(grid: StepGrid, into: Float64Array): (t: number, x: number) => void {
  return (t, x) => {
    const k = Math.ceil((t - grid.start) / grid.step) - 1;
    if (k >= 0 && k < grid.steps) into[k] += x;
  };
}

function addCounters(list: readonly Series[], grid: StepGrid, into: Float64Array, deltas: CounterDeltas): void {
  const add = makeAdder(grid, into);
  for (const s of list) deltas(s.t, s.v, add);
}

function counterEvents(e: Extract<EventSource, { from: 'counters' }>, input: EventInput, grid: StepGrid, out: StepEvents): void {
  const deltas = input.counterDeltas ?? resetCorrectedDeltas;
  const pick = (sel: SeriesSelector, what: string): readonly Series[] => {
    const hit = selectSeries(input.series, sel);
    out.notes.push(`${what}: ${hit.length} series`);
    if (!hit.length) out.missing ??= `no series matches the ${what} selector`;
    return hit;
  };
  addCounters(pick(e.total, 'total'), grid, out.total, deltas);
  if (e.good) addCounters(pick(e.good, 'good'), grid, out.good, deltas);
  else {
    const bad = new Float64Array(grid.steps);
    addCounters(pick(e.bad as SeriesSelector, 'bad'), grid, bad, deltas);
    // (total - bad) per step; a step with more bad than total (scrape skew) counts no good events.
    for (let k = 0; k < grid.steps; k++) out.good[k] = Math.max(0, out.total[k] - bad[k]);
  }
}

/** A bucket's upper bound (the metrics module's Prometheus reading of `le`). */
const leOf = (s: Series): number => parseLe(s.labels.le);

function histogramEvents(e: Extract<EventSource, { from: 'histogram' }>, input: EventInput, grid: StepGrid, out: StepEvents): void {
  const deltas = input.counterDeltas ?? resetCorrectedDeltas;
  const buckets = selectSeries(input.series, e.buckets).filter((s) => s.labels.le !== undefined);
  const bounds = [...new Set(buckets.map((s) => leOf(s)))].filter((b) => !Number.isNaN(b)).sort((a, b) => a - b);
  const le = bounds.find((b) => b >= e.threshold);
  if (!buckets.length || le === undefined || !bounds.includes(Infinity)) {
    out.missing = !buckets.length ? 'no _bucket series with an le label matches the selector' : `no le bucket at or above ${e.threshold} and a +Inf bucket`;
    return;
  }
  out.notes.push(le === e.threshold ? `good = le="${e.threshold}" bucket (exactly the threshold)` : `good = le="${le}" bucket: the first bucket above the threshold ${e.threshold}, so requests up to ${le} count as good`);
  addCounters(buckets.filter((s) => leOf(s) === le), grid, out.good, deltas);
  addCounters(buckets.filter((s) => leOf(s) === Infinity), grid, out.total, deltas);
}

function spanEvents(e: Extract<EventSource, { from: 'spans' }>, sets: readonly TraceSet[], grid: StepGrid, out: StepEvents): void {
  const addGood = makeAdder(grid, out.good);
  const addTotal = makeAdder(grid, out.total);
  let n = 0;
  for (const traces of sets) {
    const service = e.service === undefined ? -1 : traces.services.indexOf(e.service);
    const operation = e.operation === undefined ? -1 : traces.operations.indexOf(e.operation);
    if ((e.service !== undefined && service < 0) || (e.operation !== undefined && operation < 0)) continue;
    for (let i = 0; i < traces.spanCount; i++) {
      if (service >= 0 && traces.serviceIdx[i] !== service) continue;
      if (operation >= 0 && traces.operationIdx[i] !== operation) continue;
      const start = traces.start[i];
      if (!Number.isFinite(start)) continue;
      const durMs = traces.duration[i] / 1000;
      const endMs = (start + Math.max(0, traces.duration[i])) / 1000; // a span counts when it ends
      n++;
      addTotal(endMs, 1);
      if (traces.status[i] !== SPAN_STATUS.error && (e.maxDurationMs === undefined || durMs <= e.maxDurationMs)) addGood(endMs, 1);
    }
  }
  const which = [e.service !== undefined ? `service ${JSON.stringify(e.service)}` : '', e.operation !== undefined ? `operation ${JSON.stringify(e.operation)}` : ''].filter(Boolean).join(', ');
  out.notes.push(`${n} spans${which ? ` of ${which}` : ''}`);
  if (!sets.some((x) => x.spanCount > 0)) out.missing = 'the dataset has no spans';
  else if (!n) out.missing = `no span${which ? ` of ${which}` : ''} with a start time`;
}

/** Good and total events per step for `sli` over `grid`. */
export function stepEvents(sli: SliDefinition, input: EventInput, grid: StepGrid): StepEvents {
  const out: StepEvents = { good: new Float64Array(grid.steps), total: new Float64Array(grid.steps), notes: [] };
  if (sli.kind === 'threshold') {
    const hit = selectSeries(input.series, sli.series);
    out.notes.push(`${hit.length} series; each sample is an event, good when value ${sli.op} ${sli.threshold}`);
    if (!hit.length) out.missing = 'no series matches the selector';
    const addGood = makeAdder(grid, out.good);
    const addTotal = makeAdder(grid, out.total);
    for (const s of hit) {
      for (let i = 0; i < s.t.length; i++) {
        if (!Number.isFinite(s.v[i])) continue;
        addTotal(s.t[i], 1);
        if (compare(s.v[i], sli.op, sli.threshold)) addGood(s.t[i], 1);
      }
    }
    return out;
  }
  const e = sli.events;
  if (e.from === 'counters') counterEvents(e, input, grid, out);
  else if (e.from === 'histogram') histogramEvents(e, input, grid, out);
  else spanEvents(e, input.traces ?? [], grid, out);
  return out;
}
