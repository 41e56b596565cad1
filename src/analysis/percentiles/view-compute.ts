// The percentile view's computation for one request: reads the source's series or span set through the
// given readers, picks the bucket width and returns lines and summary (the worker passes the store's readers).
import type { PercentileKernels } from '../../kernels/percentile-types';
import type { Series, SeriesMeta } from '../../model/series';
import { SPAN_STATUS, type TraceSet } from '../../model/traces';
import { bucketLabel, bucketWidthMs } from './bucket-width';
import { spanDurationSeries } from './spans';
import { histogramPercentiles, membersExtent, summaryPercentiles, type GroupMember } from './view-groups';
import { counterRate, valuePercentiles } from './view-lines';
import { histogramGroups, isCounter, summaryGroups } from './view-sources';
import { DEFAULT_ALPHA } from './sketch';
import type { BucketChoice, PercentileMethod, PercentileResult, PercentileSourceRef } from './view-types';

export interface PercentileData {
  series: readonly SeriesMeta[];
  readSeries(index: number): Promise<Series>;
  readTraces(): Promise<TraceSet>;
}

const finiteExtent = (t: Float64Array): number => {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < t.length; i++) {
    if (t[i] < lo) lo = t[i];
    if (t[i] > hi) hi = t[i];
  }
  return hi >= lo ? hi - lo : 0;
};

/** A unit from a series name's suffix (latency_ms, _seconds, _bytes), else the declared unit. */
function unitOfSeries(s: Pick<SeriesMeta, 'name' | 'unit'>): string {
  const m = /_(ms|seconds|s|bytes|pct)(_bucket|_total)?$/.exec(s.name.replace(/\{.*$/, ''));
  const unit = m ? { ms: 'ms', seconds: 's', s: 's', bytes: 'B', pct: '%' }[m[1]] ?? '' : '';
  return unit || s.unit || '';
}

/** What a span set is, in words: "every span", "spans of cart", "cart GET /cart", plus "with error status". */
export function spanSetTitle(ref: Extract<PercentileSourceRef, { kind: 'spans' }>): string {
  const base = ref.operation !== undefined ? `${ref.service ?? ''} ${ref.operation}`.trim() : ref.service !== undefined ? `spans of ${ref.service}` : 'every span';
  return `${base} — durations${ref.errorsOnly ? ', errors only' : ''}`;
}

async function members(data: PercentileData, indices: { index: number; bound: number }[]): Promise<GroupMember[]> {
  return Promise.all(indices.map(async (m) => {
    const s = await data.readSeries(m.index);
    return { bound: m.bound, t: s.t, v: s.v };
  }));
}

function empty(title: string, unit: string, kind: PercentileResult['kind'], method: PercentileMethod, notes: string[]): PercentileResult {
  return { title, kind, unit, bucketMs: 60_000, method, t: new Float64Array(0), count: new Float64Array(0), lines: [], valueCount: 0, summary: [], alpha: DEFAULT_ALPHA, notes };
}

/** Lines and summary of `source` for the view; a RangeError names a source the dataset does not hold. */
export async function computePercentiles(kernels: PercentileKernels, data: PercentileData, source: PercentileSourceRef, bucket: BucketChoice, method: PercentileMethod): Promise<PercentileResult> {
  const auto = (rangeMs: number, points: number): { ms: number; note: string[] } => {
    const ms = bucketWidthMs(bucket, rangeMs, points);
    return { ms, note: bucket === 'auto' ? [`Bucket width ${bucketLabel(ms)}, chosen for the range (auto).`] : [] };
  };
  if (source.kind === 'series' || source.kind === 'rate') {
    const meta = data.series.find((s) => s.index === source.index);
    if (!meta) throw new RangeError(`This dataset has no series #${source.index}.`);
    if (source.kind === 'series' && isCounter(meta)) {
      return empty(meta.name, unitOfSeries(meta), 'counter', method, [`${meta.name} is a counter: it only grows (or resets), so percentiles of its values say nothing. Its rate per second has meaningful percentiles.`]);
    }
    const s = await data.readSeries(source.index);
    const values = source.kind === 'rate' ? counterRate(s.t, s.v) : { t: s.t, v: s.v };
    const title = source.kind === 'rate' ? `rate(${meta.name}) per second` : meta.name;
    const w = auto(finiteExtent(values.t), values.t.length);
    const notes = source.kind === 'rate' ? ['Per-second rate between consecutive samples; a drop is taken as a counter reset.', ...w.note] : w.note;
    return valuePercentiles(kernels, { title, unit: source.kind === 'rate' ? '/s' : unitOfSeries(meta), t: values.t, v: values.v, bucketMs: w.ms, method, notes });
  }
  if (source.kind === 'histogram' || source.kind === 'summary') {
    const groups = source.kind === 'histogram' ? histogramGroups(data.series) : summaryGroups(data.series);
    const g = groups.find((x) => x.key === source.key);
    if (!g) throw new RangeError(`This dataset has no ${source.kind} ${source.key}.`);
    const ms = await members(data, g.members);
    const ext = membersExtent(ms);
    const w = auto(Number.isFinite(ext.start) ? ext.end - ext.start : 0, ext.points / Math.max(1, ms.length));
    const unit = unitOfSeries(data.series[g.members[0]?.index] ?? { name: g.name });
    const r = source.kind === 'histogram' ? histogramPercentiles(g.name, unit, ms, w.ms, method) : summaryPercentiles(g.name, unit, ms, w.ms);
    r.notes.push(...w.note);
    return r;
  }
  const set = await data.readTraces();
  const svc = source.service === undefined ? -1 : set.services.indexOf(source.service);
  const op = source.operation === undefined ? -1 : set.operations.indexOf(source.operation);
  const title = spanSetTitle(source);
  if ((source.service !== undefined && svc < 0) || (source.operation !== undefined && op < 0)) {
    return empty(title, 'ms', 'values', method, ['No span of this dataset matches this span set.']);
  }
  const keep = (r: number): boolean =>
    (svc < 0 || set.serviceIdx[r] === svc) && (op < 0 || set.operationIdx[r] === op) && (!source.errorsOnly || set.status[r] === SPAN_STATUS.error);
  const { t, v } = spanDurationSeries(set, keep);
  const w = auto(finiteExtent(t), t.length);
  return valuePercentiles(kernels, { title, unit: 'ms', t, v, bucketMs: w.ms, method, notes: [...(t.length ? [] : ['No span of this dataset matches this span set.']), ...w.note] });
}
