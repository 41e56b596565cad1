// NAB labelled windows stored on their dataset's record (DatasetMeta.nabLabels): attach, replace or
// remove them in one transaction; deleting the dataset deletes them with it.

import type { DatasetLabels } from '../model/labels';
import type { DatasetMeta } from '../model/series';
import { db } from './db';

/** Sets (or with undefined removes) a dataset's labels; undefined when the dataset does not exist. */
export async function setDatasetLabels(datasetId: string, labels: DatasetLabels | undefined): Promise<DatasetMeta | undefined> {
  const tx = (await db()).transaction('datasets', 'readwrite');
  const meta = await tx.store.get(datasetId);
  if (!meta) {
    await tx.done;
    return undefined;
  }
  const { nabLabels: _old, ...rest } = meta;
  const next: DatasetMeta = labels ? { ...rest, nabLabels: labels } : rest;
  await Promise.all([tx.store.put(next), tx.done]);
  return next;
}
