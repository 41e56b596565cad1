// The Anomalies view of a dataset: the detector panel, the chart with detection overlays, incidents
// (click to jump), health and the correlation heatmap. Settings live in the URL; runs go to the worker.
import * as Comlink from 'comlink';
import type { DetectionConfig, DetectionReport, DetectProgress, MaintenanceWindow } from '../analysis/detectors/run-types';
import type { DatasetMeta } from '../model/series';
import type { Workers } from '../workers/spawn';
import { anomalyChart } from './anomaly-chart';
import { parseSettings, settingsParams, type AnomalySettings } from './anomaly-settings';
import { correlationView } from './correlation-heatmap';
import { isCancelled } from './detection-vocabulary';
import { detectorCatalogue, type DetectorInfo } from './detector-catalogue';
import { detectorPanel } from './detector-panel';
import { h, replace } from './dom';
import { formatCount, formatRange } from './format';
import { healthView } from './health-view';
import { busy } from './idle';
import { incidentRange, incidentsTable } from './incidents-list';
import { onAction } from './keymap';
import { coversSeries, maintenanceWindows } from './maintenance-windows';
import type { ViewHandle } from './metrics-view';
import { nabScoreCard } from './nab-score-panel';
import { numParam, replaceParams } from './router';
import { periodLine, runNotes } from './run-notes';

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function section(title: string, id: string, ...body: HTMLElement[]): HTMLElement {
  return h('section', { class: 'result-section', attrs: { 'aria-labelledby': id } }, h('h3', { attrs: { id } }, title), ...body);
}

/** What a run did, in one line. */
export function runSummary(r: DetectionReport): string {
  const active = r.incidents.filter((x) => !x.suppressed).length;
  const flagged = r.series.reduce((n, s) => n + s.flagged, 0);
  return `Ran ${r.detectors.join(', ')} on ${formatCount(r.series.length)} series (${r.runs.computed} computed, ${r.runs.reused} reused): ` +
    `${formatCount(flagged)} points flagged, ${formatCount(active)} ${active === 1 ? 'incident' : 'incidents'}.`;
}

function notesOf(r: DetectionReport): HTMLElement | null {
  const notes = runNotes(r);
  const periods = (r.periods ?? []).flatMap((p) => periodLine(p) ?? []);
  if (!notes.length && !periods.length) return null;
  return h('ul', { class: 'run-notes muted' }, ...periods.map((p) => h('li', null, p)), ...notes.map((n) => h('li', null, n)));
}

