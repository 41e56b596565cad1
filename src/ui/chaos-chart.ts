// uPlot line charts of the chaos lab: recorded and replayed lines on one UTC time axis, fault windows as
// translucent bands, a fixed left axis width (the timeline's lanes line up under it) and a table view.
// Long series are drawn from their min/max envelope over the visible range (the table lists the points).

import uPlot from 'uplot';
import { alignedEnvelope } from './chart-envelope';
import { h, replace } from './dom';
import { formatTime, formatValue, withUnit } from './format';
import { chartPalette, onThemeChange, type ChartPalette } from './theme';
import { axisStyle, finiteRange, timeAxis, timePlotBase } from './plot-base';

export const AXIS_WIDTH = 84;
export const RIGHT_PAD = 16;
const TABLE_ROWS = 1500;

export interface ChartBand {
  start: number;
  end: number;
  /** Highlighted (the selected fault). */
  strong: boolean;
}

export interface ChartLine {
  label: string;
  v: Float64Array;
  colour: (p: ChartPalette) => string;
  dash?: number[];
}

export interface LineChartSpec {
  title: string;
  unit: string;
  t: Float64Array;
  lines: ChartLine[];
  bands: () => ChartBand[];
  height?: number;
  /** Fixed x range (the dataset's), else the data's. */
  range?: { start: number; end: number };
  sync?: string;
}

export interface LineChart {
  element: HTMLElement;
  redraw(): void;
  destroy(): void;
}

const nulls = (v: Float64Array): (number | null)[] => Array.from(v, (x) => (Number.isFinite(x) ? x : null));

export function lineChart(spec: LineChartSpec): LineChart {
  const height = spec.height ?? 150;
  let palette = chartPalette();
  const host = h('div', { class: 'chaos-plot' });
  const tableHost = h('div', { class: 'table-view' });
  tableHost.hidden = true;
  const tableButton = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-pressed': 'false' } }, 'Table');
  const swatches = spec.lines.map((l) => h('i', { class: `chaos-swatch${l.dash ? ' dashed' : ''}` }));
  const paintSwatches = (): void => swatches.forEach((sw, i) => (sw.style.borderColor = spec.lines[i].colour(palette)));
  paintSwatches();
  const legend = h('span', { class: 'chaos-legend' }, ...spec.lines.map((l, i) => h('span', { class: 'chaos-legend-item' }, swatches[i], l.label)));
  const element = h('figure', { class: 'chaos-chart' }, h('figcaption', { class: 'chaos-chart-head' }, h('span', { class: 'chaos-chart-title' }, spec.title), legend, tableButton), host, tableHost);
  const colours = (): ChartPalette => palette;
  const width = (): number => Math.max(300, Math.floor(host.clientWidth || 800));
  const opts: uPlot.Options = {
    ...timePlotBase(width(), height, [8, RIGHT_PAD, 0, 0]),
    cursor: { ...(spec.sync ? { sync: { key: spec.sync } } : {}), drag: { x: false, y: false } },
    scales: {
      x: { time: true, ...(spec.range ? { auto: false, range: () => [spec.range?.start ?? 0, spec.range?.end ?? 1] as uPlot.Range.MinMax } : {}) },
      y: { range: finiteRange('y', (min, max) => (Number.isFinite(min) && Number.isFinite(max) ? (max > min ? [Math.min(0, min), max * 1.08] : [min - 1, max + 1]) : [0, 1])) },
    },
    axes: [
      timeAxis(colours, 36, 80),
      { ...axisStyle(colours), size: AXIS_WIDTH, values: (_u, splits) => splits.map((v) => withUnit(formatValue(v), spec.unit)) },
    ],
    series: [{}, ...spec.lines.map((l) => ({ label: l.label, stroke: () => l.colour(palette), width: 1.4, spanGaps: false, points: { show: false }, ...(l.dash ? { dash: l.dash } : {}) }))],
    hooks: {
      drawAxes: [(u: uPlot) => {
        const ctx = u.ctx;
        const { top, height: hgt } = u.bbox;
        for (const b of spec.bands()) {
          const x0 = u.valToPos(b.start, 'x', true);
          const x1 = u.valToPos(b.end, 'x', true);
          ctx.fillStyle = palette.anomaly;
          ctx.globalAlpha = b.strong ? 0.22 : 0.1;
          ctx.fillRect(x0, top, Math.max(1, x1 - x0), hgt);
        }
        ctx.globalAlpha = 1;
      }],
    },
  };
  // At most about two points per pixel of the visible range: each bucket's min and max per line.
  const n = spec.t.length;
  const shown = alignedEnvelope(spec.t, spec.lines.map((l) => l.v), spec.range?.start ?? spec.t[0], spec.range?.end ?? spec.t[n - 1], width());
  const plot = new uPlot(opts, [Array.from(shown.t), ...shown.lines.map(nulls)] as uPlot.AlignedData, host);
  const resize = new ResizeObserver(() => {
    const w = width();
    if (plot.width !== w) plot.setSize({ width: w, height });
  });
  resize.observe(host);
  const offTheme = onThemeChange(() => {
    palette = chartPalette();
    paintSwatches();
    plot.redraw(false);
  });
  tableButton.addEventListener('click', () => {
    tableHost.hidden = !tableHost.hidden;
    tableButton.setAttribute('aria-pressed', String(!tableHost.hidden));
    if (tableHost.hidden) return;
    const n = Math.min(spec.t.length, TABLE_ROWS);
    const rows: HTMLElement[] = [];
    for (let i = 0; i < n; i++) rows.push(h('tr', null, h('th', { attrs: { scope: 'row' } }, formatTime(spec.t[i])), ...spec.lines.map((l) => h('td', { class: 'num' }, Number.isFinite(l.v[i]) ? withUnit(formatValue(l.v[i]), spec.unit) : '—'))));
    replace(tableHost, h('table', { class: 'data-table chaos-table' },
      h('caption', null, `${spec.title}: ${spec.t.length} points${spec.t.length > n ? ` (first ${n} shown)` : ''}`),
      h('thead', null, h('tr', null, h('th', { attrs: { scope: 'col' } }, 'Time (UTC)'), ...spec.lines.map((l) => h('th', { class: 'num', attrs: { scope: 'col' } }, l.label)))),
      h('tbody', null, ...rows)));
  });
  return {
    element,
    redraw: () => plot.redraw(false),
    destroy: () => {
      resize.disconnect();
      offTheme();
      plot.destroy();
    },
  };
}
