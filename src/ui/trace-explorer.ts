// Trace list and waterfall (being built: replaced by its owner).
import type { DatasetMeta } from '../model/series';
import type { Workers } from '../workers/spawn';
import { h } from './dom';
import type { ViewHandle } from './metrics-view';

export function traceExplorer(_workers: Workers, meta: DatasetMeta, _params: URLSearchParams): ViewHandle {
  const element = h('section', { class: 'view message-view' }, h('h2', null, 'Trace list and waterfall'), h('p', { class: 'muted' }, meta.name));
  return { element, mount() {}, destroy() {} };
}
