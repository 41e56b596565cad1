// The Overview's Services table of a trace dataset: per service its spans, error spans (and their share),
// p50 and p99 span duration and a sparkline of its span rate over the dataset's range, the name linking to
// the service graph with it selected. The rows show at once; figures and sparklines fill in from one
// analysis-worker answer for every service.
import type { DatasetMeta } from '../model/series';
import type { ServiceShapes } from '../workers/api-trace-insights';
import type { Workers } from '../workers/spawn';
import { h } from './dom';
import { formatCount, formatValue, withUnit } from './format';
import type { ViewHandle } from './metrics-view';
import { fmtMs, fmtPct, tracesTabHref } from './operations-format';
import { drawSparkline, rateBucketsOf, SPARK_WIDTH } from './sparkline';
import { sparklineLoader } from './sparkline-loader';

const COLUMNS = ['Service', 'Span rate', 'Spans', 'Error spans', 'p50', 'p99'];
const PENDING = '…';
/** Buckets of a span-rate sparkline: one per 4 pixel columns (span counts per column are mostly noise). */
const RATE_BUCKETS = SPARK_WIDTH / 4;

/** What a service's sparkline shows, in words: its span rate's range. */
function rateLabel(service: string, rates: Float64Array): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rates) {
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  return `${service} span rate from ${formatValue(lo)} to ${withUnit(formatValue(hi), '/s')}`;
}

/** `workers` is undefined while they start: the rows show without their figures (the app renders again). */
export function overviewServices(meta: DatasetMeta, workers?: Workers): ViewHandle {
  const services = meta.services ?? [];
  const rows = services.map((service) => {
    const href = tracesTabHref(meta, 'graph', { service });
    const canvas = h('canvas', { class: 'sparkline', attrs: { role: 'img', 'aria-label': `${service}: span rate` } });
    const figures = [0, 1, 2, 3].map(() => h('td', { class: 'num' }, PENDING));
    const tr = h(
      'tr',
      null,
      h('th', { attrs: { scope: 'row' } }, h('a', { attrs: { href } }, service)),
      // Keyboard users reach the service through the name's link: one tab stop per row.
      h('td', { class: 'shape' }, h('a', { class: 'sparkline-link', attrs: { href, tabindex: -1 } }, canvas)),
      ...figures,
    );
    return { service, tr, canvas, figures };
  });
  const error = h('div');
  const element = h(
    'div',
    null,
    h(
      'table',
      { class: 'data-table services-table' },
      h('caption', null, `Services in ${meta.name}`),
      h('thead', null, h('tr', null, ...COLUMNS.map((c, i) => h('th', { class: i >= 2 ? 'num' : undefined, attrs: { scope: 'col' } }, c)))),
      h('tbody', null, ...rows.map((r) => r.tr)),
    ),
    error,
  );

  const request = { datasetId: meta.id, start: meta.start, end: meta.end, buckets: RATE_BUCKETS };
  const loader = sparklineLoader(element, error, 'Could not summarise the services', workers && rows.length ? () => workers.analysis.serviceShapes(request) : null, (got: ServiceShapes, palette) => {
    const bucketMs = (meta.end - meta.start) / got.buckets;
    got.services.forEach((s, j) => {
      const row = rows.find((r) => r.service === s.service);
      if (!row) return;
      const texts = [formatCount(s.spans), `${formatCount(s.errors)} (${fmtPct(s.errorRate)})`, fmtMs(s.p50), fmtMs(s.p99)];
      row.figures.forEach((td, i) => (td.textContent = texts[i]));
      const buckets = rateBucketsOf(got, j, bucketMs);
      row.canvas.setAttribute('aria-label', rateLabel(s.service, buckets.last));
      drawSparkline(row.canvas, buckets, 0, palette);
    });
  });
  return { element, mount: loader.mount, destroy: loader.destroy };
}
