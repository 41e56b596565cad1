// What the SLO handlers read of a dataset: the series its SLOs select (by the stored series metadata,
// read once and cached for the two most recent datasets) and its spans when an SLO counts spans.

import type { SloDefinition } from '../analysis/slo/definition';
import type { EventInput } from '../analysis/slo/events';
import { sloNeeds } from '../analysis/slo/pipeline';
import { matchesSelector } from '../analysis/slo/selector';
import { mayFeedSuggestion } from '../analysis/slo/suggest';
import type { DatasetMeta, Series } from '../model/series';
import { getDataset, readSeries } from '../store/datasets';
import { loadTraces } from './trace-cache';

const KEEP = 2;
const cache = new Map<string, Map<number, Promise<Series>>>();

function seriesOf(datasetId: string, index: number): Promise<Series> {
  let byIndex = cache.get(datasetId);
  if (!byIndex) {
    byIndex = new Map();
    cache.set(datasetId, byIndex);
    while (cache.size > KEEP) cache.delete(cache.keys().next().value as string);
  }
  const hit = byIndex.get(index);
  if (hit) return hit;
  const p = readSeries(datasetId, index);
  byIndex.set(index, p);
  p.catch(() => byIndex.delete(index));
  return p;
}

/** The dataset's metadata; a readable RangeError when it is gone. */
export async function datasetMeta(datasetId: string): Promise<DatasetMeta> {
  const meta = await getDataset(datasetId);
  if (!meta) throw new RangeError(`No dataset ${datasetId} in this browser's storage (deleted?).`);
  return meta;
}

/** The dataset's series that could feed a suggestion (by name, labels and type). */
export async function suggestionSeries(meta: DatasetMeta): Promise<Series[]> {
  return Promise.all(meta.series.filter(mayFeedSuggestion).map((s) => seriesOf(meta.id, s.index)));
}

/** The series and spans these SLOs read. */
export async function sloInput(meta: DatasetMeta, slos: readonly SloDefinition[]): Promise<EventInput> {
  const needs = slos.map(sloNeeds);
  const selectors = needs.flatMap((n) => n.selectors);
  const indices = meta.series.filter((s) => selectors.some((sel) => matchesSelector(s, sel))).map((s) => s.index);
  const series = await Promise.all(indices.map((i) => seriesOf(meta.id, i)));
  const spans = needs.some((n) => n.spans) && (meta.spanCount ?? 0) > 0;
  return { series, ...(spans ? { traces: [await loadTraces(meta.id)] } : {}) };
}

/** Drops a dataset's cached series (after deletion). */
export function forgetSloInput(datasetId: string): void {
  cache.delete(datasetId);
}
