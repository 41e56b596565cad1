// The analysis worker's handlers for SLO definitions, evaluation series, alerts, forecast and reports.
// SLOs are stored per dataset as OpenSLO YAML (documents kind 'slos'); the last evaluation is cached.

import * as Comlink from 'comlink';
import type { SloDefinition } from '../analysis/slo/definition';
import { draftOf, sloOfDraft } from '../analysis/slo/draft';
import { MINUTE, HOUR } from '../analysis/slo/duration';
import { sloHealthInputs, type SloHealthInputs } from '../analysis/slo/health-input';
import { exportOpenSlo, importDatasetSlos } from '../analysis/slo/openslo';
import { sloResults, stepProblems, type SloResult } from '../analysis/slo/pipeline';
import { sloReport } from '../analysis/slo/report';
import { suggestSlos } from '../analysis/slo/suggest';
import type { DatasetMeta } from '../model/series';
import { deleteDocument, getDocument, putDocument } from '../store/documents';
import type { SloEvaluated, SloWorkerApi, SlosEvaluation, StoredSlos } from './api-slo';
import { datasetMeta, sloInput, suggestionSeries } from './slo-input';
import { loadTraces } from './trace-cache';
import type { WorkerContext } from './worker-context';

/** Grid steps a dataset is evaluated on by default: the finest that keeps it under MAX_STEPS steps. */
const STEPS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR];
const MAX_STEPS = 20_000;

async function stored(datasetId: string): Promise<StoredSlos> {
  const doc = await getDocument(datasetId, 'slos');
  if (!doc) return { yaml: '', slos: [], problems: [], updated: null };
  const parsed = importDatasetSlos(doc.text);
  return { yaml: doc.text, slos: parsed.ok ? parsed.slos : [], problems: parsed.ok ? [] : parsed.errors, updated: doc.updated };
}

/** The default step for a dataset: 1m unless that makes too many steps, and one that divides every time slice. */
export function defaultStep(meta: Pick<DatasetMeta, 'start' | 'end'>, slos: readonly SloDefinition[]): number {
  const span = Number.isFinite(meta.end - meta.start) ? meta.end - meta.start : 0;
  const fits = STEPS.filter((s) => !stepProblems(slos, s).length);
  return fits.find((s) => span / s <= MAX_STEPS) ?? fits[fits.length - 1] ?? MINUTE;
}

interface Evaluated {
  key: string;
  meta: DatasetMeta;
  stepMs: number;
  results: SloResult[];
  problems: string[];
}

let last: Evaluated | undefined;

