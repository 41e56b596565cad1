// The Service graph tab: the services and their caller → callee edges as an SVG graph, the selected service's
// facts, operations and RED charts, and the nodes and edges as tables; selection and skew kept in the route.
import type { DatasetMeta } from '../model/series';
import type { LatencyRow, TraceSummary } from '../workers/api-trace-insights';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { whileBusy } from './idle';
import type { ViewHandle } from './metrics-view';
import { errorBand, failure, fmtMs, fmtPct, plainTable, summaryHandle, traceListHref, tracesTabHref } from './operations-format';
import { navigate, replaceParams } from './router';
import { redCharts } from './service-graph-red';
import { edgeText, serviceGraphSvg } from './service-graph-svg';

function legend(): HTMLElement {
  const item = (band: string, text: string) => h('span', { class: 'legend-item' }, h('span', { class: `sg-swatch sg-${band}` }), text);
  return h('div', { class: 'legend', attrs: { 'aria-label': 'Colours' } }, item('ok', 'no errors'), item('low', 'error rate under 5 %'), item('high', 'error rate 5 % or more'),
    h('span', { class: 'legend-item muted' }, 'edge width: calls; dashed: async only (messaging); box height: spans; red bar: error rate'));
}

function tables(s: TraceSummary): HTMLElement {
  const nodes = plainTable(
    `Services (${s.services.length})`,
    [{ label: 'Service' }, { label: 'Spans', num: true }, { label: 'Errors', num: true }, { label: 'Error rate', num: true }, { label: 'p50', num: true }, { label: 'p99', num: true }, { label: 'Critical path', num: true }],
    s.services.map((n) => [n.service, n.spans.toLocaleString('en-US'), n.errors.toLocaleString('en-US'), fmtPct(n.errorRate), fmtMs(n.p50), fmtMs(n.p99), fmtPct(n.criticalPathShare)]),
    'sg-node-table',
  );
  const edges = plainTable(
    `Edges, caller → callee (${s.edges.length})`,
    [{ label: 'Caller' }, { label: 'Callee' }, { label: 'Calls', num: true }, { label: 'Errors', num: true }, { label: 'Error rate', num: true }, { label: 'p50', num: true }, { label: 'p99', num: true }, { label: 'Async', num: true }],
    s.edges.map((e) => [e.from, e.to, e.calls.toLocaleString('en-US'), e.errors.toLocaleString('en-US'), fmtPct(e.errorRate), fmtMs(e.p50), fmtMs(e.p99), String(e.asyncCalls)]),
    'sg-edge-table',
  );
  return h('div', { class: 'sg-tables table-scroll' }, nodes, edges);
}

function serviceDetails(meta: DatasetMeta, s: TraceSummary, n: LatencyRow): HTMLElement {
  const ops = s.operations.filter((o) => o.service === n.service).slice(0, 6);
  const out = s.edges.filter((e) => e.from === n.service);
  const into = s.edges.filter((e) => e.to === n.service);
  const fact = (k: string, v: string) => [h('dt', null, k), h('dd', null, v)];
  const edgeList = (title: string, list: typeof out) =>
    list.length ? h('div', null, h('h4', null, title), h('ul', { class: 'sg-edge-list' }, ...list.map((e) => h('li', { class: `sg-${errorBand(e.errorRate)}` }, edgeText(e))))) : null;
  return h(
    'div',
    { class: 'sg-details' },
    h('h3', null, n.service),
    h('dl', { class: 'sg-facts-list' },
      ...fact('Spans', n.spans.toLocaleString('en-US')),
      ...fact('Errors', `${n.errors.toLocaleString('en-US')} (${fmtPct(n.errorRate)})`),
      ...fact('p50 / p90 / p99', `${fmtMs(n.p50)} / ${fmtMs(n.p90)} / ${fmtMs(n.p99)}`),
      ...fact('Mean self time', fmtMs(n.selfMeanMs)),
      ...fact('Critical path', fmtPct(n.criticalPathShare)),
    ),
    h('h4', null, 'Busiest operations'),
    h('ul', { class: 'sg-op-list' }, ...ops.map((o) => h('li', null, h('a', { attrs: { href: traceListHref(meta, o.service, o.operation) } }, o.operation ?? ''), h('span', { class: 'muted' }, ` ${o.spans.toLocaleString('en-US')} spans · p99 ${fmtMs(o.p99)} · ${fmtPct(o.errorRate)} err`)))),
    h('p', { class: 'sg-links' },
      h('a', { class: 'btn btn-small', attrs: { href: tracesTabHref(meta, 'operations', { service: n.service }) } }, `Operations of ${n.service}`),
      h('a', { class: 'btn btn-small', attrs: { href: traceListHref(meta, n.service) } }, 'Its traces'),
    ),
    edgeList('Calls', out),
    edgeList('Called by', into),
  );
}

