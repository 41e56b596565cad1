// Draws the waterfall on a 2D canvas: the window of shown rows only (name column with depth indentation and
// toggles, service-coloured bars, critical-path sections, error and root-cause marks), and the time axis.

import { ROW_FLAG, type WaterfallRows } from '../workers/api-traces';
import { barOf, clipToWindow, formatMicros, timeTicks, xOf } from './waterfall-layout';

export const ROW_PX = 22;
export const AXIS_PX = 26;
/** Indentation of a row at `depth` in a trace `maxDepth` deep: up to 12 px a level, narrower for deep trees, capped. */
export function indentOf(depth: number, maxDepth: number, nameW: number): { px: number; capped: boolean } {
  const cap = Math.floor(nameW * 0.45);
  const step = Math.min(12, Math.max(3, cap / Math.max(1, maxDepth)));
  const px = depth * step;
  return px > cap ? { px: cap, capped: true } : { px, capped: false };
}
const SERVICE_COLOURS = 12;

export interface WaterfallPalette {
  bg: string;
  panel: string;
  text: string;
  muted: string;
  grid: string;
  selected: string;
  /** Rows matching the find box. */
  match: string;
  hover: string;
  error: string;
  critical: string;
  warn: string;
  accent: string;
  services: string[];
}

export function waterfallPalette(el: Element): WaterfallPalette {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    bg: v('--panel'), panel: v('--panel-2'), text: v('--text'), muted: v('--muted'), grid: v('--border'),
    selected: v('--wf-selected'), hover: v('--wf-hover'), match: v('--wf-match'), error: v('--error'), critical: v('--wf-critical'), warn: v('--warn'), accent: v('--accent'),
    services: Array.from({ length: SERVICE_COLOURS }, (_, i) => v(`--svc-${i}`)),
  };
}

/** A stable colour slot for a service name (the same service has the same colour in every trace). */
export function serviceSlot(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return (h >>> 0) % SERVICE_COLOURS;
}

/** The x band of the timeline and the width of the name column for a canvas `width` px wide. */
export function columns(width: number): { nameW: number; x0: number; w: number } {
  const nameW = Math.round(Math.min(420, Math.max(220, width * 0.32)));
  const x0 = nameW + 10;
  return { nameW, x0, w: Math.max(40, width - x0 - 64) };
}

/** Sections of the critical path grouped by row (CSR): row r's are sec[off[r]] … sec[off[r+1]−1]. */
export interface CriticalByRow {
  off: Uint32Array;
  sec: Uint32Array;
}

export function criticalByRow(rows: WaterfallRows): CriticalByRow {
  const off = new Uint32Array(rows.count + 1);
  const cr = rows.critical.row;
  for (let j = 0; j < cr.length; j++) off[cr[j] + 1]++;
  for (let r = 0; r < rows.count; r++) off[r + 1] += off[r];
  const cursor = off.slice(0, rows.count);
  const sec = new Uint32Array(cr.length);
  for (let j = 0; j < cr.length; j++) sec[cursor[cr[j]]++] = j;
  return { off, sec };
}

export interface DrawState {
  rows: WaterfallRows;
  critical: CriticalByRow;
  shown: Uint32Array;
  collapsed: Uint8Array;
  first: number;
  last: number;
  scrollTop: number;
  selected: number;
  hover: number;
  /** 1 for rows matching the find box (tinted). */
  matched: Uint8Array;
  width: number;
  height: number;
  /** The time window shown, µs from the trace start. */
  from: number;
  to: number;
}

function truncate(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (max <= 8) return '';
  if (ctx.measureText(text).width <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(text.slice(0, mid) + '…').width <= max) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}

