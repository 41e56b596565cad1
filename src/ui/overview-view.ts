// The Overview view of a dataset: what was imported (file, format, time encoding, size, range,
// warnings) and a table of its series, each linking to its chart.
import type { DatasetMeta } from '../model/series';
import { h } from './dom';
import { formatBytes, formatCount, formatDuration, formatRange, formatTime, formatValue, unitOf, withUnit } from './format';
import type { ViewHandle } from './metrics-view';
import { datasetHref } from './router';

const ENCODINGS: Record<string, string> = {
  iso8601: 'ISO-8601',
  'naive-datetime-utc': 'date-time without zone, read as UTC',
  'epoch-s': 'Unix epoch seconds',
  'epoch-ms': 'Unix epoch milliseconds',
  'epoch-us': 'Unix epoch microseconds',
  'epoch-ns': 'Unix epoch nanoseconds',
};

function fact(term: string, value: string): HTMLElement[] {
  return [h('dt', null, term), h('dd', null, value)];
}

export function overviewView(meta: DatasetMeta): ViewHandle {
  const facts = h(
    'dl',
    { class: 'facts' },
    ...fact('File', meta.fileName),
    ...fact('Format', meta.format.toUpperCase() + (meta.timeEncoding ? ` · timestamps: ${ENCODINGS[meta.timeEncoding] ?? meta.timeEncoding}` : '')),
    ...fact('Size', formatBytes(meta.bytes)),
    ...(meta.spanCount !== undefined
      ? [
          ...fact('Traces', formatCount(meta.traceCount ?? 0)),
          ...fact('Spans', `${formatCount(meta.spanCount)} (${formatCount(meta.errorSpanCount ?? 0)} with error status)`),
          ...fact('Services', `${formatCount(meta.services?.length ?? 0)}: ${(meta.services ?? []).join(', ')}`),
        ]
      : []),
    ...fact('Series', formatCount(meta.seriesCount)),
    ...fact('Points', formatCount(meta.pointCount)),
    ...fact('Time range', `${formatRange(meta.start, meta.end)} (${formatDuration(meta.end - meta.start)})`),
    ...fact('Imported', `${formatTime(meta.createdAt)} UTC`),
  );
  const rows = meta.series.map((s) => {
    const unit = unitOf(s.name);
    return h(
      'tr',
      null,
      h('th', { attrs: { scope: 'row' } }, h('a', { attrs: { href: datasetHref(meta.id, 'metrics', { series: s.index }) } }, s.name)),
      h('td', { class: 'num' }, formatCount(s.count)),
      h('td', null, formatTime(s.start)),
      h('td', null, formatTime(s.end)),
      h('td', { class: 'num' }, withUnit(formatValue(s.min), unit)),
      h('td', { class: 'num' }, withUnit(formatValue(s.max), unit)),
    );
  });
  const element = h(
    'section',
    { class: 'view overview-view', attrs: { 'aria-labelledby': 'overview-title' } },
    h('header', { class: 'view-header' }, h('h2', { attrs: { id: 'overview-title' } }, meta.name)),
    facts,
    meta.warnings.length
      ? h('div', { class: 'warnings', attrs: { role: 'note' } }, h('h3', null, 'Warnings'), h('ul', null, ...meta.warnings.map((w) => h('li', null, w))))
      : null,
    meta.seriesCount === 0 ? null : h(
      'table',
      { class: 'data-table series-table' },
      h('caption', null, `Series in ${meta.name}`),
      h('thead', null, h('tr', null, ...['Series', 'Points', 'First (UTC)', 'Last (UTC)', 'Min', 'Max'].map((c, i) => h('th', { class: [1, 4, 5].includes(i) ? 'num' : undefined, attrs: { scope: 'col' } }, c)))),
      h('tbody', null, ...rows),
    ),
  );
  return { element, mount() {}, destroy() {} };
}
