// The metrics chart: a uPlot value plot over a synced score lane, fed min/max buckets of the VISIBLE
// range only; every zoom or pan re-requests (debounced, latest wins). Wheel zoom, shift+wheel pan;
// detection overlays (incident bands, severity flags) and maintenance windows drawn by shift+drag.
import uPlot from 'uplot';
import type { ChartData } from '../workers/api';
import { laneScores, scoreLaneOptions, valuePlotOptions, type DrawState, type LaneKind } from './chart-options';
import { NAB_WINDOW_LEVEL, type TimeBand } from './chart-overlays';
import { busy } from './idle';
import { severityColours } from './severity';
import { chartPalette, onThemeChange } from './theme';

export type ChartFetch<D extends ChartData = ChartData> = (t0: number, t1: number, buckets: number) => Promise<D>;

/** Detection overlay of one response: per-flag severity levels and incident bands (level = severity). */
export interface ChartOverlay {
  flagLevel?: Uint8Array;
  incidents: TimeBand[];
}

export interface SeriesChartOptions<D extends ChartData = ChartData> {
  /** Series time extent [first, last] in ms. */
  full: [number, number];
  /** Initial visible range (ms), e.g. restored from the URL. */
  initial?: [number, number];
  unit: string;
  label: string;
  threshold: number;
  /** The score lane: signed z-score (default) or an anomaly score in [0, 1]. */
  lane?: LaneKind;
  fetch: ChartFetch<D>;
  /** Overlays carried by a response (detection results); none by default. */
  overlayOf?: (data: D) => ChartOverlay;
  /** A time span drawn with shift+drag or in draw mode (maintenance windows); without it a drag zooms. */
  onWindowDrawn?: (t0: number, t1: number) => void;
  /** After each applied response (the data shown now and its range). */
  onData: (data: D, t0: number, t1: number) => void;
  onError: (message: string) => void;
  /** Cursor moved over a bucket (index into the last data), or left the plot (-1). */
  onCursor: (index: number) => void;
}

const DEBOUNCE_MS = 50;
const BUCKETS_PER_PIXEL = 2;
const MIN_SPAN_MS = 50;
const VALUE_HEIGHT = 300;
const LANE_HEIGHT = 110;

let syncSeq = 0;

export class SeriesChart<D extends ChartData = ChartData> {
  private readonly value: uPlot;
  private readonly lane: uPlot;
  private readonly state: DrawState;
  private readonly full: [number, number];
  private range: [number, number];
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private endBusy: (() => void) | undefined;
  private applying = false;
  private destroyed = false;
  private drawMode = false;
  private shiftDrag = false;
  private incidents: TimeBand[] = [];
  private windows: TimeBand[] = [];
  private labelWindows: TimeBand[] = [];
  private readonly cleanup: (() => void)[] = [];

  constructor(private readonly host: HTMLElement, private readonly opts: SeriesChartOptions<D>) {
    const [a, b] = opts.full;
    // A single-point series still gets a visible span.
    this.full = b > a ? [a, b] : [a - 30_000, a + 30_000];
    this.range = this.clamp(opts.initial ?? this.full);
    this.state = { palette: chartPalette(), flagT: new Float64Array(0), flagV: new Float64Array(0), threshold: opts.threshold, lane: opts.lane ?? 'zscore' };
    if (opts.overlayOf) this.state.overlay = { bands: [], ...this.overlayColours() };
    const width = this.width();
    const key = `faultline-${++syncSeq}`;
    const cursor: uPlot.Cursor = {
      sync: { key },
      drag: { x: true, y: false, setScale: false },
      bind: { dblclick: () => () => (this.reset(), null) },
      points: { show: false },
    };
    const valueEl = host.appendChild(document.createElement('div'));
    valueEl.className = 'chart-value';
    const laneEl = host.appendChild(document.createElement('div'));
    laneEl.className = 'chart-lane';
    const empty: uPlot.AlignedData = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];
    this.value = new uPlot(
      valuePlotOptions(this.state, width, VALUE_HEIGHT, opts.unit, opts.label, cursor, {
        setScale: [(_u, k) => k === 'x' && this.onScale()],
        setSelect: [(u) => this.onSelect(u)],
        setCursor: [(u) => opts.onCursor(u.cursor.idx ?? -1)],
      }),
      empty,
      valueEl,
    );
    this.lane = new uPlot(scoreLaneOptions(this.state, width, LANE_HEIGHT, cursor), [new Float64Array(0), new Float64Array(0)], laneEl);
    this.value.setScale('x', { min: this.range[0], max: this.range[1] });

