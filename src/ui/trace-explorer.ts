// The Traces tab of a dataset: the filtered, sorted trace list, or (with `trace=<id>` in the route) that
// trace's waterfall and span details. Both read their state from the route, so every view is linkable.
import type { DatasetMeta } from '../model/series';
import type { Workers } from '../workers/spawn';
import { h } from './dom';
import type { ViewHandle } from './metrics-view';
import { formatRoute, parseRoute } from './router';
import { traceListPanel } from './trace-list-panel';
import { openTrace } from './trace-waterfall-view';

/** The current route with `update` applied (undefined removes a parameter). */
function hrefWith(update: Record<string, string | undefined>): string {
  const r = parseRoute(location.hash);
  if (r.kind !== 'dataset') return '#/';
  const params = new URLSearchParams(r.params);
  for (const [k, v] of Object.entries(update)) {
    if (v === undefined) params.delete(k);
    else params.set(k, v);
  }
  return formatRoute({ ...r, params });
}

export function traceExplorer(workers: Workers, meta: DatasetMeta, params: URLSearchParams): ViewHandle {
  const traceId = params.get('trace');
  const inner = traceId
    ? openTrace(workers, meta, params, traceId, hrefWith({ trace: undefined, span: undefined }))
    : traceListPanel(workers, meta, params, (id) => hrefWith({ trace: id, span: undefined }));
  const element = h('section', { class: 'trace-explorer' }, inner.element);
  return { element, mount: () => inner.mount(), destroy: () => inner.destroy() };
}
