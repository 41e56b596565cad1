// The chart card of the Anomalies view: series picker, legend, summary, the uPlot chart with detection
// overlays (severity flags, combined score lane, incident bands, maintenance and NAB windows), readout, table.
import type { DetectionConfig } from '../analysis/detectors/run-types';
import type { DatasetMeta } from '../model/series';
import type { ChartData } from '../workers/api';
import type { Workers } from '../workers/spawn';
import { SeriesChart, type ChartOverlay } from './chart';
import { chartTables } from './chart-table';
import { h, replace } from './dom';
import { bucketReadout, legendItem, seriesPicker, tableToggle } from './chart-controls';
import { formatCount, formatDuration, formatTime, unitOf } from './format';
import { DEFAULT_THRESHOLD, DEFAULT_WINDOW } from './metrics-view';
import { replaceParams } from './router';
import { SEVERITY_LEVELS, severityLabel } from './severity';

export interface AnomalyChartEvents {
  seriesChanged(index: number): void;
  windowDrawn(start: number, end: number): void;
}

export interface AnomalyChart {
  element: HTMLElement;
  /** Builds the chart (once in the document) for a series, optionally at a range. */
  show(seriesIndex: number, range?: [number, number]): void;
  /** The configuration whose results are drawn; undefined before any run (a plain z-score lane). */
  setResult(config: DetectionConfig | undefined): void;
  setWindows(windows: readonly [number, number][]): void;
  /** NAB labelled windows of the dataset (drawn as "NAB window" bands). */
  setLabelWindows(windows: readonly [number, number][]): void;
  setDrawMode(on: boolean): void;
  chart(): SeriesChart | undefined;
  toggleTable(): void;
  destroy(): void;
}

/** Severity codes 1..4 of the worker as overlay levels 0..3; incidents as bands. */
export function overlayOf(data: ChartData): ChartOverlay {
  const codes = data.flagSeverity;
  return {
    flagLevel: codes ? codes.map((c) => Math.max(0, c - 1)) : undefined,
    incidents: (data.incidents ?? []).map((x) => ({ t0: x.start, t1: Math.max(x.end, x.start + 1), level: SEVERITY_LEVELS.indexOf(x.severity.toLowerCase() as (typeof SEVERITY_LEVELS)[number]) })),
  };
}

