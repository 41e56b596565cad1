// The Metrics view of a dataset: series picker, z-score window/threshold controls, the chart with its
// score lane and legend, a cursor readout, and the table view; all selections live in the URL.
import type { DatasetMeta } from '../model/series';
import type { ChartData } from '../workers/api';
import type { Workers } from '../workers/spawn';
import { SeriesChart } from './chart';
import { chartTables } from './chart-table';
import { bucketReadout, legendItem, seriesPicker, tableToggle } from './chart-controls';
import { h, replace } from './dom';
import { formatCount, formatDuration, formatRange, formatTime, unitOf } from './format';
import { onAction } from './keymap';
import { datasetHref, navigate, numParam, replaceParams } from './router';

export const DEFAULT_WINDOW = 60;
export const DEFAULT_THRESHOLD = 4;

export interface ViewHandle {
  element: HTMLElement;
  /** Called once the element is in the document (charts need a width). */
  mount(): void;
  destroy(): void;
}

function numberField(label: string, value: number, min: number, step: number, onChange: (v: number) => void): HTMLElement {
  const input = h('input', {
    attrs: { type: 'number', min, step, value, inputmode: 'decimal' },
  });
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (Number.isFinite(v) && v >= min) onChange(v);
    else input.value = String(value);
  });
  return h('label', { class: 'field' }, h('span', null, label), input);
}

