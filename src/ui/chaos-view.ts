// The Chaos lab view: scenario editor (timeline of fault bars over the recorded series, side panel for the
// selected fault, policies per edge, seed), run with progress and cancel, results, and "compare two runs".
// The scenario is saved with the dataset on every edit, so a reload restores it; ?fault=N keeps the selection.

import * as Comlink from 'comlink';
import type { DatasetMeta } from '../model/series';
import type { ChaosModelInfo, ChaosRunOutcome, ChaosRunResult, FaultKind, SaveReplayOutcome, Scenario, ScenarioProgress } from '../workers/api-chaos';
import type { Workers } from '../workers/spawn';
import { compareRuns } from './chaos-compare';
import { faultForm } from './chaos-fault-form';
import { defaultFault, FAULT_LABELS } from './chaos-format';
import { policiesEditor } from './chaos-policies';
import { resultsView, type ResultsView } from './chaos-results';
import { timeline, type Timeline } from './chaos-timeline';
import { h, replace } from './dom';
import { formatCount, formatRange } from './format';
import { busy, whileBusy } from './idle';
import type { ViewHandle } from './metrics-view';
import { numParam, replaceParams } from './router';
import { sessionControls } from './session-controls';

let runSeq = 0;
const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
const SAVE_DELAY_MS = 400;