export function serviceGraphView(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  const status = h('p', { class: 'muted', attrs: { role: 'status' } }, 'Analysing traces…');
  const skew = h('input', { attrs: { type: 'checkbox', checked: params.get('skew') === '1' } });
  skew.addEventListener('change', () => {
    const p = new URLSearchParams(params);
    if (skew.checked) p.set('skew', '1');
    else p.delete('skew');
    navigate(tracesTabHref(meta, 'graph', Object.fromEntries(p)));
  });
  const graphHost = h('div', { class: 'sg-graph', attrs: { 'data-testid': 'service-graph' } });
  const hover = h('p', { class: 'sg-hover', attrs: { 'aria-live': 'polite' } }, 'Hover or focus a service or an edge for its figures; select a service for its operations and RED charts.');
  const side = h('aside', { class: 'sg-side', attrs: { 'aria-label': 'Selected service' } });
  const red = redCharts();
  const tableHost = h('div');
  const element = h(
    'section',
    { class: 'view sg-view', attrs: { 'aria-labelledby': 'sg-title' } },
    h('header', { class: 'view-header' }, h('h2', { attrs: { id: 'sg-title' } }, 'Service graph'), status),
    h('div', { class: 'toolbar' }, h('label', { class: 'check' }, skew, ' Adjust clock skew (shift children into their parents, as Jaeger does)')),
    legend(),
    graphHost,
    hover,
    h('div', { class: 'sg-layout' }, side, red.element),
    tableHost,
  );
  let summary: TraceSummary | undefined;
  let selected: string | null = params.get('service');
  let redSeq = 0;

  const draw = (): void => {
    if (!summary) return;
    const s = summary;
    replace(graphHost, serviceGraphSvg(s.services, s.edges, selected, { onSelect: select, onHover: (text) => (hover.textContent = text ?? ' ') }));
    const n = s.services.find((x) => x.service === selected);
    replace(side, n ? serviceDetails(meta, s, n) : h('p', { class: 'muted' }, 'Select a service.'));
  };

  function select(service: string): void {
    selected = service;
    replaceParams({ service });
    const focusedService = (document.activeElement as Element | null)?.getAttribute?.('data-service');
    draw();
    if (focusedService) graphHost.querySelector<SVGGElement>(`[data-service="${CSS.escape(focusedService)}"]`)?.focus();
    void loadRed(service);
  }

  async function loadRed(service: string): Promise<void> {
    const seq = ++redSeq;
    try {
      const r = await whileBusy(() => workers.analysis.serviceRed(meta.id, service, { clockSkew: params.get('skew') === '1' }));
      if (handle.alive() && seq === redSeq) red.show(r);
    } catch (e) {
      if (handle.alive() && seq === redSeq) red.element.append(failure('Could not compute the RED series', e));
    }
  }

  const handle = summaryHandle(element, workers, meta, params, graphHost, (s) => {
    summary = s;
    const skewNote = s.skewAdjusted !== undefined ? ` · ${s.skewAdjusted.toLocaleString('en-US')} spans shifted for clock skew` : '';
    status.textContent = `${s.traceCount.toLocaleString('en-US')} traces · ${s.spanCount.toLocaleString('en-US')} spans · ${s.services.length} services · ${s.edges.length} edges · ${s.failingTraces.toLocaleString('en-US')} failing traces${skewNote}`;
    if (!selected || !s.services.some((x) => x.service === selected)) selected = s.rootCauses.byService[0]?.service ?? s.services[0]?.service ?? null;
    if (!s.edges.length) hover.textContent = 'No edges: every span’s parent is in the same service (or missing).';
    draw();
    replace(tableHost, tables(s));
    if (selected) void loadRed(selected);
  }, () => red.destroy());
  return handle;
}
