// What the UI says about a dataset's contents: its trace facts when it has spans (flat fields on
// DatasetMeta or a nested `traces` summary, whichever the store writes) and a one-line count text.
import type { DatasetMeta } from '../model/series';
import { formatCount } from './format';

export interface TraceFacts {
  traceCount?: number;
  spanCount?: number;
  services?: readonly string[] | number;
  errorSpanCount?: number;
}

type WithTraces = DatasetMeta & TraceFacts & { traces?: TraceFacts };

/** The dataset's trace facts; undefined when it holds no spans. */
export function traceFacts(meta: DatasetMeta): { traces?: number; spans: number; services?: number; serviceNames: readonly string[]; errorSpans?: number } | undefined {
  const m = meta as WithTraces;
  const t: TraceFacts = m.traces ?? m;
  if (t.spanCount === undefined && t.traceCount === undefined) return undefined;
  const names = Array.isArray(t.services) ? (t.services as readonly string[]) : [];
  return {
    traces: t.traceCount,
    spans: t.spanCount ?? 0,
    services: typeof t.services === 'number' ? t.services : t.services?.length,
    serviceNames: names,
    errorSpans: t.errorSpanCount,
  };
}

const plural = (n: number, one: string): string => `${formatCount(n)} ${n === 1 ? one : `${one}s`}`;

/** "2 series · 240 points", plus "· 12 traces · 340 spans" when the dataset has spans. */
export function countsText(meta: DatasetMeta): string {
  const parts = [`${formatCount(meta.seriesCount)} series`, plural(meta.pointCount, 'point')];
  const t = traceFacts(meta);
  if (t) {
    if (t.traces !== undefined) parts.push(plural(t.traces, 'trace'));
    parts.push(plural(t.spans, 'span'));
  }
  return parts.join(' · ');
}
