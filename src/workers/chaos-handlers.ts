// The analysis worker's handlers for chaos lab replays: run, progress, cancel, scorecard; the scenario and
// the last runs stored as per-dataset documents; a finished replay stored as a derived dataset on request.

import * as Comlink from 'comlink';
import { replayCharts } from '../chaos/replay-charts';
import { emptyScenario, SCENARIO_VERSION, type Scenario } from '../chaos/scenario';
import { importDatasetSlos } from '../analysis/slo/openslo';
import { replayModelOf, runScenario, SCENARIO_CANCELLED, type ScenarioData, type ScenarioRun } from '../chaos/scenario-run';
import { datasetService, serviceOfSeries } from '../chaos/from-series';
import type { DatasetMeta, Series } from '../model/series';
import type { TraceSet } from '../model/traces';
import { getDataset, readSeries, storeDataset } from '../store/datasets';
import { getDocument, putDocument } from '../store/documents';
import type { ChaosModelInfo, ChaosRunSummary, ChaosSeriesView, ChaosWorkerApi } from './api-chaos';
import { loadTraces } from './trace-cache';
import type { WorkerContext } from './worker-context';

/** Runs kept per dataset for "compare two runs". */
const KEEP_RUNS = 10;
/** Finished replays kept in memory for "Save replay as dataset". */
const KEEP_REPLAYS = 3;

interface Loaded {
  meta: DatasetMeta;
  data: ScenarioData;
}

/** A stored scenario's text read back: the scenario, or why it cannot be used. */
function readScenario(text: string): Scenario | string {
  try {
    const x: unknown = JSON.parse(text);
    if (typeof x !== 'object' || x === null) return 'The saved scenario is not a JSON object.';
    const s = x as Partial<Scenario>;
    if (s.version !== SCENARIO_VERSION) return `The saved scenario has version ${String(s.version)}; this build reads version ${SCENARIO_VERSION}.`;
    if (!Array.isArray(s.faults) || typeof s.seed !== 'number' || typeof s.policies !== 'object' || !s.detection || !Array.isArray(s.slos)) {
      return 'The saved scenario lacks faults, seed, policies, detection or slos.';
    }
    return s as Scenario;
  } catch (e) {
    return `The saved scenario is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`;
  }
}

function summarize(runId: string, scenario: Scenario, run: ScenarioRun, elapsedMs: number): ChaosRunSummary {
  const sc = run.scorecard;
  return {
    runId, at: Date.now(), scenarioName: scenario.name, seed: scenario.seed, sha256: run.sha256, modelKind: run.model.kind,
    requests: run.withPolicies.requests, simulatedCalls: run.withPolicies.simulatedCalls, elapsedMs,
    faults: sc.faults.map((f) => ({ kind: f.kind, targets: f.targets, start: f.start, end: f.end, detected: f.detected, timeToDetectMs: f.timeToDetectMs, detectedBy: [...f.detectedBy], sloAlertsDuring: f.sloAlertsDuring })),
    falseAlarms: sc.falseAlarms,
    policies: sc.policies.map((p) => ({ edge: p.edge, withoutPct: p.withoutPct, withPct: p.withPct, text: p.text })),
    slo: (sc.slo ?? []).map((s) => ({ slo: s.slo, alerts: s.alerts.length, budgetBurnedPct: s.budgetBurnedPct })),
  };
}

