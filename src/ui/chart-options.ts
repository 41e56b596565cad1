// uPlot option builders for the metrics chart: the value plot (min/max band per bucket, anomaly
// markers and detection overlays drawn on canvas) and the score lane (signed z-score with ±threshold
// lines, or a detection score in [0, 1] with its 0.5 line). Presentation only.
import uPlot from 'uplot';
import type { ChartPalette } from './theme';
import { formatValue, withUnit } from './format';
import { drawBands, drawFlags, type OverlayState } from './chart-overlays';
import { axisStyle, CHART_FONT, finiteRange, timeAxis as utcTimeAxis, timePlotBase } from './plot-base';

/** What the score lane shows: a signed z-score (Metrics) or an anomaly score in [0, 1] (Anomalies). */
export type LaneKind = 'zscore' | 'unit';

/** What the draw hooks read at draw time (updated in place when data or settings change). */
export interface DrawState {
  palette: ChartPalette;
  flagT: Float64Array;
  flagV: Float64Array;
  threshold: number;
  lane: LaneKind;
  /** Detection results: incident bands, maintenance windows, flag severities. */
  overlay?: OverlayState;
}

/** Same padding on both plots so their x pixels line up. */
const PADDING: uPlot.Padding = [10, 24, 0, 0];

/** UTC tick labels (time-ticks.ts); the score lane keeps the grid without labels. */
function timeAxis(state: DrawState, show: boolean): uPlot.Axis {
  return { ...utcTimeAxis(() => state.palette, show ? 40 : 0, 70, show), gap: 4 };
}

function valueAxis(state: DrawState, label: string, unit: string, size: number): uPlot.Axis {
  return {
    label,
    labelFont: CHART_FONT,
    labelSize: 16,
    ...axisStyle(() => state.palette),
    size,
    // A split filtered out (null) gets no label at all (formatValue would print a dash for it).
    values: (_u, splits) => splits.map((v) => (v == null ? null : withUnit(formatValue(v), unit))),
  };
}

const Y_AXIS_SIZE = 76;

/** Options of the value plot. `cursor` carries the shared sync key and the dblclick override. */
export function valuePlotOptions(
  state: DrawState,
  width: number,
  height: number,
  unit: string,
  label: string,
  cursor: uPlot.Cursor,
  hooks: uPlot.Hooks.Arrays,
): uPlot.Options {
  return {
    ...timePlotBase(width, height, PADDING),
    cursor,
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: true, auto: false },
      y: {
        auto: true,
        range: finiteRange('y', (min, max) => {
          if (!(min <= max)) return [0, 1];
          const pad = max > min ? (max - min) * 0.08 : Math.abs(max) * 0.1 || 1;
          return [min - pad, max + pad];
        }),
      },
    },
    axes: [timeAxis(state, true), valueAxis(state, label, unit, Y_AXIS_SIZE)],
    series: [
      {},
      { label: 'max', stroke: () => state.palette.line, width: 1, points: { show: false } },
      { label: 'min', stroke: () => state.palette.line, width: 1, points: { show: false } },
    ],
    bands: [{ series: [1, 2], fill: () => state.palette.band }],
    hooks: {
      ...hooks,
      drawAxes: [...(hooks.drawAxes ?? []), (u) => state.overlay && drawBands(u, state.overlay)],
      draw: [...(hooks.draw ?? []), (u) => drawFlags(u, state.flagT, state.flagV, state.palette.anomaly, state.palette.selection, state.overlay)],
    },
  };
}

/** Options of the score lane below the value plot (same x, its own y). */
export function scoreLaneOptions(state: DrawState, width: number, height: number, cursor: uPlot.Cursor): uPlot.Options {
  const unit = state.lane === 'unit';
  const y: uPlot.Scale = unit
    ? { auto: false, range: () => [-0.06, 1.06] }
    : {
        auto: true,
        // asinh: linear around the threshold, compressed for very large scores, so both stay readable.
        distr: 4,
        asinh: state.threshold,
        range: finiteRange('y', (min, max) => {
          const m = Math.max(state.threshold * 1.25, min <= max ? Math.max(Math.abs(min), Math.abs(max)) : 0);
          return [-m * 1.05, m * 1.05];
        }),
      };
  return {
    ...timePlotBase(width, height, PADDING),
    cursor: { ...cursor, drag: { x: false, y: false, setScale: false } },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: { x: { time: true, auto: false }, y },
    axes: [
      timeAxis(state, false),
      laneAxis(state, unit),
    ],
    series: [
      {},
      {
        label: unit ? 'anomaly score' : 'z-score',
        stroke: () => state.palette.score,
        fill: unit ? () => state.palette.band : undefined,
        fillTo: 0,
        width: 1,
        points: { show: false },
      },
    ],
    hooks: {
      drawAxes: [(u) => state.overlay && drawBands(u, state.overlay)],
      draw: [(u) => drawThreshold(u, state)],
    },
  };
}

/** The score lane's axis: 0, ±threshold and a decade-ish step (z-scores), or 0, 0.5, 1 (unit scores). */
function laneAxis(state: DrawState, unit: boolean): uPlot.Axis {
  const base = valueAxis(state, unit ? 'score' : 'z-score', '', Y_AXIS_SIZE);
  // Keep every tick (the asinh default keeps only powers of ten), but not a ±threshold label squeezed
  // against 0's when the scores reach thousands of σ (asinh puts them a few pixels apart), nor its tick
  // mark (the dashed threshold line still shows where it is).
  const filter = (u: uPlot, splits: number[]): (number | null)[] =>
    unit ? splits : splits.map((v) => (v !== 0 && Math.abs(v) === state.threshold && crowded(u, v) ? null : v));
  return {
    ...base,
    splits: (u) => (unit ? [0, 0.5, 1] : laneSplits(state.threshold, u.scales.y.max ?? state.threshold)),
    filter,
    ticks: { ...base.ticks, filter },
  };
}

/** Pixels below which two lane labels overlap (one line of the axis font and a little air). */
const LABEL_GAP_PX = 14;
const crowded = (u: uPlot, v: number): boolean => Math.abs(u.valToPos(v, 'y') - u.valToPos(0, 'y')) < LABEL_GAP_PX;

/** Lane ticks: 0, ±threshold, and a decade-ish step above it when the scores reach that far. */
function laneSplits(k: number, max: number): number[] {
  const out = [-k, 0, k];
  const big = Math.pow(10, Math.floor(Math.log10(Math.max(max, 1))));
  if (big >= 3 * k && big <= max) out.push(big, -big);
  return out.sort((a, b) => a - b);
}

function drawThreshold(u: uPlot, state: DrawState): void {
  const ctx = u.ctx;
  const { left, width } = u.bbox;
  ctx.save();
  ctx.strokeStyle = state.palette.threshold;
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
  for (const k of state.lane === 'unit' ? [state.threshold] : [state.threshold, -state.threshold]) {
    const y = Math.round(u.valToPos(k, 'y', true)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
  }
  ctx.restore();
}

/** Bucket scores for the lane: ±Infinity (a constant window broken) drawn at the lane's edge. */
export function laneScores(score: Float64Array, threshold: number): Float64Array {
  let maxFinite = threshold;
  for (let i = 0; i < score.length; i++) {
    const a = Math.abs(score[i]);
    if (Number.isFinite(a) && a > maxFinite) maxFinite = a;
  }
  const cap = maxFinite * 1.1;
  const out = new Float64Array(score.length);
  for (let i = 0; i < score.length; i++) {
    const s = score[i];
    out[i] = s === Infinity ? cap : s === -Infinity ? -cap : s;
  }
  return out;
}
