// RED charts of one service (spans a second, error spans a second, p99 duration per bucket) as three synced
// uPlot plots, with a table view of the same buckets.
import uPlot from 'uplot';
import type { ServiceRed } from '../workers/api-trace-insights';
import { h, replace } from './dom';
import { formatTime, formatValue } from './format';
import { fmtMs, plainTable } from './operations-format';
import { chartPalette, onThemeChange, type ChartPalette } from './theme';
import { axisStyle, CHART_FONT, finiteRange, timeAxis, timePlotBase } from './plot-base';

const HEIGHT = 130;
let syncSeq = 0;

interface Lane {
  key: 'rate' | 'errors' | 'p99';
  title: string;
  unit: string;
  colour: (p: ChartPalette) => string;
}

const LANES: Lane[] = [
  { key: 'rate', title: 'Rate', unit: 'spans/s', colour: (p) => p.line },
  { key: 'errors', title: 'Errors', unit: 'errors/s', colour: (p) => p.anomaly },
  { key: 'p99', title: 'Duration p99', unit: 'ms', colour: (p) => p.score },
];


function options(lane: Lane, width: number, palette: () => ChartPalette, sync: string): uPlot.Options {
  return {
    ...timePlotBase(width, HEIGHT, [8, 16, 0, 0]),
    cursor: { sync: { key: sync }, drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: finiteRange('y', (_min, max) => [0, Number.isFinite(max) && max > 0 ? max * 1.1 : 1]) } },
    axes: [
      timeAxis(palette, 34, 80),
      { ...axisStyle(palette), size: 64, label: `${lane.title} (${lane.unit})`, labelFont: CHART_FONT, labelSize: 14, values: (_u, splits) => splits.map((v) => formatValue(v)) },
    ],
    series: [{}, { label: lane.title, stroke: () => lane.colour(palette()), width: 1.5, spanGaps: false, points: { show: true, size: 3 } }],
  };
}

export interface RedCharts {
  element: HTMLElement;
  show(red: ServiceRed): void;
  destroy(): void;
}

export function redCharts(): RedCharts {
  const plotsHost = h('div', { class: 'sg-red-plots' });
  const tableHost = h('div', { class: 'table-view' });
  tableHost.hidden = true;
  const tableButton = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-pressed': 'false' } }, 'Table');
  const caption = h('h3', { class: 'sg-red-title' }, 'RED');
  const element = h('section', { class: 'sg-red', attrs: { 'aria-label': 'RED charts of the selected service' } }, h('div', { class: 'sg-red-head' }, caption, tableButton), plotsHost, tableHost);
  let plots: uPlot[] = [];
  let last: ServiceRed | undefined;
  let palette = chartPalette();
  const offTheme = onThemeChange(() => {
    palette = chartPalette();
    for (const p of plots) p.redraw(false);
  });
  const resize = new ResizeObserver(() => {
    const w = width();
    for (const p of plots) if (p.width !== w) p.setSize({ width: w, height: HEIGHT });
  });
  resize.observe(plotsHost);
  const width = (): number => Math.max(240, Math.floor(plotsHost.clientWidth || 600));

  const renderTable = (): void => {
    if (tableHost.hidden || !last) return;
    const r = last;
    const rows = Array.from(r.t, (t, i) => [formatTime(t), formatValue(r.rate[i]), formatValue(r.errors[i]), fmtMs(r.p99[i])]);
    replace(tableHost, plainTable(`RED of ${r.service} per ${r.bucketMs / 1000} s bucket (${r.t.length} buckets)`, [{ label: 'Bucket start (UTC)' }, { label: 'Spans/s', num: true }, { label: 'Errors/s', num: true }, { label: 'p99', num: true }], rows, 'sg-red-table'));
  };
  tableButton.addEventListener('click', () => {
    tableHost.hidden = !tableHost.hidden;
    tableButton.setAttribute('aria-pressed', String(!tableHost.hidden));
    renderTable();
  });

  return {
    element,
    show(red) {
      last = red;
      for (const p of plots) p.destroy();
      replace(plotsHost);
      replace(caption, `RED of ${red.service}`, h('span', { class: 'muted' }, ` · ${red.bucketMs / 1000} s buckets, UTC`));
      if (!red.t.length) {
        plots = [];
        plotsHost.append(h('p', { class: 'muted' }, 'No timed spans for this service.'));
        return;
      }
      const sync = `sg-red-${++syncSeq}`;
      plots = LANES.map((lane) => new uPlot(options(lane, width(), () => palette, sync), [red.t, red[lane.key]], plotsHost.appendChild(h('div', { class: 'sg-red-plot', attrs: { 'data-lane': lane.key } }))));
      renderTable();
    },
    destroy() {
      offTheme();
      resize.disconnect();
      for (const p of plots) p.destroy();
    },
  };
}
