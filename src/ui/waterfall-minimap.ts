// The waterfall's minimap (as Jaeger UI's span graph above its timeline): every shown row of the whole
// trace as a thin service-coloured bar (errors in red), the time window the waterfall shows left unshaded,
// and the rows in view as a band. Drag across it to zoom to that time range, click to scroll to a row,
// double-click to see the whole trace again. The bars are drawn once per layout into an offscreen canvas;
// a frame only copies them and draws the window, the band and a drag.

import type { WaterfallRows } from '../workers/api-traces';
import { h } from './dom';
import { columns, serviceSlot, type WaterfallPalette } from './waterfall-draw';
import { barOf } from './waterfall-layout';

export const MINIMAP_PX = 48;
const PAD = 3;

export interface MinimapEvents {
  /** Dragged across [from, to] µs of the whole trace. */
  zoom(from: number, to: number): void;
  /** Double-clicked: the whole trace. */
  reset(): void;
  /** Clicked at shown-row position `pos`. */
  scrollTo(pos: number): void;
}

export interface MinimapFrame {
  rows: WaterfallRows;
  shown: Uint32Array;
  width: number;
  palette: WaterfallPalette;
  /** The time window the waterfall shows (µs from the trace start). */
  from: number;
  to: number;
  /** Positions [first, last) of the shown rows in the viewport. */
  first: number;
  last: number;
}

export class WaterfallMinimap {
  readonly element = h('canvas', { class: 'wf-minimap', attrs: { role: 'img', 'aria-label': 'Overview of the whole trace' } });
  private bars?: HTMLCanvasElement;
  /** What the cached bars were drawn for (`shown` is a new array after every collapse, expand or new trace). */
  private barsOf?: { shown: Uint32Array; width: number; dpr: number; colours: string };
  private frame?: MinimapFrame;
  private drag?: { x0: number; x1: number };

