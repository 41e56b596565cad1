// The Operations tab: per service and operation spans, errors, percentiles, self time and critical-path share
// in a sortable, filterable table; where failures start (root causes) and what makes slow traces slow.
import type { DatasetMeta } from '../model/series';
import type { LatencyRow, TraceSummary } from '../workers/api-trace-insights';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import type { ViewHandle } from './metrics-view';
import { fmtMs, fmtPct, summaryHandle, traceListHref } from './operations-format';
import { sortableTable, type SortColumn, type SortState } from './operations-table';
import { replaceParams } from './router';

function columns(meta: DatasetMeta): SortColumn<LatencyRow>[] {
  const n = (key: string, label: string, value: (r: LatencyRow) => number, text: (x: number) => string): SortColumn<LatencyRow> => ({ key, label, num: true, value, cell: (r) => text(value(r)) });
  const count = (x: number) => x.toLocaleString('en-US');
  return [
    { key: 'service', label: 'Service', value: (r) => r.service },
    {
      key: 'operation',
      label: 'Operation',
      value: (r) => r.operation ?? '',
      cell: (r) => h('a', { attrs: { href: traceListHref(meta, r.service, r.operation), title: `Traces with ${r.service} ${r.operation ?? ''}` } }, r.operation ?? ''),
    },
    n('spans', 'Spans', (r) => r.spans, count),
    n('errors', 'Errors', (r) => r.errors, count),
    n('errorRate', 'Error rate', (r) => r.errorRate, (x) => fmtPct(x)),
    n('p50', 'p50', (r) => r.p50, fmtMs),
    n('p90', 'p90', (r) => r.p90, fmtMs),
    n('p99', 'p99', (r) => r.p99, fmtMs),
    n('p999', 'p99.9', (r) => r.p999, fmtMs),
    n('self', 'Mean self time', (r) => r.selfMeanMs, fmtMs),
    n('critical', 'Critical path', (r) => r.criticalPathShare, (x) => fmtPct(x)),
  ];
}

function causeBar(share: number): HTMLElement {
  const fill = h('span', { class: 'cause-fill' });
  fill.style.width = `${Math.min(100, share * 100).toFixed(1)}%`; // through the CSSOM: the CSP refuses style attributes
  return h('span', { class: 'cause-bar', attrs: { 'aria-hidden': 'true' } }, fill);
}

function rootCauses(meta: DatasetMeta, s: TraceSummary): HTMLElement {
  const list = s.rootCauses.byOperation.slice(0, 10);
  const body = list.length
    ? h('ol', { class: 'cause-list', attrs: { 'data-testid': 'root-causes' } }, ...list.map((r) =>
        h('li', null,
          h('a', { attrs: { href: traceListHref(meta, r.service, r.operation, true) } }, `${r.service} ${r.operation ?? ''}`),
          `: origin in ${r.traces.toLocaleString('en-US')} of ${s.failingTraces.toLocaleString('en-US')} failing traces (${fmtPct(r.share, 0)})`,
          causeBar(r.share),
        )))
    : h('p', { class: 'muted' }, 'No error spans: nothing failed.');
  return h('section', { class: 'ops-panel', attrs: { 'aria-labelledby': 'rc-title' } },
    h('h3', { attrs: { id: 'rc-title' } }, 'Where failures start'),
    h('p', { class: 'muted' }, 'Per failing trace, the deepest error span without errored children is the origin (Jaeger’s rule); the errors above it propagated.'),
    body);
}

