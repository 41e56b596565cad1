// The analysis worker's API for SLO definitions, evaluation series, alerts, forecast and reports (plain data and transferable typed arrays only).

import type { SloDefinition } from '../analysis/slo/definition';
import type { DraftProblem, SloDraft } from '../analysis/slo/draft';
import type { AlertEvent } from '../analysis/slo/evaluate';
import type { OpenSloResult } from '../analysis/slo/openslo';
import type { SloReportFormat } from '../analysis/slo/report';
import type { SloSuggestion } from '../analysis/slo/suggest';
import type { SloSummary } from '../analysis/slo/summary';

export type { BudgetingMethod, Comparison, EventSource, SliDefinition, SloDefinition, SloWindow } from '../analysis/slo/definition';
export type { DraftProblem, DraftSliKind, SloDraft } from '../analysis/slo/draft';
export { DRAFT_WINDOWS, emptyDraft } from '../analysis/slo/draft';
export type { AlertEvent } from '../analysis/slo/evaluate';
export type { SloReportFormat } from '../analysis/slo/report';
export type { LabelMatcher, SeriesSelector } from '../analysis/slo/selector';
export type { SloSuggestion } from '../analysis/slo/suggest';
export type { SloSummary } from '../analysis/slo/summary';

/** OpenSLO YAML read (nothing saved): the SLOs, or every problem as a readable sentence. */
export type SloParse = OpenSloResult;

/** The dataset's stored SLOs: its YAML as saved, the SLOs it holds, and what is wrong with it (empty when fine). */
export interface StoredSlos {
  yaml: string;
  slos: SloDefinition[];
  problems: string[];
  /** When it was saved (ms), null when the dataset has none. */
  updated: number | null;
}

/** One multi-window rule (or OpenSLO condition) of an SLO: the burn rate both windows must exceed. */
export interface SloRuleInfo {
  name: string;
  severity: string;
  factor: number;
  longMs: number;
  shortMs: number;
}

/** One SLO evaluated: its JSON-ready summary and the series for the charts (columns transferred). */
export interface SloEvaluated {
  slo: SloDefinition;
  summary: SloSummary;
  /** Step ends, ms, and the columns over them (NaN where undefined: no events). */
  t: Float64Array;
  sli: Float64Array;
  compliance: Float64Array;
  budgetRemaining: Float64Array;
  burnRate: Float64Array;
  rules: SloRuleInfo[];
  /** Every rule's firing intervals (ms), and per severity the OR of its rules (what would notify). */
  alerts: AlertEvent[];
  notifications: AlertEvent[];
  /** Budget forecast points [t ms, budget remaining] at the recent burn and along the trend. */
  burnLine: [number, number][];
  trendLine: [number, number][];
  /** ms: where the budget runs out (null: never within reach), first spent step (null: never). */
  exhaustionAt: number | null;
  exhaustionByTrendAt: number | null;
  breachAt: number | null;
  breachedAt: number | null;
}

export interface SlosEvaluation {
  datasetId: string;
  stepMs: number;
  results: SloEvaluated[];
  /** Problems of the stored YAML (no SLO evaluated then), readable. */
  problems: string[];
}

export interface SloSuggestions {
  /** OpenSLO YAML of every suggestion ('' when none fits). */
  yaml: string;
  suggestions: SloSuggestion[];
}

export interface SloWorkerApi {
  /** The dataset's stored SLOs (an empty list when none were saved). */
  listSlos(datasetId: string): Promise<StoredSlos>;
  /** The editor's form → OpenSLO YAML of that one SLO ('' with the problems, each tied to its field, when invalid). */
  draftYaml(draft: SloDraft): Promise<{ yaml: string; problems: DraftProblem[] }>;
  /** The editor's YAML → form drafts (nothing saved), or every problem of the YAML as readable sentences. */
  yamlDrafts(yaml: string): Promise<{ ok: true; drafts: SloDraft[] } | { ok: false; errors: string[] }>;
  /** Validates and stores the YAML as the dataset's SLOs; nothing is saved on error. Empty text removes them. */
  saveSlos(datasetId: string, yaml: string): Promise<SloParse>;
  /**
   * Adds the SLOs of `yaml` to the stored ones, in place of the SLO named `replacing` when given; a name
   * clash with another stored SLO is an error; nothing is saved on error.
   */
  upsertSlos(datasetId: string, yaml: string, replacing?: string): Promise<SloParse>;
  /** A stored SLO for the editor: its form draft and its own OpenSLO YAML; undefined when there is none of that name. */
  editSlo(datasetId: string, name: string): Promise<{ draft: SloDraft; yaml: string } | undefined>;
  /** Removes one stored SLO by name; the SLOs left. */
  deleteSlo(datasetId: string, name: string): Promise<StoredSlos>;
  /** Evaluates every stored SLO (stepMs: grid step; default: 1m, coarser for long datasets). */
  evaluateSlos(datasetId: string, options?: { stepMs?: number }): Promise<SlosEvaluation>;
  /** The SLO report of the dataset as Markdown, CSV or a printable HTML page. */
  sloReport(datasetId: string, format: SloReportFormat): Promise<string>;
  /** Starter SLOs from the dataset's own series and spans (not saved). */
  suggestSlos(datasetId: string): Promise<SloSuggestions>;
}