export function chaosView(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  const status = h('p', { class: 'chaos-status muted', attrs: { role: 'status', 'aria-live': 'polite' } }, 'Reading the dataset…');
  const body = h('div', { class: 'chaos-body' });
  const element = h('section', { class: 'view chaos-view', attrs: { 'aria-labelledby': 'chaos-title' } },
    h('header', { class: 'view-header' }, h('h2', { attrs: { id: 'chaos-title' } }, 'Chaos lab'), h('span', { class: 'muted' }, meta.name)), status, body);
  let destroyed = false;
  let tl: Timeline | undefined;
  let results: ResultsView | undefined;
  let flushSave: () => void = () => undefined;

  const start = async (): Promise<void> => {
    let info: ChaosModelInfo;
    try {
      info = await whileBusy(() => workers.analysis.chaosModel(meta.id));
    } catch (e) {
      status.textContent = `The dataset could not be read: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    if (destroyed) return;
    if (!info.model) {
      status.textContent = info.problem ?? 'This dataset cannot be replayed.';
      return;
    }
    build(info, info.model);
  };

  const build = (info: ChaosModelInfo, model: NonNullable<ChaosModelInfo['model']>): void => {
    let scenario: Scenario = info.scenario;
    let selected = Math.min(numParam(params, 'fault', 0), scenario.faults.length - 1);
    let runId: string | null = null;
    let lastRun: ChaosRunResult | undefined;
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    const range = { start: model.startMs, end: model.endMs };
    const span = range.end - range.start;

    status.textContent = `${model.kind === 'traces' ? 'Call graph from the traces' : 'Per-series model (metrics only)'}: ${plural(model.services.length, 'service')}, ${plural(model.edges.length, 'edge')}, ${formatCount(model.requests)} requests, ${formatRange(range.start, range.end - 1)}.` +
      (info.scenarioProblem ? ` ${info.scenarioProblem} A new scenario was started.` : '');

    let endSave: (() => void) | undefined;
    const flush = (): void => {
      clearTimeout(saveTimer);
      const end = endSave;
      endSave = undefined;
      void workers.analysis.saveChaosScenario(meta.id, scenario).catch(() => undefined).finally(() => end?.());
    };
    const save = (): void => {
      clearTimeout(saveTimer);
      endSave ??= busy(); // a pending save keeps the app from reporting idle
      saveTimer = setTimeout(flush, SAVE_DELAY_MS);
    };
    flushSave = () => endSave && flush();
    const setScenario = (next: Scenario, redrawPanel: boolean): void => {
      scenario = next;
      save();
      tl?.update();
      if (redrawPanel) renderPanel();
    };
    const select = (i: number): void => {
      selected = i;
      replaceParams({ fault: i >= 0 ? i : undefined });
      tl?.update();
      renderPanel();
    };

    // Toolbar: add fault, seed, run / cancel with progress, session controls.
    const kindSel = h('select', { attrs: { 'aria-label': 'Fault kind to add' } }, ...(Object.keys(FAULT_LABELS) as FaultKind[]).map((k) => h('option', { attrs: { value: k } }, FAULT_LABELS[k])));
    kindSel.value = 'service-crash';
    const addButton = h('button', { class: 'btn', attrs: { type: 'button' } }, 'Add fault');
    addButton.addEventListener('click', () => {
      const n = scenario.faults.length;
      const duration = Math.max(60_000, Math.round(span / 12 / 60_000) * 60_000);
      const startMs = Math.min(Math.max(0, span - duration), Math.round(((0.25 + 0.12 * n) * span) / 60_000) * 60_000);
      const target = model.services[n % model.services.length];
      const f = defaultFault(kindSel.value as FaultKind, model.services, target, startMs, duration);
      setScenario({ ...scenario, faults: [...scenario.faults, f] }, false);
      select(n);
    });
    const seed = h('input', { attrs: { type: 'number', min: 0, max: 4294967295, step: 1, value: scenario.seed, 'aria-label': 'Seed' } });
    seed.addEventListener('change', () => {
      const x = Number(seed.value);
      if (Number.isInteger(x) && x >= 0 && x <= 0xffffffff) setScenario({ ...scenario, seed: x }, false);
      else seed.value = String(scenario.seed);
    });
    const runButton = h('button', { class: 'btn btn-primary', attrs: { type: 'button' } }, 'Run');
    const cancelButton = h('button', { class: 'btn', attrs: { type: 'button', disabled: true } }, 'Cancel');
    const bar = h('progress', { class: 'chaos-progress', attrs: { max: 1, value: 0, 'aria-label': 'Replay progress' } });
    const phase = h('span', { class: 'chaos-phase muted', attrs: { 'aria-live': 'polite' } });
    const toolbar = h('div', { class: 'toolbar chaos-toolbar' },
      h('label', { class: 'field' }, h('span', null, 'Fault kind'), kindSel), addButton,
      h('div', { class: 'toolbar-group' }, h('label', { class: 'field' }, h('span', null, 'Seed'), seed), runButton, cancelButton, h('span', { class: 'chaos-progress-wrap' }, bar, phase)),
      h('span', { class: 'toolbar-spacer' }),
      sessionControls({ workers, meta, scenario: () => scenario, load: (s) => { scenario = s; seed.value = String(s.seed); save(); rebuild(); } }));

    const panel = h('aside', { class: 'chaos-side', attrs: { 'aria-label': 'Selected fault' } });
    const timelineHost = h('div', { class: 'chaos-main' });
    const policiesHost = h('div');
    const resultsHost = h('div', { class: 'chaos-results-host' });
    const compareHost = h('div');

    const renderPanel = (): void => {
      const f = scenario.faults[selected];
      if (!f) {
        replace(panel, h('p', { class: 'muted' }, scenario.faults.length ? 'Click a fault bar to edit it.' : 'Choose a fault kind and press "Add fault".'));
        return;
      }
      replace(panel, faultForm({
        fault: f, index: selected, services: model.services,
        onChange: (next) => {
          const kindChanged = next.kind !== f.kind;
          setScenario({ ...scenario, faults: scenario.faults.map((x, i) => (i === selected ? next : x)) }, kindChanged);
        },
        onRemove: () => {
          setScenario({ ...scenario, faults: scenario.faults.filter((_, i) => i !== selected) }, false);
          select(Math.min(selected, scenario.faults.length - 1));
        },
      }));
    };
    const renderPolicies = (): void => {
      replace(policiesHost, policiesEditor(model.edges, scenario.policies, (policies) => setScenario({ ...scenario, policies }, false)));
    };
    const renderCompare = async (): Promise<void> => {
      const runs = await workers.analysis.chaosRuns(meta.id).catch(() => []);
      if (!destroyed) replace(compareHost, compareRuns(runs));
    };
    const rebuild = (): void => {
      tl?.destroy();
      tl = timeline({
        range, overview: info.overview, faults: () => scenario.faults, selected: () => selected, onSelect: select,
        onMove: (i, startMs, durationMs) => {
          scenario = { ...scenario, faults: scenario.faults.map((x, k) => (k === i ? { ...x, startMs, durationMs, ...(x.kind === 'service-crash' && x.downtimeMs === x.durationMs ? { downtimeMs: durationMs } : {}) } : x)) };
          save();
          select(i);
        },
      });
      replace(timelineHost, tl.element);
      renderPanel();
      renderPolicies();
    };

    const showRun = (run: ChaosRunResult): void => {
      results?.destroy();
      lastRun = run;
      results = resultsView(run, { saveReplay: () => void saveReplay() });
      replace(resultsHost, results.element);
    };
    const saveReplay = async (): Promise<void> => {
      if (!lastRun) return;
      phase.textContent = 'Saving the replay as a dataset…';
      const out = await whileBusy<SaveReplayOutcome>(() => workers.analysis.saveReplayDataset(lastRun?.summary.runId ?? ''));
      phase.textContent = out.ok ? `Saved as "${out.meta.name}" (in the sidebar).` : out.message;
      if (out.ok) window.dispatchEvent(new CustomEvent('faultline:datasets-changed'));
    };
    const run = async (): Promise<void> => {
      if (runId) return;
      const id = `chaos-${++runSeq}`;
      runId = id;
      runButton.disabled = true;
      cancelButton.disabled = false;
      bar.value = 0;
      phase.textContent = 'Starting…';
      const onProgress = Comlink.proxy((p: ScenarioProgress) => {
        if (runId !== id) return;
        bar.value = p.total ? p.done / p.total : 0;
        phase.textContent = p.phase;
      });
      try {
        const out = await whileBusy<ChaosRunOutcome>(() => workers.analysis.runChaos(id, meta.id, scenario, onProgress));
        if (destroyed) return;
        if (out.ok) {
          bar.value = 1;
          phase.textContent = `Done: ${out.run.summary.faults.filter((f) => f.detected).length} of ${out.run.summary.faults.length} faults detected.`;
          showRun(out.run);
          await renderCompare();
        } else {
          bar.value = 0;
          phase.textContent = out.cancelled ? 'Cancelled.' : out.message;
        }
      } catch (e) {
        phase.textContent = `The replay failed: ${e instanceof Error ? e.message : String(e)}`;
      } finally {
        runId = null;
        runButton.disabled = false;
        cancelButton.disabled = true;
      }
    };
    runButton.addEventListener('click', () => void run());
    cancelButton.addEventListener('click', () => {
      if (runId) void workers.analysis.cancelChaos(runId);
      phase.textContent = 'Cancelling…';
    });

    replace(body, toolbar, h('div', { class: 'chaos-editor' }, timelineHost, panel), policiesHost, resultsHost, compareHost);
    rebuild();
    void renderCompare();
  };

  return {
    element,
    mount() {
      void start();
    },
    destroy() {
      destroyed = true;
      flushSave();
      tl?.destroy();
      results?.destroy();
    },
  };
}
