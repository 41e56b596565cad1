// Sessions against the browser's store: a stored dataset's content and fingerprint (cached per dataset id),
// the stored dataset a session's fingerprint names, and embedded data stored as a new dataset.

import type { DatasetMeta, Series } from '../model/series';
import type { TraceSet } from '../model/traces';
import { listDatasets, readSeries, readTraces, storeDataset } from '../store/datasets';
import { sessionError, type SessionResult } from './errors';
import { datasetFingerprint } from './fingerprint';

export interface DatasetContent {
  series: Series[];
  traces?: TraceSet;
}

/** Fingerprints by dataset id (a stored dataset never changes; deleted ids are never reused). */
const fingerprints = new Map<string, string>();

export async function readContent(meta: DatasetMeta): Promise<DatasetContent> {
  const series: Series[] = [];
  for (let i = 0; i < meta.seriesCount; i++) series.push(await readSeries(meta.id, i));
  return meta.spanCount ? { series, traces: await readTraces(meta.id) } : { series };
}

export async function storedFingerprint(meta: DatasetMeta, content?: DatasetContent): Promise<string> {
  const known = fingerprints.get(meta.id);
  if (known) return known;
  const c = content ?? (await readContent(meta));
  const fp = await datasetFingerprint(c.series, c.traces);
  fingerprints.set(meta.id, fp);
  return fp;
}

/** The stored dataset whose content has this fingerprint (the newest when several), or undefined. */
export async function findByFingerprint(fingerprint: string): Promise<DatasetMeta | undefined> {
  const all = await listDatasets();
  for (let i = all.length - 1; i >= 0; i--) {
    if ((await storedFingerprint(all[i])) === fingerprint) return all[i];
  }
  return undefined;
}

/** Stores a session's embedded data as a dataset of its own (atomically, like every import). */
export async function storeEmbedded(name: string, fingerprint: string, content: DatasetContent, bytes: number): Promise<SessionResult<DatasetMeta>> {
  const r = await storeDataset({ name, fileName: `${name} (from a session)`, format: 'faultline-session', bytes, warnings: [] }, content.series, {}, content.traces);
  if (!r.ok) return { ok: false, error: sessionError('internal', r.error.message, 'dataset.embedded', 'Free some browser storage (delete a dataset), then open the session again.') };
  fingerprints.set(r.value.id, fingerprint);
  return { ok: true, value: r.value };
}
