// The trace list: filters (service, operation, errors only, duration range, attribute key=value), a table
// sorted by the worker (start, duration, spans, errors) and paging; the query lives in the route parameters.

import type { DatasetMeta } from '../model/series';
import type { TraceListQuery, TraceListResult, TraceSortKey } from '../workers/api-traces';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { formatCount, formatTime } from './format';
import { busy } from './idle';
import { replaceParams } from './router';
import { formatMicros } from './waterfall-layout';

const PAGE = 50;
const SORTS: readonly { key: TraceSortKey; label: string }[] = [
  { key: 'start', label: 'Start (UTC)' },
  { key: 'duration', label: 'Duration' },
  { key: 'spans', label: 'Spans' },
  { key: 'errors', label: 'Errors' },
];

/** The list query the route parameters describe. */
export function queryOf(params: URLSearchParams): TraceListQuery {
  const num = (name: string) => {
    const s = params.get(name);
    const x = s === null || s.trim() === '' ? NaN : Number(s);
    return Number.isFinite(x) ? x : undefined;
  };
  const attr = params.get('attr') ?? '';
  const eq = attr.indexOf('=');
  const sort = SORTS.find((s) => s.key === params.get('sort'))?.key ?? 'start';
  return {
    service: params.get('svc') || undefined,
    operation: params.get('op') || undefined,
    errorsOnly: params.get('err') === '1',
    minDurationMs: num('min'),
    maxDurationMs: num('max'),
    attribute: eq > 0 ? { key: attr.slice(0, eq).trim(), value: attr.slice(eq + 1).trim() } : undefined,
    sort,
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    offset: Math.max(0, Math.floor(num('page') ?? 0)) * PAGE,
    limit: PAGE,
  };
}

export interface TraceListPanel {
  element: HTMLElement;
  mount(): void;
  destroy(): void;
}

