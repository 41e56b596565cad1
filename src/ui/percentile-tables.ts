// The percentile view's tables: the summary (count; exact and sketch p50 … p99.9 over the whole range
// and the sketch's relative error) and the accessible table view of the chart (one row per bucket).
import type { PercentileResult } from '../workers/api-percentiles';
import { h } from './dom';
import { formatCount, formatTime, formatValue, withUnit } from './format';

/** Rows beyond this are left out of the chart's table view (a note says how many). */
const MAX_ROWS = 2000;

const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(x < 0.001 ? 3 : 2)} %` : '—');

function cell(text: string, className?: string): HTMLTableCellElement {
  return h('td', className ? { class: className } : null, text);
}

/** The summary table. Percentile rows; columns exact, sketch, relative error (histograms and summaries: their estimate only). */
export function summaryTable(r: PercentileResult): HTMLTableElement {
  const u = (x: number): string => (Number.isFinite(x) ? withUnit(formatValue(x), r.unit) : '—');
  const fromValues = r.kind === 'values';
  const estimate = r.kind === 'histogram' ? 'histogram_quantile' : 'Last value given';
  const caption = fromValues
    ? `${r.title}: ${formatCount(r.valueCount)} values over the whole range; sketch relative accuracy α = ${r.alpha * 100} %`
    : `${r.title}: ${formatCount(r.valueCount)} ${r.kind === 'histogram' ? 'observations' : 'samples'} over the whole range`;
  const head = fromValues ? ['Percentile', 'Exact', 'Sketch', 'Sketch rel. error'] : ['Quantile', estimate];
  return h(
    'table',
    { class: 'data-table percentile-summary', attrs: { 'aria-label': 'Percentile summary' } },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ...head.map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
    h(
      'tbody',
      null,
      h('tr', { class: 'count-row' }, h('th', { attrs: { scope: 'row' } }, 'count'), cell(formatCount(r.valueCount), 'num'), ...(fromValues ? [cell(formatCount(r.valueCount), 'num'), cell('')] : [])),
      ...r.summary.map((row) =>
        h(
          'tr',
          { attrs: { 'data-percentile': row.name } },
          h('th', { attrs: { scope: 'row' } }, row.name),
          h('td', { class: 'num exact', attrs: { 'data-value': String(row.exact) } }, u(row.exact)),
          ...(fromValues
            ? [
                h('td', { class: 'num sketch', attrs: { 'data-value': String(row.sketch) } }, u(row.sketch)),
                h('td', { class: `num rel-error${row.relError > r.alpha ? ' over' : ''}`, attrs: { 'data-value': String(row.relError) } }, pct(row.relError)),
              ]
            : []),
        ),
      ),
    ),
  );
}

/** The chart's data as a table: bucket start, count, one column per line. */
export function bucketTable(r: PercentileResult): HTMLElement {
  const u = (x: number): string => (Number.isFinite(x) ? withUnit(formatValue(x), r.unit) : '—');
  const n = Math.min(r.t.length, MAX_ROWS);
  const rows: HTMLTableRowElement[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(h('tr', null, h('th', { attrs: { scope: 'row' } }, formatTime(r.t[i])), cell(formatCount(r.count[i]), 'num'), ...r.lines.map((l) => cell(u(l.v[i]), 'num'))));
  }
  return h(
    'table',
    { class: 'data-table percentile-buckets' },
    h('caption', null, `${r.title}: ${formatCount(r.t.length)} buckets${r.t.length > n ? ` (first ${formatCount(n)} shown)` : ''}, ${r.method === 'sketch' ? 'from the sketch' : 'exact'}`),
    h('thead', null, h('tr', null, ...['Bucket start (UTC)', r.kind === 'histogram' ? 'Observations' : 'Values', ...r.lines.map((l) => l.name)].map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
    h('tbody', null, ...rows),
  );
}
