// The chaos lab's scenario timeline: the dataset's recorded series (uPlot) with one lane per fault under
// them, on the same time axis; a fault is a bar (click to select, drag to move, drag its right edge to resize;
// ← / → move it, Shift+← / → resize it).

import type { Fault } from '../workers/api-chaos';
import { h } from './dom';
import { AXIS_WIDTH, lineChart, RIGHT_PAD, type LineChart } from './chaos-chart';
import { FAULT_LABELS, faultTargetText, formatOffset } from './chaos-format';

export interface TimelineOptions {
  range: { start: number; end: number };
  overview: { name: string; unit: string; t: Float64Array; v: Float64Array }[];
  faults: () => Fault[];
  selected: () => number;
  onSelect(i: number): void;
  /** A fault moved or resized by dragging (committed on release). */
  onMove(i: number, startMs: number, durationMs: number): void;
}

export interface Timeline {
  element: HTMLElement;
  /** Redraw lanes and chart bands (faults or selection changed). */
  update(): void;
  destroy(): void;
}

/** Drag snaps to this share of the dataset's span, rounded to whole seconds. */
const SNAP_SHARE = 1 / 500;

export function timeline(o: TimelineOptions): Timeline {
  const span = Math.max(1, o.range.end - o.range.start);
  const snap = Math.max(1000, Math.round((span * SNAP_SHARE) / 1000) * 1000);
  const bands = () => o.faults().map((f, i) => ({ start: o.range.start + f.startMs, end: o.range.start + f.startMs + f.durationMs, strong: i === o.selected() }));
  const charts: LineChart[] = o.overview.slice(0, 2).map((s) => lineChart({
    title: `${s.name} (recorded)`, unit: s.unit, t: s.t, lines: [{ label: 'recorded', v: s.v, colour: (p) => p.line }], bands, height: 110, range: o.range, sync: 'chaos-timeline',
  }));
  const lanes = h('div', { class: 'chaos-lanes', attrs: { role: 'list', 'aria-label': 'Faults on the timeline' } });
  const element = h('section', { class: 'chaos-timeline', attrs: { 'aria-label': 'Scenario timeline' } }, ...charts.map((c) => c.element), lanes);
  lanes.style.setProperty('--lane-left', `${AXIS_WIDTH}px`);
  lanes.style.setProperty('--lane-right', `${RIGHT_PAD}px`);

  const pct = (ms: number): number => (100 * ms) / span;

  const drag = (ev: PointerEvent, i: number, mode: 'move' | 'resize', bar: HTMLElement, track: HTMLElement): void => {
    const f = o.faults()[i];
    const x0 = ev.clientX;
    const width = track.clientWidth || 1;
    let start = f.startMs;
    let duration = f.durationMs;
    let moved = false;
    bar.setPointerCapture(ev.pointerId);
    const onMove = (e: PointerEvent): void => {
      const dms = Math.round((((e.clientX - x0) / width) * span) / snap) * snap;
      if (dms !== 0) moved = true;
      if (mode === 'move') start = Math.min(Math.max(0, f.startMs + dms), Math.max(0, span - f.durationMs));
      else duration = Math.max(snap, Math.min(span - f.startMs, f.durationMs + dms));
      bar.style.left = `${pct(start)}%`;
      bar.style.width = `${Math.max(0.3, pct(duration))}%`;
    };
    const onUp = (): void => {
      bar.removeEventListener('pointermove', onMove);
      bar.removeEventListener('pointerup', onUp);
      bar.removeEventListener('pointercancel', onUp);
      if (moved) o.onMove(i, start, duration);
    };
    bar.addEventListener('pointermove', onMove);
    bar.addEventListener('pointerup', onUp);
    bar.addEventListener('pointercancel', onUp);
  };

  const update = (): void => {
    const faults = o.faults();
    const sel = o.selected();
    if (!faults.length) {
      lanes.replaceChildren(h('p', { class: 'muted chaos-lanes-empty' }, 'No faults yet: use "Add fault" to put one on the timeline.'));
    } else {
      lanes.replaceChildren(...faults.map((f, i) => {
        const label = `${FAULT_LABELS[f.kind]} on ${faultTargetText(f)}, ${formatOffset(f.startMs)} + ${formatOffset(f.durationMs)}`;
        const handle = h('span', { class: 'chaos-bar-resize', attrs: { 'aria-hidden': 'true' } });
        const bar = h('button', { class: `chaos-bar kind-${f.kind}${i === sel ? ' selected' : ''}`, attrs: { type: 'button', 'aria-pressed': String(i === sel), 'aria-label': label, title: label, 'data-fault': i } },
          h('span', { class: 'chaos-bar-text' }, `${FAULT_LABELS[f.kind]} · ${faultTargetText(f)}`), handle);
        bar.style.left = `${pct(f.startMs)}%`;
        bar.style.width = `${Math.max(0.3, pct(f.durationMs))}%`;
        const track = h('div', { class: 'chaos-lane-track' }, bar);
        bar.addEventListener('click', () => o.onSelect(i));
        bar.addEventListener('keydown', (ev) => {
          // ← / → move the fault by one snap step; with Shift they shorten / lengthen it.
          const dir = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
          if (!dir) return;
          ev.preventDefault();
          if (ev.shiftKey) o.onMove(i, f.startMs, Math.max(snap, Math.min(span - f.startMs, f.durationMs + dir * snap)));
          else o.onMove(i, Math.min(Math.max(0, f.startMs + dir * snap), Math.max(0, span - f.durationMs)), f.durationMs);
          (lanes.querySelector(`[data-fault="${i}"]`) as HTMLElement | null)?.focus();
        });
        bar.addEventListener('pointerdown', (ev) => {
          if (ev.button !== 0) return;
          drag(ev, i, ev.target === handle ? 'resize' : 'move', bar, track);
        });
        return h('div', { class: `chaos-lane${i === sel ? ' selected' : ''}`, attrs: { role: 'listitem' } },
          h('span', { class: 'chaos-lane-label' }, `${i + 1}. ${FAULT_LABELS[f.kind]}`), track);
      }));
    }
    for (const c of charts) c.redraw();
  };
  update();
  return { element, update, destroy: () => charts.forEach((c) => c.destroy()) };
}
