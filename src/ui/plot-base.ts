// What every uPlot time chart of the app shares: the font, millisecond timestamps shown in UTC, no
// built-in legend (views draw their own), the axis style read from the palette at draw time (a theme
// change needs only a redraw), and the x axis with the shared UTC tick labels.
import uPlot from 'uplot';
import { timeTicks } from './time-ticks';

export const CHART_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const utc = (ts: number): Date => uPlot.tzDate(new Date(ts), 'Etc/UTC');

/** The colours an axis needs (every chart palette has them). */
export interface AxisColours {
  axis: string;
  grid: string;
}

/** Size, ms timestamps shown in UTC, padding, and no built-in legend. */
export function timePlotBase(width: number, height: number, padding: uPlot.Padding): Pick<uPlot.Options, 'width' | 'height' | 'ms' | 'tzDate' | 'padding' | 'legend'> {
  return { width, height, ms: 1, tzDate: utc, padding, legend: { show: false } };
}

/** Axis stroke, font, grid and ticks, coloured from `colours()` each time uPlot draws. */
export function axisStyle(colours: () => AxisColours, tickSize = 4): Pick<uPlot.Axis, 'stroke' | 'font' | 'grid' | 'ticks'> {
  return {
    stroke: () => colours().axis,
    font: CHART_FONT,
    grid: { stroke: () => colours().grid, width: 1 },
    ticks: { stroke: () => colours().grid, width: 1, size: tickSize },
  };
}

/** The x axis, `size` px tall, with UTC tick labels (or none when `labels` is false: grid only). */
export function timeAxis(colours: () => AxisColours, size: number, space: number, labels = true, tickSize = 4): uPlot.Axis {
  return {
    ...axisStyle(colours, tickSize),
    size,
    space,
    values: labels ? (_u, splits, _i, _space, incr) => timeTicks(splits, incr) : (_u, splits) => splits.map(() => ''),
  };
}

/**
 * Smallest and largest finite value of the series on scale `key` inside the x scale (Infinity, -Infinity
 * when there is none), for range functions to use instead of uPlot's min and max: those start from the
 * first non-null value, so a NaN there (a z-score's warm-up, a missing first sample, an empty first
 * window) made them NaN, and a plot fell back to a default range that cut every spike off.
 */
export function scaleExtent(u: uPlot, key: string): [number, number] {
  const t = u.data[0];
  const lo = u.scales.x?.min ?? -Infinity;
  const hi = u.scales.x?.max ?? Infinity;
  let min = Infinity;
  let max = -Infinity;
  u.series.forEach((s, k) => {
    if (k === 0 || s.scale !== key) return;
    const d = u.data[k];
    for (let i = 0; i < t.length; i++) {
      const v = d[i];
      if (t[i] < lo || t[i] > hi || v == null || !Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  });
  return [min, max];
}

/** A range function of scaleExtent's finite min and max (see there) in place of uPlot's. */
export function finiteRange(key: string, fn: (min: number, max: number) => uPlot.Range.MinMax): uPlot.Range.Function {
  return (u) => fn(...scaleExtent(u, key));
}
