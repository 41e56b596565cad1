// Per-dataset documents the user wrote (SLO definitions as OpenSLO YAML, chaos scenarios and runs as JSON),
// stored as text under [datasetId, kind]; deleteDataset removes them with their dataset.

import { db, type DatasetDocument, type DocumentKind } from './db';

export type { DatasetDocument, DocumentKind } from './db';

/** The dataset's document of that kind, or undefined when none was saved. */
export async function getDocument(datasetId: string, kind: DocumentKind): Promise<DatasetDocument | undefined> {
  return (await db()).get('documents', [datasetId, kind]);
}

/** Saves (replaces) the dataset's document of that kind. Rejects when the dataset does not exist. */
export async function putDocument(datasetId: string, kind: DocumentKind, text: string): Promise<DatasetDocument> {
  const tx = (await db()).transaction(['datasets', 'documents'], 'readwrite');
  if ((await tx.objectStore('datasets').getKey(datasetId)) === undefined) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error(`Dataset ${datasetId} does not exist (it may have been deleted); nothing was saved.`);
  }
  const doc: DatasetDocument = { datasetId, kind, text, updated: Date.now() };
  await Promise.all([tx.objectStore('documents').put(doc), tx.done]);
  return doc;
}

/** Removes the dataset's document of that kind (no error when there is none). */
export async function deleteDocument(datasetId: string, kind: DocumentKind): Promise<void> {
  await (await db()).delete('documents', [datasetId, kind]);
}
