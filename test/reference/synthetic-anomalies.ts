// Seeded synthetic series with injected anomalies (spike, level shift, variance change) and the
// event-based precision / recall the statistical detector tests state their bars in.

/** mulberry32: a small seeded uniform generator in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates from a uniform generator (Box–Muller). */
export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** One injected anomaly: the points [start, end) a detector should flag at least once. */
export interface LabeledAnomaly {
  start: number;
  end: number;
}

export interface SyntheticSeries {
  v: Float64Array;
  anomalies: LabeledAnomaly[];
}

export type AnomalyKind = 'spike' | 'level-shift' | 'variance-change';

export interface SyntheticOptions {
  kind: AnomalyKind;
  seed: number;
  /** Number of points (default 20 000). */
  n?: number;
  /** Points between injected anomalies (default 400). */
  spacing?: number;
  /** How many points after a level shift count as the anomaly (default 25; a variance change: all of it). */
  labelLength?: number;
}

/**
 * Gaussian noise (σ = 1) around 100 with one anomaly every `spacing` points (after a clean first
 * stretch): a spike of ±(7–12)σ on one point; a level shift of ±(6–10)σ that persists; a variance
 * change that multiplies σ by 5 for spacing/2 points, then returns to 1.
 */
export function syntheticSeries(opts: SyntheticOptions): SyntheticSeries {
  const n = opts.n ?? 20_000;
  const spacing = opts.spacing ?? 400;
  const labelLength = opts.labelLength ?? 25;
  const rand = seededRandom(opts.seed);
  const normal = gaussian(rand);
  const v = new Float64Array(n);
  const anomalies: LabeledAnomaly[] = [];
  let level = 100;
  let sigma = 1;
  let burstEnd = -1;
  for (let i = 0; i < n; i++) {
    const due = i >= spacing && i % spacing === 0;
    const sign = rand() < 0.5 ? -1 : 1;
    let spike = 0;
    if (due && opts.kind === 'spike') {
      spike = sign * (7 + 5 * rand());
      anomalies.push({ start: i, end: i + 1 });
    } else if (due && opts.kind === 'level-shift') {
      level += sign * (6 + 4 * rand());
      anomalies.push({ start: i, end: Math.min(n, i + labelLength) });
    } else if (due && opts.kind === 'variance-change') {
      sigma = 5;
      burstEnd = i + spacing / 2;
      anomalies.push({ start: i, end: Math.min(n, burstEnd) });
    }
    if (i === burstEnd) sigma = 1;
    v[i] = level + sigma * normal() + spike;
  }
  return { v, anomalies };
}

export interface DetectionQuality {
  /** Flags inside some labelled anomaly / all flags (1 when nothing is flagged). */
  precision: number;
  /** Anomalies with at least one flag inside them / all anomalies. */
  recall: number;
  flags: number;
}

/** Event recall and point precision of `flag` against the labelled anomalies. */
export function detectionQuality(flag: Uint8Array, anomalies: readonly LabeledAnomaly[]): DetectionQuality {
  const labelled = new Uint8Array(flag.length);
  for (const a of anomalies) labelled.fill(1, a.start, a.end);
  let flags = 0;
  let hits = 0;
  for (let i = 0; i < flag.length; i++) {
    if (!flag[i]) continue;
    flags++;
    hits += labelled[i];
  }
  const found = anomalies.filter((a) => flag.subarray(a.start, a.end).some((f) => f === 1)).length;
  return { precision: flags === 0 ? 1 : hits / flags, recall: anomalies.length === 0 ? 1 : found / anomalies.length, flags };
}