export function anomaliesView(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  if (meta.seriesCount === 0) {
    const element = h('section', { class: 'view anomalies-view', attrs: { 'aria-labelledby': 'anomalies-title' } },
      h('header', { class: 'view-header' }, h('h2', { attrs: { id: 'anomalies-title' } }, 'Anomalies')),
      h('p', { class: 'muted', attrs: { role: 'status' } }, 'No metric series in this dataset, so there is nothing for the detectors to score. Import metrics (CSV, Prometheus, OpenMetrics or OTLP) to find anomalies.'));
    return { element, mount() {}, destroy() {} };
  }
  const settings: AnomalySettings = parseSettings(params, meta.seriesCount);
  const seriesNames = meta.series.map((s) => s.name);
  let report: DetectionReport | undefined;
  let ranConfig: DetectionConfig | undefined;
  let runId: string | undefined;
  let endBusy: (() => void) | undefined;
  let destroyed = false;

  const saveSettings = () => replaceParams(settingsParams(settings, new URLSearchParams(location.hash.split('?')[1] ?? '')));
  const stale = () => {
    if (report && JSON.stringify(ranConfig) !== JSON.stringify(settings.config)) panel.status('Settings changed: press Run detection (r) to apply them.');
  };
  /** The windows that cover the series on the chart (every-series ones and its own) as chart bands. */
  const showWindows = (w: readonly MaintenanceWindow[] = settings.config.suppression.maintenance) =>
    chart.setWindows(w.filter((x) => coversSeries(x, seriesNames[settings.series])).map((x): [number, number] => [x.start, x.end]));

  const maint = maintenanceWindows(settings.config.suppression.maintenance, {
    changed(windows) {
      settings.config.suppression.maintenance = windows;
      showWindows(windows);
      saveSettings();
      stale();
    },
    drawMode: (on) => chart.setDrawMode(on),
  }, seriesNames);
  let catalogue: readonly DetectorInfo[] | undefined;
  const panel = detectorPanel(undefined, settings.config, maint.element, {
    changed(config) {
      settings.config = { ...config, suppression: { ...config.suppression, maintenance: maint.windows() } };
      saveSettings();
      stale();
    },
    run: () => void run(),
    cancel: () => cancel(),
  });
  const chart = anomalyChart(workers, meta, settings.series, params.get('table') === '1', {
    seriesChanged: (index) => pickSeries(index),
    windowDrawn(start, end) {
      maint.add({ start: Math.round(start), end: Math.round(end) });
      maint.setDrawing(false);
    },
  });

  function pickSeries(index: number): void {
    settings.series = index;
    saveSettings();
    chart.show(index, [meta.series[index].start, meta.series[index].end]);
    showWindows();
    if (ranConfig) nab?.score(ranConfig, index);
  }

  // A dataset with NAB labels: its windows on the chart, the run's NAB score beside the incidents.
  const nab = meta.nabLabels ? nabScoreCard(workers, meta, meta.nabLabels, settings.series) : undefined;

  const runError = h('div', { class: 'notice notice-error', attrs: { role: 'alert', hidden: true } });
  const incidentsHost = h('div', null, h('p', { class: 'empty-note muted' }, 'Run detection (press r) to find incidents.'));
  const healthHost = h('div', null, healthView(undefined, seriesNames));
  const correlationHost = h('div', null, correlationView(undefined, meta.seriesCount, { openBreak: () => undefined, openPairBreak: () => undefined }));
  const notesHost = h('div');

  const jump = (seriesIndex: number, start: number, end: number) => {
    const s = meta.series[seriesIndex];
    if (!s) return;
    const range = incidentRange({ start, end }, [s.start, s.end]);
    if (seriesIndex !== settings.series) {
      settings.series = seriesIndex;
      saveSettings();
      chart.show(seriesIndex, range);
      showWindows();
    } else chart.chart()?.setRange(range[0], range[1]);
    chart.element.scrollIntoView({ block: 'start' });
  };

  function showReport(r: DetectionReport): void {
    replace(incidentsHost, incidentsTable(r.incidents, { open: (x) => jump(x.seriesIndex, x.start, x.end) }));
    replace(healthHost, healthView(r.health, seriesNames));
    const why = r.detectors.includes('correlation') ? undefined
      : catalogue && !catalogue.some((d) => d.name === 'correlation' && d.available) ? 'Not computed: the correlation detector is not available in this build.'
      : 'Not computed: this run did not include the correlation detector.';
    replace(correlationHost, correlationView(r.correlation, meta.seriesCount, {
      openBreak: (b) => jump(b.seriesIndex, b.start, b.end),
      // The pair's series on the chart now, if it is one of them; else the first.
      openPairBreak: (b) => jump(settings.series === b.b ? b.b : b.a, b.start, b.end),
    }, why));
    replace(notesHost, notesOf(r));
  }

  async function run(): Promise<void> {
    if (runId || destroyed) return;
    const config = structuredClone(settings.config);
    const id = crypto.randomUUID();
    runId = id;
    runError.hidden = true;
    panel.setRunning(true);
    panel.status('Starting…');
    endBusy = busy();
    try {
      const onProgress = Comlink.proxy((p: DetectProgress) => {
        if (runId === id) panel.progress(p);
      });
      const r = await workers.analysis.detect({ runId: id, datasetId: meta.id, config }, onProgress);
      if (runId !== id || destroyed) return;
      report = r;
      ranConfig = config;
      settings.autoRun = true;
      saveSettings();
      showReport(r);
      chart.setResult(config);
      nab?.score(config, settings.series);
      panel.status(runSummary(r));
    } catch (e) {
      if (runId !== id || destroyed) return;
      if (isCancelled(e)) panel.status(report ? 'Cancelled; the results of the previous run are still shown.' : 'Cancelled.');
      else {
        panel.status('Detection failed; see the message above the chart.', 'error');
        replace(runError, h('strong', null, 'Detection failed'), h('p', { class: 'error-message' }, errorText(e)));
        runError.hidden = false;
      }
    } finally {
      if (runId === id) {
        runId = undefined;
        panel.setRunning(false);
        endBusy?.();
        endBusy = undefined;
      }
    }
  }

  function cancel(): void {
    const id = runId;
    if (!id) return;
    panel.status('Cancelling…');
    void Promise.resolve(workers.analysis.cancelDetect(id)).catch(() => undefined);
  }

  const element = h(
    'section',
    { class: 'view anomalies-view', attrs: { 'aria-labelledby': 'anomalies-title' } },
    h('header', { class: 'view-header' },
      h('h2', { attrs: { id: 'anomalies-title' } }, 'Anomalies'),
      h('span', { class: 'muted' }, `${meta.name} · ${formatCount(meta.seriesCount)} series · ${formatRange(meta.start, meta.end)}`)),
    h(
      'div',
      { class: 'anomalies-layout' },
      panel.element,
      h('div', { class: 'anomalies-main' }, runError, chart.element,
        ...(nab ? [section('NAB score', 'nab-score-title', nab.element)] : []),
        section('Incidents', 'incidents-title', incidentsHost), notesHost),
    ),
    h('div', { class: 'anomalies-results' }, section('Health', 'health-title', healthHost), section('Correlation', 'correlation-title', correlationHost)),
  );

  const unbind: (() => void)[] = [];
  return {
    element,
    mount() {
      const endLoading = busy();
      detectorCatalogue(workers.analysis).then(
        (c) => {
          catalogue = c;
          if (!destroyed) panel.setCatalogue(c);
        },
        (e: unknown) => {
          if (!destroyed) panel.setCatalogue({ error: errorText(e) });
        },
      ).finally(endLoading);
      const from = numParam(params, 'from', NaN);
      const to = numParam(params, 'to', NaN);
      showWindows();
      if (meta.nabLabels) chart.setLabelWindows(meta.nabLabels.windows.map((w) => [w.start, w.end]));
      chart.show(settings.series, Number.isFinite(from) && Number.isFinite(to) && to > from ? [from, to] : undefined);
      const c = () => chart.chart();
      unbind.push(
        onAction('run-detection', () => void run()),
        onAction('maintenance-mode', () => maint.toggleDrawing()),
        onAction('zoom-in', () => c()?.zoom(0.5)),
        onAction('zoom-out', () => c()?.zoom(2)),
        onAction('pan-left', () => c()?.pan(-0.25)),
        onAction('pan-right', () => c()?.pan(0.25)),
        onAction('reset-zoom', () => c()?.reset()),
        onAction('table', () => chart.toggleTable()),
        onAction('next-series', () => settings.series + 1 < meta.seriesCount && pickSeries(settings.series + 1)),
        onAction('prev-series', () => settings.series > 0 && pickSeries(settings.series - 1)),
      );
      if (settings.autoRun) void run();
    },
    destroy() {
      destroyed = true;
      for (const fn of unbind) fn();
      if (runId) void Promise.resolve(workers.analysis.cancelDetect(runId)).catch(() => undefined);
      endBusy?.();
      chart.destroy();
    },
  };
}