  constructor(private readonly events: MinimapEvents, private readonly redraw: () => void) {
    const c = this.element;
    c.title = 'Overview of the whole trace: drag across it to zoom to a time range, click to scroll to those rows, double-click to see the whole trace';
    c.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || !this.frame) return;
      const x = this.x(e);
      this.drag = { x0: x, x1: x };
      c.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    c.addEventListener('pointermove', (e) => {
      if (!this.drag) return;
      this.drag.x1 = this.x(e);
      this.redraw();
    });
    c.addEventListener('pointerup', (e) => this.release(e));
    c.addEventListener('pointercancel', () => {
      this.drag = undefined;
      this.redraw();
    });
    c.addEventListener('dblclick', () => this.events.reset());
  }

  draw(f: MinimapFrame): void {
    this.frame = f;
    const dpr = window.devicePixelRatio || 1;
    const c = this.element;
    const pw = Math.max(1, Math.round(f.width * dpr));
    const ph = Math.round(MINIMAP_PX * dpr);
    if (c.width !== pw || c.height !== ph) {
      c.width = pw;
      c.height = ph;
      c.style.width = `${f.width}px`;
      c.style.height = `${MINIMAP_PX}px`;
    }
    const b = this.barsOf;
    const colours = [f.palette.error, ...f.palette.services].join();
    if (!this.bars || !b || b.shown !== f.shown || b.width !== f.width || b.dpr !== dpr || b.colours !== colours) {
      this.bars = drawBars(f, pw, ph, dpr);
      this.barsOf = { shown: f.shown, width: f.width, dpr, colours };
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const { nameW, x0, w } = columns(f.width);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = f.palette.panel;
    ctx.fillRect(0, 0, pw, ph);
    ctx.drawImage(this.bars, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = f.palette.grid;
    ctx.fillRect(nameW, 0, 1, MINIMAP_PX);
    const total = f.rows.durationUs;
    const xAt = (t: number) => x0 + (total > 0 ? (t / total) * w : 0);
    // Outside the shown time window: dimmed.
    const a = xAt(f.from);
    const z = xAt(f.to);
    ctx.globalAlpha = 0.6;
    ctx.fillStyle = f.palette.bg;
    ctx.fillRect(x0, 0, Math.max(0, a - x0), MINIMAP_PX);
    ctx.fillRect(z, 0, Math.max(0, x0 + w - z), MINIMAP_PX);
    ctx.globalAlpha = 1;
    ctx.fillStyle = f.palette.muted;
    ctx.fillRect(Math.round(a), 0, 1, MINIMAP_PX);
    ctx.fillRect(Math.round(z) - 1, 0, 1, MINIMAP_PX);
    // The rows in view.
    const n = f.shown.length;
    if (n > 0) {
      const y0 = PAD + (f.first / n) * (MINIMAP_PX - 2 * PAD);
      const y1 = PAD + (f.last / n) * (MINIMAP_PX - 2 * PAD);
      ctx.strokeStyle = f.palette.accent;
      ctx.lineWidth = 1;
      ctx.strokeRect(x0 - 0.5, Math.floor(y0) + 0.5, w + 1, Math.max(2, Math.round(y1 - y0) - 1));
    }
    if (this.drag) {
      ctx.fillStyle = f.palette.selected;
      const l = Math.max(x0, Math.min(this.drag.x0, this.drag.x1));
      const r = Math.min(x0 + w, Math.max(this.drag.x0, this.drag.x1));
      ctx.fillRect(l, 0, Math.max(1, r - l), MINIMAP_PX);
    }
    // Name column: what this strip is.
    ctx.fillStyle = f.palette.muted;
    ctx.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillText(`Overview: ${n.toLocaleString('en-US')} rows`, 6, MINIMAP_PX / 2);
  }

  private x(e: PointerEvent): number {
    return e.clientX - this.element.getBoundingClientRect().left;
  }

  private release(e: PointerEvent): void {
    const d = this.drag;
    const f = this.frame;
    this.drag = undefined;
    if (!d || !f) return;
    const { x0, w } = columns(f.width);
    const total = f.rows.durationUs;
    const timeAt = (x: number) => (Math.max(0, Math.min(w, x - x0)) / w) * total;
    if (Math.abs(d.x1 - d.x0) >= 4) {
      this.events.zoom(timeAt(Math.min(d.x0, d.x1)), timeAt(Math.max(d.x0, d.x1)));
    } else if (f.shown.length > 0) {
      const y = e.clientY - this.element.getBoundingClientRect().top;
      const share = Math.max(0, Math.min(1, (y - PAD) / (MINIMAP_PX - 2 * PAD)));
      this.events.scrollTo(Math.min(f.shown.length - 1, Math.floor(share * f.shown.length)));
    }
    this.redraw();
  }
}

/** CSS colours as RGBA pixels (read back from a canvas, so any CSS colour syntax works). */
function pixelsOf(colours: string[]): Uint32Array {
  const c = document.createElement('canvas');
  c.width = colours.length;
  c.height = 1;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  if (!ctx) return new Uint32Array(colours.length);
  colours.forEach((colour, i) => {
    ctx.fillStyle = colour;
    ctx.fillRect(i, 0, 1, 1);
  });
  return new Uint32Array(ctx.getImageData(0, 0, colours.length, 1).data.buffer);
}

/**
 * The shown rows as bars over the whole trace (transparent elsewhere), one pixel line (up to 4 px for
 * short traces) per row or per bucket of rows. Rasterised here rather than with a fillRect per row: a
 * software-rendered canvas took about 290 ms for 100 k fillRects, a byte fill per bar takes a few.
 * Error spans are painted last so that they show through their bucket.
 */
function drawBars(f: MinimapFrame, pw: number, ph: number, dpr: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = pw;
  canvas.height = ph;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const { rows, shown, palette } = f;
  const { x0, w } = columns(f.width);
  const n = shown.length;
  const band = MINIMAP_PX - 2 * PAD;
  const lineH = Math.max(1, Math.round(Math.min(4, band / Math.max(1, n)) * dpr));
  // Per device pixel: 0 nothing, 1 error, 2 + k the k-th service colour.
  const slots = new Uint8Array(pw * ph);
  const serviceSlots = Uint8Array.from(rows.services, (name) => 2 + serviceSlot(name));
  for (const errors of [false, true]) {
    for (let pos = 0; pos < n; pos++) {
      const r = shown[pos];
      if ((rows.status[r] === 2) !== errors) continue;
      const bar = barOf(rows.start[r], rows.duration[r], rows.durationUs, x0, w, 1);
      const xa = Math.floor(bar.x * dpr);
      const xb = Math.min(pw, Math.max(xa + 1, Math.ceil((bar.x + bar.w) * dpr)));
      const y = Math.floor((PAD + (pos / n) * band) * dpr);
      const slot = errors ? 1 : serviceSlots[rows.service[r]];
      for (let k = y; k < Math.min(ph, y + lineH); k++) slots.fill(slot, k * pw + xa, k * pw + xb);
    }
  }
  const colours = pixelsOf([palette.error, ...palette.services]);
  const image = ctx.createImageData(pw, ph);
  const px = new Uint32Array(image.data.buffer);
  for (let i = 0; i < slots.length; i++) if (slots[i]) px[i] = colours[slots[i] - 1];
  ctx.putImageData(image, 0, 0);
  return canvas;
}