/** Draws rows shown[first … last−1] of `s` (y relative to the scroll position). */
export function drawRows(ctx: CanvasRenderingContext2D, s: DrawState, p: WaterfallPalette, font: string): void {
  const { rows, width, height, from, to } = s;
  const span = to - from;
  const { nameW, x0, w } = columns(width);
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, width, height);
  // Tick lines down the timeline.
  ctx.strokeStyle = p.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of timeTicks(span, w, 80, from)) {
    const x = Math.round(xOf(t.t, span, x0, w)) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
  }
  ctx.moveTo(nameW + 0.5, 0);
  ctx.lineTo(nameW + 0.5, height);
  ctx.stroke();
  ctx.font = font;
  ctx.textBaseline = 'middle';
  for (let pos = s.first; pos < s.last; pos++) {
    const r = s.shown[pos];
    const y = pos * ROW_PX - s.scrollTop;
    const mid = y + ROW_PX / 2;
    const f = rows.flags[r];
    if (s.matched[r]) {
      ctx.fillStyle = p.match;
      ctx.fillRect(0, y, width, ROW_PX);
    }
    if (r === s.selected || r === s.hover) {
      ctx.fillStyle = r === s.selected ? p.selected : p.hover;
      ctx.fillRect(0, y, width, ROW_PX);
    }
    const placeholder = (f & ROW_FLAG.placeholder) !== 0;
    const colour = placeholder ? p.muted : p.services[serviceSlot(rows.services[rows.service[r]])];
    // Name column: indentation (capped, deep trees show their depth), toggle, service swatch, names.
    const depth = rows.depth[r];
    const indent = indentOf(depth, rows.counts.maxDepth, nameW);
    let x = 6 + indent.px;
    ctx.fillStyle = p.muted;
    if (indent.capped) {
      const label = `${depth}`;
      ctx.fillText(label, Math.max(2, x - ctx.measureText(label).width - 14), mid);
    }
    if (f & ROW_FLAG.hasChildren) ctx.fillText(s.collapsed[r] ? '▸' : '▾', x, mid);
    x += 13;
    ctx.fillStyle = colour;
    ctx.fillRect(x, y + 5, 3, ROW_PX - 10);
    x += 7;
    if (f & (ROW_FLAG.rootCause | ROW_FLAG.errorOrigin)) {
      // A filled red diamond: where the error started.
      ctx.fillStyle = p.error;
      ctx.beginPath();
      ctx.moveTo(x + 5, mid - 5);
      ctx.lineTo(x + 10, mid);
      ctx.lineTo(x + 5, mid + 5);
      ctx.lineTo(x, mid);
      ctx.fill();
      x += 14;
    } else if (rows.status[r] === 2) {
      ctx.fillStyle = p.error;
      ctx.beginPath();
      ctx.arc(x + 4, mid, 3, 0, Math.PI * 2);
      ctx.fill();
      x += 11;
    }
    const service = rows.services[rows.service[r]];
    const op = rows.operations[rows.operation[r]];
    if (placeholder) {
      ctx.fillStyle = p.warn;
      ctx.fillText(truncate(ctx, `⚠ ${op}`, nameW - x - 6), x, mid);
    } else {
      const svcText = truncate(ctx, service, Math.max(0, (nameW - x - 6) * 0.45));
      ctx.fillStyle = p.muted;
      ctx.fillText(svcText, x, mid);
      const sw = svcText ? ctx.measureText(svcText).width + 6 : 0;
      ctx.fillStyle = p.text;
      ctx.fillText(truncate(ctx, op, nameW - x - sw - 6), x + sw, mid);
    }
    // Timeline: the bar, critical-path sections over it, labels after it.
    const clip = clipToWindow(rows.start[r], rows.duration[r], from, to);
    if (!clip) continue; // outside the zoomed window: the name column alone
    const bar = barOf(clip.start, clip.duration, span, x0, w, 2);
    const by = y + 5;
    const bh = ROW_PX - 10;
    if (placeholder) {
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = p.warn;
      ctx.strokeRect(bar.x + 0.5, by + 0.5, Math.max(1, bar.w - 1), bh - 1);
      ctx.setLineDash([]);
    } else {
      ctx.fillStyle = colour;
      ctx.globalAlpha = f & ROW_FLAG.critical ? 0.55 : 0.85;
      ctx.fillRect(bar.x, by, bar.w, bh);
      ctx.globalAlpha = 1;
      if (rows.status[r] === 2) {
        ctx.strokeStyle = p.error;
        ctx.lineWidth = f & ROW_FLAG.rootCause ? 2 : 1;
        ctx.strokeRect(bar.x + 0.5, by + 0.5, Math.max(1, bar.w - 1), bh - 1);
        ctx.lineWidth = 1;
      }
    }
    ctx.fillStyle = p.critical;
    for (let k = s.critical.off[r]; k < s.critical.off[r + 1]; k++) {
      const j = s.critical.sec[k];
      const cc = clipToWindow(rows.critical.start[j], rows.critical.end[j] - rows.critical.start[j], from, to);
      if (!cc) continue;
      const c = barOf(cc.start, cc.duration, span, x0, w, 1);
      ctx.fillRect(c.x, mid - 2, c.w, 4);
    }
    let label = formatMicros(rows.duration[r]);
    if (f & ROW_FLAG.skewShifted) label += ' · skew-adjusted';
    if (f & ROW_FLAG.rootCause) label += ' · root cause';
    const lw = ctx.measureText(label).width;
    const after = bar.x + bar.w + 6;
    let lx = after;
    if (after + lw > width - 2) {
      // No room after the bar: before it, or else inside its right end on a backing of the row colour.
      lx = bar.x - lw - 6 >= x0 ? bar.x - lw - 6 : Math.max(x0 + 2, bar.x + bar.w - lw - 6);
      if (lx > bar.x - lw - 6) {
        ctx.fillStyle = p.bg;
        ctx.globalAlpha = 0.85;
        ctx.fillRect(lx - 3, by, lw + 6, bh);
        ctx.globalAlpha = 1;
      }
    }
    ctx.fillStyle = f & ROW_FLAG.rootCause ? p.error : p.muted;
    ctx.fillText(label, lx, mid);
  }
}

