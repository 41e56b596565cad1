// The incidents of a detection run as a table (series, start, duration, severity, confidence, the
// detectors that agreed, suppression); pressing a row's start time jumps the chart to that incident.
import type { Incident } from '../analysis/detectors/run-types';
import { h } from './dom';
import { formatCount, formatDuration, formatTime } from './format';
import { severityLabel } from './severity';

export interface IncidentsEvents {
  /** The user picked an incident (jump the chart to it). */
  open(incident: Incident): void;
}

/** How much context around an incident the chart shows: the incident, padded, at least an hour. */
export function incidentRange(x: { start: number; end: number }, full: [number, number]): [number, number] {
  const span = Math.max(x.end - x.start, 60_000);
  const pad = Math.max(span * 2, 30 * 60_000);
  return [Math.max(full[0], x.start - pad), Math.min(full[1], x.end + pad)];
}

/** Severity first (worst on top), then start time. */
export function sortIncidents(list: readonly Incident[]): Incident[] {
  const rank = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;
  return [...list].sort((a, b) => rank[a.severity] - rank[b.severity] || a.start - b.start || a.seriesIndex - b.seriesIndex);
}

const MAX_ROWS = 500;

export function incidentsTable(incidents: readonly Incident[], events: IncidentsEvents): HTMLElement {
  const active = incidents.filter((x) => !x.suppressed).length;
  const suppressed = incidents.length - active;
  if (!incidents.length) {
    return h('p', { class: 'empty-note muted', attrs: { role: 'status' } }, 'No incidents: no series had flagged points that the vote kept.');
  }
  const rows = sortIncidents(incidents).slice(0, MAX_ROWS).map((x) =>
    h(
      'tr',
      { class: x.suppressed ? 'incident suppressed' : 'incident', attrs: { 'data-series': x.seriesIndex } },
      h('td', { class: 'incident-series' }, x.series),
      h(
        'th',
        { attrs: { scope: 'row' } },
        h('button', { class: 'link-button', attrs: { type: 'button', title: 'Show this incident on the chart' }, on: { click: () => events.open(x) } }, formatTime(x.start)),
      ),
      h('td', { class: 'num' }, formatDuration(x.end - x.start)),
      h('td', null, h('span', { class: `severity severity-${x.severity.toLowerCase()}` }, severityLabel(x.severity))),
      h('td', { class: 'num' }, `${Math.round(x.confidence * 100)}%`),
      h('td', { class: 'incident-detectors' }, x.detectors.join(', ')),
      h('td', { class: 'num' }, formatCount(x.points)),
      h('td', { class: 'muted' }, x.suppressed ? `suppressed: ${x.suppressed.replace('-', ' ')}` : ''),
    ),
  );
  const caption = `${formatCount(active)} ${active === 1 ? 'incident' : 'incidents'}` +
    (suppressed ? `, ${formatCount(suppressed)} suppressed` : '') +
    (incidents.length > MAX_ROWS ? ` (worst ${MAX_ROWS} shown)` : '') +
    '; press a start time to show it on the chart';
  return h(
    'div',
    { class: 'table-scroll incidents-scroll' },
    h(
      'table',
      { class: 'data-table incidents-table' },
      h('caption', null, caption),
      h('thead', null, h('tr', null, ...['Series', 'Start (UTC)', 'Duration', 'Severity', 'Confidence', 'Detectors that agreed', 'Points', ''].map((c, i) =>
        h('th', { class: [2, 4, 6].includes(i) ? 'num' : undefined, attrs: { scope: 'col' } }, c)))),
      h('tbody', null, ...rows),
    ),
  );
}
