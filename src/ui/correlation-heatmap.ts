// The correlation heatmap of a multi-series dataset: a real table (series × series) whose cells carry
// the Pearson r as text and a diverging colour, the groups of series that move together, and breaks.
import type { CorrelationBreak, CorrelationReport } from '../analysis/detectors/run-types';
import { h } from './dom';
import { formatDuration, formatTime } from './format';

export interface CorrelationEvents {
  /** Jump the chart to a correlation break of a series. */
  openBreak(b: CorrelationBreak): void;
}

/** r in [-1, 1] (NaN: undefined) as a cell background mixing the theme's diverging colours. */
export function cellColour(r: number): string {
  if (!Number.isFinite(r)) return 'transparent';
  const pct = Math.round(Math.min(1, Math.abs(r)) * 85);
  return `color-mix(in srgb, var(${r >= 0 ? '--corr-pos' : '--corr-neg'}) ${pct}%, transparent)`;
}

const rText = (r: number): string => (Number.isFinite(r) ? r.toFixed(2).replace('-', '−') : '—');

/** `missing`: why there is no report (shown instead of the table). */
export function correlationView(report: CorrelationReport | undefined, seriesCount: number, events: CorrelationEvents, missing?: string): HTMLElement {
  if (seriesCount < 2) {
    return h('p', { class: 'empty-note muted' }, 'Correlation needs two or more series; this dataset has one.');
  }
  if (!report || !report.names.length) {
    return h('p', { class: 'empty-note muted' }, missing ?? 'Not computed: include the correlation detector (ensemble mode does) and run.');
  }
  const { names, matrix } = report;
  const table = h(
    'table',
    { class: 'data-table heatmap' },
    h('caption', null, 'Pearson correlation between series (shared timestamps)'),
    h('thead', null, h('tr', null, h('td', null), ...names.map((n) => h('th', { attrs: { scope: 'col', title: n } }, h('span', { class: 'heatmap-col' }, n))))),
    h(
      'tbody',
      null,
      ...names.map((row, i) =>
        h(
          'tr',
          null,
          h('th', { attrs: { scope: 'row' } }, row),
          ...names.map((col, j) => {
            const r = matrix[i]?.[j] ?? NaN;
            const td = h('td', { class: Math.abs(r) >= 0.6 ? 'heat strong' : 'heat', attrs: { title: `${row} × ${col}: r = ${rText(r)}` } }, rText(r));
            td.style.background = cellColour(r);
            return td;
          }),
        ),
      ),
    ),
  );
  const groups = report.groups.length
    ? h('ul', { class: 'group-list' }, ...report.groups.map((g) => h('li', null, g.map((i) => names[i] ?? `#${i}`).join(' · '))))
    : h('p', { class: 'muted' }, 'No series move together (no pair with |r| ≥ 0.8).');
  const breaks = report.breaks.length
    ? h(
        'ul',
        { class: 'break-list' },
        ...report.breaks.slice(0, 50).map((b) =>
          h(
            'li',
            null,
            h('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: () => events.openBreak(b) } }, formatTime(b.start)),
            ` ${names[b.seriesIndex] ?? `#${b.seriesIndex}`} departed from its usual correlation for ${formatDuration(b.end - b.start)} (peak score ${b.peakScore.toFixed(2)})`,
          ),
        ),
      )
    : h('p', { class: 'muted' }, 'No correlation breaks.');
  return h(
    'div',
    { class: 'correlation' },
    h('div', { class: 'table-scroll' }, table),
    h('h4', null, 'Groups that move together'),
    groups,
    h('h4', null, 'Correlation breaks'),
    breaks,
  );
}
