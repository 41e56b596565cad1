// The waterfall component: a canvas of virtualised rows in a scroller (only the rows in view are drawn,
// devicePixelRatio aware, redrawn when it changes), a time axis, collapse/expand, selection by click or keys, and a table of the drawn rows.

import { ROW_FLAG, type WaterfallRows } from '../workers/api-traces';
import { h, replace } from './dom';
import { busy } from './idle';
import { onPixelRatioChange } from './pixel-ratio';
import { onThemeChange } from './theme';
import { AXIS_PX, ROW_PX, columns, criticalByRow, drawAxis, drawRows, indentOf, waterfallPalette, type CriticalByRow } from './waterfall-draw';
import { formatMicros, positionOf, rowWindow, scrollToShow, shownAncestor, visibleRows, zoomWindow } from './waterfall-layout';
import { WaterfallMinimap } from './waterfall-minimap';

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const OVERSCAN = 4;

export interface WaterfallEvents {
  /** A row was selected (click, keys, or a programmatic select with notify). */
  select(row: number): void;
  /** The time window was zoomed in (true) or reset to the whole trace (false). */
  zoom(zoomed: boolean): void;
}

function rowNotes(rows: WaterfallRows, r: number, matched: boolean): string {
  const f = rows.flags[r];
  const notes: string[] = [];
  if (matched) notes.push('matches find');
  if (f & ROW_FLAG.rootCause) notes.push('root cause');
  else if (f & ROW_FLAG.errorOrigin) notes.push('error origin');
  else if (f & ROW_FLAG.propagated) notes.push('error (propagated)');
  else if (rows.status[r] === 2) notes.push('error');
  if (f & ROW_FLAG.critical) notes.push('critical path');
  if (f & ROW_FLAG.placeholder) notes.push('missing parent');
  if (f & ROW_FLAG.skewShifted) notes.push('clock skew adjusted');
  return notes.join(', ');
}

export class Waterfall {
  readonly element: HTMLElement;
  private readonly axis = h('canvas', { class: 'wf-axis', attrs: { 'aria-hidden': 'true' } });
  private readonly canvas = h('canvas', { class: 'wf-canvas' });
  private readonly spacer = h('div', { class: 'wf-spacer' });
  private readonly minimap: WaterfallMinimap;
  private readonly scroller: HTMLDivElement;
  private readonly tableBody = h('tbody');
  private readonly table: HTMLTableElement;
  private rows?: WaterfallRows;
  private critical?: CriticalByRow;
  private collapsed = new Uint8Array(0);
  private matched = new Uint8Array(0);
  private shown: Uint32Array = new Uint32Array(0);
  private selected = -1;
  private hover = -1;
  private frame = 0;
  private endFrame?: () => void;
  private readonly resize: ResizeObserver;
  private readonly offTheme: () => void;
  private readonly offRatio: () => void;
  private width = 0;
  private height = 0;
  /** The time window shown (µs from the trace start), and a zoom range being dragged on the axis (px). */
  private view = { from: 0, to: 0 };
  private brush?: [number, number];
  /** Rows drawn by the last frame (first position, count), for tests and the table. */
  drawn = { first: 0, count: 0 };

