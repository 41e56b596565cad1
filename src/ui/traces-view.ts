// The Traces view of a dataset: a shell of sub-views picked by the `tab` route parameter — the trace list
// with its waterfall, the service graph, the per-operation latency table and the sampling lab.
import type { DatasetMeta } from '../model/series';
import type { Workers } from '../workers/spawn';
import { h } from './dom';
import type { ViewHandle } from './metrics-view';
import { operationsView } from './operations-view';
import { formatRoute, parseRoute } from './router';
import { samplingLab } from './sampling-lab';
import { serviceGraphView } from './service-graph-view';
import { traceExplorer } from './trace-explorer';

export type TracesTab = 'list' | 'graph' | 'operations' | 'sampling';
const TABS: readonly { tab: TracesTab; title: string }[] = [
  { tab: 'list', title: 'Traces' },
  { tab: 'graph', title: 'Service graph' },
  { tab: 'operations', title: 'Operations' },
  { tab: 'sampling', title: 'Sampling lab' },
];

function tabHref(tab: TracesTab): string {
  const r = parseRoute(location.hash);
  if (r.kind !== 'dataset') return '#/';
  const params = new URLSearchParams();
  params.set('tab', tab);
  return formatRoute({ ...r, view: 'traces', params });
}

export function tracesView(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  if (!meta.spanCount) {
    const element = h(
      'section',
      { class: 'view message-view', attrs: { 'aria-labelledby': 'traces-title' } },
      h('h2', { attrs: { id: 'traces-title' } }, 'No traces in this dataset'),
      h('p', { class: 'muted' }, 'Import an OTLP/JSON, Jaeger JSON or Zipkin v2 trace file (or load the demo) to see traces, the service graph, latency per operation and what each sampling policy would keep.'),
    );
    return { element, mount() {}, destroy() {} };
  }
  const tab = (TABS.find((t) => t.tab === params.get('tab'))?.tab ?? 'list') as TracesTab;
  const inner =
    tab === 'graph' ? serviceGraphView(workers, meta, params)
    : tab === 'operations' ? operationsView(workers, meta, params)
    : tab === 'sampling' ? samplingLab(workers, meta, params)
    : traceExplorer(workers, meta, params);
  const nav = h(
    'nav',
    { class: 'subtabs', attrs: { 'aria-label': 'Trace views' } },
    ...TABS.map((t) => h('a', { class: t.tab === tab ? 'subtab current' : 'subtab', attrs: { href: tabHref(t.tab), 'aria-current': t.tab === tab ? 'page' : undefined } }, t.title)),
  );
  const element = h('section', { class: 'view traces-view' }, nav, inner.element);
  return { element, mount: () => inner.mount(), destroy: () => inner.destroy() };
}
