// What a chart needs of a detection run's per-point output (combined score, flagged indices, severities),
// derived once per series result, and a stable key of a configuration for caching runs.

import type { SeriesScores } from '../chart';
import type { DetectionConfig, SeriesPointResults } from './run-types';

const scoresOf = new WeakMap<SeriesPointResults, SeriesScores>();

/** Chart scores of one series' run output (cached: the arrays, and so their chart summaries, are reused). */
export function chartScores(points: SeriesPointResults): SeriesScores {
  let s = scoresOf.get(points);
  if (!s) {
    let count = 0;
    for (let i = 0; i < points.flag.length; i++) count += points.flag[i];
    const flagged = new Uint32Array(count);
    for (let i = 0, k = 0; i < points.flag.length; i++) if (points.flag[i]) flagged[k++] = i;
    s = { score: points.score, flagged, severity: points.severity };
    scoresOf.set(points, s);
  }
  return s;
}

/** JSON of a value with object keys sorted, so equal configurations built in any key order match. */
export function configKey(config: DetectionConfig): string {
  const canonical = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(canonical);
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k])]));
    }
    return x;
  };
  return JSON.stringify(canonical(config));
}