export function metricsView(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  if (meta.seriesCount === 0) {
    // A trace-only dataset: say so instead of drawing an empty chart.
    const spans = meta.spanCount ? ` It holds ${formatCount(meta.spanCount)} spans of ${formatCount(meta.traceCount ?? 0)} traces.` : '';
    const element = h('section', { class: 'view metrics-view', attrs: { 'aria-labelledby': 'metrics-title' } },
      h('header', { class: 'view-header' }, h('h2', { attrs: { id: 'metrics-title' } }, 'No series')),
      h('p', { class: 'muted', attrs: { role: 'status' } }, `No metric series in this dataset.${spans}`));
    return { element, mount() {}, destroy() {} };
  }
  const seriesIndex = Math.min(Math.max(0, Math.trunc(numParam(params, 'series', 0))), Math.max(0, meta.seriesCount - 1));
  const series = meta.series[seriesIndex];
  let window = Math.max(2, Math.trunc(numParam(params, 'window', DEFAULT_WINDOW)));
  let threshold = Math.max(0.1, numParam(params, 'threshold', DEFAULT_THRESHOLD));
  const unit = series ? unitOf(series.name) : '';
  let last: ChartData | undefined;

  const summary = h('p', { class: 'chart-summary', attrs: { 'aria-live': 'polite' } });
  const readout = h('p', { class: 'chart-readout', attrs: { 'aria-hidden': 'true' } }, ' ');
  const chartHost = h('div', { class: 'chart', attrs: { role: 'img', 'aria-label': `Chart of ${series?.name ?? 'series'}` } });
  const chartError = h('p', { class: 'inline-error', attrs: { role: 'alert', hidden: true } });
  const tableHost = h('section', { class: 'table-view', attrs: { 'aria-label': 'Chart data table' } });
  const thresholdLegend = legendItem('swatch-threshold', '');
  const anomalyLegend = legendItem('swatch-anomaly', '');

  const go = (i: number) => navigate(datasetHref(meta.id, 'metrics', { series: i, window, threshold }));
  const picker = seriesPicker(meta, seriesIndex, go);
  const table = tableToggle(tableHost, params.get('table') === '1', () => renderTable());
  const toggleTable = table.toggle;

  let chart: SeriesChart | undefined;
  const resetButton = h('button', { class: 'btn', attrs: { type: 'button' }, on: { click: () => chart?.reset() } }, 'Reset zoom');

  const updateLegend = () => {
    replace(anomalyLegend, anomalyLegend.firstChild, `anomaly (|z| > ${threshold})`);
    replace(thresholdLegend, thresholdLegend.firstChild, `threshold ±${threshold}`);
  };
  const detectorChanged = () => {
    replaceParams({ window, threshold });
    updateLegend();
    chart?.setThreshold(threshold);
  };

  const controls = h(
    'div',
    { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Chart controls' } },
    h('label', { class: 'field' }, h('span', null, 'Series'), picker),
    h('span', { class: 'toolbar-group', attrs: { role: 'group', 'aria-label': 'Rolling z-score detector' } },
      numberField('Window (points)', window, 2, 1, (v) => {
        window = Math.trunc(v);
        detectorChanged();
      }),
      numberField('Threshold |z|', threshold, 0.1, 0.5, (v) => {
        threshold = v;
        detectorChanged();
      }),
    ),
    h('span', { class: 'toolbar-spacer' }),
    resetButton,
    table.button,
  );
  updateLegend();

  const legend = h(
    'div',
    { class: 'legend' },
    legendItem('swatch-band', `min–max per bucket${unit ? ` (${unit})` : ''}`),
    anomalyLegend,
    legendItem('swatch-score', 'peak z-score per bucket'),
    thresholdLegend,
  );

  const element = h(
    'section',
    { class: 'view metrics-view', attrs: { 'aria-labelledby': 'metrics-title' } },
    h('header', { class: 'view-header' },
      h('h2', { attrs: { id: 'metrics-title' } }, series ? series.name : 'No series'),
      h('span', { class: 'muted' }, series ? `${formatCount(series.count)} points · ${formatRange(series.start, series.end)}` : ''),
    ),
    controls,
    legend,
    summary,
    chartError,
    chartHost,
    readout,
    tableHost,
  );

  function renderTable(): void {
    if (!table.shown() || !last || !series) return;
    replace(tableHost, chartTables(last, series.name, unit, threshold));
  }

  function onData(data: ChartData, t0: number, t1: number): void {
    last = data;
    chartError.hidden = true;
    replaceParams({ from: Math.round(t0), to: Math.round(t1) });
    const flags =
      data.flagCount === 0
        ? 'no anomalies'
        : `${formatCount(data.flagCount)} ${data.flagCount === 1 ? 'anomaly' : 'anomalies'}` +
          (data.flagCount > data.flagT.length ? ` (${formatCount(data.flagT.length)} largest marked)` : '');
    summary.textContent = `${formatTime(t0)} → ${formatTime(t1)} UTC (${formatDuration(t1 - t0)}) · ${formatCount(data.pointCount)} points in ${formatCount(data.t.length)} buckets · ${flags}`;
    renderTable();
  }

  function onCursor(i: number): void {
    readout.textContent = bucketReadout(last, i, unit, 'z');
  }

  const unbind: (() => void)[] = [];
  return {
    element,
    mount() {
      if (!series || series.count === 0) {
        chartHost.textContent = 'This series has no points to plot.';
        return;
      }
      const from = numParam(params, 'from', NaN);
      const to = numParam(params, 'to', NaN);
      chart = new SeriesChart(chartHost, {
        full: [series.start, series.end],
        initial: Number.isFinite(from) && Number.isFinite(to) && to > from ? [from, to] : undefined,
        unit,
        label: unit ? `${series.name} (${unit})` : series.name,
        threshold,
        fetch: (t0, t1, buckets) =>
          workers.analysis.chart({ datasetId: meta.id, seriesIndex, t0, t1, buckets, detector: { kind: 'zscore', window, threshold } }),
        onData,
        onError: (message) => {
          chartError.hidden = false;
          chartError.textContent = `Could not draw ${series.name}: ${message}`;
        },
        onCursor,
      });
      chart.refetch();
      const c = chart;
      unbind.push(
        onAction('zoom-in', () => c.zoom(0.5)),
        onAction('zoom-out', () => c.zoom(2)),
        onAction('pan-left', () => c.pan(-0.25)),
        onAction('pan-right', () => c.pan(0.25)),
        onAction('reset-zoom', () => c.reset()),
        onAction('table', toggleTable),
        onAction('next-series', () => seriesIndex + 1 < meta.seriesCount && go(seriesIndex + 1)),
        onAction('prev-series', () => seriesIndex > 0 && go(seriesIndex - 1)),
      );
    },
    destroy() {
      for (const fn of unbind) fn();
      chart?.destroy();
    },
  };
}
