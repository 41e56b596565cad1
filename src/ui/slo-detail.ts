// One evaluated SLO: its numbers (SLI, compliance, budget, burn, forecast), how no data and low traffic
// are handled, the charts, the burn rate per alert window, and the alerts list (a start zooms the charts).
import type { AlertEvent, SloEvaluated } from '../workers/api-slo';
import { h } from './dom';
import { formatCount, formatDuration, formatTime } from './format';
import { sloChartTables, sloCharts, type SloChartsHandle } from './slo-charts';

const pct = (x: number | null, digits = 3) => (x === null ? '—' : `${(x * 100).toFixed(digits)} %`);
const times = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}×`);

function fact(label: string, value: string, cls = ''): HTMLElement {
  return h('div', { class: `slo-fact ${cls}` }, h('dt', null, label), h('dd', null, value));
}

function inHours(hours: number | null): string {
  return hours === null ? 'never at this pace' : hours <= 0 ? 'already spent' : `in ${formatDuration(hours * 3_600_000)}`;
}

/** What the SLO does with windows without events and with little traffic, stated. */
export function dataHandling(r: SloEvaluated): HTMLElement {
  const s = r.summary;
  const lines: string[] = [];
  if (s.noData) lines.push(`No data: ${s.noData}. The SLI is undefined (never 100 %), no budget is computed and no alert can fire.`);
  lines.push('A window without events has no SLI (a gap in the charts), never 100 %. An alert window needs at least one event to have a burn rate; with fewer it cannot fire.');
  if (s.lowTrafficSteps > 0) lines.push(`Low traffic: at ${formatCount(s.lowTrafficSteps)} of ${formatCount(r.t.length)} steps some alert window had too few events for a burn rate. With few requests one failure is a large burn rate (the Workbook: 1 failure in 10 requests an hour is 1,000× on a 99.9 % SLO).`);
  return h('div', { class: 'slo-data-handling' }, h('h4', null, 'No data and low traffic'), h('ul', null, ...lines.map((l) => h('li', null, l)), ...s.notes.map((n) => h('li', { class: 'muted' }, n))));
}

function windowsTable(r: SloEvaluated): HTMLElement {
  return h('table', { class: 'data-table slo-windows' }, h('caption', null, 'Burn rate per alert window (at the end of the data)'),
    h('thead', null, h('tr', null, ...['Rule', 'Severity', 'Long / short window', 'Threshold', 'Long burn', 'Short burn', 'Firing'].map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
    h('tbody', null, ...r.summary.burnRates.map((w) => h('tr', { class: w.firing ? 'slo-firing' : '' },
      h('th', { attrs: { scope: 'row' } }, w.rule), h('td', null, w.severity), h('td', null, `${w.longWindow} / ${w.shortWindow}`),
      h('td', { class: 'num' }, `${w.factor.toFixed(2)}×`), h('td', { class: 'num' }, times(w.longBurnRate)), h('td', { class: 'num' }, times(w.shortBurnRate)), h('td', null, w.firing ? 'firing' : 'no')))));
}

function alertsTable(r: SloEvaluated, onPick: (a: AlertEvent) => void): HTMLElement {
  if (!r.alerts.length) return h('p', { class: 'muted slo-no-alerts' }, 'No alert fired over the data.');
  return h('table', { class: 'data-table slo-alerts' }, h('caption', null, `Alerts (${r.alerts.length}; ${r.notifications.length} notification${r.notifications.length === 1 ? '' : 's'} after grouping per severity). Press a start time to zoom the charts to it.`),
    h('thead', null, h('tr', null, ...['Start (UTC)', 'End (UTC)', 'Duration', 'Severity', 'Rule', 'Peak burn'].map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
    h('tbody', null, ...r.alerts.map((a) => h('tr', { class: `slo-alert slo-sev-${a.severity}` },
      h('th', { attrs: { scope: 'row' } }, h('button', { class: 'btn btn-small btn-ghost slo-alert-jump', attrs: { type: 'button', 'aria-label': `Zoom to ${a.rule} alert at ${formatTime(a.start)}` }, on: { click: () => onPick(a) } }, formatTime(a.start))),
      h('td', null, a.end === null ? 'still firing' : formatTime(a.end)),
      h('td', null, formatDuration((a.end ?? r.t[r.t.length - 1]) - a.start)),
      h('td', null, h('span', { class: `slo-chip slo-chip-${a.severity === 'page' || a.severity === 'ticket' ? a.severity : 'other'}` }, a.severity)),
      h('td', null, a.rule), h('td', { class: 'num' }, `${a.peakBurnRate.toFixed(1)}×`)))));
}

export interface SloDetail {
  element: HTMLElement;
  mount(): void;
  zoom(t0: number, t1: number): void;
  destroy(): void;
}

export function sloDetail(r: SloEvaluated, initial: [number, number] | undefined, onZoom: (t0: number, t1: number) => void): SloDetail {
  const s = r.summary;
  const f = s.forecast;
  const charts: SloChartsHandle | undefined = s.noData ? undefined : sloCharts(r, onZoom);
  const pick = (a: AlertEvent) => {
    const end = a.end ?? r.t[r.t.length - 1];
    const pad = Math.max(30 * 60_000, (end - a.start) * 1.5);
    charts?.zoom(a.start - pad, end + pad);
    onZoom(a.start - pad, end + pad);
    charts?.element.scrollIntoView({ block: 'nearest' });
  };
  const status = s.met === null ? 'no data' : s.met ? 'met' : 'missed';
  const forecast = f.breachedAt && (s.budgetRemaining ?? 1) <= 0
    ? `Budget spent since ${formatTime(Date.parse(f.breachedAt))} UTC.`
    : `Budget runs out ${inHours(f.exhaustionInHours)} at the last hour's burn (${times(f.recentBurnRate)}), ${inHours(f.exhaustionByTrendInHours)} along the 6 h trend${f.breachAt ? `; breach at ${formatTime(Date.parse(f.breachAt))} UTC if nothing changes` : ''}.`;
  const element = h('article', { class: 'slo-detail', attrs: { 'aria-label': `SLO ${s.name}` } },
    h('dl', { class: 'slo-facts' },
      fact('Status', status, `slo-status-${status.replace(' ', '-')}`),
      fact('Objective', pct(s.objective)),
      fact('Window', `${s.window} · ${s.budgetingMethod}`),
      fact('SLI (last 5 m)', pct(s.sli)),
      fact('Compliance', pct(s.compliance)),
      fact('Error budget left', pct(s.budgetRemaining, 1)),
      fact('Burn rate (1 h)', times(f.recentBurnRate)),
      fact('Events', `${formatCount(s.goodEvents)} good of ${formatCount(s.totalEvents)}`)),
    h('p', { class: 'slo-forecast', attrs: { 'data-testid': 'slo-forecast' } }, forecast),
    s.noData ? dataHandling(r) : null,
    charts ? charts.element : null,
    charts ? h('details', { class: 'slo-table-view' }, h('summary', null, 'Table view of the charts'), sloChartTables(r)) : null,
    h('h4', null, 'Alerts'),
    alertsTable(r, pick),
    windowsTable(r),
    s.noData ? null : dataHandling(r),
  );
  return {
    element,
    mount() {
      charts?.mount();
      if (initial) charts?.zoom(initial[0], initial[1]);
    },
    zoom: (t0, t1) => charts?.zoom(t0, t1),
    destroy: () => charts?.destroy(),
  };
}
