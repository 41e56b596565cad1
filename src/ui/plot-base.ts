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