/** Draws the time axis (ticks and labels over the timeline, a column title over the names). */
export function drawAxis(ctx: CanvasRenderingContext2D, view: { from: number; to: number; zoomed: boolean; brush?: [number, number] }, width: number, p: WaterfallPalette, font: string): void {
  const { nameW, x0, w } = columns(width);
  const span = view.to - view.from;
  ctx.fillStyle = p.panel;
  ctx.fillRect(0, 0, width, AXIS_PX);
  ctx.font = font;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = p.muted;
  ctx.fillText(view.zoomed ? 'Service · operation (zoomed)' : 'Service · operation', 8, AXIS_PX / 2);
  if (view.brush) {
    // The range being dragged out for a zoom.
    ctx.fillStyle = p.selected;
    ctx.fillRect(Math.min(...view.brush), 0, Math.abs(view.brush[1] - view.brush[0]), AXIS_PX);
    ctx.fillStyle = p.muted;
  }
  ctx.strokeStyle = p.grid;
  ctx.beginPath();
  for (const t of timeTicks(span, w, 80, view.from)) {
    const x = Math.round(xOf(t.t, span, x0, w)) + 0.5;
    ctx.moveTo(x, AXIS_PX - 6);
    ctx.lineTo(x, AXIS_PX);
    const lw = ctx.measureText(t.label).width;
    ctx.fillText(t.label, Math.min(width - lw - 2, Math.max(x0, x - lw / 2)), AXIS_PX / 2 - 2);
  }
  ctx.moveTo(nameW + 0.5, 0);
  ctx.lineTo(nameW + 0.5, AXIS_PX);
  ctx.moveTo(0, AXIS_PX - 0.5);
  ctx.lineTo(width, AXIS_PX - 0.5);
  ctx.stroke();
}
