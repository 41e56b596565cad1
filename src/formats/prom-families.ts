// Metric families of Prometheus text and OpenMetrics: the metadata lines (# HELP, # TYPE, # UNIT) and which
// family a sample name belongs to (`x_bucket` → histogram `x`), with inference when a file declares none.

import type { MetricType } from '../model/series';

export interface FamilyMeta {
  type?: MetricType;
  help?: string;
  unit?: string;
  /** 1-based line of the # TYPE line, 0 when none. */
  typeLine: number;
}

/** Sample name suffixes each family type owns, besides the family name itself. */
const SUFFIXES: Record<MetricType, string[]> = {
  counter: ['_total', '_created'],
  gauge: [],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  gaugehistogram: ['_bucket', '_gcount', '_gsum'],
  summary: ['_sum', '_count', '_created'],
  info: ['_info'],
  stateset: [],
  untyped: [],
};

export const PROMETHEUS_TYPES: Record<string, MetricType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  untyped: 'untyped',
};

export const OPENMETRICS_TYPES: Record<string, MetricType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  gaugehistogram: 'gaugehistogram',
  stateset: 'stateset',
  info: 'info',
  summary: 'summary',
  unknown: 'untyped',
};

export type MetadataLine =
  | { kind: 'help' | 'type' | 'unit'; family: string; text: string }
  | { kind: 'eof' }
  | { kind: 'comment' };

/** Reads a line starting with `#` (decoded text, without the line feed). */
export function readMetadataLine(line: string): MetadataLine {
  const m = /^#[ \t]+(HELP|TYPE|UNIT|EOF)(?:[ \t]+(\S+)(?:[ \t](.*))?)?$/.exec(line);
  if (!m) return { kind: 'comment' };
  if (m[1] === 'EOF') return m[2] === undefined ? { kind: 'eof' } : { kind: 'comment' };
  if (m[2] === undefined) return { kind: 'comment' };
  const kind = m[1] === 'HELP' ? 'help' : m[1] === 'TYPE' ? 'type' : 'unit';
  const family = m[2].startsWith('"') && m[2].endsWith('"') && m[2].length > 1 ? m[2].slice(1, -1) : m[2];
  return { kind, family, text: kind === 'help' ? (m[3] ?? '') : (m[3] ?? '').trim() };
}

/** HELP docstring escapes: `\\` and `\n`; other backslashes are kept as written. */
export function unescapeHelp(s: string): string {
  return s.replace(/\\([\\n])/g, (_all: string, c: string) => (c === 'n' ? '\n' : '\\'));
}

export class Families {
  readonly byName = new Map<string, FamilyMeta>();

  meta(family: string): FamilyMeta {
    let f = this.byName.get(family);
    if (!f) {
      f = { typeLine: 0 };
      this.byName.set(family, f);
    }
    return f;
  }

  /** The family a sample name belongs to: itself, or its name minus a suffix its declared type owns. */
  familyOf(metricName: string): [string, FamilyMeta] | undefined {
    const own = this.byName.get(metricName);
    if (own?.type) return [metricName, own];
    const cut = metricName.lastIndexOf('_');
    if (cut > 0) {
      const base = metricName.slice(0, cut);
      const f = this.byName.get(base);
      if (f?.type && SUFFIXES[f.type].includes(metricName.slice(cut))) return [base, f];
    }
    return own ? [metricName, own] : undefined;
  }
}

/**
 * Types for samples of undeclared families, from their shape: `_bucket` with `le` → histogram, a
 * `quantile` label → summary (and their `_sum` / `_count`), `_total` → counter. Keyed by metric name.
 */
export function inferTypes(samples: { metricName: string; labelNames: string[] }[]): Map<string, MetricType> {
  const inferred = new Map<string, MetricType>();
  const bases = new Map<string, MetricType>();
  for (const { metricName, labelNames } of samples) {
    if (metricName.endsWith('_bucket') && labelNames.includes('le')) bases.set(metricName.slice(0, -7), 'histogram');
    else if (labelNames.includes('quantile')) bases.set(metricName, 'summary');
  }
  for (const { metricName } of samples) {
    if (inferred.has(metricName)) continue;
    const m = /^(.*)(_bucket|_sum|_count)$/.exec(metricName);
    const type = bases.get(metricName) ?? (m ? bases.get(m[1]) : undefined);
    if (type && (type === 'histogram' || m?.[2] !== '_bucket')) inferred.set(metricName, type);
    else if (metricName.endsWith('_total')) inferred.set(metricName, 'counter');
  }
  return inferred;
}