async function evaluateStored(datasetId: string, stepMs?: number): Promise<Evaluated> {
  const meta = await datasetMeta(datasetId);
  const s = await stored(datasetId);
  const step = stepMs ?? defaultStep(meta, s.slos);
  const key = `${datasetId}\n${step}\n${s.updated ?? ''}\n${s.yaml}`;
  if (last?.key === key) return last;
  if (s.problems.length) return (last = { key, meta, stepMs: step, results: [], problems: s.problems });
  const misfit = stepProblems(s.slos, step);
  if (misfit.length) throw new RangeError(misfit.join(' '));
  const input = await sloInput(meta, s.slos);
  return (last = { key, meta, stepMs: step, results: sloResults(s.slos, input, { stepMs: step }), problems: [] });
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function evaluatedOf(r: SloResult): SloEvaluated {
  const ev = r.evaluation;
  const fc = r.forecast;
  return {
    slo: ev.slo,
    summary: r.summary,
    // Copies: the cached evaluation keeps its own columns when these are transferred.
    t: ev.t.slice(),
    sli: ev.sli.slice(),
    compliance: ev.compliance.slice(),
    budgetRemaining: ev.budgetRemaining.slice(),
    burnRate: ev.burnRate.slice(),
    rules: ev.rules.map((x) => ({ name: x.name, severity: x.severity, factor: x.factor, longMs: x.longMs, shortMs: x.shortMs })),
    alerts: ev.alerts,
    notifications: ev.notifications,
    burnLine: fc.burnLine,
    trendLine: fc.trendLine,
    exhaustionAt: finiteOrNull(fc.at + fc.exhaustionInMs),
    exhaustionByTrendAt: finiteOrNull(fc.at + fc.exhaustionByTrendInMs),
    breachAt: fc.breachAt,
    breachedAt: fc.breachedAt,
  };
}

/** The dataset's SLO burn rates for the health score (none when it has no SLOs or they cannot be read). */
export async function sloHealthFor(datasetId: string): Promise<SloHealthInputs | undefined> {
  try {
    const doc = await getDocument(datasetId, 'slos');
    if (!doc || !doc.text.trim()) return undefined;
    const { results } = await evaluateStored(datasetId);
    const inputs = sloHealthInputs(results.map((r) => r.evaluation));
    return Object.keys(inputs.burnRates).length ? inputs : undefined;
  } catch {
    return undefined; // SLOs never stop a detection run; the SLO view shows their problems
  }
}

export function sloHandlers(_ctx: WorkerContext): SloWorkerApi {
  return {
    listSlos: stored,

    async draftYaml(draft) {
      const r = sloOfDraft(draft);
      return r.ok ? { yaml: exportOpenSlo([r.slo]), problems: [] } : { yaml: '', problems: r.problems };
    },

    async yamlDrafts(yaml) {
      const r = importDatasetSlos(yaml);
      return r.ok ? { ok: true, drafts: r.slos.map(draftOf) } : r;
    },

    async upsertSlos(datasetId, yaml, replacing) {
      const edited = importDatasetSlos(yaml);
      if (!edited.ok) return edited;
      if (!edited.slos.length) return { ok: false, errors: ['The YAML holds no SLO: write one, or use Delete to remove this SLO.'] };
      const s = await stored(datasetId);
      if (s.problems.length) return { ok: false, errors: [`The stored SLOs cannot be read (${s.problems.join(' ')}); fix them in the YAML of the whole set first.`] };
      const kept = s.slos.filter((x) => x.name !== replacing);
      const clash = edited.slos.filter((x) => kept.some((k) => k.name === x.name));
      if (clash.length) return { ok: false, errors: clash.map((x) => `An SLO named ${JSON.stringify(x.name)} already exists; choose another name.`) };
      const at = replacing === undefined ? -1 : s.slos.findIndex((x) => x.name === replacing);
      const all = at < 0 ? [...kept, ...edited.slos] : [...s.slos.slice(0, at), ...edited.slos, ...s.slos.slice(at + 1)];
      await putDocument(datasetId, 'slos', exportOpenSlo(all));
      return { ok: true, slos: all };
    },

    async editSlo(datasetId, name) {
      const slo = (await stored(datasetId)).slos.find((x) => x.name === name);
      return slo ? { draft: draftOf(slo), yaml: exportOpenSlo([slo]) } : undefined;
    },

    async deleteSlo(datasetId, name) {
      const s = await stored(datasetId);
      if (s.problems.length) throw new RangeError(`The stored SLOs cannot be read: ${s.problems.join(' ')}`);
      const left = s.slos.filter((x) => x.name !== name);
      if (!left.length) await deleteDocument(datasetId, 'slos');
      else await putDocument(datasetId, 'slos', exportOpenSlo(left));
      return stored(datasetId);
    },

    async saveSlos(datasetId, yaml) {
      const parsed = importDatasetSlos(yaml);
      if (!parsed.ok) return parsed;
      if (!parsed.slos.length) await deleteDocument(datasetId, 'slos');
      else await putDocument(datasetId, 'slos', yaml);
      return parsed;
    },

    async evaluateSlos(datasetId, options) {
      const ev = await evaluateStored(datasetId, options?.stepMs);
      const results = ev.results.map(evaluatedOf);
      const out: SlosEvaluation = { datasetId, stepMs: ev.stepMs, results, problems: ev.problems };
      return Comlink.transfer(out, results.flatMap((r) => [r.t, r.sli, r.compliance, r.budgetRemaining, r.burnRate].map((a) => a.buffer as ArrayBuffer)));
    },

    async sloReport(datasetId, format) {
      const ev = await evaluateStored(datasetId);
      if (ev.problems.length) throw new RangeError(`The stored SLOs cannot be read: ${ev.problems.join(' ')}`);
      return sloReport(format, ev.meta.name, ev.results.map((r) => r.summary));
    },

    async suggestSlos(datasetId) {
      const meta = await datasetMeta(datasetId);
      const traces = (meta.spanCount ?? 0) > 0 ? await loadTraces(datasetId) : undefined;
      const suggestions = suggestSlos(await suggestionSeries(meta), traces);
      return { yaml: suggestions.length ? exportOpenSlo(suggestions.map((s) => s.slo)) : '', suggestions };
    },
  };
}