  constructor(private readonly events: WaterfallEvents) {
    this.scroller = h(
      'div',
      {
        class: 'wf-scroll',
        attrs: { tabindex: 0, role: 'group', 'aria-label': 'Waterfall: arrow keys move the selection, ← and → collapse and expand, Enter toggles, + and − zoom the time axis, 0 shows the whole trace' },
        on: {
          scroll: () => this.schedule(),
          keydown: (e) => this.key(e),
          click: (e) => this.click(e),
          mousemove: (e) => this.move(e),
          mouseleave: () => this.setHover(-1),
        },
      },
      this.canvas,
      this.spacer,
    );
    this.table = h(
      'table',
      { class: 'data-table wf-table sr-only', attrs: { 'aria-label': 'Spans drawn in the waterfall' } },
      h('thead', null, h('tr', null, ...['Row', 'Depth', 'Service', 'Operation', 'Start', 'Duration', 'Notes'].map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
      this.tableBody,
    );
    this.minimap = new WaterfallMinimap(
      {
        zoom: (from, to) => this.zoomTo(from, to),
        reset: () => this.resetZoom(),
        scrollTo: (pos) => {
          this.scroller.scrollTop = Math.max(0, pos * ROW_PX - this.viewport() / 2);
        },
      },
      () => this.schedule(),
    );
    this.element = h('div', { class: 'waterfall' }, this.minimap.element, this.axis, this.scroller, this.table);
    this.axis.title = 'Drag across the time axis to zoom in; double-click (or press 0 in the waterfall) to see the whole trace';
    this.axis.addEventListener('mousedown', (e) => this.brushStart(e));
    this.axis.addEventListener('mousemove', (e) => this.brushMove(e));
    this.axis.addEventListener('mouseup', () => this.brushEnd());
    this.axis.addEventListener('mouseleave', () => {
      this.brush = undefined;
      this.schedule();
    });
    this.axis.addEventListener('dblclick', () => this.resetZoom());
    this.resize = new ResizeObserver(() => this.schedule());
    this.resize.observe(this.scroller);
    this.offTheme = onThemeChange(() => this.schedule());
    // The axis, rows and minimap are sized to the ratio when drawn (the minimap's cached bars too).
    this.offRatio = onPixelRatioChange(() => this.schedule());
  }

  /** Shows the accessible table of drawn rows visibly (it is always there for screen readers). */
  showTable(on: boolean): void {
    this.table.classList.toggle('sr-only', !on);
  }

  /** Replaces the rows (a new trace, or the same trace with another clock-skew setting): collapse state kept when the count matches. */
  setRows(rows: WaterfallRows, selected = -1): void {
    if (!this.rows || this.rows.count !== rows.count) {
      this.collapsed = new Uint8Array(rows.count);
      this.matched = new Uint8Array(rows.count);
    }
    // A new trace shows whole; the same trace again (clock skew toggled) keeps the zoom inside its new span.
    const same = this.rows?.traceId === rows.traceId && this.zoomed();
    this.rows = rows;
    this.view = same ? { from: Math.min(this.view.from, rows.durationUs), to: Math.min(this.view.to, rows.durationUs) } : { from: 0, to: rows.durationUs };
    if (!(this.view.to > this.view.from)) this.view = { from: 0, to: rows.durationUs };
    this.events.zoom(this.zoomed());
    this.critical = criticalByRow(rows);
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', `Waterfall of ${rows.count.toLocaleString('en-US')} rows over ${formatMicros(rows.durationUs)}; the table below lists the rows drawn`);
    this.relayout();
    this.select(selected, false);
  }

  /** Selects row `row` (revealing it when a collapsed ancestor hides it) and scrolls it into view. */
  select(row: number, notify = true): void {
    const rows = this.rows;
    if (!rows || row < 0 || row >= rows.count) {
      this.selected = -1;
      this.schedule();
      return;
    }
    let changed = false;
    for (let p = rows.parent[row]; p >= 0; p = rows.parent[p]) {
      if (this.collapsed[p]) {
        this.collapsed[p] = 0;
        changed = true;
      }
    }
    if (changed) this.relayout();
    this.selected = row;
    const pos = positionOf(this.shown, row);
    if (pos >= 0) this.scroller.scrollTop = scrollToShow(this.scroller.scrollTop, this.viewport(), ROW_PX, pos);
    this.schedule();
    if (notify) this.events.select(row);
  }

  /** Tints `rows` (the find box's matches; an empty array clears them). */
  setMatches(rows: Uint32Array): void {
    this.matched = new Uint8Array(this.rows?.count ?? 0);
    for (const r of rows) if (r < this.matched.length) this.matched[r] = 1;
    this.schedule();
  }

  /** Collapses (or expands) row `row`'s subtree; a hidden selection moves up to the row. */
  toggle(row: number, collapse = !this.collapsed[row]): void {
    const rows = this.rows;
    if (!rows || !(rows.flags[row] & ROW_FLAG.hasChildren) || Boolean(this.collapsed[row]) === collapse) return;
    this.collapsed[row] = collapse ? 1 : 0;
    this.relayout();
    if (this.selected >= 0 && positionOf(this.shown, this.selected) < 0) this.select(shownAncestor(this.shown, rows.parent, this.selected));
  }

  zoomed(): boolean {
    return !!this.rows && (this.view.from > 0 || this.view.to < this.rows.durationUs);
  }

  /** Shows the window [from, to] µs from the trace start (clamped to the trace). */
  zoomTo(from: number, to: number): void {
    const rows = this.rows;
    if (!rows || !(to > from)) return;
    const total = rows.durationUs;
    const span = Math.max(total * 1e-6, Math.min(total, to - from));
    const start = Math.max(0, Math.min(total - span, from));
    this.view = { from: start, to: start + span };
    this.events.zoom(this.zoomed());
    this.schedule();
  }

  resetZoom(): void {
    if (this.rows) this.zoomTo(0, this.rows.durationUs);
  }

  private zoomBy(factor: number): void {
    const rows = this.rows;
    if (!rows) return;
    // Around the selected span's middle when it is in view, else around the middle of the view.
    let at = (this.view.from + this.view.to) / 2;
    if (this.selected >= 0) {
      const mid = rows.start[this.selected] + rows.duration[this.selected] / 2;
      if (mid >= this.view.from && mid <= this.view.to) at = mid;
    }
    const next = zoomWindow(this.view, factor, at, rows.durationUs);
    this.zoomTo(next.from, next.to);
  }

  private axisTime(px: number): number {
    const { x0, w } = columns(this.width);
    return this.view.from + (Math.max(0, Math.min(w, px - x0)) / w) * (this.view.to - this.view.from);
  }

  private brushStart(e: MouseEvent): void {
    const x = e.clientX - this.axis.getBoundingClientRect().left;
    if (x < columns(this.width).x0) return;
    this.brush = [x, x];
    e.preventDefault();
  }

  private brushMove(e: MouseEvent): void {
    if (!this.brush) return;
    this.brush = [this.brush[0], e.clientX - this.axis.getBoundingClientRect().left];
    this.schedule();
  }

  private brushEnd(): void {
    const b = this.brush;
    this.brush = undefined;
    if (b && Math.abs(b[1] - b[0]) >= 4) this.zoomTo(this.axisTime(Math.min(...b)), this.axisTime(Math.max(...b)));
    else this.schedule();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.endFrame?.();
    this.resize.disconnect();
    this.offTheme();
    this.offRatio();
  }

  private relayout(): void {
    if (!this.rows) return;
    this.shown = visibleRows(this.rows.subtreeSize, this.collapsed);
    // As tall as the rows, up to the CSS max-height (then it scrolls).
    this.scroller.style.height = `${Math.max(ROW_PX * 3, this.shown.length * ROW_PX)}px`;
    this.spacer.style.height = `${Math.max(0, this.shown.length * ROW_PX - this.viewport())}px`;
    this.schedule();
  }

  private viewport(): number {
    return this.scroller.clientHeight || 400;
  }

  private schedule(): void {
    if (this.frame) return;
    this.endFrame = busy();
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      try {
        this.draw();
      } finally {
        this.endFrame?.();
        this.endFrame = undefined;
      }
    });
  }

