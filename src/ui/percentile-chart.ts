// The percentile chart: one uPlot line per percentile (p50 … p99.9) over time buckets, coloured along
// the severity ramp of the theme, redrawn on theme change and resized with its host. Presentation only.
import uPlot from 'uplot';
import type { PercentileResult } from '../workers/api-percentiles';
import { formatValue, withUnit } from './format';
import { chartPalette, onThemeChange } from './theme';
import { axisStyle, CHART_FONT, timeAxis, timePlotBase } from './plot-base';

const HEIGHT = 320;
/** Line colours, lowest percentile first (CSS variables of styles.css, themed; legend classes line-0 … in percentiles.css). */
const LINE_VARS = ['--sev-low', '--ok', '--sev-medium', '--sev-critical', '--chart-score', '--chart-axis'];
export const LINE_COUNT = LINE_VARS.length;

export function lineColours(): string[] {
  const css = getComputedStyle(document.documentElement);
  return LINE_VARS.map((v) => css.getPropertyValue(v).trim() || '#888');
}

function options(result: PercentileResult, width: number, onCursor: (i: number) => void): uPlot.Options {
  const colours = lineColours();
  const unit = result.unit;
  return {
    ...timePlotBase(width, HEIGHT, [10, 24, 0, 0]),
    cursor: { drag: { x: true, y: false, setScale: true } },
    // Points sit at bucket starts: the axis runs to the end of the last bucket (a lone bucket gets its width).
    scales: { x: { time: true, range: (_u, min, max) => [min, Math.max(max, min) + result.bucketMs] } },
    axes: [
      timeAxis(chartPalette, 40, 70),
      { ...axisStyle(chartPalette), size: 76, label: unit ? `${result.title} (${unit})` : result.title, labelFont: CHART_FONT, labelSize: 16, values: (_u, splits) => splits.map((v) => withUnit(formatValue(v), unit)) },
    ],
    series: [
      {},
      ...result.lines.map((l, j): uPlot.Series => ({ label: l.name, stroke: colours[j % colours.length], width: j === result.lines.length - 1 ? 1.5 : 2, points: { show: result.t.length < 60, size: 4 }, spanGaps: false })),
    ],
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx ?? -1)] },
  };
}

export class PercentileChart {
  private plot: uPlot | undefined;
  private readonly cleanup: (() => void)[] = [];
  private result: PercentileResult | undefined;

  constructor(private readonly host: HTMLElement, private readonly onCursor: (i: number) => void) {
    const resize = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT }));
    resize.observe(host);
    this.cleanup.push(() => resize.disconnect(), onThemeChange(() => this.result && this.draw(this.result)));
  }

  private width(): number {
    return Math.max(320, Math.floor(this.host.clientWidth || 800));
  }

  /** Draws `result` (replaces the previous plot: line count and colours may change). */
  draw(result: PercentileResult): void {
    this.result = result;
    this.plot?.destroy();
    const data: uPlot.AlignedData = [Array.from(result.t), ...result.lines.map((l) => Array.from(l.v, (x) => (Number.isFinite(x) ? x : null)))];
    this.plot = new uPlot(options(result, this.width(), this.onCursor), data, this.host);
  }

  destroy(): void {
    for (const fn of this.cleanup) fn();
    this.plot?.destroy();
    this.plot = undefined;
  }
}
