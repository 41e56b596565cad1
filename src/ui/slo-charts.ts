// The charts of one evaluated SLO (uPlot, x synced): SLI & compliance with the objective, error budget
// remaining with the forecast (dashed to exhaustion, breach marked), burn rate with the alert
// thresholds, and the alert timeline lane; zoom to a range; a table view of the same data.
import uPlot from 'uplot';
import type { SloEvaluated } from '../workers/api-slo';
import { h } from './dom';
import { formatTime } from './format';
import { onThemeChange } from './theme';
import { axisStyle, CHART_FONT, finiteRange, timeAxis, timePlotBase } from './plot-base';

interface Palette {
  axis: string;
  grid: string;
  sli: string;
  compliance: string;
  threshold: string;
  forecast: string;
  trend: string;
  page: string;
  ticket: string;
  other: string;
  text: string;
}

function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { axis: v('--chart-axis'), grid: v('--chart-grid'), sli: v('--chart-line'), compliance: v('--chart-score'), threshold: v('--chart-threshold'), forecast: v('--chart-anomaly'), trend: v('--sev-medium'), page: v('--sev-critical'), ticket: v('--sev-medium'), other: v('--sev-low'), text: v('--text') };
}

const pct = (x: number, digits = 2) => `${+(x * 100).toFixed(digits)}%`;

export function severityColour(p: Palette, severity: string): string {
  return severity === 'page' ? p.page : severity === 'ticket' ? p.ticket : p.other;
}

/** Percent of the values as a copy (uPlot reads NaN as a gap when given null). */
function scaled(xs: Float64Array, k: number): (number | null)[] {
  return Array.from(xs, (x) => (Number.isFinite(x) ? x * k : null));
}

/** Clips drawing to the plot area. */
function clip(u: uPlot): void {
  u.ctx.beginPath();
  u.ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  u.ctx.clip();
}


/** UTC tick labels: HH:MM, with MM-DD under the first tick of each day (dates alone for day steps). */
/** Burn-rate ticks: 0, 1, 2, 5, 10, 20, 50, … up to the scale's top. */
function burnSplits(max: number): number[] {
  const out = [0];
  for (let p = 1; p <= max * 1.0001; p *= 10) for (const m of [1, 2, 5]) if (m * p <= max) out.push(m * p);
  return out;
}

function dashedLine(u: uPlot, points: readonly [number, number][], colour: string, k: number): void {
  if (points.length < 2) return;
  const ctx = u.ctx;
  ctx.save();
  clip(u);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.beginPath();
  points.forEach(([t, y], i) => {
    const x = u.valToPos(t, 'x', true);
    const py = u.valToPos(y * k, 'y', true);
    if (i === 0) ctx.moveTo(x, py);
    else ctx.lineTo(x, py);
  });
  ctx.stroke();
  ctx.restore();
}

function hLine(u: uPlot, y: number, colour: string, label: string, scale = 'y'): void {
  const ctx = u.ctx;
  const py = Math.round(u.valToPos(y, scale, true)) + 0.5;
  if (py < u.bbox.top || py > u.bbox.top + u.bbox.height) return;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(u.bbox.left, py);
  ctx.lineTo(u.bbox.left + u.bbox.width, py);
  ctx.stroke();
  ctx.font = `${10 * devicePixelRatio}px system-ui, sans-serif`;
  ctx.textAlign = 'right';
  ctx.fillText(label, u.bbox.left + u.bbox.width - 4 * devicePixelRatio, py - 3 * devicePixelRatio);
  ctx.restore();
}

