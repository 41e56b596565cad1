// Maintenance windows the user draws on the chart (shift + drag, or the "Draw window" toggle): listed
// with their UTC range, each removable; flags inside them are suppressed by the detection run.
import type { MaintenanceWindow } from '../analysis/detectors/run-types';
import { h, replace } from './dom';
import { formatDuration, formatRange } from './format';

export interface MaintenanceList {
  element: HTMLElement;
  windows(): MaintenanceWindow[];
  add(w: MaintenanceWindow): void;
  setDrawing(on: boolean): void;
  toggleDrawing(): void;
}

export interface MaintenanceEvents {
  changed(windows: MaintenanceWindow[]): void;
  drawMode(on: boolean): void;
}

/** Sorted by start, overlapping or touching windows merged (so a window drawn twice is listed once). */
export function mergeWindows(windows: readonly MaintenanceWindow[]): MaintenanceWindow[] {
  const sorted = windows.filter((w) => w.end > w.start).map((w) => ({ ...w })).sort((a, b) => a.start - b.start);
  const out: MaintenanceWindow[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w.start <= last.end && last.series === w.series) last.end = Math.max(last.end, w.end);
    else out.push(w);
  }
  return out;
}

export function maintenanceWindows(initial: readonly MaintenanceWindow[], events: MaintenanceEvents): MaintenanceList {
  let windows = mergeWindows(initial);
  let drawing = false;
  const list = h('ul', { class: 'window-list', attrs: { 'aria-label': 'Maintenance windows' } });
  const draw = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-pressed': 'false', 'aria-keyshortcuts': 'w' } }, 'Draw window');
  const hint = h('p', { class: 'panel-hint muted', attrs: { hidden: true } }, 'Drag across the chart to mark the window; press the button again to stop.');

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
          { class: 'window-item' },
          h('span', { class: 'window-range' }, formatRange(w.start, w.end)),
          h('span', { class: 'muted' }, `${formatDuration(w.end - w.start)}${w.series ? ` · ${w.series}` : ''}`),
          h(
            'button',
            {
              class: 'btn btn-ghost btn-small',
              attrs: { type: 'button', 'aria-label': `Remove maintenance window ${formatRange(w.start, w.end)}` },
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
    hint,
    list,
  );
  return {
    element,
    windows: () => windows.map((x) => ({ ...x })),
    add(w) {
      windows = mergeWindows([...windows, w]);
      render();
      events.changed(windows.map((x) => ({ ...x })));
    },
    setDrawing,
    toggleDrawing: () => setDrawing(!drawing),
  };
}
