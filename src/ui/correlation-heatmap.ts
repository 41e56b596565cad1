// The correlation heatmap of a multi-series dataset: a real table (series × series) whose cells carry
// the Pearson r as text and a diverging colour (pairs whose correlation broke are marked and open the
// worst break), the groups of series that move together, per-series breaks and per-pair breaks with times.
import type { CorrelationBreak, CorrelationPairBreak, CorrelationReport } from '../analysis/detectors/run-types';
import { h } from './dom';
import { formatDuration, formatTime } from './format';

export interface CorrelationEvents {
  /** Jump the chart to a correlation break of a series. */
  openBreak(b: CorrelationBreak): void;
  /** Jump the chart to a break of a pair's correlation (shows one series of the pair). */
  openPairBreak(b: CorrelationPairBreak): void;
}

/** r in [-1, 1] (NaN: undefined) as a cell background mixing the theme's diverging colours. */
export function cellColour(r: number): string {
  if (!Number.isFinite(r)) return 'transparent';
  const pct = Math.round(Math.min(1, Math.abs(r)) * 85);
  return `color-mix(in srgb, var(${r >= 0 ? '--corr-pos' : '--corr-neg'}) ${pct}%, transparent)`;
}

const rText = (r: number): string => (Number.isFinite(r) ? r.toFixed(2).replace('-', '−') : '—');

/** Pair breaks grouped by unordered row pair ("i,j" with i < j, rows of the table), each group worst first. */
export function pairBreaksByCell(report: CorrelationReport): Map<string, CorrelationPairBreak[]> {
  const rowOf = (datasetIndex: number) => (report.indices ? report.indices.indexOf(datasetIndex) : datasetIndex);
  const cells = new Map<string, CorrelationPairBreak[]>();
  for (const b of report.pairBreaks ?? []) {
    const [i, j] = [rowOf(b.a), rowOf(b.b)].sort((x, y) => x - y);
    if (i < 0) continue;
    const key = `${i},${j}`;
    cells.set(key, [...(cells.get(key) ?? []), b]);
  }
  for (const list of cells.values()) list.sort((x, y) => y.peakScore - x.peakScore || x.start - y.start);
  return cells;
}

function heatCell(row: string, col: string, r: number, broken: readonly CorrelationPairBreak[] | undefined, events: CorrelationEvents): HTMLElement {
  const title = `${row} × ${col}: r = ${rText(r)}`;
  if (!broken?.length) {
    const td = h('td', { class: Math.abs(r) >= 0.6 ? 'heat strong' : 'heat', attrs: { title } }, rText(r));
    td.style.background = cellColour(r);
    return td;
  }
  const worst = broken[0];
  const what = `${broken.length} correlation ${broken.length === 1 ? 'break' : 'breaks'}; worst at ${formatTime(worst.start)} (r ${rText(worst.breakR)}, baseline ${rText(worst.baselineR)})`;
  const td = h(
    'td',
    { class: `heat broken${Math.abs(r) >= 0.6 ? ' strong' : ''}`, attrs: { title: `${title}; ${what}`, 'data-breaks': broken.length } },
    h('button', {
      class: 'heat-break',
      attrs: { type: 'button', 'aria-label': `${row} × ${col}: r = ${rText(r)}, ${what}; show it on the chart` },
      on: { click: () => events.openPairBreak(worst) },
    }, rText(r), h('span', { class: 'break-mark', attrs: { 'aria-hidden': 'true' } }, '◆')),
  );
  td.style.background = cellColour(r);
  return td;
}

function pairBreakList(report: CorrelationReport, nameOf: (datasetIndex: number) => string, events: CorrelationEvents): HTMLElement {
  const list = report.pairBreaks ?? [];
  if (!list.length) return h('p', { class: 'muted' }, report.pairBreaks ? 'No pair left its usual correlation.' : 'Not reported by this run.');
  return h(
    'ul',
    { class: 'break-list pair-break-list', attrs: { 'aria-label': 'Pair correlation breaks' } },
    ...list.slice(0, 50).map((b) =>
      h(
        'li',
        null,
        h('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: () => events.openPairBreak(b) } }, formatTime(b.start)),
        ` ${nameOf(b.a)} × ${nameOf(b.b)}: r ${rText(b.breakR)} against a baseline of ${rText(b.baselineR)} for ${formatDuration(b.end - b.start)} (peak score ${b.peakScore.toFixed(2)})`,
      ),
    ),
  );
}

/** `missing`: why there is no report (shown instead of the table). */
export function correlationView(report: CorrelationReport | undefined, seriesCount: number, events: CorrelationEvents, missing?: string): HTMLElement {
  if (seriesCount < 2) {
    return h('p', { class: 'empty-note muted' }, 'Correlation needs two or more series; this dataset has one.');
  }
  if (!report || !report.names.length) {
    return h('p', { class: 'empty-note muted' }, missing ?? 'Not computed: include the correlation detector (ensemble mode does) and run.');
  }
  const { names, matrix } = report;
  const nameOf = (datasetIndex: number): string => {
    const row = report.indices ? report.indices.indexOf(datasetIndex) : datasetIndex;
    return names[row] ?? `#${datasetIndex}`;
  };
  const cells = pairBreaksByCell(report);
  const table = h(
    'table',
    { class: 'data-table heatmap' },
    h('caption', null, 'Pearson correlation between series (shared timestamps); ◆ marks a pair whose correlation broke'),
    h('thead', null, h('tr', null, h('td', null), ...names.map((n) => h('th', { attrs: { scope: 'col', title: n } }, h('span', { class: 'heatmap-col' }, n))))),
    h(
      'tbody',
      null,
      ...names.map((row, i) =>
        h(
          'tr',
          null,
          h('th', { attrs: { scope: 'row' } }, row),
          ...names.map((col, j) => heatCell(row, col, matrix[i]?.[j] ?? NaN, i === j ? undefined : cells.get(`${Math.min(i, j)},${Math.max(i, j)}`), events)),
        ),
      ),
    ),
  );
  const groups = report.groups.length
    ? h('ul', { class: 'group-list' }, ...report.groups.map((g) => h('li', null, g.map(nameOf).join(' · '))))
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
            ` ${nameOf(b.seriesIndex)} departed from its usual correlation for ${formatDuration(b.end - b.start)} (peak score ${b.peakScore.toFixed(2)})`,
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
    h('h4', null, 'Series that left their usual correlation'),
    breaks,
    h('h4', null, 'Pairs whose correlation broke'),
    pairBreakList(report, nameOf, events),
  );
}
