// OpenMetrics histogram rules checked once the file is read: every histogram (family + labels without
// `le`) has a `+Inf` bucket, and at each point its bucket counts do not decrease as `le` grows.

import type { SeriesBuffer } from './prom-series';

export interface HistogramProblem {
  /** 1-based line of the first bucket sample of the offending histogram. */
  line: number;
  expected: string;
  found: string;
}

function leOf(s: SeriesBuffer): number {
  const le = s.key.labels.find(([k]) => k === 'le')?.[1] ?? '';
  return le === '+Inf' ? Infinity : Number(le);
}

/** `buckets`: the kept `_bucket` series of typed histogram / gaugehistogram families. */
export function checkHistograms(buckets: SeriesBuffer[]): HistogramProblem | undefined {
  const groups = new Map<string, SeriesBuffer[]>();
  for (const s of buckets) {
    const key = `${s.key.metricName}{${s.key.labels.filter(([k]) => k !== 'le').map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  for (const [key, group] of groups) {
    const line = Math.min(...group.map((s) => s.firstLine));
    const sorted = [...group].sort((a, b) => leOf(a) - leOf(b));
    if (leOf(sorted[sorted.length - 1]) !== Infinity) return { line, expected: `a le="+Inf" bucket for the histogram ${key}`, found: sorted[0].name };
    const points = sorted[0].length;
    if (sorted.some((s) => s.length !== points)) continue;
    for (let i = 0; i < points; i++) {
      for (let k = 1; k < sorted.length; k++) {
        if (sorted[k].v[i] < sorted[k - 1].v[i]) {
          return { line: sorted[k].firstLine, expected: `cumulative bucket counts (le="${leOf(sorted[k])}" has fewer than le="${leOf(sorted[k - 1])}")`, found: sorted[k].name };
        }
      }
    }
  }
  return undefined;
}