function slowCauses(meta: DatasetMeta, s: TraceSummary): HTMLElement {
  const list = s.slowCauses.slice(0, 10);
  const body = list.length
    ? h('ol', { class: 'cause-list', attrs: { 'data-testid': 'slow-causes' } }, ...list.map((r) =>
        h('li', null,
          h('a', { attrs: { href: traceListHref(meta, r.service, r.operation) } }, `${r.service} ${r.operation}`),
          `: ${fmtMs(r.excessMs)} over its median self time on the critical path, in ${r.traces.toLocaleString('en-US')} of ${s.slowTraces.toLocaleString('en-US')} slow traces`,
        )))
    : h('p', { class: 'muted' }, s.slowTraces ? 'No critical-path span of the slow traces ran over its operation’s median self time.' : 'No slow traces.');
  return h('section', { class: 'ops-panel', attrs: { 'aria-labelledby': 'slow-title' } },
    h('h3', { attrs: { id: 'slow-title' } }, 'What makes slow traces slow'),
    h('p', { class: 'muted' }, `${s.slowTraces.toLocaleString('en-US')} traces above the p99 of traces with the same root operation; the time their critical-path spans spent beyond their operation’s median self time, summed.`),
    body);
}

const matches = (r: LatencyRow, q: string): boolean => !q || r.service.toLowerCase().includes(q) || (r.operation ?? '').toLowerCase().includes(q);

export function operationsView(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  const status = h('p', { class: 'muted', attrs: { role: 'status' } }, 'Analysing traces…');
  const filter = h('input', { attrs: { type: 'search', placeholder: 'service or operation', value: params.get('q') ?? '', 'aria-label': 'Filter operations' } });
  const serviceSelect = h('select', { attrs: { 'aria-label': 'Service' } }, h('option', { attrs: { value: '' } }, 'All services'));
  const tableHost = h('div', { class: 'table-scroll ops-table-host', attrs: { 'data-testid': 'operations-table' } });
  const causes = h('div', { class: 'ops-causes' });
  const element = h(
    'section',
    { class: 'view ops-view', attrs: { 'aria-labelledby': 'ops-title' } },
    h('header', { class: 'view-header' }, h('h2', { attrs: { id: 'ops-title' } }, 'Operations'), status),
    h('div', { class: 'toolbar' }, h('label', { class: 'field' }, h('span', null, 'Filter'), filter), h('label', { class: 'field' }, h('span', null, 'Service'), serviceSelect)),
    tableHost,
    causes,
  );
  let summary: TraceSummary | undefined;
  let sort: SortState = { key: params.get('sort') ?? 'spans', dir: params.get('dir') === 'asc' ? 'asc' : 'desc' };
  const cols = columns(meta);

  const render = (): void => {
    if (!summary) return;
    const q = filter.value.trim().toLowerCase();
    const service = serviceSelect.value;
    const rows = summary.operations.filter((r) => (!service || r.service === service) && matches(r, q));
    const caption = `${rows.length} of ${summary.operations.length} operations${service ? ` of ${service}` : ''}${q ? ` matching “${filter.value.trim()}”` : ''} (span durations)`;
    if (!rows.length) replace(tableHost, h('p', { class: 'muted' }, `No operation matches${q ? ` “${filter.value.trim()}”` : ''}${service ? ` in ${service}` : ''}.`));
    else sortableTable(tableHost, caption, cols, rows, sort, (s) => {
      sort = s;
      replaceParams({ sort: s.key, dir: s.dir });
    }, 'ops-table');
  };
  filter.addEventListener('input', () => {
    replaceParams({ q: filter.value.trim() || undefined });
    render();
  });
  serviceSelect.addEventListener('change', () => {
    replaceParams({ service: serviceSelect.value || undefined });
    render();
  });

  return summaryHandle(element, workers, meta, params, tableHost, (s) => {
    summary = s;
    status.textContent = `${s.operations.length} operations in ${s.services.length} services · ${s.spanCount.toLocaleString('en-US')} spans of ${s.traceCount.toLocaleString('en-US')} traces · ${s.failingTraces.toLocaleString('en-US')} failing, ${s.slowTraces.toLocaleString('en-US')} slow`;
    for (const sv of s.services) serviceSelect.append(h('option', { attrs: { value: sv.service } }, sv.service));
    const wanted = params.get('service');
    if (wanted && s.services.some((x) => x.service === wanted)) serviceSelect.value = wanted;
    render();
    replace(causes, rootCauses(meta, s), slowCauses(meta, s));
  });
}