export function chaosHandlers(ctx: WorkerContext): ChaosWorkerApi {
  const cancelled = new Set<string>();
  const replays = new Map<string, { datasetId: string; name: string; seed: number; series: Series[]; traces?: TraceSet }>();
  let last: { id: string; loaded: Promise<Loaded> } | undefined;

  const load = (datasetId: string): Promise<Loaded> => {
    if (last?.id === datasetId) return last.loaded;
    const loaded = (async (): Promise<Loaded> => {
      const meta = await getDataset(datasetId);
      if (!meta) throw new RangeError(`No dataset ${datasetId} in this browser's storage (deleted?).`);
      const series = await Promise.all(meta.series.map((_, i) => readSeries(datasetId, i)));
      const traces = (meta.spanCount ?? 0) > 0 ? await loadTraces(datasetId) : undefined;
      return { meta, data: { series, datasetName: meta.name, ...(traces ? { traces } : {}) } };
    })();
    last = { id: datasetId, loaded };
    loaded.catch(() => {
      if (last?.loaded === loaded) last = undefined;
    });
    return loaded;
  };

  const runsOf = async (datasetId: string): Promise<ChaosRunSummary[]> => {
    const doc = await getDocument(datasetId, 'chaos-runs');
    if (!doc) return [];
    try {
      const list: unknown = JSON.parse(doc.text);
      return Array.isArray(list) ? (list as ChaosRunSummary[]) : [];
    } catch {
      return [];
    }
  };

  return {
    async chaosModel(datasetId) {
      const { meta, data } = await load(datasetId);
      const model = replayModelOf(data);
      const doc = await getDocument(datasetId, 'scenario');
      const saved = doc ? readScenario(doc.text) : null;
      let scenario: Scenario;
      if (saved && typeof saved !== 'string') scenario = saved;
      else {
        const slos = await getDocument(datasetId, 'slos');
        const parsed = slos ? importDatasetSlos(slos.text) : undefined;
        scenario = { ...emptyScenario(`${meta.name} scenario`, 1), slos: parsed?.ok ? parsed.slos : [] };
      }
      const info: ChaosModelInfo = {
        datasetId, datasetName: meta.name,
        model: typeof model === 'string' ? null : model.summary, problem: typeof model === 'string' ? model : null,
        scenario, scenarioSaved: saved !== null && typeof saved !== 'string', scenarioProblem: typeof saved === 'string' ? saved : null,
        overview: typeof model === 'string' ? [] : model.overview().map((s) => ({ name: s.name, unit: s.unit ?? '', t: s.t.slice(), v: s.v.slice() })),
      };
      return Comlink.transfer(info, info.overview.flatMap((s) => [s.t.buffer, s.v.buffer] as ArrayBuffer[]));
    },

    async runChaos(runId, datasetId, scenario, onProgress) {
      const began = performance.now();
      try {
        const { meta, data } = await load(datasetId);
        await putDocument(datasetId, 'scenario', JSON.stringify(scenario));
        const run = await runScenario(data, scenario, ctx.kernels(), {
          onProgress: (p) => void Promise.resolve(onProgress(p)).catch(() => undefined),
          isCancelled: () => cancelled.has(runId), recorded: true,
        });
        if (typeof run === 'string') return { ok: false, cancelled: run === SCENARIO_CANCELLED, message: run };
        const summary = summarize(runId, scenario, run, performance.now() - began);
        const runs = [summary, ...(await runsOf(datasetId)).filter((r) => r.runId !== runId)].slice(0, KEEP_RUNS);
        await putDocument(datasetId, 'chaos-runs', JSON.stringify(runs));
        replays.set(runId, { datasetId, name: meta.name, seed: scenario.seed, series: run.withPolicies.series, ...(run.withPolicies.traces ? { traces: run.withPolicies.traces } : {}) });
        while (replays.size > KEEP_REPLAYS) replays.delete(replays.keys().next().value as string);
        const fallback = datasetService(meta.name);
        const charts: ChaosSeriesView[] = replayCharts(run.recorded ?? [], run.withPolicies.series).map((c) => ({
          name: c.name, service: serviceOfSeries(c, fallback), unit: c.unit, t: c.t, recorded: c.recorded, replayed: c.replayed,
        }));
        const buffers = charts.flatMap((c) => [c.t.buffer, c.recorded.buffer, c.replayed.buffer] as ArrayBuffer[]);
        return Comlink.transfer({ ok: true as const, run: { summary, scorecard: run.scorecard, model: run.model, charts } }, buffers);
      } catch (e) {
        return { ok: false, cancelled: false, message: e instanceof Error ? e.message : String(e) };
      } finally {
        cancelled.delete(runId);
      }
    },

    cancelChaos(runId) {
      cancelled.add(runId);
    },

    async saveChaosScenario(datasetId, scenario) {
      await putDocument(datasetId, 'scenario', JSON.stringify(scenario));
    },

    async chaosRuns(datasetId) {
      return runsOf(datasetId);
    },

    async saveReplayDataset(runId) {
      const r = replays.get(runId);
      if (!r) return { ok: false, message: 'That run is no longer in memory (only the last 3 are kept): run the scenario again, then save.' };
      const name = `replay of ${r.name}, seed ${r.seed}`;
      const stored = await storeDataset({ name, fileName: name, format: 'chaos-replay', bytes: 0, warnings: [] }, r.series, {}, r.traces);
      if (!stored.ok) return { ok: false, message: stored.error.message };
      return { ok: true, meta: stored.value };
    },
  };
}
