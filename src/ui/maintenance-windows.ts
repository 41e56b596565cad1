// Maintenance windows the user draws on the chart (shift + drag, or the "Draw window" toggle), for every
// series or one series (the "Applies to" choice): listed with their UTC range and scope, each removable;
// flags inside them are suppressed by the detection run.
import type { MaintenanceWindow } from '../analysis/detectors/run-types';
import { h, replace } from './dom';
import { formatDuration, formatRange } from './format';

export interface MaintenanceList {
  element: HTMLElement;
  windows(): MaintenanceWindow[];
  /** Adds a window; one without `series` takes the scope chosen under "Applies to". */
  add(w: MaintenanceWindow): void;
  /** The series name new windows apply to (undefined: every series). */
  scope(): string | undefined;
  setDrawing(on: boolean): void;
  toggleDrawing(): void;
}

export interface MaintenanceEvents {
  changed(windows: MaintenanceWindow[]): void;
  drawMode(on: boolean): void;
}

/** Per scope (every series, then each series), sorted by start; overlapping or touching windows of one scope merged. */
export function mergeWindows(windows: readonly MaintenanceWindow[]): MaintenanceWindow[] {
  const scopeKey = (w: MaintenanceWindow) => (w.series === undefined ? '' : ` ${w.series}`);
  const sorted = windows
    .filter((w) => w.end > w.start)
    .map((w) => ({ ...w }))
    .sort((a, b) => (scopeKey(a) < scopeKey(b) ? -1 : scopeKey(a) > scopeKey(b) ? 1 : a.start - b.start));
  const out: MaintenanceWindow[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w.start <= last.end && last.series === w.series) last.end = Math.max(last.end, w.end);
    else out.push(w);
  }
  return out;
}

/** Whether a window covers the series named `name` (a window without a series covers every one). */
export const coversSeries = (w: MaintenanceWindow, name: string | undefined): boolean => w.series === undefined || w.series === name;

const EVERY = '';

export function maintenanceWindows(initial: readonly MaintenanceWindow[], events: MaintenanceEvents, seriesNames: readonly string[] = []): MaintenanceList {
  let windows = mergeWindows(initial);
  let drawing = false;
  const list = h('ul', { class: 'window-list', attrs: { 'aria-label': 'Maintenance windows' } });
  const draw = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-pressed': 'false', 'aria-keyshortcuts': 'w' } }, 'Draw window');
  const hint = h('p', { class: 'panel-hint muted', attrs: { hidden: true } }, 'Drag across the chart to mark the window; press the button again to stop.');
  const names = [...new Set(seriesNames)];
  const scopeSelect = h(
    'select',
    { attrs: { 'aria-label': 'Maintenance windows apply to' } },
    h('option', { attrs: { value: EVERY } }, 'Every series'),
    ...names.map((n) => h('option', { attrs: { value: n } }, n)),
  );
  const scope = (): string | undefined => (scopeSelect.value === EVERY ? undefined : scopeSelect.value);

  const setDrawing = (on: boolean) => {
    drawing = on;
    draw.setAttribute('aria-pressed', String(on));
    hint.hidden = !on;
    events.drawMode(on);
  };
  draw.addEventListener('click', () => setDrawing(!drawing));

  const render = () => {
    if (!windows.length) {
      replace(list, h('li', { class: 'muted window-empty' }, 'None. Shift + drag on the chart, or press Draw window, to mark planned work whose flags should not alert.'));
      return;
    }
    replace(
      list,
      ...windows.map((w, i) =>
        h(
          'li',
          { class: 'window-item', attrs: { 'data-scope': w.series ?? 'every' } },
          h('span', { class: 'window-range' }, formatRange(w.start, w.end)),
          h('span', { class: 'muted' }, `${formatDuration(w.end - w.start)} · `, h('span', { class: 'window-scope' }, w.series ?? 'every series')),
          h(
            'button',
            {
              class: 'btn btn-ghost btn-small',
              attrs: { type: 'button', 'aria-label': `Remove maintenance window ${formatRange(w.start, w.end)} (${w.series ?? 'every series'})` },
              on: {
                click: () => {
                  windows = windows.filter((_, j) => j !== i);
                  render();
                  events.changed(windows.map((x) => ({ ...x })));
                },
              },
            },
            'Remove',
          ),
        ),
      ),
    );
  };
  render();

  const element = h(
    'div',
    { class: 'maintenance' },
    h('div', { class: 'panel-row' }, h('span', { class: 'panel-label' }, 'Maintenance windows'), h('span', { class: 'toolbar-spacer' }), draw),
    names.length ? h('label', { class: 'field maintenance-scope' }, h('span', null, 'Applies to'), scopeSelect) : null,
    hint,
    list,
  );
  return {
    element,
    windows: () => windows.map((x) => ({ ...x })),
    add(w) {
      const chosen = w.series ?? scope();
      windows = mergeWindows([...windows, chosen === undefined ? { start: w.start, end: w.end } : { start: w.start, end: w.end, series: chosen }]);
      render();
      events.changed(windows.map((x) => ({ ...x })));
    },
    scope,
    setDrawing,
    toggleDrawing: () => setDrawing(!drawing),
  };
}
