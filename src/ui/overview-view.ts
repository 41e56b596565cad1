// The Overview view of a dataset: what was imported (file, format, time encoding, size, range,
// warnings) and a table of its series, each linking to its chart, with a sparkline of its shape over the
// dataset's range (filled in when the analysis worker's one answer for all series arrives); for traces, a
// table of their services (overview-services.ts).
import type { DatasetMeta, SeriesMeta } from '../model/series';
import type { SeriesShapes } from '../workers/api';
import type { Workers } from '../workers/spawn';
import { h } from './dom';
import { formatBytes, formatCount, formatDuration, formatRange, formatTime, formatValue, unitOf, withUnit } from './format';
import type { ViewHandle } from './metrics-view';
import { overviewServices } from './overview-services';
import { datasetHref } from './router';
import { bridgeOf, bucketsOf, drawSparkline, SPARK_WIDTH } from './sparkline';
import { sparklineLoader } from './sparkline-loader';

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

/** What a sparkline shows, in words: the series' value range. */
function shapeLabel(s: SeriesMeta): string {
  if (Number.isNaN(s.min)) return `${s.name}: no values`;
  return `${s.name} from ${formatValue(s.min)} to ${withUnit(formatValue(s.max), unitOf(s.name))}`;
}

/** `workers` is undefined while they start: the table shows without its sparklines (the app renders again). */
export function overviewView(meta: DatasetMeta, workers?: Workers): ViewHandle {
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
  const canvases = meta.series.map((s) => h('canvas', { class: 'sparkline', attrs: { role: 'img', 'aria-label': shapeLabel(s) } }));
  const rows = meta.series.map((s, j) => {
    const unit = unitOf(s.name);
    const href = datasetHref(meta.id, 'metrics', { series: s.index });
    return h(
      'tr',
      null,
      h('th', { attrs: { scope: 'row' } }, h('a', { attrs: { href } }, s.name)),
      // Keyboard users reach the chart through the name's link: one tab stop per row.
      h('td', { class: 'shape' }, h('a', { class: 'sparkline-link', attrs: { href, tabindex: -1 } }, canvases[j])),
      h('td', { class: 'num' }, formatCount(s.count)),
      h('td', { class: 'when' }, formatTime(s.start)),
      h('td', { class: 'when' }, formatTime(s.end)),
      h('td', { class: 'num' }, withUnit(formatValue(s.min), unit)),
      h('td', { class: 'num' }, withUnit(formatValue(s.max), unit)),
    );
  });
  const shapeError = h('div');
  const services = meta.spanCount !== undefined ? overviewServices(meta, workers) : undefined;
  const element = h(
    'section',
    { class: 'view overview-view', attrs: { 'aria-labelledby': 'overview-title' } },
    h('header', { class: 'view-header' }, h('h2', { attrs: { id: 'overview-title' } }, meta.name)),
    facts,
    meta.warnings.length
      ? h('div', { class: 'warnings', attrs: { role: 'note' } }, h('h3', null, 'Warnings'), h('ul', null, ...meta.warnings.map((w) => h('li', null, w))))
      : null,
    services?.element,
    meta.seriesCount === 0 ? null : h(
      'table',
      { class: 'data-table series-table' },
      h('caption', null, `Series in ${meta.name}`),
      h('thead', null, h('tr', null, ...['Series', 'Shape', 'Points', 'First (UTC)', 'Last (UTC)', 'Min', 'Max'].map((c, i) => h('th', { class: [2, 5, 6].includes(i) ? 'num' : undefined, attrs: { scope: 'col' } }, c)))),
      h('tbody', null, ...rows),
    ),
    shapeError,
  );

  const bucketWidth = (meta.end - meta.start) / SPARK_WIDTH;
  const request = { datasetId: meta.id, start: meta.start, end: meta.end, buckets: SPARK_WIDTH };
  const loader = sparklineLoader(element, shapeError, 'Could not draw the series shapes', workers && meta.seriesCount > 0 ? () => workers.analysis.shapes(request) : null, (got: SeriesShapes, palette) =>
    meta.series.forEach((s, j) => drawSparkline(canvases[j], bucketsOf(got, s.index), bridgeOf(s.count, s.start, s.end, bucketWidth), palette)),
  );
  return {
    element,
    mount() {
      services?.mount();
      loader.mount();
    },
    destroy() {
      loader.destroy();
      services?.destroy();
    },
  };
}