export function anomalyChart(workers: Workers, meta: DatasetMeta, initialSeries: number, tableShown: boolean, events: AnomalyChartEvents): AnomalyChart {
  let seriesIndex = initialSeries;
  let config: DetectionConfig | undefined;
  let chart: SeriesChart | undefined;
  let last: ChartData | undefined;
  let windows: readonly [number, number][] = [];
  let labelWindows: readonly [number, number][] = [];
  let drawing = false;
  const summary = h('p', { class: 'chart-summary', attrs: { 'aria-live': 'polite' } });
  const readout = h('p', { class: 'chart-readout', attrs: { 'aria-hidden': 'true' } }, ' ');
  const chartHost = h('div', { class: 'chart' });
  const chartError = h('p', { class: 'inline-error', attrs: { role: 'alert', hidden: true } });
  const tableHost = h('section', { class: 'table-view', attrs: { 'aria-label': 'Chart data table' } });
  const legend = h('div', { class: 'legend' });
  const picker = seriesPicker(meta, seriesIndex, (i) => events.seriesChanged(i));
  const table = tableToggle(tableHost, tableShown, () => renderTable());
  const resetButton = h('button', { class: 'btn', attrs: { type: 'button' }, on: { click: () => chart?.reset() } }, 'Reset zoom');
  const toolbar = h('div', { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Chart controls' } },
    h('label', { class: 'field' }, h('span', null, 'Series'), picker), h('span', { class: 'toolbar-spacer' }), resetButton, table.button);

  const series = () => meta.series[seriesIndex];
  const unit = () => unitOf(series()?.name ?? '');

  function renderLegend(): void {
    const u = unit();
    replace(
      legend,
      legendItem('swatch-band', `min–max per bucket${u ? ` (${u})` : ''}`),
      ...(config
        ? [
            ...SEVERITY_LEVELS.map((s) => legendItem(`swatch-flag sev-${s}`, severityLabel(s))),
            legendItem('swatch-incident', 'incident'),
            legendItem('swatch-score', 'combined score (flagged above 0.5)'),
          ]
        : [legendItem('swatch-anomaly', `z-score anomaly (|z| > ${DEFAULT_THRESHOLD})`), legendItem('swatch-score', 'z-score; run detection for the combined score')]),
      legendItem('swatch-maintenance', 'maintenance window'),
      ...(labelWindows.length ? [legendItem('swatch-nab-window', 'NAB window')] : []),
    );
  }

  function renderTable(): void {
    const s = series();
    if (!table.shown() || !last || !s) return;
    const data = last;
    const words = config
      ? { name: 'score', rule: 'score > 0.5', flagLabel: (i: number) => (data.flagSeverity ? severityLabel(SEVERITY_LEVELS[Math.max(0, data.flagSeverity[i] - 1)]) : '') }
      : undefined;
    replace(tableHost, chartTables(data, s.name, unit(), config ? 0.5 : DEFAULT_THRESHOLD, words));
  }

  function onData(data: ChartData, t0: number, t1: number): void {
    last = data;
    chartError.hidden = true;
    replaceParams({ from: Math.round(t0), to: Math.round(t1) });
    const what = config ? 'flagged' : 'z-score anomalies';
    const flags = data.flagCount === 0 ? `none ${what}` : `${formatCount(data.flagCount)} ${what}`;
    const n = data.incidents?.length ?? 0;
    const incidents = config ? ` · ${formatCount(n)} ${n === 1 ? 'incident' : 'incidents'} in view` : '';
    summary.textContent = `${formatTime(t0)} → ${formatTime(t1)} UTC (${formatDuration(t1 - t0)}) · ${formatCount(data.pointCount)} points · ${flags}${incidents}`;
    renderTable();
  }

  const onCursor = (i: number) => (readout.textContent = bucketReadout(last, i, unit(), config ? 'score' : 'z'));

  function show(index: number, range?: [number, number]): void {
    const s = meta.series[index];
    if (!s) return;
    seriesIndex = index;
    picker.value = String(index);
    const keep = range ?? chart?.visible();
    chart?.destroy();
    chart = undefined;
    replace(chartHost);
    renderLegend();
    if (s.count === 0) {
      chartHost.textContent = 'This series has no points to plot.';
      return;
    }
    chartHost.setAttribute('aria-label', `Chart of ${s.name}`);
    chartHost.setAttribute('role', 'img');
    const u = unitOf(s.name);
    const ran = config;
    chart = new SeriesChart(chartHost, {
      full: [s.start, s.end],
      initial: keep,
      unit: u,
      label: u ? `${s.name} (${u})` : s.name,
      threshold: ran ? 0.5 : DEFAULT_THRESHOLD,
      lane: ran ? 'unit' : 'zscore',
      fetch: (t0, t1, buckets) =>
        workers.analysis.chart({
          datasetId: meta.id, seriesIndex: index, t0, t1, buckets,
          detector: ran ? { kind: 'detection', config: ran } : { kind: 'zscore', window: DEFAULT_WINDOW, threshold: DEFAULT_THRESHOLD },
        }),
      overlayOf,
      onWindowDrawn: (a, b) => events.windowDrawn(a, b),
      onData,
      onError: (message) => {
        chartError.hidden = false;
        chartError.textContent = `Could not draw ${s.name}: ${message}`;
      },
      onCursor,
    });
    chart.setWindows(windows);
    chart.setLabelWindows(labelWindows);
    chart.setDrawMode(drawing);
    chart.refetch();
  }

  const element = h('div', { class: 'anomaly-chart' }, toolbar, legend, summary, chartError, chartHost, readout, tableHost);
  return {
    element,
    show,
    setResult(c) {
      config = c;
      show(seriesIndex);
    },
    setWindows(w) {
      windows = w;
      chart?.setWindows(w);
    },
    setLabelWindows(w) {
      labelWindows = w;
      chart?.setLabelWindows(w);
      renderLegend();
    },
    setDrawMode(on) {
      drawing = on;
      chart?.setDrawMode(on);
    },
    chart: () => chart,
    toggleTable: () => table.toggle(),
    destroy() {
      chart?.destroy();
      chart = undefined;
    },
  };
}
