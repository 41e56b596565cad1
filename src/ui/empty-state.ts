// The home view: with nothing imported it says exactly what to do (drop files or folders anywhere, use
// "Import telemetry", or "Load demo"); with datasets stored it points at the list.
import { h } from './dom';
import type { ViewHandle } from './metrics-view';

export function emptyState(hasDatasets: boolean, inputId: string, loadDemo: () => void): ViewHandle {
  const element = h(
    'section',
    { class: 'view empty-state', attrs: { 'aria-labelledby': 'empty-title' } },
    h('div', { class: 'empty-art', attrs: { 'aria-hidden': 'true' } }),
    h('h2', { attrs: { id: 'empty-title' } }, hasDatasets ? 'Pick a dataset, or import another' : 'No telemetry yet'),
    h(
      'p',
      { class: 'lead' },
      'Drop telemetry files, or a whole folder of them, anywhere on this window, choose files with Import telemetry, or load the demo: ',
      'three days of service metrics with an incident in them.',
    ),
    h(
      'div',
      { class: 'empty-actions' },
      h('label', { class: 'btn btn-primary btn-large', attrs: { for: inputId } }, 'Import telemetry'),
      h('button', { class: 'btn btn-large', attrs: { type: 'button' }, on: { click: loadDemo } }, 'Load demo'),
    ),
    h(
      'ul',
      { class: 'empty-notes muted' },
      h('li', null, 'CSV: a time column (ISO-8601, “YYYY-MM-DD HH:MM:SS” as UTC, or Unix epoch s/ms/µs/ns) and one or more numeric columns.'),
      h('li', null, 'Everything stays in this browser: files are parsed in a worker and stored in IndexedDB. Nothing is uploaded.'),
      h('li', null, 'Press ? for keyboard shortcuts.'),
    ),
  );
  return { element, mount() {}, destroy() {} };
}