/** `traceHref` gives the link that opens a trace (with the list's parameters kept). */
export function traceListPanel(workers: Workers, meta: DatasetMeta, params: URLSearchParams, traceHref: (traceId: string) => string): TraceListPanel {
  let seq = 0;
  let alive = true;
  const set = (name: string, value: string | undefined) => {
    if (value === undefined || value === '') params.delete(name);
    else params.set(name, value);
    if (name !== 'page') params.delete('page');
    replaceParams({ [name]: value || undefined, ...(name !== 'page' ? { page: undefined } : {}) });
    void load();
  };

  const service = h('select', { attrs: { 'aria-label': 'Service' }, on: { change: () => { params.delete('op'); replaceParams({ op: undefined }); set('svc', service.value); } } });
  const operation = h('select', { attrs: { 'aria-label': 'Operation' }, on: { change: () => set('op', operation.value) } });
  const errors = h('input', { attrs: { type: 'checkbox', checked: params.get('err') === '1' }, on: { change: () => set('err', errors.checked ? '1' : undefined) } });
  const numInput = (name: string, label: string) =>
    h('input', { attrs: { type: 'number', min: 0, step: 'any', inputmode: 'decimal', 'aria-label': label, value: params.get(name) ?? '', placeholder: 'ms' }, on: { change: (e) => set(name, (e.target as HTMLInputElement).value.trim()) } });
  const minInput = numInput('min', 'Min duration (ms)');
  const maxInput = numInput('max', 'Max duration (ms)');
  const attrInput = h('input', {
    class: 'attr-input',
    attrs: { type: 'text', 'aria-label': 'Attribute key=value', placeholder: 'http.status_code=503', value: params.get('attr') ?? '', spellcheck: 'false' },
    on: { change: () => set('attr', attrInput.value.trim()) },
  });
  const field = (label: string, control: HTMLElement) => h('label', { class: 'field' }, label, control);
  const reset = h('button', {
    class: 'btn btn-ghost',
    attrs: { type: 'button' },
    on: {
      click: () => {
        for (const k of ['svc', 'op', 'err', 'min', 'max', 'attr', 'page']) params.delete(k);
        replaceParams({ svc: undefined, op: undefined, err: undefined, min: undefined, max: undefined, attr: undefined, page: undefined });
        errors.checked = false;
        minInput.value = maxInput.value = attrInput.value = '';
        void load();
      },
    },
  }, 'Clear filters');
  const toolbar = h(
    'div',
    { class: 'toolbar trace-filters', attrs: { role: 'search', 'aria-label': 'Filter traces' } },
    field('Service', service),
    field('Operation', operation),
    h('label', { class: 'check' }, errors, ' Errors only'),
    field('Min duration (ms)', minInput),
    field('Max duration (ms)', maxInput),
    field('Attribute key=value', attrInput),
    h('span', { class: 'toolbar-spacer' }),
    reset,
  );
  const summary = h('p', { class: 'trace-list-summary muted', attrs: { role: 'status' } }, 'Loading traces…');
  const tableHost = h('div', { class: 'trace-list-table' });
  const pager = h('nav', { class: 'trace-pager', attrs: { 'aria-label': 'Pages of traces' } });
  const element = h('section', { class: 'trace-list', attrs: { 'aria-label': 'Trace list' } }, toolbar, summary, tableHost, pager);

  function options(select: HTMLSelectElement, all: string, values: string[], current: string | undefined): void {
    const list = current && !values.includes(current) ? [current, ...values] : values;
    replace(select, h('option', { attrs: { value: '' } }, all), ...list.map((v) => h('option', { attrs: { value: v, selected: v === current } }, v)));
    select.value = current ?? '';
  }

  function header(q: TraceListQuery, key: TraceSortKey | undefined, label: string, num: boolean): HTMLTableCellElement {
    if (!key) return h('th', { attrs: { scope: 'col' } }, label);
    const active = q.sort === key;
    const button = h('button', { class: 'sort-button', attrs: { type: 'button' } }, label, h('span', { class: 'sort-mark', attrs: { 'aria-hidden': 'true' } }, active ? (q.order === 'asc' ? ' ▲' : ' ▼') : ''));
    button.addEventListener('click', () => {
      const order = active ? (q.order === 'asc' ? 'desc' : 'asc') : 'desc';
      params.set('sort', key);
      params.set('order', order);
      params.delete('page');
      replaceParams({ sort: key, order, page: undefined });
      void load();
    });
    return h('th', { class: num ? 'num' : undefined, attrs: { scope: 'col', 'aria-sort': active ? (q.order === 'asc' ? 'ascending' : 'descending') : 'none' } }, button);
  }

  function render(q: TraceListQuery, res: TraceListResult): void {
    options(service, 'Every service', res.facets.services, q.service);
    options(operation, 'Every operation', res.facets.operations, q.operation);
    const from = (q.offset ?? 0) + 1;
    const to = (q.offset ?? 0) + res.rows.length;
    summary.textContent = res.total
      ? `${formatCount(res.total)} of ${formatCount(meta.traceCount ?? res.total)} traces match · showing ${formatCount(from)}–${formatCount(to)}`
      : 'No trace matches these filters.';
    const longest = res.rows.reduce((m, r) => Math.max(m, Number.isFinite(r.durationMs) ? r.durationMs : 0), 0);
    const body = res.rows.map((r) =>
      h(
        'tr',
        { class: r.errorSpans ? 'has-errors' : undefined },
        h('td', { class: 'num' }, formatTime(r.startMs)),
        h(
          'th',
          { attrs: { scope: 'row' } },
          h('a', { class: 'trace-link', attrs: { href: traceHref(r.traceId), title: `Trace ${r.traceId}` } }, r.rootService ? `${r.rootService} · ${r.rootOperation}` : `(no root span) ${r.traceId.slice(0, 16)}`),
        ),
        h(
          'td',
          { class: 'num duration-cell' },
          h('span', { class: 'duration-bar', attrs: { 'aria-hidden': 'true' } }),
          formatMicros(r.durationMs * 1000),
        ),
        h('td', { class: 'num' }, formatCount(r.spans)),
        h('td', { class: r.errorSpans ? 'num error-count' : 'num' }, formatCount(r.errorSpans)),
        h('td', { class: 'services-cell' }, r.services.join(', ')),
      ),
    );
    // Bar widths through the CSSOM (the CSP forbids style attributes in markup, not style properties).
    body.forEach((tr, i) => {
      const bar = tr.querySelector<HTMLElement>('.duration-bar');
      const d = res.rows[i].durationMs;
      if (bar) bar.style.width = `${longest > 0 && Number.isFinite(d) ? Math.max(2, (d / longest) * 60) : 0}px`;
    });
    replace(
      tableHost,
      h(
        'table',
        { class: 'data-table trace-table' },
        h('caption', { class: 'sr-only' }, 'Traces'),
        h('thead', null, h('tr', null, header(q, 'start', 'Start (UTC)', true), header(q, undefined, 'Root span', false), header(q, 'duration', 'Duration', true), header(q, 'spans', 'Spans', true), header(q, 'errors', 'Errors', true), header(q, undefined, 'Services', false))),
        h('tbody', null, ...body),
      ),
    );
    const page = Math.floor((q.offset ?? 0) / PAGE);
    const pages = Math.max(1, Math.ceil(res.total / PAGE));
    const go = (p: number) => () => set('page', p ? String(p) : undefined);
    replace(
      pager,
      h('button', { class: 'btn btn-small', attrs: { type: 'button', disabled: page <= 0 }, on: { click: go(page - 1) } }, '← Previous page'),
      h('span', { class: 'muted' }, `Page ${page + 1} of ${pages}`),
      h('button', { class: 'btn btn-small', attrs: { type: 'button', disabled: page + 1 >= pages }, on: { click: go(page + 1) } }, 'Next page →'),
    );
  }

  async function load(): Promise<void> {
    const mine = ++seq;
    const q = queryOf(params);
    const end = busy();
    try {
      const res = await workers.analysis.traceList(meta.id, q);
      if (alive && mine === seq) render(q, res);
    } catch (e) {
      if (alive && mine === seq) summary.textContent = `Could not list the traces: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      end();
    }
  }

  return {
    element,
    mount: () => void load(),
    destroy: () => {
      alive = false;
    },
  };
}