    const over = this.value.over;
    const wheel = (e: WheelEvent) => this.onWheel(e);
    over.addEventListener('wheel', wheel, { passive: false });
    this.cleanup.push(() => over.removeEventListener('wheel', wheel));
    const down = (e: MouseEvent) => (this.shiftDrag = e.shiftKey);
    over.addEventListener('mousedown', down, { capture: true });
    this.cleanup.push(() => over.removeEventListener('mousedown', down, { capture: true }));
    const resize = new ResizeObserver(() => this.resize());
    resize.observe(host);
    this.cleanup.push(() => resize.disconnect());
    this.cleanup.push(
      onThemeChange(() => {
        this.state.palette = chartPalette();
        if (this.state.overlay) Object.assign(this.state.overlay, this.overlayColours());
        this.value.redraw(false);
        this.lane.redraw(false);
      }),
    );
  }

  /** The visible range (ms). */
  visible(): [number, number] {
    return [this.range[0], this.range[1]];
  }

  setRange(t0: number, t1: number): void {
    const [a, b] = this.clamp([t0, t1]);
    this.value.setScale('x', { min: a, max: b });
  }

  reset(): void {
    this.setRange(this.full[0], this.full[1]);
  }

  /** Zooms by `factor` (< 1 zooms in) around the fraction `at` of the visible width. */
  zoom(factor: number, at = 0.5): void {
    const [a, b] = this.range;
    const pivot = a + (b - a) * at;
    this.setRange(pivot - (pivot - a) * factor, pivot + (b - pivot) * factor);
  }

  /** Pans by a fraction of the visible width (negative: left). */
  pan(fraction: number): void {
    const [a, b] = this.range;
    const d = (b - a) * fraction;
    const [fa, fb] = this.full;
    const shift = d < 0 ? Math.max(d, fa - a) : Math.min(d, fb - b);
    this.setRange(a + shift, b + shift);
  }

  /** Detector settings changed: keep the range, fetch again. */
  setThreshold(threshold: number): void {
    this.state.threshold = threshold;
    this.schedule();
  }

  refetch(): void {
    this.schedule();
  }

  /** Draw mode: a drag marks a time span (onWindowDrawn) instead of zooming. */
  setDrawMode(on: boolean): void {
    this.drawMode = on;
    this.host.classList.toggle('chart-drawing', on);
  }

  /** The maintenance windows to shade (ms spans). */
  setWindows(windows: readonly [number, number][]): void {
    this.windows = windows.map(([t0, t1]) => ({ t0, t1, level: -1 }));
    this.redrawOverlay();
  }

  /** NAB labelled windows to shade (ms spans, inclusive). */
  setLabelWindows(windows: readonly [number, number][]): void {
    this.labelWindows = windows.map(([t0, t1]) => ({ t0, t1, level: NAB_WINDOW_LEVEL }));
    this.redrawOverlay();
  }

  private overlayColours(): { levelColours: string[]; maintenance: string; nabWindow: string } {
    const c = severityColours();
    return { levelColours: c.levels, maintenance: c.maintenance, nabWindow: getComputedStyle(document.documentElement).getPropertyValue('--nab-window').trim() };
  }

  private redrawOverlay(): void {
    if (!this.state.overlay) return;
    this.state.overlay.bands = [...this.labelWindows, ...this.windows, ...this.incidents];
    this.value.redraw(false);
    this.lane.redraw(false);
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.timer);
    this.endBusy?.();
    for (const fn of this.cleanup) fn();
    this.value.destroy();
    this.lane.destroy();
  }

  private width(): number {
    return Math.max(200, Math.floor(this.host.clientWidth || 800));
  }

  private clamp([t0, t1]: [number, number]): [number, number] {
    const [fa, fb] = this.full;
    let a = Math.max(fa, Math.min(t0, t1));
    let b = Math.min(fb, Math.max(t0, t1));
    // Zoom arithmetic drifts by fractions of a ms: snap to the series' edges when within 0.1% of the span.
    const snap = (b - a) * 1e-3;
    if (a - fa < snap) a = fa;
    if (fb - b < snap) b = fb;
    if (!(b - a >= MIN_SPAN_MS)) {
      const mid = Math.min(fb, Math.max(fa, (a + b) / 2));
      a = Math.max(fa, mid - MIN_SPAN_MS / 2);
      b = Math.min(fb, a + MIN_SPAN_MS);
    }
    return [a, b];
  }

  private onScale(): void {
    const { min, max } = this.value.scales.x;
    if (min === undefined || max === undefined) return;
    this.range = [min, max];
    this.lane.setScale('x', { min, max });
    if (!this.applying) this.schedule();
  }

  private onSelect(u: uPlot): void {
    const { left, width } = u.select;
    const drawn = this.opts.onWindowDrawn && (this.drawMode || this.shiftDrag);
    if (width > 4 && drawn) this.opts.onWindowDrawn?.(u.posToVal(left, 'x'), u.posToVal(left + width, 'x'));
    else if (width > 4) this.setRange(u.posToVal(left, 'x'), u.posToVal(left + width, 'x'));
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.value.over.getBoundingClientRect(); // measured each time: layout may have moved
    const horizontal = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
    if (horizontal) {
      const delta = e.shiftKey ? e.deltaY || e.deltaX : e.deltaX;
      this.pan(Math.sign(delta) * 0.1);
    } else if (e.deltaY !== 0) {
      const at = Math.min(1, Math.max(0, (e.clientX - rect.left) / Math.max(1, rect.width)));
      this.zoom(e.deltaY < 0 ? 0.8 : 1.25, at);
    }
  }

  private resize(): void {
    if (this.destroyed) return;
    const w = this.width();
    if (w === this.value.width) return;
    this.value.setSize({ width: w, height: VALUE_HEIGHT });
    this.lane.setSize({ width: w, height: LANE_HEIGHT });
    this.schedule();
  }

  /** Debounced, latest-wins request for the visible range; the app is busy until it is drawn. */
  private schedule(): void {
    if (this.destroyed) return;
    this.endBusy ??= busy();
    this.seq++; // responses to earlier requests are now stale
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.request(), DEBOUNCE_MS);
  }

  private async request(): Promise<void> {
    const my = this.seq;
    const [t0, t1] = this.range;
    const buckets = Math.max(16, Math.round(this.value.bbox.width / devicePixelRatio) * BUCKETS_PER_PIXEL);
    try {
      // t1 is exclusive in the request; include the last point of the series.
      const data = await this.opts.fetch(t0, t1 >= this.full[1] ? t1 + 1 : t1, buckets);
      if (my !== this.seq || this.destroyed) return;
      this.apply(data, t0, t1);
    } catch (e) {
      if (my !== this.seq || this.destroyed) return;
      this.opts.onError(e instanceof Error ? e.message : String(e));
    }
    if (my === this.seq) {
      this.endBusy?.();
      this.endBusy = undefined;
    }
  }

  private apply(data: D, t0: number, t1: number): void {
    this.state.flagT = data.flagT;
    this.state.flagV = data.flagV;
    if (this.opts.overlayOf && this.state.overlay) {
      const o = this.opts.overlayOf(data);
      this.state.overlay.flagLevel = o.flagLevel;
      this.incidents = o.incidents;
      this.state.overlay.bands = [...this.labelWindows, ...this.windows, ...this.incidents];
    }
    this.applying = true;
    try {
      this.value.batch(() => {
        this.value.setData([data.t, data.max, data.min], false);
        this.value.setScale('x', { min: t0, max: t1 });
      });
      this.lane.batch(() => {
        this.lane.setData([data.t, this.state.lane === 'unit' ? data.score : laneScores(data.score, this.state.threshold)], false);
        this.lane.setScale('x', { min: t0, max: t1 });
      });
    } finally {
      this.applying = false;
    }
    this.opts.onData(data, t0, t1);
  }
}
