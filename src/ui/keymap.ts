// The one typed keyboard map: it both dispatches keys to the handlers views register and renders
// the help dialog ("?"), so the documented keys are always the keys that work.
import { h } from './dom';

export type Action =
  | 'help'
  | 'theme'
  | 'import'
  | 'demo'
  | 'overview'
  | 'metrics'
  | 'anomalies'
  | 'percentiles'
  | 'slos'
  | 'traces'
  | 'chaos'
  | 'run-detection'
  | 'maintenance-mode'
  | 'next-series'
  | 'prev-series'
  | 'zoom-in'
  | 'zoom-out'
  | 'pan-left'
  | 'pan-right'
  | 'reset-zoom'
  | 'table';

export interface Binding {
  keys: readonly string[];
  action: Action;
  group: 'General' | 'Dataset' | 'Chart' | 'Anomalies';
  description: string;
}

export const KEYMAP: readonly Binding[] = [
  { keys: ['?'], action: 'help', group: 'General', description: 'Show this help' },
  { keys: ['t'], action: 'theme', group: 'General', description: 'Cycle theme: system, light, dark' },
  { keys: ['i'], action: 'import', group: 'General', description: 'Import telemetry (open a file)' },
  { keys: ['d'], action: 'demo', group: 'General', description: 'Load the demo dataset' },
  { keys: ['o'], action: 'overview', group: 'Dataset', description: 'Overview of the dataset' },
  { keys: ['m'], action: 'metrics', group: 'Dataset', description: 'Metrics chart' },
  { keys: ['a'], action: 'anomalies', group: 'Dataset', description: 'Anomalies: detectors, incidents, health' },
  { keys: ['p'], action: 'percentiles', group: 'Dataset', description: 'Percentiles: p50–p99.9 over time' },
  { keys: ['s'], action: 'slos', group: 'Dataset', description: 'SLOs: compliance, error budget, burn-rate alerts' },
  { keys: ['x'], action: 'traces', group: 'Dataset', description: 'Traces: list, waterfall, service graph, sampling' },
  { keys: ['c'], action: 'chaos', group: 'Dataset', description: 'Chaos lab: replay faults over the recording' },
  { keys: [']'], action: 'next-series', group: 'Dataset', description: 'Next series' },
  { keys: ['['], action: 'prev-series', group: 'Dataset', description: 'Previous series' },
  { keys: ['+', '='], action: 'zoom-in', group: 'Chart', description: 'Zoom in (also: mouse wheel, drag to select)' },
  { keys: ['-'], action: 'zoom-out', group: 'Chart', description: 'Zoom out' },
  { keys: ['ArrowLeft'], action: 'pan-left', group: 'Chart', description: 'Pan left (also: shift + wheel)' },
  { keys: ['ArrowRight'], action: 'pan-right', group: 'Chart', description: 'Pan right' },
  { keys: ['0'], action: 'reset-zoom', group: 'Chart', description: 'Show the whole series (also: double-click)' },
  { keys: ['g'], action: 'table', group: 'Chart', description: 'Show or hide the data table' },
  { keys: ['r'], action: 'run-detection', group: 'Anomalies', description: 'Run the detectors (again, with the current settings)' },
  { keys: ['w'], action: 'maintenance-mode', group: 'Anomalies', description: 'Draw a maintenance window on the chart (also: shift + drag)' },
];

const handlers = new Map<Action, () => void>();

/** Registers the handler of an action; returns a function that removes it. */
export function onAction(action: Action, fn: () => void): () => void {
  handlers.set(action, fn);
  return () => {
    if (handlers.get(action) === fn) handlers.delete(action);
  };
}

/** Runs an action as if its key was pressed (buttons that mirror shortcuts). */
export function runAction(action: Action): void {
  handlers.get(action)?.();
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

export function installKeymap(): void {
  window.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || isTyping(ev.target)) return;
    if (document.querySelector('dialog[open]') && ev.key !== '?') return;
    const binding = KEYMAP.find((b) => b.keys.includes(ev.key));
    const fn = binding && handlers.get(binding.action);
    if (!fn) return;
    ev.preventDefault();
    fn();
  });
  onAction('help', showHelp);
}

const keyLabel = (k: string) => (k === 'ArrowLeft' ? '←' : k === 'ArrowRight' ? '→' : k);

function showHelp(): void {
  const existing = document.getElementById('help-dialog');
  if (existing instanceof HTMLDialogElement) {
    if (existing.open) existing.close();
    else existing.showModal();
    return;
  }
  const groups = [...new Set(KEYMAP.map((b) => b.group))];
  const dialog = h(
    'dialog',
    { class: 'help', attrs: { id: 'help-dialog', 'aria-labelledby': 'help-title' } },
    h('h2', { attrs: { id: 'help-title' } }, 'Keyboard shortcuts'),
    ...groups.map((g) =>
      h(
        'section',
        null,
        h('h3', null, g),
        h(
          'dl',
          null,
          ...KEYMAP.filter((b) => b.group === g).flatMap((b) => [
            h('dt', null, ...b.keys.map((k) => h('kbd', null, keyLabel(k)))),
            h('dd', null, b.description),
          ]),
        ),
      ),
    ),
    h('div', { class: 'dialog-actions' }, h('button', { class: 'btn', on: { click: () => dialog.close() } }, 'Close')),
  );
  document.body.append(dialog);
  dialog.showModal();
}