function vMarker(u: uPlot, t: number, colour: string, label: string): void {
  const x = Math.round(u.valToPos(t, 'x', true)) + 0.5;
  if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.beginPath();
  ctx.moveTo(x, u.bbox.top);
  ctx.lineTo(x, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.font = `${10 * devicePixelRatio}px system-ui, sans-serif`;
  ctx.textAlign = x > u.bbox.left + u.bbox.width * 0.7 ? 'right' : 'left';
  ctx.fillText(label, x + (ctx.textAlign === 'right' ? -4 : 4) * devicePixelRatio, u.bbox.top + 12 * devicePixelRatio);
  ctx.restore();
}

export interface SloChartsHandle {
  element: HTMLElement;
  /** Called once the element is in the document. */
  mount(): void;
  zoom(t0: number, t1: number): void;
  reset(): void;
  destroy(): void;
}

/** The x extent: the data, and the forecast up to exhaustion, at most half the data's span beyond it. */
export function xExtent(r: SloEvaluated): [number, number] {
  const n = r.t.length;
  const a = n ? r.t[0] : 0;
  const b = n ? r.t[n - 1] : 1;
  const ahead = Math.max(r.exhaustionAt ?? b, r.breachAt ?? b);
  return [a, Math.max(b, Math.min(ahead, b + (b - a) / 2))];
}

const AXIS_SIZE = 64;

export function sloCharts(r: SloEvaluated, onZoom: (t0: number, t1: number) => void): SloChartsHandle {
  let p = palette();
  const full = xExtent(r);
  const key = `slo-${r.slo.name}-${Math.random()}`;
  const plots: uPlot[] = [];
  const hosts = [0, 1, 2, 3].map((i) => h('div', { class: `slo-chart slo-chart-${i}` }));
  const objective = r.slo.objective * 100;
  const t = Array.from(r.t);
  const factors = [...new Map(r.rules.map((x) => [x.factor.toFixed(3), x] as const)).values()];
  const laneRows = r.rules.map((x) => x.name);
  const colours = (): Palette => p;
  const axisX = (show: boolean): uPlot.Axis => timeAxis(colours, show ? 36 : 4, 80, show, 3);
  const axisY = (label: string, fmt: (v: number) => string, extra: Partial<uPlot.Axis> = {}): uPlot.Axis => ({ label, labelFont: CHART_FONT, labelSize: 14, ...axisStyle(colours, 3), size: AXIS_SIZE, values: (_u, s) => s.map(fmt), ...extra });
  // An empty right axis as wide as the compliance axis keeps every chart's x pixels aligned.
  const spacer: uPlot.Axis = { side: 1, size: AXIS_SIZE, label: ' ', labelSize: 14, labelFont: CHART_FONT, values: (_u, s) => s.map(() => ''), grid: { show: false }, ticks: { show: false } };
  const base = (height: number): Pick<uPlot.Options, 'width' | 'height' | 'ms' | 'tzDate' | 'legend' | 'padding' | 'cursor' | 'select'> => ({
    ...timePlotBase(600, height, [8, 8, 0, 0]),
    cursor: { sync: { key, setSeries: false }, drag: { x: true, y: false, setScale: false }, bind: { dblclick: () => () => (reset(), null) } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
  });
  const selectHook = (u: uPlot) => {
    if (u.select.width < 3) return;
    const t0 = u.posToVal(u.select.left, 'x');
    const t1 = u.posToVal(u.select.left + u.select.width, 'x');
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    zoom(t0, t1);
    onZoom(t0, t1);
  };
  const xScale: uPlot.Scale = { time: true, auto: false, range: (_u, min, max) => [min, max] };
  const specs: { host: HTMLElement; opts: uPlot.Options; data: uPlot.AlignedData }[] = [
    {
      host: hosts[0],
      opts: {
        ...base(190),
        scales: {
          x: xScale,
          y: { auto: false, range: [0, 100] },
          // Compliance on its own scale around the objective, so a miss of 0.1 % is visible.
          c: { auto: true, range: finiteRange('c', (min) => [Math.min(objective - (100 - objective) * 1.5, Number.isFinite(min) ? min - (100 - min) * 0.2 : objective), 100]) },
        },
        axes: [axisX(false), axisY('SLI (5 m) %', (v) => `${+v.toFixed(0)}`, { stroke: () => p.sli }), axisY('compliance %', (v) => `${+v.toFixed(3)}`, { scale: 'c', side: 1, grid: { show: false }, stroke: () => p.compliance })],
        series: [{}, { label: 'SLI (5m)', stroke: () => p.sli, width: 1, scale: 'y' }, { label: 'compliance', stroke: () => p.compliance, width: 2, scale: 'c' }],
        hooks: { setSelect: [selectHook], draw: [(u) => hLine(u, objective, p.threshold, `objective ${+objective.toFixed(4)}%`, 'c')] },
      },
      data: [t, scaled(r.sli, 100), scaled(r.compliance, 100)],
    },
    {
      host: hosts[1],
      opts: {
        ...base(190),
        scales: { x: xScale, y: { auto: true, range: finiteRange('y', (min, max) => [Math.min(0, Number.isFinite(min) ? min : 0) - 5, Math.max(100, Number.isFinite(max) ? max : 100) + 5]) } },
        axes: [axisX(false), axisY('budget left %', (v) => `${+v.toFixed(0)}`), spacer],
        series: [{}, { label: 'error budget remaining', stroke: () => p.sli, width: 2, fill: () => `${p.sli}22` }],
        hooks: {
          setSelect: [selectHook],
          draw: [
            (u) => {
              hLine(u, 0, p.forecast, 'budget spent');
              dashedLine(u, r.burnLine, p.forecast, 100);
              dashedLine(u, r.trendLine, p.trend, 100);
              if (r.breachedAt !== null) vMarker(u, r.breachedAt, p.forecast, `spent ${formatTime(r.breachedAt).slice(5, 16)}`);
              else if (r.breachAt !== null) vMarker(u, r.breachAt, p.forecast, `breach ${formatTime(r.breachAt).slice(0, 16)}`);
            },
          ],
        },
      },
      data: [t, scaled(r.budgetRemaining, 100)],
    },
    {
      host: hosts[2],
      opts: {
        ...base(170),
        scales: { x: xScale, y: { distr: 4, asinh: 1, auto: true, range: (_u, _min, max) => [0, Math.max(factors.reduce((m, f) => Math.max(m, f.factor), 1) * 1.3, Number.isFinite(max) ? max * 1.1 : 1)] } },
        axes: [axisX(false), axisY('burn rate ×', (v) => `${+v.toFixed(1)}`, { splits: (u) => burnSplits(u.scales.y.max ?? 1), filter: (_u, s) => s }), spacer],
        series: [{}, { label: 'burn rate (5m)', stroke: () => p.compliance, width: 1, fill: () => `${p.compliance}22` }],
        hooks: { setSelect: [selectHook], draw: [(u) => factors.forEach((f) => hLine(u, f.factor, severityColour(p, f.severity), `${f.name} ${+f.factor.toFixed(2)}×`))] },
      },
      data: [t, Array.from(r.burnRate, (x) => (Number.isFinite(x) ? x : null))],
    },
    {
      host: hosts[3],
      opts: {
        ...base(Math.max(60, 18 * laneRows.length + 44)),
        scales: { x: xScale, y: { auto: false, range: () => [0, Math.max(1, laneRows.length)] } },
        axes: [axisX(true), axisY(' ', () => '', { splits: () => [] }), spacer],
        series: [{}, { label: 'lane', show: false }],
        hooks: {
          setSelect: [selectHook],
          draw: [
            (u) => {
              const ctx = u.ctx;
              ctx.save();
              ctx.font = `${10 * devicePixelRatio}px system-ui, sans-serif`;
              laneRows.forEach((name, row) => {
                const y0 = u.valToPos(laneRows.length - row, 'y', true);
                const y1 = u.valToPos(laneRows.length - row - 1, 'y', true);
                ctx.fillStyle = p.axis;
                ctx.textAlign = 'right';
                ctx.fillText(name, u.bbox.left - 6 * devicePixelRatio, (y0 + y1) / 2 + 3 * devicePixelRatio);
                for (const a of r.alerts.filter((x) => x.rule === name)) {
                  const x0 = Math.max(u.bbox.left, u.valToPos(a.start, 'x', true));
                  const x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(a.end ?? full[1], 'x', true));
                  if (x1 <= u.bbox.left || x0 >= u.bbox.left + u.bbox.width) continue;
                  ctx.fillStyle = severityColour(p, a.severity);
                  ctx.fillRect(x0, y0 + 2 * devicePixelRatio, Math.max(2 * devicePixelRatio, x1 - x0), y1 - y0 - 4 * devicePixelRatio);
                }
              });
              ctx.restore();
            },
          ],
        },
      },
      data: [t, t.map(() => null)],
    },
  ];
  const width = () => Math.max(320, (hosts[0].parentElement?.clientWidth ?? 800) - 2);
  function zoom(t0: number, t1: number): void {
    for (const u of plots) u.setScale('x', { min: t0, max: t1 });
  }
  function reset(): void {
    zoom(full[0], full[1]);
  }
  const cleanups: (() => void)[] = [];
  const element = h('div', { class: 'slo-charts' },
    h('h4', { class: 'slo-chart-title' }, 'SLI and compliance'), hosts[0],
    h('h4', { class: 'slo-chart-title' }, 'Error budget remaining ', h('span', { class: 'muted' }, '(dashed: forecast at the last hour\'s burn, and along the 6 h trend)')), hosts[1],
    h('h4', { class: 'slo-chart-title' }, 'Burn rate ', h('span', { class: 'muted' }, '(5 m window; lines: the alert rules\' thresholds)')), hosts[2],
    h('h4', { class: 'slo-chart-title' }, 'Alert timeline'), hosts[3],
    h('p', { class: 'muted slo-chart-hint' }, 'Drag across a chart to zoom; double-click to see everything.'),
  );
  return {
    element,
    mount() {
      for (const s of specs) plots.push(new uPlot({ ...s.opts, width: width() }, s.data, s.host));
      reset();
      const ro = new ResizeObserver(() => plots.forEach((u) => u.setSize({ width: width(), height: u.height })));
      ro.observe(element);
      cleanups.push(() => ro.disconnect());
      cleanups.push(onThemeChange(() => {
        p = palette();
        plots.forEach((u) => u.redraw(false));
      }));
    },
    zoom,
    reset,
    destroy() {
      cleanups.forEach((f) => f());
      plots.forEach((u) => u.destroy());
    },
  };
}

/** The charts' data as tables (at most ~400 rows: every k-th step), with the forecast. */
export function sloChartTables(r: SloEvaluated): HTMLElement {
  const n = r.t.length;
  const every = Math.max(1, Math.ceil(n / 400));
  const firing = (t: number) => r.alerts.filter((a) => a.start <= t && (a.end === null || t < a.end)).map((a) => a.rule).join(', ');
  const rows: HTMLElement[] = [];
  for (let i = 0; i < n; i += every) {
    const cell = (x: number, k = 1) => (Number.isFinite(x) ? (k === 1 ? x.toFixed(2) : pct(x, 3)) : '—');
    rows.push(h('tr', null, h('th', { attrs: { scope: 'row' } }, formatTime(r.t[i])), h('td', { class: 'num' }, cell(r.sli[i], 100)), h('td', { class: 'num' }, cell(r.compliance[i], 100)), h('td', { class: 'num' }, cell(r.budgetRemaining[i], 100)), h('td', { class: 'num' }, cell(r.burnRate[i])), h('td', null, firing(r.t[i]))));
  }
  const fc = (label: string, pts: readonly [number, number][]) => (pts.length ? h('tr', null, h('th', { attrs: { scope: 'row' } }, label), h('td', null, `${pct(pts[0][1], 1)} at ${formatTime(pts[0][0])}`), h('td', null, `${pct(pts[pts.length - 1][1], 1)} at ${formatTime(pts[pts.length - 1][0])}`)) : null);
  return h('div', { class: 'tables' },
    h('table', { class: 'data-table slo-forecast-table' }, h('caption', null, 'Error budget forecast (UTC)'),
      h('thead', null, h('tr', null, h('th', { attrs: { scope: 'col' } }, 'line'), h('th', { attrs: { scope: 'col' } }, 'from'), h('th', { attrs: { scope: 'col' } }, 'to'))),
      h('tbody', null, fc('at the last hour\'s burn rate', r.burnLine), fc('along the 6 h trend', r.trendLine))),
    h('table', { class: 'data-table slo-series-table' }, h('caption', null, `${r.slo.name}: ${n} steps${every > 1 ? `, every ${every}th shown` : ''} (UTC)`),
      h('thead', null, h('tr', null, ...['Step end', 'SLI (5m)', 'Compliance', 'Budget left', 'Burn rate', 'Alerts firing'].map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
      h('tbody', null, ...rows)),
  );
}
