// Sampling lab (being built: replaced by its owner).
import type { DatasetMeta } from '../model/series';
import type { Workers } from '../workers/spawn';
import { h } from './dom';
import type { ViewHandle } from './metrics-view';

export function samplingLab(_workers: Workers, meta: DatasetMeta, _params: URLSearchParams): ViewHandle {
  const element = h('section', { class: 'view message-view' }, h('h2', null, 'Sampling lab'), h('p', { class: 'muted' }, meta.name));
  return { element, mount() {}, destroy() {} };
}
