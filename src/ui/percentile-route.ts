// The percentile view's selection in the URL: the source (series=, rate=, histogram=, summary=, or
// spans=1 with service=, operation=, errors=1), bucket= and method=; parsed, defaulted and written back.
import { BUCKET_CHOICES, type BucketChoice, type PercentileMethod, type PercentileSourceRef, type PercentileSources } from '../workers/api-percentiles';

export interface PercentileSelection {
  source: PercentileSourceRef | undefined;
  bucket: BucketChoice;
  method: PercentileMethod;
}

const SOURCE_KEYS = ['series', 'rate', 'histogram', 'summary', 'spans', 'service', 'operation', 'errors'] as const;

/** The source named by the parameters, or undefined when they name none. */
export function sourceFromParams(p: URLSearchParams): PercentileSourceRef | undefined {
  const index = (name: string): number | undefined => {
    const s = p.get(name);
    const n = s === null || s.trim() === '' ? NaN : Number(s);
    return Number.isInteger(n) && n >= 0 ? n : undefined;
  };
  const series = index('series');
  if (series !== undefined) return { kind: 'series', index: series };
  const rate = index('rate');
  if (rate !== undefined) return { kind: 'rate', index: rate };
  const histogram = p.get('histogram');
  if (histogram) return { kind: 'histogram', key: histogram };
  const summary = p.get('summary');
  if (summary) return { kind: 'summary', key: summary };
  if (p.get('spans') === '1') {
    const service = p.get('service') ?? undefined;
    const operation = p.get('operation') ?? undefined;
    return { kind: 'spans', ...(service !== undefined ? { service } : {}), ...(operation !== undefined ? { operation } : {}), errorsOnly: p.get('errors') === '1' };
  }
  return undefined;
}

/** The parameters naming `source` (only its own keys). */
export function sourceParams(source: PercentileSourceRef): Record<string, string> {
  switch (source.kind) {
    case 'series':
    case 'rate':
      return { [source.kind]: String(source.index) };
    case 'histogram':
    case 'summary':
      return { [source.kind]: source.key };
    case 'spans':
      return {
        spans: '1',
        ...(source.service !== undefined ? { service: source.service } : {}),
        ...(source.operation !== undefined ? { operation: source.operation } : {}),
        ...(source.errorsOnly ? { errors: '1' } : {}),
      };
  }
}

/** A stable string for a source (the picker's option value). */
export function sourceKey(source: PercentileSourceRef): string {
  return new URLSearchParams(sourceParams({ ...source, ...(source.kind === 'spans' ? { errorsOnly: false } : {}) })).toString();
}

export function parseSelection(p: URLSearchParams): PercentileSelection {
  const bucket = p.get('bucket');
  return {
    source: sourceFromParams(p),
    bucket: (BUCKET_CHOICES as readonly string[]).includes(bucket ?? '') ? (bucket as BucketChoice) : 'auto',
    method: p.get('method') === 'sketch' ? 'sketch' : 'exact',
  };
}

/** Every parameter of a selection, with the other source keys cleared (for replaceParams / navigate). */
export function selectionParams(sel: PercentileSelection & { source: PercentileSourceRef }): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const k of SOURCE_KEYS) out[k] = undefined;
  Object.assign(out, sourceParams(sel.source));
  out.bucket = sel.bucket === 'auto' ? undefined : sel.bucket;
  out.method = sel.method === 'exact' ? undefined : sel.method;
  return out;
}

const LATENCY = /latency|duration|_ms\b|_seconds\b|response.?time/i;

/** The source shown when the URL names none: a latency-like series, else the first series, histogram, summary or span set. */
export function defaultSource(s: PercentileSources): PercentileSourceRef | undefined {
  const values = s.series.filter((x) => x.kind === 'values');
  const latency = values.find((x) => LATENCY.test(x.name));
  if (latency) return { kind: 'series', index: latency.index };
  if (s.histograms.length) return { kind: 'histogram', key: s.histograms[0].key };
  if (s.spans) return { kind: 'spans', errorsOnly: false };
  if (values.length) return { kind: 'series', index: values[0].index };
  if (s.summaries.length) return { kind: 'summary', key: s.summaries[0].key };
  if (s.series.length) return { kind: 'rate', index: s.series[0].index };
  return undefined;
}
