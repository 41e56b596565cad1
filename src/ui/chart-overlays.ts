// Canvas overlays of the metrics chart that detection results add: time bands (incidents coloured by
// severity, maintenance windows hatched) and flagged points coloured by severity. Presentation only.
import type uPlot from 'uplot';

/** Band level of a NAB labelled window (drawn under incidents, in its own colour). */
export const NAB_WINDOW_LEVEL = -2;

/** A shaded time span; `level` indexes the severity colours (-1: a maintenance window, NAB_WINDOW_LEVEL: a NAB window). */
export interface TimeBand {
  t0: number;
  t1: number;
  level: number;
}

/** What the overlay draw hooks read at draw time. */
export interface OverlayState {
  /** Incident bands and maintenance windows in view. */
  bands: readonly TimeBand[];
  /** Per flagged point (parallel to flagT), an index into `levelColours`; absent: one anomaly colour. */
  flagLevel?: Uint8Array;
  /** Colours of severity levels LOW, MEDIUM, HIGH, CRITICAL. */
  levelColours: readonly string[];
  /** Colour of maintenance windows. */
  maintenance: string;
  /** Colour of NAB labelled windows. */
  nabWindow?: string;
}

function clipToPlot(u: uPlot): void {
  const { left, top, width, height } = u.bbox;
  u.ctx.beginPath();
  u.ctx.rect(left, top, width, height);
  u.ctx.clip();
}

/** Incident bands (translucent fill, solid top edge) and maintenance windows (hatched), full plot height. */
export function drawBands(u: uPlot, o: OverlayState): void {
  if (!o.bands.length) return;
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  const dpr = devicePixelRatio;
  ctx.save();
  clipToPlot(u);
  for (const b of o.bands) {
    if (b.level === NAB_WINDOW_LEVEL) {
      drawNabWindow(u, b, o.nabWindow ?? o.maintenance);
      continue;
    }
    const x0 = u.valToPos(b.t0, 'x', true);
    const x1 = u.valToPos(b.t1, 'x', true);
    if (!Number.isFinite(x0) || !Number.isFinite(x1)) continue;
    const w = Math.max(2 * dpr, x1 - x0);
    const colour = b.level < 0 ? o.maintenance : o.levelColours[Math.min(b.level, o.levelColours.length - 1)];
    ctx.globalAlpha = b.level < 0 ? 0.14 : 0.16;
    ctx.fillStyle = colour;
    ctx.fillRect(x0, top, w, height);
    ctx.globalAlpha = 0.9;
    if (b.level < 0) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = dpr;
      ctx.globalAlpha = 0.45;
      ctx.beginPath();
      for (let x = x0 - height; x < x0 + w; x += 8 * dpr) {
        ctx.moveTo(Math.max(x, x0), top + Math.max(0, x0 - x));
        const end = Math.min(x + height, x0 + w);
        ctx.lineTo(end, top + (end - x));
      }
      ctx.stroke();
    } else {
      ctx.fillRect(x0, top, w, 3 * dpr);
    }
  }
  ctx.restore();
}

/** A NAB window: light fill, solid edges at its first and last row, a bar along the bottom. */
function drawNabWindow(u: uPlot, b: TimeBand, colour: string): void {
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  const dpr = devicePixelRatio;
  const x0 = u.valToPos(b.t0, 'x', true);
  const x1 = u.valToPos(b.t1, 'x', true);
  if (!Number.isFinite(x0) || !Number.isFinite(x1)) return;
  const w = Math.max(2 * dpr, x1 - x0);
  ctx.fillStyle = colour;
  ctx.globalAlpha = 0.12;
  ctx.fillRect(x0, top, w, height);
  ctx.globalAlpha = 0.85;
  ctx.fillRect(x0, top + height - 4 * dpr, w, 4 * dpr);
  ctx.fillRect(x0, top, dpr, height);
  ctx.fillRect(x0 + w - dpr, top, dpr, height);
}

/** Flagged points: filled circles in their severity colour (larger for higher levels), outlined. */
export function drawFlags(u: uPlot, flagT: Float64Array, flagV: Float64Array, fallback: string, outline: string, o?: OverlayState): void {
  if (!flagT.length) return;
  const ctx = u.ctx;
  const dpr = devicePixelRatio;
  ctx.save();
  clipToPlot(u);
  ctx.strokeStyle = outline;
  ctx.lineWidth = 1.5 * dpr;
  const levels = o?.flagLevel;
  for (let i = 0; i < flagT.length; i++) {
    const x = u.valToPos(flagT[i], 'x', true);
    const y = u.valToPos(flagV[i], 'y', true);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const level = levels && i < levels.length ? levels[i] : -1;
    ctx.fillStyle = level >= 0 && o ? o.levelColours[Math.min(level, o.levelColours.length - 1)] : fallback;
    ctx.beginPath();
    ctx.arc(x, y, (3.5 + Math.max(0, level) * 0.6) * dpr, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}
