// Sparklines of the Overview's series and services tables: one series' buckets (series-shapes.ts) or one
// service's span rate (traces/service-shapes.ts), both through the worker, mapped to the pixels of a small
// canvas (pure, unit-tested), then drawn as a min/max envelope per pixel column under the line of each
// bucket's last value, in the chart palette's line colour.
import type { SeriesShapes } from '../workers/api';
import type { ServiceShapes } from '../workers/api-trace-insights';
import type { ChartPalette } from './theme';

/** CSS pixels of a sparkline; one bucket per pixel column. */
export const SPARK_WIDTH = 160;
export const SPARK_HEIGHT = 28;
/** CSS pixels kept free above and below the values (the line's width and the dots' radius fit in it). */
const PAD = 2.5;

/** One series' buckets (views into SeriesShapes). */
export interface SparkBuckets {
  min: Float64Array;
  max: Float64Array;
  last: Float64Array;
  points: Uint32Array;
}

export interface SparkPoint {
  x: number;
  y: number;
}

export interface SparkPath {
  /** Per bucket with a finite value: its column's centre x and the y of its max (top) and min (bottom). */
  columns: { x: number; top: number; bottom: number }[];
  /** The line through the buckets' last values, broken at gaps; a run of one point is drawn as a dot. */
  runs: SparkPoint[][];
}

/** Series j's buckets of the dataset's shapes. */
export function bucketsOf(shapes: SeriesShapes, j: number): SparkBuckets {
  const from = j * shapes.buckets;
  const to = from + shapes.buckets;
  return { min: shapes.min.subarray(from, to), max: shapes.max.subarray(from, to), last: shapes.last.subarray(from, to), points: shapes.points.subarray(from, to) };
}

/**
 * Service j's spans a second per bucket of `bucketMs` ms, every bucket a value (none started in it: a rate
 * of 0, not a gap in the data).
 */
export function rateBucketsOf(shapes: ServiceShapes, j: number, bucketMs: number): SparkBuckets {
  const counts = shapes.spans.subarray(j * shapes.buckets, (j + 1) * shapes.buckets);
  const rate = Float64Array.from(counts, (n) => (n * 1000) / bucketMs);
  return { min: rate, max: rate, last: rate, points: new Uint32Array(shapes.buckets).fill(1) };
}

/**
 * Empty buckets in a row a line may cross: up to twice the series' mean sampling interval (`count` points
 * from `first` to `last`) in buckets of `bucketWidth` ms, as those are only its sampling being sparser
 * than the buckets; longer runs are gaps in the data.
 */
export function bridgeOf(count: number, first: number, last: number, bucketWidth: number): number {
  if (!(count >= 2 && bucketWidth > 0)) return 0;
  return Math.floor((2 * (last - first)) / (count - 1) / bucketWidth);
}

/**
 * Maps the buckets to a width × height box (any pixel unit), `pad` kept free above and below: bucket b's
 * column is centred at (b + 0.5) · width / buckets, and the series' own value range fills the height (a
 * constant series runs at mid-height). The line breaks at a bucket whose points have no finite value and
 * across more than `bridge` empty buckets in a row.
 */
export function sparkPath(b: SparkBuckets, width: number, height: number, pad: number, bridge: number): SparkPath {
  const n = b.min.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (b.min[i] < lo) lo = b.min[i];
    if (b.max[i] > hi) hi = b.max[i];
  }
  const inner = height - 2 * pad;
  const y = (v: number): number => (hi > lo ? pad + ((hi - v) / (hi - lo)) * inner : height / 2);
  const step = width / n;
  const path: SparkPath = { columns: [], runs: [] };
  let run: SparkPoint[] = [];
  let empty = 0;
  const breakRun = (): void => {
    if (run.length) path.runs.push(run);
    run = [];
  };
  for (let i = 0; i < n; i++) {
    if (b.points[i] === 0) {
      empty++;
      continue;
    }
    if (empty > bridge) breakRun();
    empty = 0;
    if (!(b.min[i] <= b.max[i])) {
      breakRun(); // points, but none with a finite value
      continue;
    }
    const x = (i + 0.5) * step;
    path.columns.push({ x, top: y(b.max[i]), bottom: y(b.min[i]) });
    run.push({ x, y: y(b.last[i]) });
  }
  breakRun();
  return path;
}

/** Sizes the canvas for the device's pixels and draws the path (given in CSS pixels) in the palette. */
export function drawSparkline(canvas: HTMLCanvasElement, b: SparkBuckets, bridge: number, palette: ChartPalette): void {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(SPARK_WIDTH * dpr);
  canvas.height = Math.round(SPARK_HEIGHT * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { columns, runs } = sparkPath(b, SPARK_WIDTH, SPARK_HEIGHT, PAD, bridge);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, SPARK_WIDTH, SPARK_HEIGHT);
  const column = SPARK_WIDTH / b.min.length;
  // The envelope in the line's colour, half strong: a peak the last values miss still stands out.
  ctx.fillStyle = palette.line;
  ctx.globalAlpha = 0.45;
  for (const c of columns) ctx.fillRect(c.x - column / 2, c.top, column, Math.max(c.bottom - c.top, 1 / dpr));
  ctx.globalAlpha = 1;
  ctx.strokeStyle = palette.line;
  ctx.fillStyle = palette.line;
  ctx.lineWidth = 1.25;
  ctx.lineJoin = 'round';
  for (const r of runs) {
    ctx.beginPath();
    if (r.length === 1) {
      ctx.arc(r[0].x, r[0].y, 1.75, 0, 2 * Math.PI);
      ctx.fill();
      continue;
    }
    r.forEach((p, i) => (i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y)));
    ctx.stroke();
  }
}
