// The end of a Prometheus text / OpenMetrics parse: times for samples the file left untimed, series sorted
// by time, family metadata attached (declared or inferred), and warnings saying what was assumed.

import { trimColumn } from '../model/column-trim';
import type { MetricType, Series, TimeEncoding } from '../model/series';
import type { DefaultSampleTime, ParsedFile } from './types';
import { Families, inferTypes } from './prom-families';
import { UNTIMED, type SeriesBuffer, type SeriesTable } from './prom-series';

/** Untimed scrapes are placed this far apart: Prometheus's default scrape_interval (1 m). */
export const SCRAPE_STEP_MS = 60_000;

/** Dates JavaScript can represent: ±8.64e15 ms (±100 million days around 1970). */
const MAX_DATE_MS = 8.64e15;

export interface FinishOptions {
  format: string;
  /** How timestamps were written, when the file has timestamps. */
  timeEncoding: TimeEncoding;
  /** Extra warnings from the parser (exemplars dropped, …). */
  warnings: string[];
  /** When the file has no timestamp at all: the time of its last scrape (else epoch 0). */
  defaultSampleTime?: DefaultSampleTime;
}

const plural = (n: number, one: string, many = one + 's'): string => `${n} ${n === 1 ? one : many}`;

function placeUntimed(s: SeriesBuffer, base: number): void {
  if (!(s.timing & UNTIMED)) return;
  const mask = s.untimedMask;
  for (let i = 0; i < s.length; i++) if (!mask || mask[i]) s.t[i] = base + s.t[i] * SCRAPE_STEP_MS;
}

/** Sorts by time (stable); returns [points that were earlier than the one before, duplicate times]. */
function orderByTime(s: SeriesBuffer): [number, number] {
  let backward = 0;
  for (let i = 1; i < s.length; i++) if (s.t[i] < s.t[i - 1]) backward++;
  if (backward > 0) {
    const order = Array.from({ length: s.length }, (_, i) => i).sort((a, b) => s.t[a] - s.t[b] || a - b);
    const t = new Float64Array(s.length);
    const v = new Float64Array(s.length);
    order.forEach((from, i) => {
      t[i] = s.t[from];
      v[i] = s.v[from];
    });
    s.t = t;
    s.v = v;
  }
  let duplicates = 0;
  for (let i = 1; i < s.length; i++) if (s.t[i] === s.t[i - 1]) duplicates++;
  return [backward, duplicates];
}

/** The caller's default time when it is a date (the last scrape of an untimed file is dated there). */
function usableDefault(fallback: DefaultSampleTime | undefined): DefaultSampleTime | undefined {
  return fallback && Number.isFinite(fallback.ms) && Math.abs(fallback.ms) <= MAX_DATE_MS ? fallback : undefined;
}

/** Time of the first untimed scrape: the latest timestamp in the file, else so that the last scrape is at the default time, else 0. */
function untimedBase(table: SeriesTable, fallback: DefaultSampleTime | undefined): number {
  if (table.latestTime > -Infinity && Math.abs(table.latestTime) <= MAX_DATE_MS) return table.latestTime;
  const at = table.timedPoints === 0 ? usableDefault(fallback) : undefined;
  return at ? at.ms - table.scrape * SCRAPE_STEP_MS : 0;
}

function untimedWarning(table: SeriesTable, fallback: DefaultSampleTime | undefined): string | undefined {
  if (table.untimedPoints === 0) return undefined;
  const scrapes = table.scrape + 1;
  const repeated = scrapes > 1 ? `; the file holds ${scrapes} scrapes (a new one starts where a series repeats), placed ${SCRAPE_STEP_MS / 1000} s apart (Prometheus's default scrape interval)` : '';
  if (table.timedPoints === 0) {
    const at = usableDefault(fallback);
    if (at) {
      const earlier = scrapes > 1 ? ` (the last of ${scrapes} scrapes, a new one starting where a series repeats; the earlier ones placed ${SCRAPE_STEP_MS / 1000} s apart, Prometheus's default scrape interval)` : '';
      return `No timestamps in file: samples dated at ${at.source} ${new Date(at.ms).toISOString()}${earlier}.`;
    }
    return `No sample has a timestamp and the scrape time is not in the file: samples were placed at ${new Date(0).toISOString()}${repeated}.`;
  }
  return `${plural(table.untimedPoints, 'sample')} had no timestamp: they were placed at the latest timestamp in the file, ${new Date(table.latestTime).toISOString()}${repeated}.`;
}

export function finishSeries(table: SeriesTable, families: Families, opts: FinishOptions): ParsedFile {
  const warnings = [...opts.warnings];
  const untimed = untimedWarning(table, opts.defaultSampleTime);
  if (untimed) warnings.push(untimed);
  const base = untimedBase(table, opts.defaultSampleTime);
  const kept = table.series.filter((s) => s.kept && s.length > 0);
  const undeclared = kept.filter((s) => !families.familyOf(s.key.metricName)?.[1].type);
  const inferred = inferTypes(undeclared.map((s) => ({ metricName: s.key.metricName, labelNames: s.key.labels.map(([k]) => k) })));
  let backwardSeries = 0;
  let backwardPoints = 0;
  let duplicates = 0;
  let outOfRange = 0;
  const series: Series[] = kept.map((s) => {
    placeUntimed(s, base);
    const [backward, dup] = orderByTime(s);
    if (backward > 0) backwardSeries++;
    backwardPoints += backward;
    duplicates += dup;
    if (s.length > 0 && (Math.abs(s.t[0]) > MAX_DATE_MS || Math.abs(s.t[s.length - 1]) > MAX_DATE_MS)) outOfRange++;
    const family = families.familyOf(s.key.metricName)?.[1];
    const metricType: MetricType = family?.type ?? inferred.get(s.key.metricName) ?? 'untyped';
    return {
      name: s.name,
      labels: Object.fromEntries(s.key.labels),
      metricType,
      ...(family?.unit ? { unit: family.unit } : {}),
      ...(family?.help ? { help: family.help } : {}),
      t: trimColumn(s.t, s.length),
      v: trimColumn(s.v, s.length),
    };
  });
  if (inferred.size > 0) {
    const kinds = [...new Set(inferred.values())].join(', ');
    warnings.push(`${plural(inferred.size, 'metric name')} had no # TYPE; their type (${kinds}) was inferred from the names and labels (_bucket with le, quantile, _sum/_count, _total).`);
  }
  if (backwardPoints > 0) {
    warnings.push(`${plural(backwardPoints, 'sample')} in ${plural(backwardSeries, 'series', 'series')} came earlier than the sample before; each series was sorted by time.`);
  }
  if (duplicates > 0) warnings.push(`${plural(duplicates, 'sample')} repeated the timestamp of the sample before in the same series; all were kept.`);
  if (outOfRange > 0) warnings.push(`${plural(outOfRange, 'series', 'series')} have timestamps beyond the dates JavaScript can show (±8.64e15 ms); kept as written.`);
  return { format: opts.format, ...(table.timedPoints > 0 ? { timeEncoding: opts.timeEncoding } : {}), series, warnings };
}
