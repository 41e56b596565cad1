// The whole SLO pipeline over one set of telemetry (shared by the CLI and the analysis worker): what each
// SLO needs to read, then evaluate → forecast → summary per SLO, with step problems as readable messages.

import type { SloDefinition } from './definition';
import { evaluateSlo, stepProblem, type SloEvaluation } from './evaluate';
import type { EventInput } from './events';
import { forecastBudget, type BudgetForecast } from './forecast';
import type { SeriesSelector } from './selector';
import { summarizeSlo, type SloSummary } from './summary';

export interface SloResult {
  evaluation: SloEvaluation;
  forecast: BudgetForecast;
  summary: SloSummary;
}

export interface PipelineOptions {
  stepMs: number;
  minEvents?: number;
}

/** The series selectors an SLO reads (every matching series is needed) and whether it counts spans. */
export function sloNeeds(slo: SloDefinition): { selectors: SeriesSelector[]; spans: boolean } {
  const sli = slo.sli;
  if (sli.kind === 'threshold') return { selectors: [sli.series], spans: false };
  const e = sli.events;
  if (e.from === 'counters') return { selectors: [e.total, ...(e.good ? [e.good] : []), ...(e.bad ? [e.bad] : [])], spans: false };
  if (e.from === 'histogram') return { selectors: [e.buckets], spans: false };
  return { selectors: [], spans: true };
}

/** Every step problem of the SLOs for this step (a time slice that is not a whole number of steps). */
export function stepProblems(slos: readonly SloDefinition[], stepMs: number): string[] {
  return slos.map((s) => stepProblem(s, stepMs)).filter((p): p is string => p !== undefined);
}

/** Evaluates one SLO with its forecast and JSON-ready summary; the caller has checked stepProblems. */
export function sloResult(slo: SloDefinition, input: EventInput, options: PipelineOptions): SloResult {
  const evaluation = evaluateSlo(slo, input, { stepMs: options.stepMs, ...(options.minEvents !== undefined ? { minEvents: options.minEvents } : {}) });
  const forecast = forecastBudget(evaluation);
  return { evaluation, forecast, summary: summarizeSlo(evaluation, forecast) };
}

/** Every SLO over the same input (a step problem of one SLO throws a RangeError naming it). */
export function sloResults(slos: readonly SloDefinition[], input: EventInput, options: PipelineOptions): SloResult[] {
  const problems = stepProblems(slos, options.stepMs);
  if (problems.length) throw new RangeError(problems.join(' '));
  return slos.map((slo) => sloResult(slo, input, options));
}