  private fit(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
    const dpr = window.devicePixelRatio || 1;
    const pw = Math.max(1, Math.round(width * dpr));
    const ph = Math.max(1, Math.round(height * dpr));
    if (canvas.width !== pw || canvas.height !== ph) {
      canvas.width = pw;
      canvas.height = ph;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const ctx = canvas.getContext('2d');
    ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }

  private draw(): void {
    const rows = this.rows;
    if (!rows || !this.critical) return;
    this.width = this.scroller.clientWidth;
    this.height = this.viewport();
    if (this.width <= 0) return;
    // The spacer depends on the viewport height, which a resize changes.
    this.spacer.style.height = `${Math.max(0, this.shown.length * ROW_PX - this.height)}px`;
    const palette = waterfallPalette(this.element);
    const axis = this.fit(this.axis, this.width, AXIS_PX);
    if (axis) drawAxis(axis, { ...this.view, zoomed: this.zoomed(), brush: this.brush }, this.width, palette, FONT);
    const scrollTop = this.scroller.scrollTop;
    const { first, last } = rowWindow(scrollTop, this.height, ROW_PX, this.shown.length, OVERSCAN);
    const ctx = this.fit(this.canvas, this.width, this.height);
    if (ctx) {
      drawRows(ctx, { rows, critical: this.critical, shown: this.shown, collapsed: this.collapsed, first, last, scrollTop, selected: this.selected, hover: this.hover, matched: this.matched, width: this.width, height: this.height, from: this.view.from, to: this.view.to }, palette, FONT);
    }
    const inView = rowWindow(scrollTop, this.height, ROW_PX, this.shown.length);
    this.minimap.draw({ rows, shown: this.shown, width: this.width, palette, from: this.view.from, to: this.view.to, ...inView });
    this.drawn = { first, count: last - first };
    this.canvas.dataset.first = String(first);
    this.canvas.dataset.count = String(last - first);
    this.fillTable(first, last);
  }

  private fillTable(first: number, last: number): void {
    const rows = this.rows;
    if (!rows) return;
    const trs: HTMLTableRowElement[] = [];
    for (let pos = first; pos < last; pos++) {
      const r = this.shown[pos];
      const tr = h(
        'tr',
        { class: r === this.selected ? 'selected' : undefined, attrs: { 'aria-selected': r === this.selected ? 'true' : undefined, 'data-row': r } },
        h('td', { class: 'num' }, String(r)),
        h('td', { class: 'num' }, String(rows.depth[r])),
        h('td', null, rows.services[rows.service[r]]),
        h('td', null, rows.operations[rows.operation[r]]),
        h('td', { class: 'num' }, formatMicros(rows.start[r])),
        h('td', { class: 'num' }, formatMicros(rows.duration[r])),
        h('td', null, rowNotes(rows, r, this.matched[r] === 1)),
      );
      trs.push(tr);
    }
    replace(this.tableBody, ...trs);
  }

  /** The row under a mouse event, and whether the event hit its collapse toggle. */
  private hit(e: MouseEvent): { row: number; toggle: boolean } {
    const rect = this.scroller.getBoundingClientRect();
    const y = e.clientY - rect.top + this.scroller.scrollTop;
    const x = e.clientX - rect.left;
    const pos = Math.floor(y / ROW_PX);
    if (!this.rows || pos < 0 || pos >= this.shown.length) return { row: -1, toggle: false };
    const row = this.shown[pos];
    const indent = 6 + indentOf(this.rows.depth[row], this.rows.counts.maxDepth, columns(this.width).nameW).px;
    return { row, toggle: x >= indent - 4 && x <= indent + 14 && (this.rows.flags[row] & ROW_FLAG.hasChildren) !== 0 };
  }

  private click(e: MouseEvent): void {
    const { row, toggle } = this.hit(e);
    if (row < 0) return;
    if (toggle) this.toggle(row);
    else this.select(row);
  }

  private move(e: MouseEvent): void {
    this.setHover(this.hit(e).row);
  }

  private setHover(row: number): void {
    if (row === this.hover) return;
    this.hover = row;
    this.scroller.style.cursor = row >= 0 ? 'pointer' : '';
    this.schedule();
  }

  private key(e: KeyboardEvent): void {
    const rows = this.rows;
    if (!rows || e.ctrlKey || e.metaKey || e.altKey) return;
    const pos = this.selected >= 0 ? positionOf(this.shown, this.selected) : -1;
    const page = Math.max(1, Math.floor(this.viewport() / ROW_PX) - 1);
    const go = (p: number) => this.select(this.shown[Math.max(0, Math.min(this.shown.length - 1, p))]);
    let handled = true;
    if (e.key === 'ArrowDown') go(pos + 1);
    else if (e.key === 'ArrowUp') go(pos < 0 ? 0 : pos - 1);
    else if (e.key === 'PageDown') go(pos + page);
    else if (e.key === 'PageUp') go(pos - page);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(this.shown.length - 1);
    else if (e.key === 'ArrowLeft' && this.selected >= 0) {
      if ((rows.flags[this.selected] & ROW_FLAG.hasChildren) && !this.collapsed[this.selected]) this.toggle(this.selected, true);
      else if (rows.parent[this.selected] >= 0) this.select(rows.parent[this.selected]);
    } else if (e.key === 'ArrowRight' && this.selected >= 0) this.toggle(this.selected, false);
    else if ((e.key === 'Enter' || e.key === ' ') && this.selected >= 0) this.toggle(this.selected);
    else if (e.key === '+' || e.key === '=') this.zoomBy(0.5);
    else if (e.key === '-') this.zoomBy(2);
    else if (e.key === '0') this.resetZoom();
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }
}
